"""How site search reads the index on PostgreSQL (issue 26): each language's entries in
their own index, the matches ranked once for the results page and its counts, the same
queries whatever the page number. Timings at 10,000 pages per language: bench/bench_search.py."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from home.models import StandardPage
from tests.conftest import add_child_page, publish_translation, refreshed, site_homes

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the language indexes are PostgreSQL's"
    ),
    pytest.mark.django_db,
]


@pytest.fixture(scope="module")
def workshops_built(module_data):
    """Twelve reports in each language, built once for the module: its tests only read."""
    homes = site_homes()
    pages = []
    for number in range(12):
        page = add_child_page(
            homes["tr"],
            StandardPage,
            title=f"Atölye raporu {number}",
            slug=f"atolye-{number}",
            summary="İstanbul'da yapılan atölye.",
        )
        publish_translation(
            page,
            f"workshop-{number}",
            title=f"Workshop report {number}",
            summary="A workshop held in İstanbul.",
        )
        pages.append(page)
    return pages


@pytest.fixture
def workshops(workshops_built, db):
    return refreshed(workshops_built)


def search_sql(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries if "wagtailsearch_indexentry" in q["sql"]]


def plan(sql):
    """The plan PostgreSQL would choose for ``sql`` on a large site. The test site is
    tiny: reading the table, or the entries of a content type, would win. Inside a
    transaction that is rolled back, those ways are taken away, so the plan shows which
    full-text index can serve the query."""
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks
                cursor.execute(
                    "SELECT conname FROM pg_constraint "
                    "WHERE conrelid = 'wagtailsearch_indexentry'::regclass AND contype = 'u'"
                )
                for (name,) in cursor.fetchall():
                    cursor.execute(f'ALTER TABLE wagtailsearch_indexentry DROP CONSTRAINT "{name}"')
                cursor.execute(
                    "SELECT indexname FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry' "
                    "AND indexdef LIKE '%%btree (content_type_id)%%'"
                )
                for (name,) in cursor.fetchall():
                    cursor.execute(f'DROP INDEX "{name}"')
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("EXPLAIN " + sql)
                explained = "\n".join(row[0] for row in cursor.fetchall())
                raise _RollBack(explained)
        except _RollBack as done:
            return done.args[0]


class _RollBack(Exception):
    pass


def test_each_entry_records_the_configuration_that_built_it(workshops):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT locale.language_code, entry.site_config FROM wagtailsearch_indexentry entry "
            "JOIN wagtailcore_page page ON entry.object_id = page.id::text "
            "AND entry.content_type_id = page.content_type_id "
            "JOIN wagtailcore_locale locale ON locale.id = page.locale_id "
            "WHERE page.slug LIKE 'atolye-%%' OR page.slug LIKE 'workshop-%%'"
        )
        rows = cursor.fetchall()
    assert len(rows) == 24
    assert set(rows) == {("tr", "site_turkish"), ("en", "site_english")}


def test_a_search_reads_only_its_languages_index(client, workshops):
    # "İstanbul" is in the pages of both languages.
    for url, own, other in (
        ("/tr/ara/?q=istanbul", "site_search_site_turkish_gin", "site_english"),
        ("/en/search/?q=istanbul", "site_search_site_english_gin", "site_turkish"),
    ):
        statements = search_sql(client, url)
        assert statements
        for sql in statements:
            explained = plan(sql)
            assert own in explained, explained
            assert other not in explained


def test_the_matches_are_read_and_ranked_once_for_the_page_shown_and_the_counts(client, workshops):
    statements = search_sql(client, "/en/search/?q=workshop&page=2")
    # One statement reads the index: its common table ranks each match once (the
    # title's rank and the body's), the counts group those rows without ranking them
    # again, and the slice keeps page 2 (rows 11-20, or the last page's if fewer) with a
    # top-N sort.
    assert len(statements) == 1
    (sql,) = statements
    assert sql.count("ts_rank(") == 2
    assert re.search(r"COUNT\(\*\)[^()]* FROM hits GROUP BY", sql), sql
    assert "LIMIT 10 OFFSET LEAST(10," in sql
    response = client.get("/en/search/?q=workshop&page=2")
    assert len(response.context["results"]) == 2  # page 2 of 12 results: the last two


def test_a_deep_page_costs_the_same_queries_as_the_first(client, workshops):
    with CaptureQueriesContext(connection) as first:
        client.get("/en/search/?q=workshop&page=1")
    with CaptureQueriesContext(connection) as second:
        client.get("/en/search/?q=workshop&page=2")
    # The first page also counts the query for the report and looks for promotions.
    assert len(second.captured_queries) <= len(first.captured_queries)


def test_the_pages_searched_can_be_read_from_the_live_pages_index(client, workshops):
    # Every search joins its matches to the language's live pages (and public() leaves
    # out paths under a view restriction). search/migrations/0005's partial index holds
    # all of that, so at 10,000 pages PostgreSQL reads it alone (an index-only scan:
    # bench/bench_search.py prints the plan); a site this small is read either way.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'site_search_live_pages'")
        (definition,) = cursor.fetchone()
    assert definition.endswith("(locale_id, depth) INCLUDE (id, path) WHERE live")
    for sql in search_sql(client, "/en/search/?q=workshop"):
        searched = sql.split('"wagtailcore_page" U0 WHERE', 1)[1]
        columns = set(re.findall(r'U0\."(\w+)"', searched))
        assert columns <= {"live", "locale_id", "depth", "id", "path"}, searched
