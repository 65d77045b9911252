"""Each activity's page for /sitemap.xml (SITEMAP_EXTRA_ENTRIES, home/sitemap.py): the
activities page lists its activities on sub-routes (``<index>/<number>/``) that are not
pages of their own, so Wagtail's page tree does not name them."""

from django.conf import settings

from .models import Activity, ActivityIndexPage


def sitemap_entries(request, base):
    indexes = list(ActivityIndexPage.objects.live().public().select_related("locale"))
    by_locale = {index.locale_id: index for index in indexes}
    groups = {}
    for activity in Activity.objects.filter(locale_id__in=by_locale).order_by("number"):
        index = by_locale[activity.locale_id]
        path = index.get_url(request) + index.reverse_subpage(
            "activity_route", args=(activity.number,)
        )
        group = groups.setdefault((index.translation_key, activity.translation_key), [])
        group.append(
            {
                "location": base + path if path.startswith("/") else path,
                "lastmod": index.last_published_at,
                "language": index.locale.language_code,
            }
        )
    entries = []
    for group in groups.values():
        alternates = []
        if len(group) > 1:
            alternates = [
                {"hreflang": item["language"], "href": item["location"]} for item in group
            ]
            alternates += [
                {"hreflang": "x-default", "href": item["location"]}
                for item in group
                if item["language"] == settings.LANGUAGE_CODE
            ]
        for item in group:
            entries.append({**item, "alternates": alternates})
    return entries
