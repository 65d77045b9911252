"""Search benchmark: site search latency with many pages in each language.

Run: ``python bench/bench_search.py`` (``make bench``). Uses PostgreSQL when DATABASE_URL
names one (the language-aware backend), SQLite otherwise; always in a throwaway test
database that is created and dropped here. Nothing is cached: the page cache is off
and search keeps no results, so every request runs its search. The site grows through
SEARCH_BENCH_SIZES pages per language (default "1000,10000"); at each size every query
of the table is requested SEARCH_BENCH_REPEAT times (default 20) for the median and the
95th percentile, and the number of SQL queries per search is compared between sizes.

``populate(count)`` creates ``count`` standard pages in each language (Turkish pages with
their English translations, linked by translation_key), indexes them, and returns a dict
of representative URLs, so other benchmarks can reuse it.
"""

import os
import re
import statistics
import time
import urllib.parse
import uuid

from harness import child_path, homes, setup_django, throwaway_database

# Timed as production renders: templates without DEBUG's extra bookkeeping.
os.environ.setdefault("DEBUG", "false")
setup_django()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

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
                path=child_path(parent, start + offset),
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


def populate(count, start=0):
    """Create ``count`` pages per language under both homes (numbered from ``start``, so
    a second call grows the site) and index them."""
    from django.utils import timezone
    from wagtail.search.backends import get_search_backend

    from home.models import StandardPage

    _locales, both_homes = homes(en_title="Migration & Civil Society Project")
    tr_home, en_home = both_homes["tr"], both_homes["en"]
    now = timezone.now()
    tr_rows, en_rows = [], []
    for number in range(start, start + count):
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
    for chunk in range(0, len(ids), 2000):
        backend.add_bulk(
            StandardPage, list(StandardPage.objects.filter(pk__in=ids[chunk : chunk + 2000]))
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


def measure(client, url, repeat):
    """Median and 95th percentile of ``repeat`` requests (after one warm-up), the SQL
    queries of the last one, and its response."""
    client.get(url)
    timings, index_sql = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        index_sql.append(
            sum(
                float(query["time"]) * 1000
                for query in captured.captured_queries
                if "wagtailsearch_indexentry" in query["sql"]
            )
        )
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    measure.index_sql_ms = statistics.median(index_sql)
    return statistics.median(timings), p95, len(captured.captured_queries), response


def explain_ranked(client, url):
    """The scans in PostgreSQL's plan of the statement that ranks ``url``'s results page
    (with the time each took): which indexes a search reads."""
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    ranked = [query["sql"] for query in captured.captured_queries if "ts_rank" in query["sql"]]
    if connection.vendor != "postgresql" or not ranked:
        return []
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + ranked[0])
        plan = [row[0] for row in cursor.fetchall()]
    return [line.strip().lstrip("-> ") for line in plan if "Scan" in line or "Execution" in line]


def search_cases():
    """(language, query, page) for every row of the table."""
    cases = [(language, query, None) for language, queries in QUERIES.items() for query in queries]
    # Every page's title holds "not" / "Note": deep pages exist (10,000 matches).
    cases += [("tr", "not", 400), ("en", "note", 400), ("en", "training", 400)]
    return cases


def search_table(repeat):
    """Measure every search case; print the table and return {case: queries}."""
    client = Client()
    header = (
        "| language | query | page | results | ms median | ms p95 | queries "
        "| ms in index SQL (median) |\n|---|---|---|---|---|---|---|---|"
    )
    print(header)
    queries_by_case = {}
    for language, query, page in search_cases():
        path = "/tr/ara/" if language == "tr" else "/en/search/"
        url = f"{path}?q={urllib.parse.quote(query)}" + (f"&page={page}" if page else "")
        median, p95, n_queries, response = measure(client, url, repeat)
        html = response.content.decode()
        found = re.search(r'data-count="(\d+)"', html)
        shown = re.search(r'<ol class="search-hits" start="(\d+)"', html)
        shown_page = (int(shown.group(1)) - 1) // 10 + 1 if shown else "-"
        print(
            f"| {language} | {query} | {shown_page} | {int(found.group(1)) if found else 0:,} "
            f"| {median:.1f} | {p95:.1f} | {n_queries} | {measure.index_sql_ms:.1f} |"
        )
        queries_by_case[(language, query, page)] = n_queries
    url = "/tr/ara/?q=not&page=400"
    print(f"\nscans of the statement that ranks {url}:")
    for line in explain_ranked(client, url):
        print(f"  {line}")
    return queries_by_case


def vacuum_analyze():
    """What autovacuum does on a live site after a bulk load: without table statistics
    the planner guesses row counts, and the first searches measure its guesses."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def main():
    sizes = [int(size) for size in os.environ.get("SEARCH_BENCH_SIZES", "1000,10000").split(",")]
    repeat = int(os.environ.get("SEARCH_BENCH_REPEAT", "20"))
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # Nothing kept between requests: every request below runs its search.
    with throwaway_database():
        print(
            f"database: {connection.vendor}, search backend: "
            f"{settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']}; no results cache and "
            "no page cache: every request runs its search"
        )
        queries_at = {}
        total = 0
        for size in sizes:
            populate(size - total, start=total)
            total = size
            vacuum_analyze()
            print(f"\n{size:,} pages per language ({repeat} requests per row)")
            ms, _p95, n_queries, _ = measure(Client(), "/en/note-0/", repeat)
            print(f"baseline: a standard page renders in {ms:.1f} ms with {n_queries} queries")
            queries_at[size] = search_table(repeat)
        if len(sizes) > 1:
            first, last = queries_at[sizes[0]], queries_at[sizes[-1]]
            grown = {case: (first[case], last[case]) for case in first if first[case] != last[case]}
            print(
                f"\nqueries per search from {sizes[0]:,} to {sizes[-1]:,} pages: "
                + ("flat (the same for every row)" if not grown else f"NOT flat: {grown}")
            )
        ms, _p95, n_queries, response = measure(Client(), "/sitemap.xml", 2)
        print(
            f"sitemap.xml: {response.content.count(b'<url>')} URLs, {ms:.0f} ms, {n_queries} queries"
        )


if __name__ == "__main__":
    main()
