"""/sitemap.xml: every live public page of both languages, each with its translations
as <xhtml:link rel="alternate" hreflang> (Wagtail's own sitemap has no alternates).

Pages are grouped by ``translation_key``; x-default points at the page in the default
language (Turkish) when it has one."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site


def _locale_roots(request):
    """The site's root page and its translations (one tree per language), each with
    the URL prefix of its language: {path: (url_path, "/tr/")}."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {}
    roots = {}
    for root in Page.objects.filter(translation_key=site.root_page.translation_key).select_related(
        "locale"
    ):
        with translation.override(root.locale.language_code):
            prefix = reverse("wagtail_serve", args=[""])
        roots[root.path] = (root.url_path, prefix)
    return roots


def sitemap_entries(request):
    """One entry per live public page of the site's language trees. URLs are built
    from ``url_path`` the way Wagtail builds them (language prefix + path below the
    language's home), without a ``get_url`` call per page: 20,000 pages stay fast."""
    roots = _locale_roots(request)
    if not roots:
        return []
    steplen = Page.steplen
    base = request.build_absolute_uri("/")[:-1]
    root_depth = len(next(iter(roots))) // steplen
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gte=root_depth)
        .select_related("locale")
        .only("id", "path", "url_path", "translation_key", "last_published_at", "locale")
        .order_by("path")
    )
    by_key = {}
    entries = []
    for page in pages:
        root = roots.get(page.path[: root_depth * steplen])
        if root is None:
            continue
        root_url_path, prefix = root
        item = {
            "location": base + prefix + page.url_path[len(root_url_path) :],
            "lastmod": page.last_published_at,
            "language": page.locale.language_code,
            "translation_key": page.translation_key,
        }
        entries.append(item)
        by_key.setdefault(page.translation_key, []).append(item)
    default = settings.LANGUAGE_CODE
    for item in entries:
        group = by_key[item["translation_key"]]
        if len(group) < 2:
            item["alternates"] = []
            continue
        alternates = [{"hreflang": other["language"], "href": other["location"]} for other in group]
        for other in group:
            if other["language"] == default:
                alternates.append({"hreflang": "x-default", "href": other["location"]})
        item["alternates"] = alternates
    return entries


def view_entries(base, url_name, kwargs=None, lastmod=None):
    """Sitemap entries for a view that is not a page, in every language (its URL
    reversed under each), each naming the others as alternates: for the apps'
    ``SITEMAP_EXTRA_ENTRIES`` (the NGO directory, the newsletter)."""
    locations = {}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            locations[code] = base + reverse(url_name, kwargs=kwargs)
    alternates = [{"hreflang": code, "href": href} for code, href in locations.items()]
    alternates.append({"hreflang": "x-default", "href": locations[settings.LANGUAGE_CODE]})
    return [
        {"location": href, "lastmod": lastmod, "language": code, "alternates": alternates}
        for code, href in locations.items()
    ]


@require_safe
def sitemap(request):
    entries = sitemap_entries(request)
    # Public pages that are not Wagtail pages (the NGO directory): each app named in
    # SITEMAP_EXTRA_ENTRIES gives its own entries, alternates included.
    base = request.build_absolute_uri("/")[:-1]
    for dotted in getattr(settings, "SITEMAP_EXTRA_ENTRIES", []):
        entries += import_string(dotted)(request, base)
    xml = render_to_string("home/sitemap.xml", {"entries": entries})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")
