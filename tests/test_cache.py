"""What readers see right after a change, from the application itself (it keeps no page
cache; the chrome every page shares is kept, and forgotten when it changes: its tests
are in tests/test_demo_content.py, which has the demo's menus and partners).

The shared HTTP cache in front (Varnish) is tested in tests/test_varnish.py; these tests
state what the application must answer when that cache asks it."""

import re

import pytest
from django.test import Client

from home.models import StandardPage


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


@pytest.mark.django_db
class TestChangesShowAtOnce:
    def test_unpublishing_removes_the_page_at_once(self, client, section_child):
        assert client.get("/tr/hakkimizda/ekip/").status_code == 200
        section_child["tr"].unpublish()
        assert client.get("/tr/hakkimizda/ekip/").status_code == 404

    def test_a_moved_page_leaves_its_old_address(self, client, section_child, homes):
        assert client.get("/tr/hakkimizda/ekip/").status_code == 200
        section_child["tr"].move(homes["tr"], pos="last-child")
        old = client.get("/tr/hakkimizda/ekip/")
        assert old.status_code in (301, 302, 404)  # Wagtail may add a redirect
        assert client.get("/tr/ekip/").status_code == 200

    def test_a_renamed_page_is_not_found_at_its_old_address(self, client, section_child):
        client.get("/tr/hakkimizda/ekip/")
        page = StandardPage.objects.get(pk=section_child["tr"].pk)
        page.slug = "ekibimiz"
        page.save_revision().publish()
        assert client.get("/tr/hakkimizda/ekip/").status_code in (301, 302, 404)
        assert "Ekip" in client.get("/tr/hakkimizda/ekibimiz/").text

    def test_renaming_a_section_updates_the_breadcrumbs_below_it(
        self, client, section_child, add_page
    ):
        member = add_page(section_child["tr"], StandardPage, title="Ayşe", slug="ayse")
        assert "Ekip" in client.get(member.url).text
        section = StandardPage.objects.get(pk=section_child["tr"].pk)
        section.title = "Çalışma Ekibi"
        section.save_revision().publish()
        crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', client.get(member.url).text, re.S)
        assert "Çalışma Ekibi" in crumbs.group(0)

    def test_a_preview_shows_the_draft(self, about):
        # Wagtail renders previews for the site's own host.
        live = Client().get("/tr/hakkimizda/", HTTP_HOST="localhost").text
        assert 'property="og:title" content="Hakkımızda"' in live
        page = StandardPage.objects.get(pk=about["tr"].pk)
        page.title = "Taslak Başlık"
        preview = page.make_preview_request()
        assert 'property="og:title" content="Taslak Başlık"' in preview.content.decode()

    def test_a_new_view_restriction_applies_at_once_below_it(self, client, section_child):
        from wagtail.models import PageViewRestriction

        assert "Ekip" in client.get("/tr/hakkimizda/ekip/").text
        PageViewRestriction.objects.create(
            page=section_child["tr"].get_parent(),
            restriction_type=PageViewRestriction.PASSWORD,
            password="gizli",
        )
        response = client.get("/tr/hakkimizda/ekip/")
        assert 'name="password"' in response.text and "Ekip</h1>" not in response.text


@pytest.mark.django_db
def test_a_news_listing_shows_each_publish_at_once(client, homes, add_page):
    import datetime

    from django.utils import timezone

    from news.models import NewsIndexPage, NewsPage

    index = add_page(homes["tr"], NewsIndexPage, title="Haberler", slug="haberler")

    def article(title, slug, day):
        page = NewsPage(
            title=title,
            slug=slug,
            summary="Özet",
            date_published=timezone.make_aware(datetime.datetime(2026, 3, day, 10, 0)),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    first = article("Çalıştay yapıldı", "calistay", 8)
    assert "Çalıştay yapıldı" in client.get("/tr/haberler/").text
    article("Eğitim başladı", "egitim", 9)
    assert "Eğitim başladı" in client.get("/tr/haberler/").text
    first.title = "Çalıştay ertelendi"
    first.save_revision().publish()
    page = client.get("/tr/haberler/").text
    assert "Çalıştay ertelendi" in page and "Çalıştay yapıldı" not in page
    first.unpublish()
    assert "Çalıştay ertelendi" not in client.get("/tr/haberler/").text


@pytest.mark.django_db
def test_search_results_follow_every_publish(client, homes, add_page):
    section = add_page(homes["tr"], StandardPage, title="Çalışmalar", slug="calismalar")
    add_page(section, StandardPage, title="Göç Atölyesi", slug="goc-atolyesi")
    assert "Göç Atölyesi" in client.get("/tr/ara/", {"q": "atölyesi"}).text
    second = add_page(section, StandardPage, title="Kadın Atölyesi", slug="kadin-atolyesi")
    assert "Kadın Atölyesi" in client.get("/tr/ara/", {"q": "atölyesi"}).text
    second.unpublish()
    assert "Kadın Atölyesi" not in client.get("/tr/ara/", {"q": "atölyesi"}).text


@pytest.mark.django_db
def test_reader_pages_carry_no_token_and_set_no_cookie(about):
    """The same bytes for every reader (the footer's newsletter box is a plain GET form),
    so the shared cache can store them."""
    first, second = Client().get("/tr/hakkimizda/"), Client().get("/tr/hakkimizda/")
    for response in (first, second):
        assert "csrfmiddlewaretoken" not in response.text
        assert not response.cookies
    assert first.content == second.content
