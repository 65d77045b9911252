"""iCalendar (.ics) files and feeds, and "add to calendar" links, built with `icalendar`.

Timed events carry DTSTART/DTEND with TZID=Europe/Istanbul (the site's time zone, whose
VTIMEZONE is included); all-day events carry DATE values with an exclusive DTEND, as
RFC 5545 wants. UIDs are stable: the page's translation key, its language and the host,
so a subscribed calendar updates an event instead of duplicating it."""

import datetime
import functools
from urllib.parse import urlencode, urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header


def _tz():
    return timezone.get_default_timezone()


@functools.cache
def _vtimezone(tzid):
    """The VTIMEZONE of a zone, computed once per process (it takes tens of ms)."""
    return icalendar.Timezone.from_tzid(tzid)


def event_uid(event, language, host):
    return f"{event.translation_key}-{language}@{host}"


def _dates(event):
    """(start, end) as calendar values: dates (end exclusive) or aware local datetimes."""
    tz = _tz()
    start = timezone.localtime(event.start, tz)
    end = timezone.localtime(event.end, tz)
    if event.all_day:
        return start.date(), end.date() + datetime.timedelta(days=1)
    return start, end


def _description(event, url):
    return "\n\n".join(part for part in (event.summary.strip(), url) if part)


def _location(event):
    parts = [event.location_text]
    if event.online_link:
        parts.append(event.online_link)
    return " — ".join(part for part in parts if part)


def event_url(event, request):
    """The event's absolute URL on the host the request came to (as the canonical link)."""
    return request.build_absolute_uri(event.get_url(request))


def event_component(event, language, request=None, url=None, host=None):
    """The VEVENT; links on the request's host, or on ``url`` and ``host`` when there is
    no request (an e-mail sent by a background task)."""
    url = url or event_url(event, request)
    host = host or request.get_host().split(":")[0]
    start, end = _dates(event)
    component = icalendar.Event()
    component.add("uid", event_uid(event, language, host))
    component.add("summary", event.title)
    component.add("dtstart", start)
    component.add("dtend", end)
    component.add("dtstamp", event.last_published_at or timezone.now())
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    component.add("url", url)
    component.add("description", _description(event, url))
    location = _location(event)
    if location:
        component.add("location", location)
    if event.event_type_id and event.event_type:
        component.add("categories", [event.event_type.name])
    component.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    return component


def _empty_calendar(language, name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//events//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(_vtimezone(settings.TIME_ZONE))
    return calendar


def build_calendar(events, language, request, name):
    calendar = _empty_calendar(language, name)
    for event in events:
        calendar.add_component(event_component(event, language, request))
    return calendar


def calendar_response(request, events, language, name, filename, inline=False):
    calendar = build_calendar(events, language, request, name)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response


def event_ics_for_mail(event, language):
    """One event as .ics bytes to attach to an e-mail: the same file as the page's
    download, with its link on the site's public address (WAGTAILADMIN_BASE_URL)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    url = event.get_url()
    if url and not url.startswith(("http://", "https://")):
        url = base + url
    calendar = _empty_calendar(language, event.title)
    calendar.add_component(
        event_component(event, language, url=url, host=urlsplit(base).hostname or "localhost")
    )
    return calendar.to_ical()


def _utc_stamp(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def google_calendar_url(event, url):
    start, end = _dates(event)
    if event.all_day:
        dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
    else:
        dates = f"{_utc_stamp(start)}/{_utc_stamp(end)}"
    params = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": dates,
        "details": _description(event, url),
        "location": _location(event),
        "ctz": settings.TIME_ZONE,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


def outlook_calendar_url(event, url):
    start, end = _dates(event)
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": start.isoformat(),
        "enddt": end.isoformat(),
        "body": _description(event, url),
        "location": _location(event),
    }
    if event.all_day:
        params["allday"] = "true"
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(params)
