"""Search benchmark: site search latency with many pages in each language.

Run: ``python bench/bench_search.py`` (``make bench``). Uses PostgreSQL when DATABASE_URL
names one (the language-aware backend), SQLite otherwise; always in a throwaway test
database that is created and dropped here. SEARCH_BENCH_COUNT sets the number of pages
per language (default 10,000).

``populate(count)`` creates ``count`` standard pages in each language (Turkish pages with
their English translations, linked by translation_key), indexes them, and returns a dict
of representative URLs, so other benchmarks can reuse it.
"""

import os
import re
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402

TR_WORDS = [
    "göç",
    "eğitimleri",
    "sivil toplum kuruluşları",
    "İstanbul",
    "Iğdır",
    "uluslararası koruma",
    "hibe programı",
    "kapasite geliştirme",
    "gönüllüler",
    "toplantısı",
]
EN_WORDS = [
    "migration",
    "trainings",
    "civil society organisations",
    "İstanbul",
    "Iğdır",
    "international protection",
    "grant scheme",
    "capacity building",
    "volunteers",
    "meeting",
]
QUERIES = {
    "tr": [
        "eğitim",
        "goc",
        "istanbul",
        "IĞDIR",
        "sivil toplum kuruluslari",
        "hibe",
        "yokboylebirsey",
    ],
    "en": [
        "training",
        "migration",
        "istanbul",
        "protection",
        "civil society",
        "grant",
        "nosuchword",
    ],
}


def _insert_pages(model, parent, rows):
    """Bulk-insert child pages of ``parent`` (Page rows, then the model's own table)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(model)
    start = parent.numchild
    pages = []
    for offset, fields in enumerate(rows, start=1):
        pages.append(
            Page(
                path=Page._get_path(parent.path, parent.depth + 1, start + offset),
                depth=parent.depth + 1,
                numchild=0,
                title=fields["title"],
                draft_title=fields["title"],
                slug=fields["slug"],
                url_path=f"{parent.url_path}{fields['slug']}/",
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                first_published_at=fields["published"],
                last_published_at=fields["published"],
                locale_id=parent.locale_id,
                translation_key=fields["translation_key"],
            )
        )
    Page.objects.bulk_create(pages, batch_size=1000)
    created = list(
        Page.objects.filter(path__in=[p.path for p in pages])
        .order_by("path")
        .values_list("pk", flat=True)
    )
    own_fields = [f for f in model._meta.local_concrete_fields if f.name != "page_ptr"]
    columns = ", ".join(["page_ptr_id", *[connection.ops.quote_name(f.column) for f in own_fields]])
    placeholders = ", ".join(["%s"] * (len(own_fields) + 1))
    values = []
    for pk, fields in zip(created, rows, strict=True):
        row = [pk]
        for field in own_fields:
            value = fields.get(field.name, field.get_default())
            row.append(field.get_db_prep_save(value, connection))
        values.append(row)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({placeholders})", values
        )
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(rows))
    parent.numchild = start + len(rows)
    return created


def populate(count):
    """Create ``count`` pages per language under both homes and index them."""
    from django.utils import timezone
    from wagtail.models import Locale, Site
    from wagtail.search.backends import get_search_backend

    from home.models import StandardPage

    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("tr", "en")}
    tr_home = Site.objects.get(is_default_site=True).root_page.specific
    en_home = tr_home.get_translation_or_none(locales["en"])
    if en_home is None:
        en_home = tr_home.copy_for_translation(locales["en"]).specific
        en_home.slug = "home-en"
        en_home.title = "Migration & Civil Society Project"
        en_home.save_revision().publish()
    en_home = en_home.specific
    now = timezone.now()
    tr_rows, en_rows = [], []
    for number in range(count):
        key = uuid.uuid4()
        a, b = TR_WORDS[number % 10], TR_WORDS[(number * 7 + 3) % 10]
        c, d = EN_WORDS[number % 10], EN_WORDS[(number * 7 + 3) % 10]
        published = now - timezone.timedelta(hours=number)
        tr_rows.append(
            {
                "title": f"{a.capitalize()} ve {b} üzerine not {number}",
                "slug": f"not-{number}",
                "summary": f"{a} konusunda {b} için hazırlanan bilgi notu.",
                "intro": f"Bu sayfa {a}, {b} ve Türkiye'deki çalışmalar hakkındadır.",
                "translation_key": key,
                "published": published,
            }
        )
        en_rows.append(
            {
                "title": f"Note {number} on {c} and {d}",
                "slug": f"note-{number}",
                "summary": f"An information note on {c} for {d}.",
                "intro": f"This page is about {c}, {d} and the work in Türkiye.",
                "translation_key": key,
                "published": published,
            }
        )
    started = time.perf_counter()
    tr_ids = _insert_pages(StandardPage, tr_home, tr_rows)
    en_ids = _insert_pages(StandardPage, en_home, en_rows)
    inserted = time.perf_counter() - started
    backend = get_search_backend()
    started = time.perf_counter()
    ids = tr_ids + en_ids
    for chunk in range(0, len(ids), 500):
        backend.add_bulk(
            StandardPage, list(StandardPage.objects.filter(pk__in=ids[chunk : chunk + 500]))
        )
    indexed = time.perf_counter() - started
    print(
        f"populate({count}): {2 * count} pages inserted in {inserted:.1f} s, indexed in {indexed:.1f} s"
    )
    return {
        "tr_search": "/tr/ara/?q=eğitim",
        "en_search": "/en/search/?q=training",
        "tr_page": "/tr/not-0/",
        "en_page": "/en/note-0/",
        "sitemap": "/sitemap.xml",
    }


def measure(client, url, repeat=5):
    timings = []
    queries = 0
    response = None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), queries, response


def main():
    count = int(os.environ.get("SEARCH_BENCH_COUNT", "10000"))
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        print(
            f"database: {connection.vendor}, search backend: {settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']}"
        )
        populate(count)
        client = Client()
        ms, n_queries, _ = measure(client, "/en/note-0/")
        print(f"baseline: a standard page renders in {ms:.1f} ms with {n_queries} queries")
        print(f"{'language':8} {'query':28} {'results':>8} {'ms (median of 5)':>17} {'queries':>8}")
        for language, queries in QUERIES.items():
            path = "/tr/ara/" if language == "tr" else "/en/search/"
            for query in queries:
                ms, n_queries, response = measure(client, f"{path}?q={query}")
                found = re.search(r'data-count="(\d+)"', response.content.decode())
                found = found.group(1) if found else "0"
                print(f"{language:8} {query:28} {found:>8} {ms:17.1f} {n_queries:8}")
        ms, n_queries, _ = measure(client, "/en/search/?q=training&page=400")
        print(f"{'en':8} {'training, page 400':28} {'':>8} {ms:17.1f} {n_queries:8}")
        ms, n_queries, response = measure(client, "/sitemap.xml", repeat=2)
        print(
            f"sitemap.xml: {response.content.count(b'<url>')} URLs, {ms:.0f} ms, {n_queries} queries"
        )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
