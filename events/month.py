"""The month calendar of one language's events: a table with one cell per day.

Built on the server from one query for the month's events (whatever their number): an
event is placed on every day it covers, in the site's time zone, so a three-day workshop
shows on each of its three days. The listing's type and city filters apply and are kept
in the links to the previous and next months, which work without JavaScript."""

import calendar
import datetime

from django.http import Http404
from django.utils import timezone

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _month_bounds(year, month):
    tz = timezone.get_default_timezone()
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return first, last, start, end


def _shift(year, month, delta):
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_context(index_page, request, year, month):
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404
    first, last, start, end = _month_bounds(year, month)
    form = index_page.filter_form(request)
    filters_invalid = form.is_bound and not form.is_valid()
    events = (
        index_page.public_events.filter(
            locale_id=index_page.locale_id, start__lt=end, end__gte=start
        )
        .select_related("event_type")
        .order_by("start", "pk")
    )
    kept = {}
    if filters_invalid:
        events = events.none()
    elif form.is_bound:
        if form.cleaned_data.get("type"):
            events = events.filter(event_type__slug=form.cleaned_data["type"])
            kept["type"] = form.cleaned_data["type"]
        if form.cleaned_data.get("city"):
            events = events.filter(city=form.cleaned_data["city"])
            kept["city"] = form.cleaned_data["city"]

    by_day = {}
    events = list(events)
    for event in events:
        event.calendar_url = event.get_url(request)
        day = max(timezone.localdate(event.start), first)
        until = min(timezone.localdate(event.end), last)
        while day <= until:
            by_day.setdefault(day, []).append(event)
            day += datetime.timedelta(days=1)

    today = timezone.localdate()
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == month,
                "today": day == today,
                "events": by_day.get(day, []) if day.month == month else [],
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]

    query = request.GET.copy()
    for name in list(query):
        if name not in ("type", "city"):
            query.pop(name)
    suffix = f"?{query.urlencode()}" if query else ""

    def month_url(y, m):
        if not FIRST_YEAR <= y <= LAST_YEAR:
            return None
        return (
            index_page.url
            + index_page.reverse_subpage("calendar_month", args=[y, f"{m:02d}"])
            + suffix
        )

    previous, following = _shift(year, month, -1), _shift(year, month, 1)
    return {
        "month_start": first,
        "weeks": weeks,
        "weekdays": weeks[0],
        "month_events": events,
        "filter_form": form,
        "filters_invalid": filters_invalid,
        "filters_kept": kept,
        "previous_month": datetime.date(*previous, 1),
        "previous_url": month_url(*previous),
        "next_month": datetime.date(*following, 1),
        "next_url": month_url(*following),
        "this_month_url": index_page.url + index_page.reverse_subpage("calendar") + suffix,
        "is_this_month": (year, month) == (today.year, today.month),
    }
