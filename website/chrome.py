"""The chrome every public page shares (masthead, menus, footer), kept in Django's cache.

Rendering it was most of a page's cost when Varnish misses (the menus, the partners'
logos, the site profile and the social settings: a dozen queries and as many renditions
on every page). The masthead and the footer are cached as template fragments with
Wagtail's ``{% wagtailcache %}`` (skipped in previews); what the rest of the page reads
(the menus' resolved items, each page marking its own "current" one; the language's home
page; the site profile; the social settings with their renditions) as data. All per
site and language. Nothing in them
is personal: the newsletter form with its CSRF token, the language switcher and the
breadcrumbs stay outside.

They are forgotten, in every language, whenever something every page shows changes:
the same events that ban the whole site from Varnish (``website.frontend_cache``), and
also without Varnish (``make run``). ``CHROME_CACHE_SECONDS`` bounds how long a missed
event could show an old chrome. With the cache unreachable, pages render as without it.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key

# The fragments of base.html and includes/footer.html, each cached per language and site.
FRAGMENTS = ["site-masthead", "footer-funding", "footer-contact"]
# The data, read through ``kept()``. "promoted": the search queries that have editors'
# picks (``search.views``; a promotion saved or deleted forgets the chrome).
DATA = ["menus", "home", "profile", "social", "promoted"]


def seconds():
    return settings.CHROME_CACHE_SECONDS


def data_key(name, site_id, language):
    return f"chrome-{name}:{site_id}:{language}"


def kept(name, site_id, language, build):
    """``build()``'s value, kept for the site and language until the chrome changes (a
    ``None`` is kept too: a language without a site profile asks no query either)."""
    key = data_key(name, site_id, language)
    found = cache.get(key)
    if found is None:
        found = (build(),)
        cache.set(key, found, seconds())
    return found[0]


def keys():
    from wagtail.models import Site

    # Site 0 and language "": what is the same for every site (the site profile) or
    # every language (the social settings).
    site_ids = [0, *Site.objects.values_list("pk", flat=True)]
    found = []
    for site_id in site_ids:
        for language in ["", *(code for code, _name in settings.LANGUAGES)]:
            found.extend(data_key(name, site_id, language) for name in DATA)
            found.extend(
                make_template_fragment_key(name, [language, site_id]) for name in FRAGMENTS
            )
    return found


def forget():
    """Drop the cached chrome of every site and language."""
    cache.delete_many(keys())
