"""The donor-report export: for a period, per activity and per language, what was done.

It counts the same records the public pages show: live, public pages tagged with the
activity (in any language, as the activity pages do), the kits' download counters and
the newsletter's confirmed subscribers. Apps that are not installed count as nothing."""

import csv
import datetime
import io

from django.apps import apps
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Locale

from .models import Activity, ActivityLink, KeyFigure


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _bounds(start, end):
    """Aware datetimes covering the whole days from ``start`` to ``end``."""
    tz = timezone.get_current_timezone()
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), tz)
    last = timezone.make_aware(datetime.datetime.combine(end, datetime.time.max), tz)
    return first, last


def report_rows(start, end):
    first, last = _bounds(start, end)
    EventPage = _model("events.EventPage")
    NewsPage = _model("news.NewsPage")
    DocumentDownload = _model("resources.DocumentDownload")
    Subscriber = _model("newsletter.Subscriber")

    links = {}
    for activity_key, page_key in ActivityLink.objects.values_list(
        "activity__translation_key", "page__translation_key"
    ):
        links.setdefault(activity_key, set()).add(page_key)

    rows = []
    for code, _name in settings.LANGUAGES:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        subscribers = 0
        if Subscriber is not None:
            subscribers = Subscriber.objects.filter(
                language=code, confirmed_at__range=(first, last)
            ).count()
        for activity in Activity.objects.filter(locale=locale):
            keys = links.get(activity.translation_key, set())
            events = participants = news = downloads = registered = attended = 0
            if EventPage is not None and keys:
                held = (
                    EventPage.objects.live()
                    .public()
                    .filter(
                        locale=locale,
                        translation_key__in=keys,
                        start__range=(first, min(last, timezone.now())),
                    )
                )
                events = held.count()
                participants = held.aggregate(n=Sum("participant_count"))["n"] or 0
                if apps.is_installed("registrations"):
                    from registrations.reporting import participant_counts

                    registered, attended = participant_counts(held)
            if NewsPage is not None and keys:
                news = (
                    NewsPage.objects.live()
                    .public()
                    .filter(
                        locale=locale, translation_key__in=keys, date_published__range=(first, last)
                    )
                    .count()
                )
            if DocumentDownload is not None and keys:
                downloads = (
                    DocumentDownload.objects.filter(
                        kit__locale=locale, kit__translation_key__in=keys, date__range=(start, end)
                    ).aggregate(n=Sum("count"))["n"]
                    or 0
                )
            figures = KeyFigure.objects.filter(
                locale=locale,
                activity__translation_key=activity.translation_key,
                date__range=(start, end),
            )
            rows.append(
                {
                    "language": code,
                    "number": activity.number,
                    "activity": activity.title,
                    "status": activity.get_status_display(),
                    "events": events,
                    "participants": participants,
                    "registered": registered,
                    "attended": attended,
                    "news": news,
                    "downloads": downloads,
                    "subscribers": subscribers,
                    "figures": "; ".join(
                        f"{f.label}: {f.display_value}{' ' + f.unit if f.unit else ''}"
                        for f in figures
                    ),
                }
            )
    return rows


COLUMNS = [
    ("language", "Language"),
    ("number", "Activity no."),
    ("activity", "Activity"),
    ("status", "Status"),
    ("events", "Events held"),
    ("participants", "Participants"),
    ("registered", "Registered participants (site form)"),
    ("attended", "Attended (marked by organisers)"),
    ("news", "News published"),
    ("downloads", "Kit downloads"),
    ("subscribers", "Newsletter subscribers gained (language-wide)"),
    ("figures", "Key figures"),
]


def report_csv(start, end, language="en"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    with override(language):
        writer.writerow([_(label) for _key, label in COLUMNS])
    for row in report_rows(start, end):
        writer.writerow([row[key] for key, _label in COLUMNS])
    return buffer.getvalue()
