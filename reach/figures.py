"""Reach figures for a period, from the daily rows: what the admin report, the dashboard
panel and the donor report show. Each figure is one grouped query."""

import datetime

from django.apps import apps
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from .models import DailyPageCount


def last_days(days=30):
    """The period of the last ``days`` days, today included (site time)."""
    end = timezone.localdate()
    return end - datetime.timedelta(days=days - 1), end


def _period(start, end):
    return DailyPageCount.objects.filter(date__range=(start, end))


def totals(start, end):
    """``{language: {"views": n, "visits": n}}`` for every site language, zeros included."""
    result = {code: {"views": 0, "visits": 0} for code, _name in settings.LANGUAGES}
    rows = _period(start, end).values("language").annotate(v=Sum("views"), n=Sum("visits"))
    for row in rows:
        if row["language"] in result:
            result[row["language"]] = {"views": row["v"], "visits": row["n"]}
    return result


def top_pages(start, end, limit=20):
    """The most viewed pages, each with its language, path and title (if a page)."""
    return list(
        _period(start, end)
        .values("language", "path", "page_id", "page__title")
        .annotate(views=Sum("views"), visits=Sum("visits"))
        .order_by("-views", "path")[:limit]
    )


def top_referrers(start, end, limit=20):
    """The sites visitors came from (host names), by visits they brought."""
    return list(
        _period(start, end)
        .exclude(referrer_host="")
        .values("referrer_host")
        .annotate(views=Sum("views"), visits=Sum("visits"))
        .order_by("-visits", "-views", "referrer_host")[:limit]
    )


def views_by_translation_key(start, end):
    """``{(language, page translation_key): views}``: a page's views in each language,
    which is how activities (tagged pages count for all their translations) add up."""
    rows = (
        _period(start, end)
        .filter(page__isnull=False)
        .values("language", "page__translation_key")
        .annotate(views=Sum("views"))
    )
    return {(row["language"], row["page__translation_key"]): row["views"] for row in rows}


def activity_rows(start, end):
    """Per activity and language: views of its tagged content, downloads of its kits."""
    Activity = apps.get_model("activities.Activity")
    ActivityLink = apps.get_model("activities.ActivityLink")
    links = {}
    for activity_key, page_key in ActivityLink.objects.values_list(
        "activity__translation_key", "page__translation_key"
    ):
        links.setdefault(activity_key, set()).add(page_key)
    views = views_by_translation_key(start, end)
    downloads = _downloads_by_translation_key(start, end)
    rows = []
    for activity in Activity.objects.select_related("locale").order_by("number", "locale_id"):
        code = activity.locale.language_code
        keys = links.get(activity.translation_key, set())
        rows.append(
            {
                "language": code,
                "number": activity.number,
                "activity": activity.title,
                "views": sum(views.get((code, key), 0) for key in keys),
                "downloads": sum(downloads.get((code, key), 0) for key in keys),
            }
        )
    return rows


def kit_rows(start, end):
    """Per training kit: its page views (the kit and its sub-pages) and downloads."""
    TrainingKitPage = apps.get_model("resources.TrainingKitPage")
    kits = list(
        TrainingKitPage.objects.live().select_related("locale").order_by("locale_id", "title")
    )
    views = dict(
        _period(start, end)
        .filter(page__in=[k.pk for k in kits])
        .values("page_id")
        .annotate(views=Sum("views"))
        .values_list("page_id", "views")
    )
    downloads = _downloads_by_kit(start, end)
    return [
        {
            "kit": kit,
            "language": kit.locale.language_code,
            "views": views.get(kit.pk, 0),
            "downloads": downloads.get(kit.pk, 0),
        }
        for kit in kits
    ]


def _downloads(start, end):
    DocumentDownload = apps.get_model("resources.DocumentDownload")
    return DocumentDownload.objects.filter(date__range=(start, end))


def _downloads_by_kit(start, end):
    downloads = _downloads(start, end)
    return dict(downloads.values("kit_id").annotate(n=Sum("count")).values_list("kit_id", "n"))


def _downloads_by_translation_key(start, end):
    downloads = _downloads(start, end)
    rows = downloads.values("kit__locale__language_code", "kit__translation_key").annotate(
        n=Sum("count")
    )
    return {
        (row["kit__locale__language_code"], row["kit__translation_key"]): row["n"] for row in rows
    }
