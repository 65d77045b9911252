"""Reach counting: the beacon, what is counted and what is not, what is stored, the flush
into daily rows, the admin report, the dashboard panel and the donor report.

Counting runs on the real Redis (REDIS_URL, as in CI), under a key prefix of each test."""

import datetime
import html
import os
import re
import uuid

import pytest
import time_machine
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from home.models import StandardPage
from reach import figures
from reach.counting import counter
from reach.models import DailyPageCount
from tests.conftest import add_child_page, publish_translation, refreshed, site_homes

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7")
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
ADDRESS = "203.0.113.77"


def redis_caches(location=REDIS_URL, prefix=None):
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "reach": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix or f"test-reach-{uuid.uuid4().hex}",
        },
    }


@pytest.fixture
def redis_counting():
    """Counting into the real Redis, under this test's own key prefix (removed after)."""
    caches = redis_caches()
    with override_settings(CACHES=caches, REACH_CACHE="reach"):
        client = counter.client()
        counter._salt = (None, None)
        counter._pending.clear()
        yield client
        counter._pending.clear()
        for key in client.scan_iter(match=caches["reach"]["KEY_PREFIX"] + "*"):
            client.delete(key)
    counter._salt = (None, None)


@pytest.fixture
def visitor():
    """A browser at one address, that sends nothing but what a browser sends."""
    return Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=ADDRESS)


@pytest.fixture(scope="module")
def about_built(module_data):
    """The measured page in both languages, built once for the module (see
    ``module_data``; the demo tests at the end replace it with the demo)."""
    homes = site_homes()
    page = add_child_page(homes["tr"], StandardPage, title="Ölçülen sayfa", slug="olculen-sayfa")
    translation = publish_translation(page, "measured-page", title="Measured page")
    return {"tr": page, "en": translation}


@pytest.fixture
def about(about_built, db):
    return refreshed(about_built)


def beacon_of(response):
    """The counting URLs a page carries: the script's and the no-JavaScript image's."""
    body = response.content.decode()
    script = re.search(r'<script src="[^"]*reach/beacon[^"]*\.js" data-reach="([^"]+)"', body)
    pixel = re.search(r'<noscript><img class="reach-pixel" src="([^"]+)"', body)
    return (
        html.unescape(script.group(1)) if script else None,
        html.unescape(pixel.group(1)) if pixel else None,
    )


def load(client, path, **headers):
    """What a browser does: fetch the page, then call the beacon it carries."""
    response = client.get(path, **headers)
    assert response.status_code == 200
    url, _pixel = beacon_of(response)
    assert url, "the page carries no beacon"
    hit = client.post(url, **headers)
    assert hit.status_code == 204
    return response


def rows():
    counter.flush()
    return list(
        DailyPageCount.objects.values(
            "date", "language", "path", "page_id", "referrer_host", "views", "visits"
        ).order_by("language", "path", "referrer_host")
    )


def test_a_page_view_is_counted_once_per_load_in_its_language_and_page(
    redis_counting, visitor, about
):
    page = visitor.get("/tr/olculen-sayfa/")
    assert rows() == []  # the page itself counts nothing: a cached copy would not either
    script, pixel = beacon_of(page)
    assert visitor.post(script).status_code == 204
    load(visitor, "/en/measured-page/")
    today = timezone.localdate()
    assert rows() == [
        {
            "date": today,
            "language": "en",
            "path": "/en/measured-page/",
            "page_id": about["en"].pk,
            "referrer_host": "",
            "views": 1,
            "visits": 0,
        },
        {
            "date": today,
            "language": "tr",
            "path": "/tr/olculen-sayfa/",
            "page_id": about["tr"].pk,
            "referrer_host": "",
            "views": 1,
            "visits": 1,
        },
    ]
    # The page is the same bytes for every visitor: a shared cache serves it unchanged,
    # and each load of that copy calls the beacon once.
    again = visitor.get("/tr/olculen-sayfa/")
    assert beacon_of(again) == beacon_of(page)
    assert script == pixel
    visitor.get(pixel)  # the no-JavaScript image
    assert DailyPageCount.objects.get(path="/tr/olculen-sayfa/").views == 1
    assert rows()[1]["views"] == 2


def test_a_reload_within_the_day_is_a_view_not_a_new_visit(redis_counting, visitor, about):
    for _ in range(3):
        load(visitor, "/tr/olculen-sayfa/")
    other_browser = Client(HTTP_USER_AGENT=BROWSER.replace("131", "130"), REMOTE_ADDR=ADDRESS)
    load(other_browser, "/tr/olculen-sayfa/")
    other_address = Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.9")
    load(other_address, "/tr/")
    counted = {row["path"]: (row["views"], row["visits"]) for row in rows()}
    assert counted == {"/tr/olculen-sayfa/": (4, 2), "/tr/": (1, 1)}


def test_the_next_day_the_same_browser_is_a_new_visit_with_a_new_salt(
    redis_counting, visitor, about
):
    first = timezone.make_aware(datetime.datetime(2026, 3, 2, 23, 50))
    with time_machine.travel(first, tick=False):
        load(visitor, "/tr/olculen-sayfa/")
        load(visitor, "/tr/olculen-sayfa/")
        counter.push()
        salt = redis_counting.get(counter.key("salt", "2026-03-02"))
        # Yesterday's salt and visitor set vanish at the end of the day.
        assert 0 < redis_counting.ttl(counter.key("salt", "2026-03-02")) <= 11 * 60
        assert 0 < redis_counting.ttl(counter.key("seen", "2026-03-02")) <= 11 * 60
    with time_machine.travel(first + datetime.timedelta(minutes=20), tick=False):
        load(visitor, "/tr/olculen-sayfa/")
        assert redis_counting.get(counter.key("salt", "2026-03-03")) != salt
    counted = {row["date"].isoformat(): (row["views"], row["visits"]) for row in rows()}
    assert counted == {"2026-03-02": (2, 1), "2026-03-03": (1, 1)}


@pytest.mark.parametrize(
    "headers",
    [
        {
            "HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
        },
        {
            "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0.0.0 Safari/537.36"
        },
        {"HTTP_USER_AGENT": "facebookexternalhit/1.1"},
        {"HTTP_USER_AGENT": "curl/8.5.0"},
        {"HTTP_USER_AGENT": ""},
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_SEC_GPC": "1"},
        {"HTTP_DNT": "1"},
    ],
    ids=[
        "googlebot",
        "headless",
        "link-preview",
        "curl",
        "no-agent",
        "prefetch",
        "prerender",
        "purpose",
        "gpc",
        "dnt",
    ],
)
def test_bots_prefetches_and_do_not_track_are_not_counted(redis_counting, about, headers):
    client = Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=ADDRESS)
    response = client.get("/tr/olculen-sayfa/")
    url, _pixel = beacon_of(response)
    for method in (client.post, client.get):
        hit = method(url, **headers)
        assert hit.status_code in (200, 204)
        assert hit["Cache-Control"] == "private, no-store"
    assert rows() == []
    load(client, "/tr/olculen-sayfa/")  # the same request without the header is counted
    assert [row["views"] for row in rows()] == [1]


def test_only_the_referring_sites_host_is_kept_and_this_site_is_not_a_referrer(
    redis_counting, visitor, about
):
    url, _pixel = beacon_of(visitor.get("/tr/olculen-sayfa/"))
    visitor.post(url + "&r=WWW.Example.ORG")
    visitor.post(url + "&r=testserver")  # a link from our own pages
    visitor.post(url + "&r=" + "x" * 300)  # not a host name
    visitor.post(url + "&r=evil.org/path?q=1")
    counted = {row["referrer_host"]: row["views"] for row in rows()}
    assert counted == {"www.example.org": 1, "": 3}


def test_the_endpoint_is_never_cached_and_sets_no_cookie(redis_counting, visitor, about):
    url, pixel = beacon_of(visitor.get("/tr/olculen-sayfa/"))
    for response in (visitor.post(url), visitor.get(pixel), visitor.post("/reach/hit?p=/nowhere")):
        assert response["Cache-Control"] == "private, no-store"
        assert not response.cookies
        assert "Set-Cookie" not in response
    assert visitor.get(pixel)["Content-Type"] == "image/gif"
    assert visitor.put(url).status_code == 405


def test_addresses_outside_the_language_trees_and_unknown_pages_are_not_pages(
    redis_counting, visitor, about
):
    for path in ("/admin/", "/xx/a/", "", "/tr/a b/", "/tr/" + "a" * 400):
        visitor.post("/reach/hit", {"p": path}, QUERY_STRING=f"p={path}")
    visitor.post(f"/reach/hit?p=/tr/eski/&id={about['tr'].pk + 1000}")
    assert [(row["path"], row["page_id"]) for row in rows()] == [("/tr/eski/", None)]


def test_error_pages_carry_no_beacon(about, client):
    response = client.get("/tr/yok-boyle-bir-sayfa/")
    assert response.status_code == 404
    assert beacon_of(response) == (None, None)


def test_with_redis_down_pages_and_the_endpoint_answer_and_nothing_is_counted(visitor, about):
    caches = redis_caches(location="redis://127.0.0.1:1/0")
    with override_settings(CACHES=caches, REACH_CACHE="reach"):
        counter._down_until = 0.0
        counter._salt = (None, None)
        page = visitor.get("/tr/olculen-sayfa/")
        assert page.status_code == 200
        url, _pixel = beacon_of(page)
        assert visitor.post(url).status_code == 204
        assert counter._down_until > 0  # paused: the next hits do not even try
        assert visitor.post(url).status_code == 204
    counter._down_until = 0.0
    assert not DailyPageCount.objects.exists()


def test_counts_made_during_a_flush_or_left_by_a_failed_one_are_not_lost(
    redis_counting, visitor, about, monkeypatch
):
    load(visitor, "/tr/olculen-sayfa/")
    original = DailyPageCount.add_counts

    def failing(rows):
        raise RuntimeError("database gone")

    monkeypatch.setattr(DailyPageCount, "add_counts", failing)
    with pytest.raises(RuntimeError):
        counter.flush()
    load(visitor, "/tr/olculen-sayfa/")  # counted while the failed run's keys wait
    monkeypatch.setattr(DailyPageCount, "add_counts", original)
    assert [(row["views"], row["visits"]) for row in rows()] == [(2, 1)]
    load(visitor, "/tr/olculen-sayfa/")
    assert [(row["views"], row["visits"]) for row in rows()] == [(3, 1)]
    assert counter.flush() == 0


def test_the_flush_command_and_task_write_the_counts(redis_counting, visitor, about):
    from django.core.management import call_command

    from reach.tasks import flush_reach_counts

    load(visitor, "/tr/olculen-sayfa/")
    call_command("flush_reach_counts", verbosity=0)
    assert DailyPageCount.objects.get().views == 1
    load(visitor, "/tr/olculen-sayfa/")
    flush_reach_counts.enqueue()  # the immediate backend runs it at once
    assert DailyPageCount.objects.get().views == 2


def test_nothing_personal_is_stored(redis_counting, visitor, about):
    url, _pixel = beacon_of(visitor.get("/tr/olculen-sayfa/"))
    visitor.post(url + "&r=news.example.org")
    load(visitor, "/en/measured-page/")
    counter.push()
    salt = redis_counting.get(counter.key("salt", timezone.localdate().isoformat())).decode()
    hashes = [
        m.decode() for m in redis_counting.smembers(counter.key("seen", timezone.localdate()))
    ]
    assert len(hashes) == 1
    counter.flush()
    # The table holds the day, language, page, referring host and two counts; nothing else.
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), DailyPageCount._meta.db_table
        )
    }
    assert columns == {
        "id",
        "date",
        "language",
        "path",
        "page_id",
        "referrer_host",
        "views",
        "visits",
    }
    # No table of the database holds the address, the browser, the salt or the hash.
    secrets = [ADDRESS, "Chrome/131", salt, hashes[0], hashes[0][:16]]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            dump = repr(cursor.fetchall())
            for secret in secrets:
                assert secret not in dump, f"{secret!r} found in {table}"
    # Redis holds the day's salt and hashes only, never the address or the browser.
    for key in redis_counting.scan_iter(match=counter.prefix + "*"):
        kind = redis_counting.type(key).decode()
        value = {
            "string": lambda k: redis_counting.get(k),
            "set": lambda k: redis_counting.smembers(k),
            "hash": lambda k: redis_counting.hgetall(k),
        }[kind](key)
        for secret in (ADDRESS, "Chrome/131"):
            assert secret not in repr(key) + repr(value)


@pytest.fixture
def counted_period(db, about):
    """Daily rows over three days (as the flush writes them), one day outside the period."""
    day = datetime.date(2026, 4, 10)
    DailyPageCount.add_counts(
        [
            (day, "tr", "/tr/olculen-sayfa/", about["tr"].pk, "", 10, 4),
            (day, "tr", "/tr/olculen-sayfa/", about["tr"].pk, "example.org", 3, 3),
            (
                day + datetime.timedelta(days=1),
                "en",
                "/en/measured-page/",
                about["en"].pk,
                "",
                7,
                5,
            ),
            (day + datetime.timedelta(days=1), "tr", "/tr/ara/", None, "", 2, 1),
            (
                day + datetime.timedelta(days=5),
                "tr",
                "/tr/olculen-sayfa/",
                about["tr"].pk,
                "",
                100,
                50,
            ),
        ]
    )
    return day, day + datetime.timedelta(days=2)


def test_the_donor_report_figures_equal_the_counts_for_the_period(counted_period, about):
    from activities.models import Activity, ActivityLink
    from activities.reporting import report_csv, report_rows

    start, end = counted_period
    activity = Activity.objects.create(
        locale=about["tr"].locale,
        number=99,
        title="Saha çalışması",
        planned_start=start,
        planned_end=end,
    )
    ActivityLink.objects.create(activity=activity, page=about["tr"])
    translation = activity.copy_for_translation(about["en"].locale)
    translation.title = "Field study"
    translation.save()
    report = {row["language"]: row for row in report_rows(start, end) if row["number"] == 99}
    assert (
        report["tr"]["content_views"],
        report["tr"]["site_visits"],
        report["tr"]["site_views"],
    ) == (13, 8, 15)
    assert (
        report["en"]["content_views"],
        report["en"]["site_visits"],
        report["en"]["site_views"],
    ) == (7, 5, 7)
    # The same figures as the reach report for the period, and as the rows themselves.
    totals = figures.totals(start, end)
    assert totals == {"tr": {"views": 15, "visits": 8}, "en": {"views": 7, "visits": 5}}
    in_period = DailyPageCount.objects.filter(date__range=(start, end), language="tr")
    assert sum(r.views for r in in_period) == report["tr"]["site_views"]
    csv = report_csv(start, end).splitlines()
    assert "Website visits (language-wide)" in csv[0]
    assert csv[1].endswith(",13,8,15") or ",13,8,15," in csv[1]


def test_the_admin_report_and_dashboard_show_the_period(counted_period, about, admin_client):
    start, end = counted_period
    response = admin_client.get("/admin/reports/reach/", {"start": start, "end": end})
    body = response.content.decode()
    assert response.status_code == 200
    languages = re.findall(
        r'data-language="(\w+)">.*?class="visits">(\d+)</td><td class="views">(\d+)', body
    )
    assert languages == [("tr", "8", "15"), ("en", "5", "7"), ("all", "13", "22")]
    assert "example.org" in body and "/tr/olculen-sayfa/" in body and "Ölçülen sayfa" in body
    bad = admin_client.get("/admin/reports/reach/", {"start": end, "end": start})
    # The admin speaks the user's language (Turkish by default).
    assert "Dönemin sonu başlangıcından önce olamaz." in bad.content.decode()
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 4, 20, 12)), tick=False):
        dashboard = admin_client.get("/admin/").content.decode()
    assert "Son 30 günde erişim" in dashboard
    assert re.findall(
        r'data-language="(\w+)">.*?class="visits">(\d+)</td><td class="views">(\d+)', dashboard
    ) == [("tr", "58", "115"), ("en", "5", "7")]


def test_editors_without_the_report_permission_do_not_see_it(make_user, client, db):
    user = make_user("editor", "Editors")
    client.force_login(user)
    refused = client.get("/admin/reports/reach/")  # the admin's page that says why
    assert refused.status_code == 403 and "You tried to open “Reach”" in refused.text
    dashboard = client.get("/admin/").content.decode()
    assert "Reach in the last 30 days" not in dashboard and "Son 30 günde" not in dashboard


# The demo site stays loaded until the end of the module (module-scoped fixture): last.
def test_no_public_response_sets_a_cookie_for_an_anonymous_visitor(redis_counting, demo):
    from wagtail.models import Page

    visitor = Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=ADDRESS)
    pages = Page.objects.live().public().filter(depth__gte=2).specific()
    assert len(pages) > 20
    seen = 0
    for page in pages:
        url = page.get_url()
        response = visitor.get(url)
        if response.status_code != 200:
            continue
        assert not response.cookies, (url, response.cookies)
        beacon, pixel = beacon_of(response)
        assert beacon, url
        for hit in (visitor.post(beacon), visitor.get(pixel)):
            assert not hit.cookies
        seen += 1
    assert seen > 20
    assert not visitor.cookies


def test_demo_privacy_notice_explains_the_counting_in_both_languages(demo, client):
    tr = client.get("/tr/gizlilik/").content.decode()
    en = client.get("/en/privacy/").content.decode()
    assert "Ziyaret istatistikleri" in tr and "çerez" in tr and "Sec-GPC" in tr
    assert "Visit statistics" in en and "no cookies" in en and "Do Not Track" in en
