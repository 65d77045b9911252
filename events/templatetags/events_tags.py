"""Event dates in words, and the home page's next three events."""

from django import template
from django.utils import timezone, translation
from django.utils.formats import date_format

from events.models import EventPage

register = template.Library()


def _day(value):
    return date_format(value, "j F Y")


@register.simple_tag
def event_when(event):
    """ "8 Mart 2019", "21 Ağustos 2019 – 27 Ağustos 2019", "17 March 2027, 10:00–16:30"."""
    start, end = event.local_start, event.local_end
    if event.all_day:
        if start.date() == end.date():
            return _day(start)
        return f"{_day(start)} – {_day(end)}"
    if start.date() == end.date():
        return f"{_day(start)}, {start:%H:%M}–{end:%H:%M}"
    return f"{_day(start)} {start:%H:%M} – {_day(end)} {end:%H:%M}"


@register.simple_tag(takes_context=True)
def upcoming_events(context, limit=3):
    """The next events of the page's language (the active language elsewhere)."""
    page = context.get("page")
    events = EventPage.objects.live().public().select_related("event_type").upcoming(timezone.now())
    if page is not None and getattr(page, "locale_id", None):
        events = events.filter(locale_id=page.locale_id)
    else:
        events = events.filter(locale__language_code=translation.get_language())
    return list(events[:limit])
