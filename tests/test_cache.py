"""The anonymous page cache (website/cache.py): hits, bypasses and purging."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from home.models import StandardPage
from website.cache import GLOBAL_GENERATION_KEY, clear_local_copies


@pytest.fixture(autouse=True)
def empty_cache(settings):
    settings.PAGE_CACHE_ENABLED = True  # off in the test settings, so other tests see fresh pages
    cache.clear()
    clear_local_copies()
    yield
    cache.clear()


@pytest.fixture
def about(homes, add_page, translate):
    tr = add_page(homes["tr"], StandardPage, title="Hakkımızda", slug="hakkimizda")
    en = translate(tr, "about", title="About us")
    return {"tr": tr, "en": en}


@pytest.fixture
def section_child(about, add_page, translate):
    """A page one level below a top-level page (as a news article sits below its index)."""
    tr = add_page(about["tr"], StandardPage, title="Ekip", slug="ekip")
    en = translate(tr, "team", title="Team")
    return {"tr": tr, "en": en}


def state(response):
    return response.get("X-Page-Cache")


@pytest.mark.django_db
class TestAnonymousCache:
    def test_second_anonymous_request_is_served_from_cache(self, client, about):
        first = client.get("/tr/hakkimizda/")
        second = client.get("/tr/hakkimizda/")
        assert (state(first), state(second)) == ("miss", "hit")
        without_tokens = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
        assert without_tokens.sub("", second.text) == without_tokens.sub("", first.text)
        assert "Content-Security-Policy" in second

    def test_each_language_and_query_string_is_its_own_entry(self, client, about):
        client.get("/tr/hakkimizda/")
        assert state(client.get("/en/about/")) == "miss"
        assert state(client.get("/tr/hakkimizda/?page=2")) == "miss"
        assert state(client.get("/tr/hakkimizda/?page=2")) == "hit"

    def test_unchanged_database_edits_stay_cached_for_visitors_but_not_for_editors(
        self, client, about, admin_user
    ):
        client.get("/tr/hakkimizda/")
        StandardPage.objects.filter(pk=about["tr"].pk).update(title="Gizli Yeni Başlık")
        assert "Gizli Yeni Başlık" not in client.get("/tr/hakkimizda/").text
        editor = Client()
        editor.force_login(admin_user)
        response = editor.get("/tr/hakkimizda/")
        assert state(response) is None
        assert "Gizli Yeni Başlık" in response.text

    def test_posts_404s_and_redirects_are_not_cached(self, client, about):
        client.post("/tr/hakkimizda/")
        assert state(client.post("/tr/hakkimizda/")) is None
        client.get("/tr/yok/")
        assert state(client.get("/tr/yok/")) is None
        assert state(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) is None

    def test_admin_is_never_cached(self, client, admin_user):
        response = client.get("/admin/login/")
        assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        client.force_login(admin_user)
        response = client.get("/admin/")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert state(response) is None


@pytest.mark.django_db
class TestPurging:
    def test_publishing_purges_the_page_in_both_languages(self, client, about):
        for url in ("/tr/hakkimizda/", "/en/about/", "/tr/", "/en/"):
            client.get(url)
            assert state(client.get(url)) == "hit"
        page = about["tr"]
        page.title = "Biz Kimiz"
        page.save_revision().publish()
        fresh = client.get("/tr/hakkimizda/")
        assert state(fresh) == "miss" and "Biz Kimiz" in fresh.text
        assert state(client.get("/en/about/")) == "miss"
        # A top-level page is in the main menu on every page: everything is purged.
        assert state(client.get("/en/")) == "miss"

    def test_publishing_a_child_purges_its_listing_and_home_in_both_languages(
        self, client, section_child
    ):
        urls = ["/tr/hakkimizda/", "/en/about/", "/tr/", "/en/", "/tr/hakkimizda/ekip/"]
        for url in urls:
            client.get(url)
        child = section_child["en"]
        child.title = "Our team"
        child.save_revision().publish()
        for url in urls:
            assert state(client.get(url)) == "miss", url
        assert "Our team" in client.get("/en/about/team/").text

    def test_unpublishing_removes_the_page_at_once(self, client, section_child):
        assert client.get("/tr/hakkimizda/ekip/").status_code == 200
        assert state(client.get("/tr/hakkimizda/ekip/")) == "hit"
        section_child["tr"].unpublish()
        assert client.get("/tr/hakkimizda/ekip/").status_code == 404

    def test_deleting_purges_the_listing(self, client, section_child):
        client.get("/tr/hakkimizda/")
        assert state(client.get("/tr/hakkimizda/")) == "hit"
        section_child["tr"].delete()
        assert state(client.get("/tr/hakkimizda/")) == "miss"

    def test_pages_elsewhere_in_the_tree_stay_cached(self, client, section_child, add_page, homes):
        other = add_page(homes["tr"], StandardPage, title="İletişim", slug="iletisim")
        other_child = add_page(other, StandardPage, title="Adres", slug="adres")
        client.get(other_child.url)
        section_child["tr"].save_revision().publish()
        assert state(client.get(other_child.url)) == "hit"

    def test_moving_a_page_purges_everything(self, client, section_child, homes):
        client.get("/tr/hakkimizda/ekip/")
        section_child["tr"].move(homes["tr"], pos="last-child")
        old = client.get("/tr/hakkimizda/ekip/")
        assert old.status_code in (301, 404)  # Wagtail adds a redirect from the old URL
        assert client.get("/tr/ekip/").status_code == 200


@pytest.mark.django_db
def test_reader_pages_carry_no_token_and_set_no_cookie(about):
    """The same bytes for every reader (the footer's newsletter box is a plain GET form),
    so a cached page is served as it is."""
    miss, hit = Client().get("/tr/hakkimizda/"), Client().get("/tr/hakkimizda/")
    assert (state(miss), state(hit)) == ("miss", "hit")
    for response in (miss, hit):
        assert "csrfmiddlewaretoken" not in response.text
        assert not response.cookies
    assert hit.content == miss.content


@pytest.mark.django_db
def test_cached_pages_with_a_form_give_each_visitor_their_own_csrf_token(homes):
    """A cached page with a POST form (the directory's proposal form) must keep working."""
    from django.middleware.csrf import _does_token_match, _unmask_cipher_token

    first, second = Client(), Client()
    miss = first.get("/en/ngo-directory/propose/")
    hit = second.get("/en/ngo-directory/propose/")
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', hit.text)
    assert tokens, "the proposal page has no form token"
    assert state(hit) == "hit" and state(miss) == "miss"
    assert "__page_cache_csrf_token__" not in hit.text
    cookie = hit.cookies["csrftoken"].value
    assert cookie != miss.cookies["csrftoken"].value
    assert _unmask_cipher_token(tokens[0]) == cookie or _does_token_match(tokens[0], cookie)


@pytest.mark.django_db
def test_a_purge_by_another_worker_reaches_this_one_within_the_generation_time(
    client, about, settings
):
    """Each worker keeps its own copies and re-reads the purge counters from the shared
    cache every PAGE_CACHE_GENERATION_SECONDS."""
    import time

    settings.PAGE_CACHE_GENERATION_SECONDS = 0.3
    clear_local_copies()  # forget what publishing the fixture remembered for a second
    client.get("/tr/hakkimizda/")
    StandardPage.objects.filter(pk=about["tr"].pk).update(title="Yeni Başlık")
    # What another worker's publish does: bump the shared counter.
    cache.set(GLOBAL_GENERATION_KEY, cache.get(GLOBAL_GENERATION_KEY, 0) + 1, None)
    stale = client.get("/tr/hakkimizda/")
    assert state(stale) == "hit" and "Yeni Başlık" not in stale.text
    time.sleep(0.35)
    fresh = client.get("/tr/hakkimizda/")
    assert state(fresh) == "miss" and "Yeni Başlık" in fresh.text


@pytest.mark.django_db
class TestKnownRoutes:
    """The page a URL led to is found again in one query, never once it is gone."""

    @staticmethod
    def editor_like_client():
        client = Client()
        client.cookies["sessionid"] = "bypasses-the-page-cache"
        return client

    def test_second_visit_finds_the_page_with_fewer_queries(self, section_child):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = self.editor_like_client()
        with CaptureQueriesContext(connection) as first:
            assert "Ekip" in client.get("/tr/hakkimizda/ekip/").text
        with CaptureQueriesContext(connection) as second:
            assert "Ekip" in client.get("/tr/hakkimizda/ekip/").text
        walks = [q["sql"] for q in first if '"slug" = ' in q["sql"]]
        assert walks, "the first visit finds the page level by level, by slug"
        assert not any('"slug" = ' in q["sql"] for q in second)

    def test_a_known_route_outlives_a_purge(self, section_child):
        """Routes are checked on every use, so a publish does not make the next request
        walk the tree again."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = self.editor_like_client()
        client.get("/tr/hakkimizda/ekip/")
        section_child["tr"].save_revision().publish()  # purges this page and its section
        with CaptureQueriesContext(connection) as after:
            assert "Ekip" in client.get("/tr/hakkimizda/ekip/").text
        assert not any('"slug" = ' in q["sql"] for q in after)

    def test_an_unpublished_page_is_not_found_again(self, section_child):
        client = self.editor_like_client()
        client.get("/tr/hakkimizda/ekip/")
        StandardPage.objects.filter(pk=section_child["tr"].pk).update(live=False)  # no purge
        assert client.get("/tr/hakkimizda/ekip/").status_code == 404

    def test_a_renamed_page_is_not_found_at_its_old_address(self, section_child):
        client = self.editor_like_client()
        client.get("/tr/hakkimizda/ekip/")
        page = StandardPage.objects.get(pk=section_child["tr"].pk)
        page.slug = "ekibimiz"
        page.save_revision().publish()
        assert client.get("/tr/hakkimizda/ekip/").status_code in (301, 302, 404)
        assert "Ekip" in client.get("/tr/hakkimizda/ekibimiz/").text

    def test_a_routable_page_is_found_again_and_its_sub_routes_still_work(self, homes, add_page):
        """Events and kits answer sub-routes (an .ics file, a download) below their URL:
        their own URL is remembered, a sub-route is routed as usual."""
        import datetime

        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from events.models import EventIndexPage, EventPage

        index = add_page(homes["tr"], EventIndexPage, title="Etkinlikler", slug="etkinlikler")
        start = timezone.make_aware(datetime.datetime(2027, 3, 8, 10, 0))
        add_page(
            index,
            EventPage,
            title="Açılış toplantısı",
            slug="acilis",
            start=start,
            end=start + datetime.timedelta(hours=3),
        )
        client = self.editor_like_client()
        client.get("/tr/etkinlikler/acilis/")
        with CaptureQueriesContext(connection) as second:
            assert "Açılış toplantısı" in client.get("/tr/etkinlikler/acilis/").text
        assert not any('"slug" = ' in q["sql"] for q in second)
        ics = client.get("/tr/etkinlikler/acilis/ics/")
        assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
        assert client.get("/tr/etkinlikler/acilis/yok/").status_code == 404


@pytest.mark.django_db
class TestKeptPartsForLoggedInReaders:
    """Pages are rendered afresh for anyone with a session (editors), but the costly parts
    -- a listing's page of items, its cards, the head metadata, language links and
    breadcrumbs -- are kept with the page cache's generations: the same purges drop them,
    so a publish shows at once."""

    @staticmethod
    def reader():
        client = Client()
        client.cookies["sessionid"] = "bypasses-the-page-cache"
        return client

    @pytest.fixture
    def news_index(self, homes, add_page):
        from news.models import NewsIndexPage

        return add_page(homes["tr"], NewsIndexPage, title="Haberler", slug="haberler")

    @staticmethod
    def article(index, title, slug, day):
        import datetime

        from django.utils import timezone

        from news.models import NewsPage

        page = NewsPage(
            title=title,
            slug=slug,
            summary="Özet",
            date_published=timezone.make_aware(datetime.datetime(2026, 3, day, 10, 0)),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    def test_a_listing_is_kept_and_shows_each_publish_at_once(self, news_index):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        first = self.article(news_index, "Çalıştay yapıldı", "calistay", 8)
        reader = self.reader()
        with CaptureQueriesContext(connection) as fresh:
            assert "Çalıştay yapıldı" in reader.get("/tr/haberler/").text
        with CaptureQueriesContext(connection) as kept:
            response = reader.get("/tr/haberler/")
        assert state(response) is None and len(kept) < len(fresh)

        self.article(news_index, "Eğitim başladı", "egitim", 9)
        assert "Eğitim başladı" in reader.get("/tr/haberler/").text

        first.title = "Çalıştay ertelendi"
        first.save_revision().publish()
        page = reader.get("/tr/haberler/").text
        assert "Çalıştay ertelendi" in page and "Çalıştay yapıldı" not in page

        first.unpublish()
        assert "Çalıştay ertelendi" not in reader.get("/tr/haberler/").text

    def test_a_preview_shows_the_draft_not_the_kept_metadata(self, about):
        # Wagtail renders previews for the site's own host.
        live = self.reader().get("/tr/hakkimizda/", HTTP_HOST="localhost").text
        assert 'property="og:title" content="Hakkımızda"' in live
        page = StandardPage.objects.get(pk=about["tr"].pk)
        page.title = "Taslak Başlık"
        preview = page.make_preview_request()
        assert 'property="og:title" content="Taslak Başlık"' in preview.content.decode()

    def test_renaming_a_section_updates_the_breadcrumbs_below_it(self, section_child, add_page):
        member = add_page(section_child["tr"], StandardPage, title="Ayşe", slug="ayse")
        reader = self.reader()
        assert "Ekip" in reader.get(member.url).text
        section = StandardPage.objects.get(pk=section_child["tr"].pk)
        section.title = "Çalışma Ekibi"
        section.save_revision().publish()
        crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', reader.get(member.url).text, re.S)
        assert "Çalışma Ekibi" in crumbs.group(0)


@pytest.mark.django_db
def test_kept_search_results_follow_every_publish(homes, add_page):
    """Site search results are kept (ranking every match is costly), until any page is
    published or unpublished: a logged-in reader finds a new page at once."""
    reader = Client()
    reader.cookies["sessionid"] = "bypasses-the-page-cache"
    # Below a section: a top-level page is in the menu, and publishing it purges everything.
    section = add_page(homes["tr"], StandardPage, title="Çalışmalar", slug="calismalar")
    add_page(section, StandardPage, title="Göç Atölyesi", slug="goc-atolyesi")
    assert "Göç Atölyesi" in reader.get("/tr/ara/", {"q": "atölyesi"}).text
    second = add_page(section, StandardPage, title="Kadın Atölyesi", slug="kadin-atolyesi")
    assert "Kadın Atölyesi" in reader.get("/tr/ara/", {"q": "atölyesi"}).text
    second.unpublish()
    assert "Kadın Atölyesi" not in reader.get("/tr/ara/", {"q": "atölyesi"}).text


@pytest.mark.django_db
def test_a_new_view_restriction_applies_at_once_below_it(section_child):
    """Pages skip Wagtail's restriction lookup while no page of the site is restricted
    (the restricted sections are kept with the shared data): adding one must count at
    once, for the page and the pages below it."""
    from wagtail.models import PageViewRestriction

    reader = Client()
    reader.cookies["sessionid"] = "bypasses-the-page-cache"
    assert "Ekip" in reader.get("/tr/hakkimizda/ekip/").text
    PageViewRestriction.objects.create(
        page=section_child["tr"].get_parent(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="gizli",
    )
    for client in (reader, Client()):
        response = client.get("/tr/hakkimizda/ekip/")
        assert 'name="password"' in response.text and "Ekip</h1>" not in response.text
