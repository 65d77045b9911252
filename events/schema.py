"""schema.org Event JSON-LD for an event page (for search engines and link previews)."""

from home.models import SiteProfile
from website.json_ld import json_ld

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    "scheduled": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
}
ATTENDANCE_MODE = {
    "in_person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}


def _place(event):
    address = {"@type": "PostalAddress"}
    if event.address:
        address["streetAddress"] = " ".join(event.address.split())
    if event.city_name:
        address["addressLocality"] = event.city_name
    if event.city:
        address["addressCountry"] = "TR"
    return {
        "@type": "Place",
        "name": event.venue or event.city_name or event.title,
        "address": address,
    }


def event_data(event, request):
    if event.all_day:
        start = event.local_start.date().isoformat()
        end = event.local_end.date().isoformat()
    else:
        start = event.local_start.isoformat()
        end = event.local_end.isoformat()
    locations = []
    if event.format != "online":
        locations.append(_place(event))
    if event.is_online and event.online_link:
        locations.append({"@type": "VirtualLocation", "url": event.online_link})
    organisers = [
        {"@type": "Organization", "name": org["name"], "url": org["website"] or None}
        for org in event.organisations("organiser")
    ]
    for organiser in organisers:
        if not organiser["url"]:
            del organiser["url"]
    if not organisers:
        profile = SiteProfile.objects.filter(locale_id=event.locale_id).first()
        if profile is not None:
            organisers = [{"@type": "Organization", "name": profile.site_name}]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": start,
        "endDate": end,
        "eventStatus": SCHEMA + EVENT_STATUS.get(event.status, "EventScheduled"),
        "eventAttendanceMode": SCHEMA + ATTENDANCE_MODE[event.format],
        "location": locations[0] if len(locations) == 1 else locations,
        "url": request.build_absolute_uri(event.get_url(request)),
        "inLanguage": event.locale.language_code,
    }
    if event.summary:
        data["description"] = event.summary
    if organisers:
        data["organizer"] = organisers[0] if len(organisers) == 1 else organisers
    partners = event.organisations("partner")
    if partners:
        data["contributor"] = [{"@type": "Organization", "name": org["name"]} for org in partners]
    if event.target_audience:
        data["audience"] = {"@type": "Audience", "audienceType": event.target_audience}
    return data


def event_json_ld(event, request):
    """The JSON-LD as a string safe to put inside <script type="application/ld+json">."""
    return json_ld(event_data(event, request))
