"""Reach counting in a real browser: each load calls the beacon once, whether the page
came from the server or from a cache, with JavaScript or without, and leaves no cookie."""

import pytest

from reach.counting import counter
from reach.models import DailyPageCount
from tests.test_reach import BROWSER, redis_counting  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("redis_counting")


def counted():
    counter.flush()
    return [
        (row.path, row.page_id, row.views, row.visits)
        for row in DailyPageCount.objects.order_by("path")
    ]


def load(page, path):
    with page.expect_response(lambda response: "/reach/hit" in response.url) as beacon:
        page.goto(path)
    assert beacon.value.status in (200, 204)


def test_each_load_is_counted_once_cached_or_not_with_or_without_javascript(open_page, tr_home):
    page = open_page(user_agent=BROWSER)
    load(page, "/tr/")
    assert counted() == [("/tr/", tr_home.pk, 1, 1)]
    with page.expect_response(lambda response: "/reach/hit" in response.url):
        page.reload()
    assert counted() == [("/tr/", tr_home.pk, 2, 1)]

    # A shared cache hands out the same bytes: the copy still counts, once per load.
    stored = page.request.get("/tr/")
    body, headers = stored.body(), stored.headers
    page.route("**/tr/", lambda route: route.fulfill(status=200, headers=headers, body=body))
    load(page, "/tr/")
    page.unroute("**/tr/")
    assert counted() == [("/tr/", tr_home.pk, 3, 1)]

    # Without JavaScript the <noscript> image counts; with it, only the script did.
    plain = open_page(user_agent=BROWSER, java_script_enabled=False)
    with plain.expect_response(lambda response: "/reach/hit" in response.url) as pixel:
        plain.goto("/tr/")
    assert pixel.value.request.method == "GET"
    plain.wait_for_timeout(300)
    assert counted() == [("/tr/", tr_home.pk, 4, 1)]
    assert page.context.cookies() == [] and plain.context.cookies() == []


def test_a_browser_sending_global_privacy_control_is_not_counted(open_page):
    page = open_page(user_agent=BROWSER)
    page.set_extra_http_headers({"Sec-GPC": "1"})
    page.goto("/tr/")
    page.wait_for_load_state("networkidle")
    assert counted() == []
