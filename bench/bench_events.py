"""Benchmark the event index and the iCalendar feeds with many events.

Run as a plain script (`make bench`): it works in a throwaway test database (PostgreSQL
when DATABASE_URL names one, else SQLite in memory) and prints queries and milliseconds
per request for growing numbers of events. `populate(count)` is reusable by the load
benchmark: it adds `count` events in each language and returns representative URLs.
"""

import datetime
import statistics
import sys
import time

from harness import homes, setup_django, throwaway_database

setup_django()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from events.models import EventIndexPage, EventPage, EventType  # noqa: E402

CITIES = ["ankara", "istanbul", "gaziantep", "izmir", "hatay", "sanliurfa"]
_created = {"count": 0}


def _indexes(locales, homes):
    tr = EventIndexPage.objects.filter(locale=locales["tr"]).first()
    if tr is None:
        tr = EventIndexPage(title="Etkinlikler", slug="etkinlikler")
        homes["tr"].add_child(instance=tr)
    en = EventIndexPage.objects.filter(locale=locales["en"]).first()
    if en is None:
        en = EventIndexPage(
            title="Events", slug="events", locale=locales["en"], translation_key=tr.translation_key
        )
        homes["en"].add_child(instance=en)
    return {"tr": EventIndexPage.objects.get(pk=tr.pk), "en": EventIndexPage.objects.get(pk=en.pk)}


def _types(locales):
    tr, _ = EventType.objects.get_or_create(
        locale=locales["tr"], slug="calistay", defaults={"name": "Çalıştay"}
    )
    en, _ = EventType.objects.get_or_create(
        locale=locales["en"],
        slug="workshop",
        defaults={"name": "Workshop", "translation_key": tr.translation_key},
    )
    return {"tr": tr, "en": en}


def populate(count):
    """Add ``count`` events in Turkish and their English counterparts (same translation
    key), half of them past and half to come. Returns representative URLs."""
    locales, both_homes = homes()
    indexes = _indexes(locales, both_homes)
    types = _types(locales)
    now = timezone.now()
    tr_event = en_event = None
    for i in range(count):
        n = _created["count"] = _created["count"] + 1
        start = now + datetime.timedelta(days=(i - count // 2) * 3, minutes=n)
        common = {
            "start": start,
            "end": start + datetime.timedelta(hours=4),
            "city": CITIES[n % len(CITIES)],
            "venue": "Salon",
            "organisers": [
                (
                    "organisation",
                    {"name": "Teknik Destek Ekibi", "role": "organiser", "website": ""},
                )
            ],
        }
        tr_event = EventPage(
            title=f"Etkinlik {n}",
            slug=f"etkinlik-{n}",
            summary="Özet " * 20,
            event_type=types["tr"],
            **common,
        )
        indexes["tr"].add_child(instance=tr_event)
        en_event = EventPage(
            title=f"Event {n}",
            slug=f"event-{n}",
            summary="Summary " * 20,
            event_type=types["en"],
            locale=locales["en"],
            translation_key=tr_event.translation_key,
            **common,
        )
        indexes["en"].add_child(instance=en_event)
    return {
        "index_tr": "/tr/etkinlikler/",
        "index_tr_filtered": "/tr/etkinlikler/?type=calistay&city=istanbul&page=2",
        "index_en": "/en/events/",
        "feed_tr": "/tr/etkinlikler/ical/",
        "feed_en": "/en/events/ical/",
        "event_tr": tr_event.url if tr_event else None,
        "ics_en": (en_event.url + "ics/") if en_event else None,
        "home_tr": "/tr/",
    }


def measure(client, url, runs=5):
    client.get(url)  # warm-up
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return len(queries), statistics.median(timings), len(response.content)


def main():
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    steps = [int(arg) for arg in sys.argv[1:]] or [20, 200]
    with throwaway_database():
        print(f"database: {connection.vendor}")
        client = Client()
        total = 0
        for target in steps:
            urls = populate(target - total)
            total = target
            print(f"\n{total} events per language")
            print(f"  {'url':<58} {'queries':>7} {'ms':>8} {'KB':>7}")
            for name in (
                "index_tr",
                "index_tr_filtered",
                "index_en",
                "feed_tr",
                "feed_en",
                "event_tr",
                "ics_en",
                "home_tr",
            ):
                url = urls[name]
                queries, ms, size = measure(client, url)
                print(f"  {name + ' ' + url:<58} {queries:>7} {ms:>8.1f} {size / 1024:>7.1f}")


if __name__ == "__main__":
    main()
