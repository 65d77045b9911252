"""``{% cachedfragment %}``: a part of a template rendered once and kept with the page cache.

For what costs most to render and is the same for everyone who sees it -- a listing's
cards, the home page's sections. Django's own ``{% cache %}`` keeps fragments for a fixed
time, so an editor would see a stale card after publishing; these are kept with the page
cache's generations instead (``website.cache.remember``): a purge drops them with the
pages, and each worker keeps its own copy.

    {% cachedfragment "news-card" item.pk item.last_published_at %}…{% endcachedfragment %}
    {% cachedfragment "home-news" page=page %}…{% endcachedfragment %}

The values after the name are part of the key (with the host and the language); with
``page=`` the fragment is also dropped whenever that page's cached responses are (for a
section, when one of its pages is published). Previews always render afresh.
"""

from django import template

from website.cache import remember_for_request

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary, page):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary
        self.page = page

    def render(self, context):
        return remember_for_request(
            "fragment:" + self.name.resolve(context),
            lambda: self.nodelist.render(context),
            context.get("request"),
            *[value.resolve(context) for value in self.vary],
            page=self.page.resolve(context) if self.page is not None else None,
        )


@register.tag
def cachedfragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("cachedfragment needs a name")
    page = None
    vary = []
    for bit in bits[2:]:
        if bit.startswith("page="):
            page = parser.compile_filter(bit[len("page=") :])
        else:
            vary.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, parser.compile_filter(bits[1]), vary, page)
