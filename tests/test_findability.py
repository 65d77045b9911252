"""Findability (issue 24): what a search engine reads on every public page of the demo
content in both languages, and whether the sitemap names exactly the pages it may index."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

# Database tests run before the transactional ones (pytest-django's order), whose flushes
# would leave the demo fixture's permissions behind. One xdist worker crawls, once
# (``make test`` gives each test file to one worker: ``--dist loadfile``).
pytestmark = pytest.mark.django_db

HOST = "http://testserver"
# Where a crawler is not sent: the admin, files, feeds and calendars (not HTML), the
# beacon, forms that only answer a visitor (sign-in, registration, newsletter, proposals).
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/", "/reach/", "/django-admin/")
SKIPPED_PARTS = (
    "/feed/",
    ".ics",
    "/etkinlik-kaydi/",
    "/event-registration/",
    "/trainers/",
    "/egitmenler/",
)
# The whole demo in both languages is a few hundred addresses; a crawl that grows past
# this has found a loop (an ever-longer query string, a calendar without end).
LIMIT = 1500


class _Head(HTMLParser):
    """The tags of <head> a crawler reads, and every link of the page."""

    def __init__(self):
        super().__init__()
        self.canonicals, self.alternates, self.links, self.json_ld = [], {}, [], []
        self.meta, self.robots = {}, ""
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonicals.append(attrs.get("href"))
        elif tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs.get("href")
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key == "robots":
                self.robots = attrs.get("content", "")
            elif key:
                self.meta.setdefault(key, attrs.get("content", ""))
        elif tag == "a" and attrs.get("href") and "nofollow" not in (attrs.get("rel") or ""):
            self.links.append(attrs["href"])  # as crawlers do, not past rel="nofollow"
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def _crawlable(url):
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path
    if not path.startswith(("/tr/", "/en/")) or path.startswith(SKIPPED_PREFIXES):
        return None
    if any(part in path for part in SKIPPED_PARTS):
        return None
    query = parts.query
    # Follow a listing's pages; any other query string is a filter (noindex, checked below
    # on a sample) or a search.
    if query and not re.fullmatch(r"page=\d+", query):
        return None
    return path + (f"?{query}" if query else "")


@pytest.fixture(scope="module")
def crawl(demo_site, django_db_blocker):
    """Every address reached by links from both home pages: {url: (status, parsed head)}."""
    client = Client()
    seen = {}
    queue = ["/tr/", "/en/"]
    with django_db_blocker.unblock():
        while queue and len(seen) < LIMIT:
            url = queue.pop()
            if url in seen:
                continue
            response = client.get(url)
            head = None
            if response.status_code in (301, 302):
                # A link to a redirect (the calendar's current month): the crawler goes on.
                target = _crawlable(urljoin(HOST + url, response["Location"]))
                if target and target not in seen:
                    queue.append(target)
            elif response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                head = _Head()
                head.feed(response.content.decode())
                for link in head.links:
                    target = _crawlable(urljoin(HOST + url, link))
                    if target and target not in seen:
                        queue.append(target)
            seen[url] = (response.status_code, head)
        sitemap = client.get("/sitemap.xml").content.decode()
    assert len(seen) < LIMIT, "the crawl did not end"
    return seen, re.findall(r"<loc>([^<]+)</loc>", sitemap)


def _pages(crawl):
    pages, _sitemap = crawl
    return {url: head for url, (status, head) in pages.items() if head is not None}


def _broken_links(crawl):
    pages, _sitemap = crawl
    return {url: status for url, (status, _head) in pages.items() if status not in (200, 301, 302)}


def _missing_head_tags(crawl):
    """One canonical, a description, a share card and JSON-LD that parses, per page."""
    problems = []
    for url, head in _pages(crawl).items():
        if len(head.canonicals) != 1 or not head.canonicals[0].startswith(HOST):
            problems.append((url, "canonical", head.canonicals))
        if not head.meta.get("description", "").strip():
            problems.append((url, "description"))
        for key in ("og:title", "og:image", "og:url"):
            if not head.meta.get(key):
                problems.append((url, key))
        for block in head.json_ld:
            try:
                json.loads(block)
            except ValueError:
                problems.append((url, "json-ld", block[:80]))
    return problems


def _unreciprocated_alternates(crawl):
    """Each hreflang alternate answers 200 and names the same set of alternates back."""
    client = Client()
    pages = _pages(crawl)
    problems = []
    for url, head in pages.items():
        alternates = head.alternates
        if not alternates:
            continue
        if head.canonicals and head.canonicals[0] not in alternates.values():
            problems.append((url, "does not name itself", alternates))
        for language, href in alternates.items():
            path = href[len(HOST) :]
            other = pages.get(path)
            if other is None:
                response = client.get(path)
                if response.status_code != 200:
                    problems.append((url, language, href, response.status_code))
                    continue
                other = _Head()
                other.feed(response.content.decode())
            if other.alternates != alternates:
                problems.append((url, language, "not reciprocal", other.alternates))
    return problems


def _sitemap_differences(crawl):
    pages = _pages(crawl)
    _all, sitemap = crawl
    indexable = {
        HOST + url
        for url, head in pages.items()
        if "noindex" not in head.robots and head.canonicals == [HOST + url]
    }
    in_sitemap = set(sitemap)
    return {
        "in the sitemap, but not crawled or not indexable": in_sitemap - indexable,
        "indexable, but missing from the sitemap": indexable - in_sitemap,
    }


def test_what_a_crawler_reads_on_every_page_of_the_demo(crawl, django_db_blocker):
    """One crawl of the whole demo (half a minute), every check on it: no broken link;
    on each page one canonical, a description, og:title/og:image/og:url and JSON-LD that
    parses; hreflang alternates that resolve and name each other; and the sitemap names
    exactly the pages a search engine may index."""
    pages, _sitemap = crawl
    assert len(pages) > 100  # both trees, the directory, the activities
    with django_db_blocker.unblock():
        problems = {
            "broken links": _broken_links(crawl),
            "head": _missing_head_tags(crawl),
            "alternates": _unreciprocated_alternates(crawl),
            **_sitemap_differences(crawl),
        }
    assert {check: found for check, found in problems.items() if found} == {}


@pytest.mark.parametrize(
    "url",
    [
        "/tr/stk-rehberi/?province=istanbul",
        "/en/ngo-directory/?type=association",
        "/tr/etkinlikler/?type=egitim",
        "/en/training-library/?topic=protection",
    ],
)
def test_filters_that_narrow_a_listing_are_not_indexed(client, demo, url):
    html = client.get(url).text
    assert re.search(r'<meta name="robots" content="noindex', html)
    assert f'<link rel="canonical" href="{HOST}{url.split("?")[0]}">' in html


def test_a_listings_second_page_is_its_own_address(client, demo):
    html = client.get("/tr/stk-rehberi/?page=2").text
    assert f'<link rel="canonical" href="{HOST}/tr/stk-rehberi/?page=2">' in html
    assert 'rel="alternate" hreflang' not in html  # page 2 differs between languages


def test_news_category_alternates_lead_to_the_same_category(client, demo):
    from news.models import NewsCategory

    category = NewsCategory.objects.filter(locale__language_code="tr").first()
    english = NewsCategory.objects.get(
        locale__language_code="en", translation_key=category.translation_key
    )
    tr_url = f"/tr/haberler/kategori/{category.slug}/"
    en_url = f"/en/news/category/{english.slug}/"
    for url in (tr_url, en_url):
        html = client.get(url).text
        alternates = dict(re.findall(r'rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html))
        assert alternates == {"tr": HOST + tr_url, "en": HOST + en_url, "x-default": HOST + tr_url}
        assert f'<link rel="canonical" href="{HOST}{url}">' in html
