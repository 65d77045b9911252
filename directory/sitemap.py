"""The directory's public pages for /sitemap.xml (search app): the directory itself and
each listed organisation, in both languages, each with the other as its alternate."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .models import Organisation


def _pair(base, name, kwargs=None, lastmod=None):
    locations = {}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            locations[code] = base + reverse(name, kwargs=kwargs)
    alternates = [{"hreflang": code, "href": href} for code, href in locations.items()]
    alternates.append({"hreflang": "x-default", "href": locations[settings.LANGUAGE_CODE]})
    return [
        {"location": href, "lastmod": lastmod, "language": code, "alternates": alternates}
        for code, href in locations.items()
    ]


def sitemap_entries(request, base):
    entries = _pair(base, "directory:index")
    for slug, updated_at in Organisation.objects.listed().order_by("slug").values_list(
        "slug", "updated_at"
    ):
        entries += _pair(base, "directory:detail", {"slug": slug}, updated_at)
    return entries
