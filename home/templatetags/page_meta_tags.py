"""The metadata in every page's <head>: Open Graph and the JSON-LD of the organisation
and of the breadcrumbs."""

from django import template
from django.conf import settings
from django.template.base import TextNode
from django.template.loader_tags import BlockNode
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page

from bilingual.languages import active_language
from home.models import SiteProfile, SocialSettings
from home.templatetags.site_tags import canonical_for, canonical_url, page_ancestors
from website.json_ld import json_ld

register = template.Library()

OG_LOCALES = {"tr": "tr_TR", "en": "en_GB"}
OG_IMAGE_FILTER = "fill-1200x630"


def _absolute(request, url):
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url) if request is not None else url


def template_writes_open_graph(context):
    """Whether the page's own template already writes Open Graph tags in its
    ``extra_head`` block (the news article does): then only JSON-LD is added here."""
    template = getattr(context, "template", None)
    if template is None:
        return False
    for node in template.nodelist.get_nodes_by_type(BlockNode):
        if node.name == "extra_head":
            text = "".join(n.s for n in node.nodelist.get_nodes_by_type(TextNode))
            return 'property="og:type"' in text
    return False


@register.inclusion_tag("home/includes/head_meta_tags.html", takes_context=True)
def head_meta(context):
    """Everything is computed from the page in the context; pages that are not Wagtail
    pages (the search page, feeds) get the site-wide part only. A page model can set
    ``og_type`` (e.g. "article") as a class attribute."""
    request = context.get("request")
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    languages = context.get("_language_links") or []
    open_graph = not template_writes_open_graph(context)
    data = _head_meta(request, page.specific if page else None, languages, open_graph)
    if "og_url" in data:
        data["og_url"] = canonical_url(context, page)  # the same address as the canonical link
    view_meta = context.get("view_meta")
    if page is not None and view_meta and data.get("og_title"):
        # A routable page's sub-route (an activity) says what it shows itself.
        data["og_title"] = view_meta.get("title") or data["og_title"]
        data["og_description"] = Truncator(strip_tags(view_meta.get("description") or "")).chars(
            300
        ) or data.get("og_description", "")
    if page is None and view_meta and request is not None:
        # A view that is not a page (the NGO directory) names what it shows.
        data.update(
            page=True,
            og_type="website",
            og_title=view_meta.get("title", ""),
            og_description=Truncator(strip_tags(view_meta.get("description") or "")).chars(300),
            og_url=canonical_url(context),
            og_locale_alternates=[
                OG_LOCALES.get(item["code"], item["code"])
                for item in languages
                if item["code"] != active_language() and item.get("alternate")
            ],
        )
    return data


def _head_meta(request, page, languages, open_graph):
    language = active_language()
    profile = SiteProfile.current(request)
    site_name = profile.site_name if profile else getattr(settings, "WAGTAIL_SITE_NAME", "")

    alternates = [
        OG_LOCALES.get(item["code"], item["code"])
        for item in languages
        if item["code"] != language and item.get("alternate")
    ]
    data = {
        "site_name": site_name,
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": alternates if page is not None else [],
        "page": page is not None,
        "open_graph": open_graph,
    }

    home_url = _absolute(request, f"/{language}/")
    organisation = {"@context": "https://schema.org", "@type": "Organization", "name": site_name}
    organisation["url"] = home_url
    if profile is not None:
        if profile.short_name:
            organisation["alternateName"] = profile.short_name
        if profile.contact_email:
            organisation["email"] = profile.contact_email
    social = SocialSettings.for_page_chrome(request) if request is not None else None
    if social is not None and social.links:
        organisation["sameAs"] = [url for _label, url in social.links]
    data["organisation_json"] = json_ld(organisation)
    # Every page shares with an image: the page's own, else the site's default.
    default_share = getattr(social, "share_rendition", None) if social is not None else None
    if default_share is not None:
        data.update(
            og_image=_absolute(request, default_share.url),
            og_image_width=default_share.width,
            og_image_height=default_share.height,
            og_image_alt=social.share_image.description or site_name,
        )

    if page is None:
        return data

    # A routable page's sub-route (a news category, an activity) is its own address.
    url = canonical_for(request, page) if request is not None else page.full_url
    description = getattr(page, "meta_description", "") or getattr(page, "search_description", "")
    data.update(
        og_type=getattr(page, "og_type", "website"),
        og_title=page.seo_title or page.title,
        og_description=Truncator(strip_tags(description or "")).chars(300),
        og_url=url,
    )
    image = getattr(page, "listing_image", None)
    if image is not None:
        rendition = image.get_rendition(OG_IMAGE_FILTER)
        data.update(
            og_image=_absolute(request, rendition.url),
            og_image_width=rendition.width,
            og_image_height=rendition.height,
            og_image_alt=getattr(image, "description", "") or image.title,
        )

    if page.depth > 2:
        items = [*page_ancestors(request, page), {"title": page.title, "url": None}]
        breadcrumbs = {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": item["title"],
                    "item": _absolute(request, item["url"]) if item["url"] else url,
                }
                for position, item in enumerate(items, start=1)
            ],
        }
        data["breadcrumbs_json"] = json_ld(breadcrumbs)
    return data
