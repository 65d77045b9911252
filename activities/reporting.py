"""The donor-report export: for a period, per activity and per language, what was done.

It counts the same records the public pages show: live, public pages tagged with the
activity (in any language, as the activity pages do), the kits' download counters and
the newsletter's confirmed subscribers, the trainers and organisations reached
(distinct trainers and organisations that downloaded from the activity's kits, counted
from the trainers app's download records, which outlive erased trainers), and the reach
app's page views and visits (views of the activity's content in that language; visits
and views language-wide)."""

import datetime

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override
from wagtail.models import Locale

from registrations.reporting import participant_counts
from website.spreadsheets import csv_text, language_name

from .models import Activity, ActivityLink, KeyFigure


def _bounds(start, end):
    """Aware datetimes covering the whole days from ``start`` to ``end``."""
    tz = timezone.get_current_timezone()
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), tz)
    last = timezone.make_aware(datetime.datetime.combine(end, datetime.time.max), tz)
    return first, last


def report_rows(start, end):
    first, last = _bounds(start, end)
    EventPage = apps.get_model("events.EventPage")
    NewsPage = apps.get_model("news.NewsPage")
    DocumentDownload = apps.get_model("resources.DocumentDownload")
    Subscriber = apps.get_model("newsletter.Subscriber")
    TrainerDownload = apps.get_model("trainers.TrainerDownload")
    PageCount = apps.get_model("reach.DailyPageCount")

    content_views, site_reach = {}, {}
    counts = PageCount.objects.filter(date__range=(start, end))
    for row in (
        counts.filter(page__isnull=False)
        .values("language", "page__translation_key")
        .annotate(n=Sum("views"))
    ):
        content_views[(row["language"], row["page__translation_key"])] = row["n"]
    for row in counts.values("language").annotate(v=Sum("views"), n=Sum("visits")):
        site_reach[row["language"]] = (row["n"], row["v"])

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
        subscribers = Subscriber.objects.filter(
            language=code, confirmed_at__range=(first, last)
        ).count()
        for activity in Activity.objects.filter(locale=locale):
            keys = links.get(activity.translation_key, set())
            events = participants = news = downloads = trainers = organisations = 0
            registered = attended = 0
            if keys:
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
                registered, attended = participant_counts(held)
                news = (
                    NewsPage.objects.live()
                    .public()
                    .filter(
                        locale=locale, translation_key__in=keys, date_published__range=(first, last)
                    )
                    .count()
                )
                downloads = (
                    DocumentDownload.objects.filter(
                        kit__locale=locale, kit__translation_key__in=keys, date__range=(start, end)
                    ).aggregate(n=Sum("count"))["n"]
                    or 0
                )
                reached = _trainer_downloads(TrainerDownload, locale, keys, first, last).aggregate(
                    trainers=Count("reader_id", distinct=True),
                    organisations=Count("organisation_key", distinct=True),
                )
                trainers, organisations = reached["trainers"], reached["organisations"]
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
                    "trainers": trainers,
                    "organisations": organisations,
                    "content_views": sum(content_views.get((code, key), 0) for key in keys),
                    "site_visits": site_reach.get(code, (0, 0))[0],
                    "site_views": site_reach.get(code, (0, 0))[1],
                    "figures": "; ".join(
                        f"{f.label}: {f.display_value}{' ' + f.unit if f.unit else ''}"
                        for f in figures
                    ),
                }
            )
    return rows


COLUMNS = [
    ("language", gettext_noop("Language")),
    ("number", gettext_noop("Activity no.")),
    ("activity", gettext_noop("Activity")),
    ("status", gettext_noop("Status")),
    ("events", gettext_noop("Events held")),
    ("participants", gettext_noop("Participants")),
    ("registered", gettext_noop("Registered participants (site form)")),
    ("attended", gettext_noop("Attended (marked by organisers)")),
    ("news", gettext_noop("News published")),
    ("downloads", gettext_noop("Kit downloads")),
    ("subscribers", gettext_noop("Newsletter subscribers gained (language-wide)")),
    ("content_views", gettext_noop("Views of the activity's content")),
    ("site_visits", gettext_noop("Website visits (language-wide)")),
    ("site_views", gettext_noop("Website page views (language-wide)")),
    ("trainers", gettext_noop("Trainers reached")),
    ("organisations", gettext_noop("Organisations reached")),
    ("figures", gettext_noop("Key figures")),
]


def _trainer_downloads(model, locale, keys, first, last):
    return model.objects.filter(
        kit__locale=locale, kit__translation_key__in=keys, downloaded_at__range=(first, last)
    )


def kit_rows(start, end):
    """Per activity and kit: distinct trainers and organisations reached, and downloads."""
    TrainerDownload = apps.get_model("trainers.TrainerDownload")
    first, last = _bounds(start, end)
    rows = []
    for link in (
        ActivityLink.objects.select_related("activity", "activity__locale", "page")
        .filter(page__content_type__app_label="resources")
        .order_by("activity__number")
    ):
        activity = link.activity
        counts = (
            TrainerDownload.objects.filter(
                kit__translation_key=link.page.translation_key,
                downloaded_at__range=(first, last),
            )
            .values("kit__locale__language_code", "kit__title")
            .annotate(
                trainers=Count("reader_id", distinct=True),
                organisations=Count("organisation_key", distinct=True),
                downloads=Count("pk"),
            )
            .order_by("kit__locale__language_code", "kit__title")
        )
        for row in counts:
            if row["kit__locale__language_code"] != activity.locale.language_code:
                continue
            rows.append(
                {
                    "language": row["kit__locale__language_code"],
                    "number": activity.number,
                    "kit": row["kit__title"],
                    "trainers": row["trainers"],
                    "organisations": row["organisations"],
                    "downloads": row["downloads"],
                }
            )
    return rows


KIT_COLUMNS = [
    ("language", gettext_noop("Language")),
    ("number", gettext_noop("Activity no.")),
    ("kit", gettext_noop("Training kit")),
    ("trainers", gettext_noop("Trainers reached")),
    ("organisations", gettext_noop("Organisations reached")),
    ("downloads", gettext_noop("Trainer downloads")),
]


def report_csv(start, end, language="en"):
    """The report as the text of a CSV file, headings, statuses and language names in
    ``language``, written by the project's spreadsheet rules (website.spreadsheets:
    byte-order mark, activity titles and key-figure labels that stay text)."""

    def table(columns, rows):
        yield [_(label) for _key, label in columns]
        for row in rows:
            yield [
                language_name(row[key]) if key == "language" else row[key]
                for key, _label in columns
            ]

    with override(language):
        lines = list(table(COLUMNS, report_rows(start, end)))
        kits = kit_rows(start, end)
        if kits:
            # A second table, after an empty row: the trainers reached per kit.
            lines.append([])
            lines.extend(table(KIT_COLUMNS, kits))
        return csv_text(lines)
