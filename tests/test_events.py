"""Events: listing (upcoming/past, filters, pages), event pages, calendars, JSON-LD,
admin validation, home page slot, demo content and query counts."""

import datetime
import html
import json
import re
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from directory.provinces import PROVINCE_CHOICES, PROVINCES, province_name
from events.models import EventIndexPage, EventPage, EventType
from tests.conftest import (
    add_child_page,
    publish_translation,
    refreshed,
    site_homes,
    site_locales,
)
from tests.support.bilingual import assert_localized_404, snippet_pair

IST = ZoneInfo("Europe/Istanbul")
# A fixed "now" for the tests: 17 March 2027, noon in Istanbul.
NOW = datetime.datetime(2027, 3, 17, 12, 0, tzinfo=IST)


def at(*args):
    return datetime.datetime(*args, tzinfo=IST)


# --- Builders ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def events_built(module_data):
    """Built once per module (see ``module_data``): both event indexes and three event
    types in both languages."""
    tr = add_child_page(site_homes()["tr"], EventIndexPage, title="Etkinlikler", slug="etkinlikler")
    en = publish_translation(tr, "events", title="Events")
    return {"indexes": {"tr": tr, "en": en}, "types": event_types(site_locales())}


@pytest.fixture
def indexes(events_built, db):
    # Fresh from the database for each test (``refreshed``): their URL paths, numchild.
    return refreshed(events_built["indexes"])


@pytest.fixture
def types(events_built, db):
    return refreshed(events_built["types"])


def event_types(locales):
    result = {}
    for key, tr_name, tr_slug, en_name in [
        ("workshop", "Çalıştay", "calistay", "Workshop"),
        ("training", "Eğitim", "egitim", "Training"),
        ("meeting", "Toplantı", "toplanti", "Meeting"),
    ]:
        tr, en = snippet_pair(
            EventType, locales, {"name": tr_name, "slug": tr_slug}, {"name": en_name, "slug": key}
        )
        result[key] = {"tr": tr, "en": en}
    return result


_counter = iter(range(1, 10_000))


def make_event(index, title, start, end, **fields):
    """A live event under ``index`` (no revision: fast enough for 60 of them)."""
    fields.setdefault("slug", f"event-{next(_counter)}")
    page = EventPage(title=title, start=start, end=end, **fields)
    index.add_child(instance=page)
    return page


def section(text, heading_id):
    """The HTML of one listing section (upcoming or past)."""
    start = text.index(f'id="{heading_id}"')
    end = text.find("</section>", start)
    return text[start:end]


def titles_in(fragment):
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', fragment)


def json_ld(text):
    """The page's schema.org Event (other JSON-LD blocks, e.g. breadcrumbs, are skipped)."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    events = [data for data in map(json.loads, blocks) if data.get("@type") == "Event"]
    assert len(events) == 1, "expected exactly one Event JSON-LD block"
    return events[0]


# --- Provinces -------------------------------------------------------------------------


def test_all_81_provinces_with_turkish_spelling():
    assert len(PROVINCES) == 81
    assert len({slug for slug, _ in PROVINCES}) == 81
    names = dict(PROVINCES)
    assert names["istanbul"] == "İstanbul"
    assert names["igdir"] == "Iğdır"
    assert names["sanliurfa"] == "Şanlıurfa"
    assert names["canakkale"] == "Çanakkale"
    assert province_name("gaziantep") == "Gaziantep"
    ordered = [name for _, name in PROVINCE_CHOICES]
    # Turkish alphabetical order: Ç after C, I before İ, Ş after S.
    assert ordered.index("Bursa") < ordered.index("Çanakkale") < ordered.index("Denizli")
    assert ordered.index("Iğdır") < ordered.index("Isparta") < ordered.index("İstanbul")
    assert ordered.index("Siirt") < ordered.index("Şanlıurfa") < ordered.index("Tekirdağ")


# --- Listing ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestListing:
    def test_upcoming_and_past_split_around_now(self, client, indexes):
        index = indexes["tr"]
        make_event(index, "Geçen hafta", at(2027, 3, 10, 10), at(2027, 3, 10, 16))
        make_event(index, "Şimdi süren", at(2027, 3, 17, 9), at(2027, 3, 17, 17))
        make_event(index, "Mayıs toplantısı", at(2027, 5, 1, 10), at(2027, 5, 1, 12))
        make_event(index, "Nisan çalıştayı", at(2027, 4, 1, 10), at(2027, 4, 2, 12))
        with time_machine.travel(NOW, tick=False):
            text = client.get("/tr/etkinlikler/").text
        upcoming = titles_in(section(text, "upcoming-heading"))
        past = titles_in(section(text, "past-heading"))
        assert upcoming == ["Şimdi süren", "Nisan çalıştayı", "Mayıs toplantısı"]
        assert past == ["Geçen hafta"]

        # A month later the March events are in the archive, newest first.
        with time_machine.travel(at(2027, 4, 20, 12), tick=False):
            text = client.get("/tr/etkinlikler/").text
        assert titles_in(section(text, "upcoming-heading")) == ["Mayıs toplantısı"]
        assert titles_in(section(text, "past-heading")) == [
            "Nisan çalıştayı",
            "Şimdi süren",
            "Geçen hafta",
        ]

    def test_event_page_says_upcoming_now_or_past(self, client, indexes):
        event = make_event(
            indexes["en"], "Conference", at(2027, 3, 17, 9), at(2027, 3, 18, 17), slug="conf"
        )
        tr_event = make_event(
            indexes["tr"], "Konferans", at(2027, 3, 17, 9), at(2027, 3, 18, 17), slug="konf"
        )
        for moment, english, turkish in [
            (at(2027, 3, 1), "Upcoming", "Yaklaşan"),
            (NOW, "Happening now", "Şu anda sürüyor"),
            (at(2027, 3, 19), "Past event", "Geçmiş etkinlik"),
        ]:
            with time_machine.travel(moment, tick=False):
                en_text = client.get(event.url).text
                tr_text = client.get(tr_event.url).text
            assert f"<strong>{english}</strong>" in en_text
            assert f"<strong>{turkish}</strong>" in tr_text

    def test_all_day_event_is_happening_all_day_long(self, client, indexes):
        event = make_event(
            indexes["en"], "Study visit", at(2027, 3, 15, 14), at(2027, 3, 17, 9), all_day=True
        )
        event.refresh_from_db()
        assert event.local_start == at(2027, 3, 15, 0, 0)
        assert event.local_end == at(2027, 3, 17, 23, 59, 59)
        with time_machine.travel(at(2027, 3, 17, 22), tick=False):
            assert "<strong>Happening now</strong>" in client.get(event.url).text
        text = client.get(event.url).text
        assert "15 March 2027 – 17 March 2027" in text

    def test_past_archive_is_paginated_newest_first(self, client, indexes):
        for day in range(1, 13):
            make_event(
                indexes["en"], f"Meeting {day:02d}", at(2026, 1, day, 10), at(2026, 1, day, 12)
            )
        with time_machine.travel(NOW, tick=False):
            first = client.get("/en/events/").text
            second = client.get("/en/events/?page=2").text
            bad = client.get("/en/events/?page=abc")
            huge = client.get("/en/events/?page=99999")
        first_titles = titles_in(section(first, "past-heading"))
        assert first_titles == [f"Meeting {day:02d}" for day in range(12, 2, -1)]
        assert titles_in(section(second, "past-heading")) == ["Meeting 02", "Meeting 01"]
        assert bad.status_code == 200
        assert titles_in(section(bad.text, "past-heading")) == first_titles
        assert huge.status_code == 200
        assert titles_in(section(huge.text, "past-heading")) == ["Meeting 02", "Meeting 01"]

    def test_upcoming_events_come_in_pages_soonest_first(self, client, indexes):
        """A busy programme does not make one endless page."""
        for day in range(1, 16):
            make_event(
                indexes["tr"], f"Toplantı {day:02d}", at(2027, 5, day, 10), at(2027, 5, day, 12)
            )
        with time_machine.travel(NOW, tick=False):
            first = client.get("/tr/etkinlikler/").text
            second = client.get("/tr/etkinlikler/?upcoming=2").text
        assert titles_in(section(first, "upcoming-heading")) == [
            f"Toplantı {day:02d}" for day in range(1, 13)
        ]
        assert 'href="?upcoming=2" rel="next">Daha ileri</a>' in first
        assert titles_in(section(second, "upcoming-heading")) == [
            "Toplantı 13",
            "Toplantı 14",
            "Toplantı 15",
        ]

    def test_filters_by_type_city_and_year(self, client, indexes, types):
        workshop, training = types["workshop"]["en"], types["training"]["en"]
        for title, start, end, event_type, city in [
            ("Istanbul workshop", at(2019, 8, 21, 10), at(2019, 8, 21, 16), workshop, "istanbul"),
            ("Gaziantep workshop", at(2019, 8, 26, 10), at(2019, 8, 26, 16), workshop, "gaziantep"),
            ("Ankara training", at(2020, 1, 22, 10), at(2020, 1, 23, 16), training, "ankara"),
        ]:
            make_event(indexes["en"], title, start, end, event_type=event_type, city=city)

        def listed(query):
            with time_machine.travel(NOW, tick=False):
                response = client.get(f"/en/events/?{query}")
            assert response.status_code == 200
            return sorted(titles_in(section(response.text, "past-heading")))

        assert listed("type=workshop") == ["Gaziantep workshop", "Istanbul workshop"]
        assert listed("city=ankara") == ["Ankara training"]
        assert listed("year=2019") == ["Gaziantep workshop", "Istanbul workshop"]
        assert listed("type=workshop&city=gaziantep&year=2019") == ["Gaziantep workshop"]
        assert listed("type=training&year=2019") == []
        # The filter form offers only what exists, in the page's language.
        text = client.get("/en/events/").text
        assert '<option value="gaziantep">Gaziantep</option>' in text
        assert '<option value="izmir">' not in text
        assert '<option value="workshop">Workshop</option>' in text
        assert "Çalıştay" not in text

    @pytest.mark.parametrize(
        "query",
        [
            "type=no-such-type",
            "city=atlantis",
            "year=abc",
            "year=99999999999999999999999",
            "type=%3Cscript%3E",
        ],
    )
    def test_unknown_filters_give_an_empty_state_not_an_error(self, client, indexes, types, query):
        make_event(
            indexes["tr"], "Bir etkinlik", at(2019, 3, 8, 10), at(2019, 3, 8, 13), city="ankara"
        )
        response = client.get(f"/tr/etkinlikler/?{query}")
        assert response.status_code == 200
        assert "Bu filtrelere uyan etkinlik yok" in response.text
        assert "Bir etkinlik" not in response.text
        assert "<script>" not in response.text.split("<main", 1)[1]

    @pytest.mark.parametrize(
        "url",
        [
            "/tr/etkinlikler/?page=abc",
            "/tr/etkinlikler/?page=-1",
            "/tr/etkinlikler/?page=0",
            "/tr/etkinlikler/?page=1e9",
            "/tr/etkinlikler/?page=",
            "/tr/etkinlikler/?year=&type=&city=",
        ],
    )
    def test_bad_page_numbers_never_fail(self, client, indexes, url):
        make_event(indexes["tr"], "Bir etkinlik", at(2019, 3, 8, 10), at(2019, 3, 8, 13))
        response = client.get(url)
        assert response.status_code == 200
        assert "Bir etkinlik" in response.text

    @pytest.mark.parametrize(
        ("url", "language"),
        [
            ("/tr/etkinlikler/yok/", "tr"),
            ("/en/events/ical/extra/", "en"),
            ("/tr/etkinlikler/olay/ics/nope/", "tr"),
        ],
    )
    def test_unknown_sub_urls_give_a_localized_404(self, client, indexes, url, language):
        make_event(indexes["tr"], "Olay", at(2019, 3, 8, 10), at(2019, 3, 8, 13), slug="olay")
        assert_localized_404(client.get(url), language)

    def test_only_one_index_per_language_home(self, indexes, homes):
        assert not EventIndexPage.can_create_at(homes["tr"])
        assert EventIndexPage.max_count_per_parent == 1
        assert EventPage.can_create_at(indexes["tr"])
        assert not EventPage.can_create_at(homes["tr"])


# --- Calendars ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestCalendars:
    def test_event_ics_has_istanbul_times_and_timezone(self, client, indexes, types):
        event = make_event(
            indexes["tr"],
            "İyi Uygulama Konferansı",
            at(2027, 3, 17, 10, 0),
            at(2027, 3, 17, 16, 30),
            slug="konferans",
            summary="Kamu-STK diyaloğunda iyi uygulamalar.",
            venue="Kongre Merkezi",
            city="istanbul",
            event_type=types["meeting"]["tr"],
        )
        response = client.get("/tr/etkinlikler/konferans/ics/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert "attachment" in response["Content-Disposition"]
        calendar = icalendar.Calendar.from_ical(response.content)
        [vevent] = calendar.events
        assert vevent.start == at(2027, 3, 17, 10, 0)
        assert vevent.end == at(2027, 3, 17, 16, 30)
        assert str(vevent.start.tzinfo) == "Europe/Istanbul"
        assert vevent["DTSTART"].params["TZID"] == "Europe/Istanbul"
        assert vevent.start.utcoffset() == datetime.timedelta(hours=3)
        [timezone_component] = calendar.walk("VTIMEZONE")
        assert timezone_component["TZID"] == "Europe/Istanbul"
        assert str(vevent["SUMMARY"]) == "İyi Uygulama Konferansı"
        assert "Kongre Merkezi" in str(vevent["LOCATION"])
        assert "İstanbul" in str(vevent["LOCATION"])
        assert str(vevent["URL"]) == "http://testserver/tr/etkinlikler/konferans/"
        assert "Kamu-STK diyaloğunda" in str(vevent["DESCRIPTION"])
        assert str(vevent["UID"]) == f"{event.translation_key}-tr@testserver"

    def test_all_day_multi_day_event_uses_dates(self, client, indexes):
        make_event(
            indexes["en"],
            "Needs assessment workshops",
            at(2019, 8, 21),
            at(2019, 8, 27),
            all_day=True,
            slug="needs",
        )
        calendar = icalendar.Calendar.from_ical(client.get("/en/events/needs/ics/").content)
        [vevent] = calendar.events
        assert vevent.start == datetime.date(2019, 8, 21)
        # DTEND is exclusive for all-day events: the day after the last day.
        assert vevent.end == datetime.date(2019, 8, 28)
        assert vevent["DTSTART"].params.get("VALUE") == "DATE"

    def test_language_feed_lists_only_that_language(self, client, indexes, translate):
        tr_event = make_event(
            indexes["tr"], "Türkçe etkinlik", at(2027, 4, 1, 10), at(2027, 4, 1, 12)
        )
        translate(tr_event, "english-event", title="English event")
        make_event(indexes["tr"], "Yalnız Türkçe", at(2027, 5, 1, 10), at(2027, 5, 1, 12))

        tr_feed = client.get("/tr/etkinlikler/ical/")
        en_feed = client.get("/en/events/ical/")
        assert tr_feed.status_code == en_feed.status_code == 200
        tr_events = icalendar.Calendar.from_ical(tr_feed.content).events
        en_events = icalendar.Calendar.from_ical(en_feed.content).events
        assert sorted(str(e["SUMMARY"]) for e in tr_events) == ["Türkçe etkinlik", "Yalnız Türkçe"]
        assert [str(e["SUMMARY"]) for e in en_events] == ["English event"]
        assert str(en_events[0]["URL"]) == "http://testserver/en/events/english-event/"
        # Stable UIDs: the same on every fetch, different per language.
        again = icalendar.Calendar.from_ical(client.get("/en/events/ical/").content).events
        assert str(again[0]["UID"]) == str(en_events[0]["UID"])
        uid_tr = {str(e["UID"]) for e in tr_events}
        assert f"{tr_event.translation_key}-tr@testserver" in uid_tr
        assert str(en_events[0]["UID"]) == f"{tr_event.translation_key}-en@testserver"

    def test_ics_of_a_page_with_a_turkish_slug(self, client, indexes):
        event = make_event(
            indexes["tr"],
            "Çalıştay günü",
            at(2027, 4, 1, 10),
            at(2027, 4, 1, 12),
            slug="çalıştay-günü",
        )
        response = client.get(event.url + "ics/")
        assert response.status_code == 200
        assert (
            "filename*=utf-8''%C3%A7al%C4%B1%C5%9Ftay-g%C3%BCn%C3%BC.ics"
            in response["Content-Disposition"]
        )
        assert icalendar.Calendar.from_ical(response.content).events[0].start == at(2027, 4, 1, 10)

    @pytest.mark.parametrize(
        "url",
        ["/de/events/ical/", "/fr/etkinlikler/ical/", "/en/etkinlikler/ical/", "/tr/events/ical/"],
    )
    def test_feed_for_unknown_language_is_404(self, client, indexes, url):
        # Django may first redirect an unknown prefix into the default language (/tr/de/…).
        response = client.get(url, follow=True)
        assert response.status_code == 404
        assert "Page not found" in response.text or "Sayfa bulunamadı" in response.text

    def test_index_links_to_feed_and_event_to_calendars(self, client, indexes):
        make_event(
            indexes["en"],
            "Online training",
            at(2027, 5, 12, 10),
            at(2027, 5, 12, 12),
            slug="online-training",
            format="online",
            online_link="https://meet.example.org/x",
        )
        index_text = client.get("/en/events/").text
        assert 'href="/en/events/ical/"' in index_text
        text = html.unescape(client.get("/en/events/online-training/").text)
        assert 'href="/en/events/online-training/ics/"' in text
        google = re.search(r'href="(https://calendar\.google\.com/[^"]+)"', text).group(1)
        google = parse_qs(urlsplit(google).query)
        assert google["dates"] == ["20270512T070000Z/20270512T090000Z"]
        assert google["text"] == ["Online training"]
        assert google["ctz"] == ["Europe/Istanbul"]
        assert "http://testserver/en/events/online-training/" in google["details"][0]
        outlook = re.search(r'href="(https://outlook\.live\.com/[^"]+)"', text).group(1)
        outlook = parse_qs(urlsplit(outlook).query)
        assert outlook["startdt"] == ["2027-05-12T10:00:00+03:00"]
        assert outlook["enddt"] == ["2027-05-12T12:00:00+03:00"]


# --- JSON-LD ------------------------------------------------------------------------------


@pytest.mark.django_db
class TestJsonLd:
    def test_hybrid_event_json_ld(self, client, indexes):
        make_event(
            indexes["en"],
            "Good-practice conference",
            at(2027, 3, 17, 10),
            at(2027, 3, 17, 16, 30),
            slug="conference",
            format="hybrid",
            online_link="https://meet.example.org/conference",
            venue="Congress Centre",
            address="Example Street 1",
            city="ankara",
            summary="NGO–public dialogue </script> & good practice.",
            organisers=[
                (
                    "organisation",
                    {"name": "Technical Assistance Team", "role": "organiser", "website": ""},
                ),
                ("organisation", {"name": "Partner NGO", "role": "partner", "website": ""}),
            ],
        )
        text = client.get("/en/events/conference/").text
        data = json_ld(text)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "Event"
        assert data["name"] == "Good-practice conference"
        assert data["startDate"] == "2027-03-17T10:00:00+03:00"
        assert data["endDate"] == "2027-03-17T16:30:00+03:00"
        assert data["eventStatus"] == "https://schema.org/EventScheduled"
        assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
        place, virtual = data["location"]
        assert place["@type"] == "Place"
        assert place["address"]["addressLocality"] == "Ankara"
        assert place["address"]["addressCountry"] == "TR"
        assert virtual == {"@type": "VirtualLocation", "url": "https://meet.example.org/conference"}
        assert data["organizer"] == {"@type": "Organization", "name": "Technical Assistance Team"}
        assert data["url"] == "http://testserver/en/events/conference/"
        assert data["description"] == "NGO–public dialogue </script> & good practice."
        assert "</script> &" not in text.split("application/ld+json")[1].split("</script>")[0]

    def test_cancelled_online_all_day_event(self, client, indexes):
        make_event(
            indexes["tr"],
            "Çevrim içi eğitim",
            at(2027, 5, 12),
            at(2027, 5, 13),
            slug="egitim",
            all_day=True,
            status="cancelled",
            format="online",
            online_link="https://meet.example.org/egitim",
        )
        text = client.get("/tr/etkinlikler/egitim/").text
        data = json_ld(text)
        assert data["eventStatus"] == "https://schema.org/EventCancelled"
        assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
        assert data["location"]["@type"] == "VirtualLocation"
        assert data["startDate"] == "2027-05-12"
        assert data["endDate"] == "2027-05-13"
        assert data["inLanguage"] == "tr"
        assert "İptal edildi" in text


# --- Admin validation ---------------------------------------------------------------------


def event_form(**overrides):
    data = {
        "title": "Test etkinliği",
        "slug": "test-etkinligi",
        "summary": "",
        "start": "2027-03-17 10:00",
        "end": "2027-03-17 16:00",
        "status": "scheduled",
        "format": "in_person",
        "venue": "",
        "city": "ankara",
        "other_city": "",
        "address": "",
        "online_link": "",
        "organisers": streamfield([]),
        "target_audience": "",
        "activity_links": inline_formset([]),
        "body": streamfield([]),
        "agenda": streamfield([]),
        "registration_status": "not_needed",
        "registration_url": "",
        "registration_email": "",
        "registration_deadline": "",
        "registration_questions": streamfield([]),
        "documents": streamfield([]),
        "outcomes": rich_text(""),
        "participant_count": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


ADMIN_CASES = [
    (
        {"end": "2027-03-16 16:00"},
        "end",
        "The event cannot end before it starts. Check the end date and time.",
        "Etkinlik başlamadan bitemez. Bitiş tarihini ve saatini kontrol edin.",
    ),
    (
        {
            "registration_status": "open",
            "registration_url": "https://example.org/kayit",
            "registration_deadline": "2027-03-18 12:00",
        },
        "registration_deadline",
        "The registration deadline must not be later than the start of the event.",
        "Kayıt için son tarih, etkinliğin başlangıcından sonra olamaz.",
    ),
    (
        {"format": "online"},
        "online_link",
        "Online and hybrid events need a link for joining online.",
        "Çevrim içi ve karma etkinlikler için katılım bağlantısı gereklidir.",
    ),
    (
        {"format": "hybrid"},
        "online_link",
        "Online and hybrid events need a link for joining online.",
        "Çevrim içi ve karma etkinlikler için katılım bağlantısı gereklidir.",
    ),
]


@pytest.mark.django_db
class TestAdminValidation:
    def test_valid_form_creates_the_event(self, admin_client, indexes):
        url = f"/admin/pages/add/events/eventpage/{indexes['tr'].pk}/"
        response = admin_client.post(url, event_form(**{"action-publish": "publish"}))
        assert response.status_code == 302, response.context["form"].errors
        event = EventPage.objects.get(slug="test-etkinligi", locale__language_code="tr")
        assert event.live
        assert event.local_start == at(2027, 3, 17, 10)

    @pytest.mark.parametrize(("overrides", "field", "english", "turkish"), ADMIN_CASES)
    @pytest.mark.parametrize("language", ["en", "tr"])
    def test_create_form_shows_the_message(
        self, admin_client, indexes, overrides, field, english, turkish, language
    ):
        url = f"/admin/pages/add/events/eventpage/{indexes['tr'].pk}/"
        response = admin_client.post(url, event_form(**overrides), HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        message = english if language == "en" else turkish
        assert response.context["form"].errors[field] == [message]
        assert message in html.unescape(response.text)
        assert not EventPage.objects.filter(slug="test-etkinligi").exists()

    @pytest.mark.parametrize(("overrides", "field", "english", "turkish"), ADMIN_CASES)
    def test_edit_form_shows_the_message(
        self, admin_client, indexes, overrides, field, english, turkish
    ):
        event = make_event(
            indexes["tr"],
            "Test etkinliği",
            at(2027, 3, 17, 10),
            at(2027, 3, 17, 16),
            slug="test-etkinligi",
        )
        response = admin_client.post(
            f"/admin/pages/{event.pk}/edit/", event_form(**overrides), HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 200
        assert response.context["form"].errors[field] == [english]
        assert english in html.unescape(response.text)
        event.refresh_from_db()
        assert event.format == "in_person"
        assert event.local_end == at(2027, 3, 17, 16)

    def test_session_ending_before_it_starts_is_refused(self, admin_client, indexes):
        url = f"/admin/pages/add/events/eventpage/{indexes['tr'].pk}/"
        agenda = streamfield(
            [
                (
                    "session",
                    {
                        "day": "",
                        "start_time": "14:00",
                        "end_time": "13:00",
                        "title": "Açılış",
                        "description": "",
                        "speakers": streamfield([]),
                    },
                )
            ]
        )
        response = admin_client.post(url, event_form(agenda=agenda), HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        assert "The session cannot end before it starts." in html.unescape(response.text)


# --- Home page ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_shows_next_three_events_of_its_language(client, indexes):
    for day, title in [(5, "Beşinci"), (1, "Birinci"), (3, "Üçüncü"), (2, "İkinci")]:
        make_event(indexes["tr"], title, at(2027, 4, day, 10), at(2027, 4, day, 12))
    make_event(indexes["tr"], "Geçmiş", at(2027, 3, 1, 10), at(2027, 3, 1, 12))
    make_event(indexes["en"], "English only", at(2027, 4, 1, 9), at(2027, 4, 1, 12))
    with time_machine.travel(NOW, tick=False):
        tr_text = client.get("/tr/").text
        en_text = client.get("/en/").text
    tr_section = tr_text[tr_text.index('id="home-events-heading"') :]
    tr_section = tr_section[: tr_section.index("</section>")]
    assert "Yaklaşan etkinlikler" in tr_section
    assert titles_in(tr_section) == ["Birinci", "İkinci", "Üçüncü"]
    assert titles_in(
        en_text[en_text.index('id="home-events-heading"') :].split("</section>")[0]
    ) == ["English only"]


# --- Performance ----------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_events(client, indexes, types):
    def add(count, batch):
        # Half of each batch in the past, half to come, so every section has events.
        for i in range(count):
            start = NOW + datetime.timedelta(days=(i - count // 2) * 7, minutes=batch)
            make_event(
                indexes["en"],
                f"Event {batch}-{i}",
                start,
                start + datetime.timedelta(hours=3),
                event_type=types["workshop"]["en"],
                city="istanbul" if i % 2 else "ankara",
            )

    add(4, 0)
    urls = ("/en/events/", "/en/events/?page=2&type=workshop", "/en/events/ical/", "/en/")
    with time_machine.travel(NOW, tick=False):
        for url in urls:
            client.get(url)  # warm caches (site root paths, content types, the chrome)
        small = {url: _queries(client, url) for url in urls}
    # Past a page of the archive (a real page 2), a page of upcoming events and the
    # home's three.
    add(20, 1)
    with time_machine.travel(NOW, tick=False):
        large = {url: _queries(client, url) for url in small}
    assert large == small
