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


def build_timeline(page, activities, events_by_activity, request=None):
    """The timeline of ``page`` (a TimelinePage): ``activities`` as bars, each with the
    events listed under its translation key in ``events_by_activity`` as marks."""
    start = page.project_start
    months = page.duration_months

    rows = []
    for row, activity in enumerate(activities):
        first = max(0.0, month_offset(start, activity.planned_start))
        last = min(float(months), month_offset(start, activity.planned_end) + 1 / 31)
        y = TOP + row * ROW_HEIGHT
        events = []
        for event in events_by_activity.get(activity.translation_key, ()):
            when_date = timezone.localtime(event.start).date()
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
