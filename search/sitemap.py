"""/sitemap.xml: every live public page of both languages, each with its translations
as <xhtml:link rel="alternate" hreflang> (Wagtail's own sitemap has no alternates).

Pages are grouped by ``translation_key``; x-default points at the page in the default
language (Turkish) when it has one."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site


def _site_root_paths(request):
    """Paths of the site's root page and of its translations (one tree per language)."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    return list(
        Page.objects.filter(translation_key=site.root_page.translation_key).values_list(
            "path", flat=True
        )
    )


def sitemap_entries(request):
    roots = _site_root_paths(request)
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gte=2)
        .select_related("locale")
        .only("id", "path", "depth", "url_path", "translation_key", "last_published_at", "locale")
        .order_by("path")
    )
    by_key = {}
    entries = []
    for page in pages:
        if not any(page.path.startswith(root) for root in roots):
            continue
        url = page.get_url(request)
        if not url:
            continue
        item = {
            "location": request.build_absolute_uri(url),
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


@require_GET
def sitemap(request):
    xml = render_to_string("search/sitemap.xml", {"entries": sitemap_entries(request)})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")
