"""The geometry of the timeline: activities as bars on a month axis, events as marks."""

import datetime

from django.utils import timezone

MONTH_WIDTH = 30
ROW_HEIGHT = 30
LEFT = 40
TOP = 30


def month_offset(start, day):
    """Months (fractional) from ``start`` to ``day``."""
    return (day.year - start.year) * 12 + (day.month - start.month) + (day.day - 1) / 31


def build_timeline(page, request=None):
    from .models import Activity, ActivityLink

    start = page.project_start
    months = page.duration_months
    activities = list(Activity.objects.filter(locale=page.locale))
    # Events tagged with each activity, in this language: one query for the links, one
    # for the events, whatever their number.
    links = ActivityLink.objects.filter(
        activity__translation_key__in=[a.translation_key for a in activities]
    ).values_list("activity__translation_key", "page__translation_key")
    keys_by_activity = {}
    for activity_key, page_key in links:
        keys_by_activity.setdefault(activity_key, set()).add(page_key)
    events_by_key = {}
    try:
        from django.apps import apps

        event_model = apps.get_model("events", "EventPage")
    except LookupError:
        event_model = None
    if event_model is not None and keys_by_activity:
        all_keys = set().union(*keys_by_activity.values())
        for event in (
            event_model.objects.live()
            .public()
            .filter(locale=page.locale, translation_key__in=all_keys)
        ):
            events_by_key[event.translation_key] = event

    rows = []
    for row, activity in enumerate(activities):
        first = max(0.0, month_offset(start, activity.planned_start))
        last = min(float(months), month_offset(start, activity.planned_end) + 1 / 31)
        y = TOP + row * ROW_HEIGHT
        events = []
        for key in sorted(keys_by_activity.get(activity.translation_key, ())):
            event = events_by_key.get(key)
            when = getattr(event, "start", None) if event else None
            if when is None:
                continue
            when_date = (
                timezone.localtime(when).date() if isinstance(when, datetime.datetime) else when
            )
            offset = month_offset(start, when_date)
            if 0 <= offset <= months:
                events.append(
                    {
                        "title": event.title,
                        "url": event.get_url(request),
                        "date": when_date,
                        "x": round(LEFT + offset * MONTH_WIDTH, 1),
                        "y": y + ROW_HEIGHT // 2,
                    }
                )
        rows.append(
            {
                "activity": activity,
                "x": round(LEFT + first * MONTH_WIDTH, 1),
                "width": round(max(4.0, (last - first) * MONTH_WIDTH), 1),
                "y": y + 6,
                "label_y": y + ROW_HEIGHT // 2 + 5,
                "events": events,
            }
        )
    axis = []
    for month in range(months + 1):
        year, month_index = divmod(start.month - 1 + month, 12)
        axis.append(
            {
                "x": LEFT + month * MONTH_WIDTH,
                "date": datetime.date(start.year + year, month_index + 1, 1),
                "label": month % 3 == 0,
            }
        )
    return {
        "rows": rows,
        "axis": axis,
        "width": LEFT + months * MONTH_WIDTH + 10,
        "height": TOP + len(rows) * ROW_HEIGHT + 10,
        "end": axis[-1]["date"],
    }
