"""Site search (the search app); sitemap, robots.txt and page metadata (the home app).

Language-aware matching (Turkish and English stemming, Turkish case folding,
diacritic tolerance) is tested on PostgreSQL; the rest runs on both databases."""

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction
from wagtail.search.models import IndexEntry

from bilingual.text import fold_for_search as fold
from home.models import InfoNotePage, SiteImage, StandardPage
from search.text import clean_query, highlight_snippet, search_terms, turkish_lower
from tests.conftest import add_child_page, publish_translation, refreshed, site_homes

SCHEMAS = Path(__file__).parent / "schemas"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"

postgres_only = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="language-aware search needs PostgreSQL"
    ),
]


def result_urls(response):
    assert response.status_code == 200
    return re.findall(r'<h2><a href="([^"]+)">', response.text)


def search(client, language, query, **params):
    path = "/tr/ara/" if language == "tr" else "/en/search/"
    return client.get(path, {"q": query, **params})


def build_content(homes):
    """A small bilingual site: trainings, an info note, a draft and a private page."""
    trainings = add_child_page(
        homes["tr"],
        StandardPage,
        title="Eğitim Programı",
        slug="egitim-programi",
        summary="Sivil toplum kuruluşları için eğitimler.",
        intro="İstanbul ve Iğdır'da çalışan dernekler katılır; faaliyetleri yerinde izlenir.",
    )
    trainings_en = publish_translation(
        trainings,
        "training-programme",
        title="Training Programme",
        summary="Trainings for civil society organisations.",
        intro="Associations working in İstanbul and Iğdır take part.",
    )
    note = add_child_page(
        homes["tr"],
        InfoNotePage,
        title="Proje Bilgi Notu",
        slug="proje-bilgi-notu",
        summary="Projenin amacı ve faaliyetleri.",
        background="<p>Türkiye göç alan bir ülkedir. Eğitimleri bölgelerde düzenlenir.</p>",
    )
    note_en = publish_translation(
        note,
        "project-info-note",
        title="Project Info Note",
        summary="The project's purpose and activities.",
        background="<p>The Göç ve Sivil Toplum project supports migration work.</p>",
    )
    draft = StandardPage(
        title="Taslak eğitim duyurusu", slug="taslak", summary="Gizli kalması gereken eğitim."
    )
    homes["tr"].add_child(instance=draft)
    draft.save_revision()
    draft.live = False
    draft.save()
    private = add_child_page(
        homes["tr"],
        StandardPage,
        title="Üyelere özel eğitim notları",
        slug="uyelere-ozel",
        summary="Yalnızca üyeler için eğitim belgeleri.",
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return {
        "trainings": trainings,
        "trainings_en": trainings_en,
        "note": note,
        "note_en": note_en,
        "draft": draft,
        "private": private,
    }


@pytest.fixture(scope="module")
def content_built(module_data):
    """Both homes (``homes`` finds them) and the small site, built once for every test
    of the module: none needs to be alone with its own pages (the queries and slugs of
    the others differ)."""
    return build_content(site_homes())


pytestmark = pytest.mark.usefixtures("content_built")


@pytest.fixture
def content(content_built, db):
    return refreshed(content_built)


# --- Text helpers (pure Python) ---------------------------------------------------------


class TestFolding:
    def test_turkish_i_forms_and_diacritics_fold_together(self):
        assert fold("İstanbul") == fold("istanbul") == fold("ISTANBUL") == "istanbul"
        assert fold("IĞDIR") == fold("Iğdır") == fold("igdir") == "igdir"
        assert fold("göç") == "goc"
        assert fold("sivil toplum kuruluşları") == "sivil toplum kuruluslari"

    def test_turkish_lower_is_correct_turkish(self):
        assert turkish_lower("IĞDIR") == "ığdır"
        assert turkish_lower("İSTANBUL") == "istanbul"

    def test_query_cleaning_drops_markup_and_sql_punctuation(self):
        assert search_terms("'; DROP TABLE x; --") == ["drop", "table", "x"]
        assert search_terms("<script>alert(1)</script>") == ["script", "alert", "1", "script"]
        assert search_terms("  !!! ") == []
        assert len(clean_query("a" * 10_000)) == 200

    def test_snippet_marks_words_whatever_their_spelling(self):
        html = highlight_snippet("Iğdır'da göç eğitimleri <b>", ["igdir", "egitim"])
        assert html == "<mark>Iğdır</mark>&#x27;da göç <mark>eğitimleri</mark> &lt;b&gt;"
        assert highlight_snippet("nothing here", ["goc"]) is None


# --- Language-aware matching on PostgreSQL ----------------------------------------------


@pytest.mark.django_db
class TestLanguageAwareMatching:
    pytestmark = postgres_only

    def test_egitim_finds_eğitimleri_and_eğitimler(self, client, content):
        urls = result_urls(search(client, "tr", "eğitim"))
        assert "/tr/proje-bilgi-notu/" in urls  # "Eğitimleri"
        assert "/tr/egitim-programi/" in urls  # "eğitimler"

    @pytest.mark.parametrize(
        ("title", "query"),
        [
            ("Terimler Sözlüğü", "sözlük"),
            ("Proje Sözlük Listesi", "sözlüğü"),
            ("Eğitim Kitabı", "kitap"),
            ("Kitap Önerileri", "kitabı"),
        ],
    )
    def test_turkish_word_forms_find_each_other(self, client, homes, add_page, title, query):
        """The stem's k/ğ and p/b alternation: "sözlük" finds "Sözlüğü" and back."""
        page = add_page(homes["tr"], StandardPage, title=title, slug="sayfa")
        assert result_urls(search(client, "tr", query)) == [page.url]
        assert result_urls(search(client, "tr", "sozluk bulunmayan")) == []

    def test_istanbul_finds_İstanbul(self, client, content):
        assert "/tr/egitim-programi/" in result_urls(search(client, "tr", "istanbul"))

    def test_uppercase_IĞDIR_finds_Iğdır(self, client, content):
        assert "/tr/egitim-programi/" in result_urls(search(client, "tr", "IĞDIR"))

    def test_goc_finds_göç(self, client, content):
        urls = result_urls(search(client, "tr", "goc"))
        assert "/tr/proje-bilgi-notu/" in urls

    def test_without_turkish_letters_finds_kuruluşları(self, client, content):
        response = search(client, "tr", "sivil toplum kuruluslari")
        assert result_urls(response) == ["/tr/egitim-programi/"]
        assert "<mark>kuruluşları</mark>" in response.text

    def test_training_finds_trainings_in_english(self, client, content):
        response = search(client, "en", "training")
        assert "/en/training-programme/" in result_urls(response)
        assert "<mark>Trainings</mark>" in response.text

    def test_turkish_query_on_english_site_searches_english_pages_only(self, client, content):
        # "göç" appears on the English info note as part of the project's name.
        urls = result_urls(search(client, "en", "göç"))
        assert urls == ["/en/project-info-note/"]
        assert result_urls(search(client, "en", "eğitimler")) == []

    def test_never_drafts_private_pages_or_the_other_language(self, client, content):
        tr_urls = result_urls(search(client, "tr", "eğitim"))
        assert "/tr/taslak/" not in tr_urls
        assert "/tr/uyelere-ozel/" not in tr_urls
        assert all(url.startswith("/tr/") for url in tr_urls)
        en_urls = result_urls(search(client, "en", "İstanbul"))
        assert en_urls == ["/en/training-programme/"]

    def test_each_language_is_indexed_with_its_own_rules(self, content):
        def body(page):
            return str(IndexEntry.objects.get(object_id=str(page.pk)).body)

        # Turkish stemming after unaccent: "eğitimleri" → 'egitim', "göç" → 'goc'.
        assert "'egitim'" in body(content["note"])
        assert "'goc'" in body(content["note"])
        # English stemming: "Trainings" → 'train', "organisations" → 'organis'.
        assert "'train'" in body(content["trainings_en"])
        assert "'organis'" in body(content["trainings_en"])


# --- The results page (both databases) -------------------------------------------------


@pytest.mark.django_db
class TestResultsPage:
    def test_result_shows_type_date_and_marked_snippet(self, client, content):
        response = search(client, "en", "Programme")
        assert result_urls(response) == ["/en/training-programme/"]
        hit = response.text[response.text.index('class="search-hit"') :]
        assert "Standard page" in hit
        assert "<time datetime=" not in hit.split("</li>")[0]  # no date of its own
        assert "Trainings for civil society organisations." in hit

    def test_filter_by_type(self, client, content):
        response = search(client, "tr", "faaliyetleri")
        assert set(result_urls(response)) == {"/tr/proje-bilgi-notu/", "/tr/egitim-programi/"}
        assert "type=home.infonotepage" in response.text
        assert "Proje bilgi notu (1)" in response.text
        filtered = search(client, "tr", "faaliyetleri", type="home.infonotepage")
        assert result_urls(filtered) == ["/tr/proje-bilgi-notu/"]
        assert "Standart sayfa (1)" in filtered.text
        # An unknown type is ignored rather than an error.
        unknown = search(client, "tr", "faaliyetleri", type="nope.nothing")
        assert result_urls(unknown) == result_urls(response)

    def test_empty_query_gets_a_helpful_page(self, client, homes):
        for language, text in (("tr", "Bir sözcük"), ("en", "A word or part of a word")):
            path = "/tr/ara/" if language == "tr" else "/en/search/"
            response = client.get(path)
            assert response.status_code == 200
            assert text in response.text
            assert result_urls(response) == []

    def test_no_results_page_suggests_what_to_do(self, client, content):
        response = search(client, "tr", "zzyzx")
        assert result_urls(response) == []
        assert "Sitede “zzyzx” ile eşleşen bir içerik bulunamadı." in response.text
        assert 'href="/en/search/?q=zzyzx"' in response.text
        english = search(client, "en", "zzyzx")
        assert "Nothing on this site matches “zzyzx”." in english.text
        assert 'href="/tr/ara/?q=zzyzx"' in english.text

    def test_header_search_box_on_every_page(self, client, content):
        tr = client.get("/tr/egitim-programi/").text
        assert 'action="/tr/ara/"' in tr and 'name="q"' in tr
        assert 'action="/en/search/"' in client.get("/en/").text

    def test_header_box_keeps_the_query_on_the_results_page(self, client, content):
        response = search(client, "en", "Programme")
        header = response.text[response.text.index('class="header-search"') :]
        assert 'value="Programme"' in header[: header.index("</form>")]

    def test_language_switcher_keeps_the_query(self, client, homes):
        response = search(client, "tr", "göç")
        assert "/en/search/?q=" in response.text

    def test_pagination_and_page_past_the_end(self, client, homes):
        for number in range(12):  # live and indexed on save: no revisions needed to count
            homes["en"].add_child(
                instance=StandardPage(title=f"Workshop report {number}", slug=f"workshop-{number}")
            )
        first = search(client, "en", "workshop")
        assert len(result_urls(first)) == 10
        assert "12 results" in first.text
        second = search(client, "en", "workshop", page=2)
        assert len(result_urls(second)) == 2
        assert set(result_urls(first)).isdisjoint(result_urls(second))
        assert result_urls(search(client, "en", "workshop", page=99999)) == result_urls(second)
        assert result_urls(search(client, "en", "workshop", page="abc")) == result_urls(first)

    def test_results_page_queries_stay_flat(
        self, client, homes, add_page, django_assert_max_num_queries
    ):
        for number in range(2):
            add_page(homes["en"], StandardPage, title=f"Seminar {number}", slug=f"sem-{number}")
        with django_assert_max_num_queries(60) as captured:
            search(client, "en", "seminar")
        few = len(captured.captured_queries)
        for number in range(2, 6):  # four more results: a query per result would show
            add_page(homes["en"], StandardPage, title=f"Seminar {number}", slug=f"sem-{number}")
        with django_assert_max_num_queries(few + 2):
            search(client, "en", "seminar")


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        "query",
        [
            "eğitim " * 1500,
            "'; DROP TABLE wagtailcore_page; --",
            '" OR 1=1 --',
            "<script>alert('x')</script>",
            "a & b | !c <-> d:*",
            "%00\x00\x01",
            "(((",
        ],
    )
    def test_is_a_normal_results_page(self, client, content, query):
        for language in ("tr", "en"):
            response = search(client, language, query)
            assert response.status_code == 200
            assert "<script>alert" not in response.text
        assert StandardPage.objects.filter(pk=content["trainings"].pk).exists()

    def test_markup_in_the_query_is_shown_escaped(self, client, homes):
        response = search(client, "en", "<script>alert('x')</script>")
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in response.text

    def test_ten_thousand_character_query_is_trimmed(self, client, homes):
        response = search(client, "en", "x" * 10_000)
        assert response.status_code == 200
        assert 'value="' + "x" * 200 + '"' in response.text
        assert "“" + "x" * 200 + "”" in response.text


# --- Promoted results and popular queries -----------------------------------------------


@pytest.mark.django_db
class TestPromotionsAndPopularQueries:
    def test_editors_pick_shown_on_top_in_its_language(self, client, content):
        query = Query.get("göç")
        SearchPromotion.objects.create(
            query=query, page=content["trainings"], description="Başvurular açık.", sort_order=0
        )
        SearchPromotion.objects.create(query=query, page=content["trainings_en"], sort_order=1)
        response = search(client, "tr", "Göç")
        promoted = response.text[response.text.index("search-promoted") :]
        promoted = promoted[: promoted.index("</section>")]
        assert "Önerilen" in promoted
        assert 'href="/tr/egitim-programi/"' in promoted
        assert "Başvurular açık." in promoted
        assert "/en/" not in promoted

    def test_queries_are_counted_for_the_report(self, client, homes):
        search(client, "tr", "IĞDIR")
        search(client, "tr", "ığdır")
        search(client, "tr", "ığdır", page=2)  # paging is not a new search
        assert Query.get("ığdır").hits == 2

    def test_search_terms_report_is_open_to_the_editors_group(self, client, homes):
        from django.contrib.auth.models import Group, User

        search(client, "en", "refugee law")
        editor = User.objects.create_user("comms", password="x", is_staff=False)
        editor.groups.add(Group.objects.get(name="Editors"))
        client.force_login(editor)
        response = client.get("/admin/search-terms/")
        assert response.status_code == 200
        assert "refugee law" in response.text
        assert "/admin/search-terms/" in client.get("/admin/").text

    def test_search_terms_export_keeps_what_the_public_typed_as_text(self, client, homes):
        """A search for "=1+1" or "@SUM(A1)" is exported as text, not as a formula."""
        from django.contrib.auth.models import User

        for typed in ("=1+1", "@sum(a1)", "göç"):
            Query.get(typed).add_hit()
        client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))
        response = client.get("/admin/search-terms/", {"export": "csv"})
        body = b"".join(response.streaming_content)
        assert body.startswith("\ufeff".encode())
        terms = [row[0] for row in csv.reader(io.StringIO(body.decode("utf-8-sig")))][1:]
        assert sorted(terms) == ["'=1+1", "'@sum(a1)", "göç"]

    def test_search_terms_report_closed_to_others(self, client, homes):
        from django.contrib.auth.models import Group, User

        user = User.objects.create_user("other", password="x")
        user.groups.add(Group.objects.get_or_create(name="Readers")[0])
        client.force_login(user)
        assert client.get("/admin/search-terms/").status_code in (302, 403)


# --- Sitemap and robots.txt -------------------------------------------------------------


def parse_sitemap(client):
    from lxml import etree

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))
    document = etree.fromstring(response.content)
    schema.assertValid(document)
    urls = {}
    for url in document.iter(f"{SITEMAP_NS}url"):
        loc = url.findtext(f"{SITEMAP_NS}loc")
        urls[loc] = {
            "lastmod": url.findtext(f"{SITEMAP_NS}lastmod"),
            "alternates": {
                link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML_NS}link")
            },
        }
    return urls


@pytest.mark.django_db
class TestSitemap:
    def test_sitemap_validates_and_alternates_point_at_translations(self, client, content):
        urls = parse_sitemap(client)
        tr, en = "http://testserver/tr/egitim-programi/", "http://testserver/en/training-programme/"
        expected = {"tr": tr, "en": en, "x-default": tr}
        assert urls[tr]["alternates"] == expected
        assert urls[en]["alternates"] == expected
        assert urls["http://testserver/en/project-info-note/"]["alternates"]["tr"] == (
            "http://testserver/tr/proje-bilgi-notu/"
        )
        assert urls[en]["lastmod"]

    def test_sitemap_lists_public_pages_of_both_languages_only(self, client, content):
        urls = parse_sitemap(client)
        assert "http://testserver/tr/" in urls and "http://testserver/en/" in urls
        assert not any("taslak" in url or "uyelere-ozel" in url for url in urls)
        views = ("stk-rehberi", "ngo-directory", "/bulten/", "/newsletter/")
        pages = [url for url in urls if not any(view in url for view in views)]
        assert len(pages) == 6  # two homes, trainings and info note in each language

    def test_page_without_translation_has_no_alternates(self, client, homes, add_page):
        add_page(homes["tr"], StandardPage, title="Yalnız Türkçe", slug="yalniz")
        assert parse_sitemap(client)["http://testserver/tr/yalniz/"]["alternates"] == {}

    def test_sitemap_query_count_is_flat(
        self, client, homes, add_page, django_assert_max_num_queries
    ):
        for number in range(2):
            add_page(homes["tr"], StandardPage, title=f"Sayfa {number}", slug=f"s-{number}")
        with django_assert_max_num_queries(20) as captured:
            client.get("/sitemap.xml")
        few = len(captured.captured_queries)
        for number in range(2, 5):
            add_page(homes["tr"], StandardPage, title=f"Sayfa {number}", slug=f"s-{number}")
        with django_assert_max_num_queries(few):
            client.get("/sitemap.xml")


@pytest.mark.parametrize("url", ["/robots.txt", "/sitemap.xml", "/tr/ara/?q=göç", "/en/search/"])
def test_head_is_answered_wherever_get_is(client, homes, url):
    """Crawlers and link checkers ask with HEAD: the same status and headers, no body."""
    got, head = client.get(url), client.head(url)
    assert got.status_code == head.status_code == 200
    assert head["Content-Type"] == got["Content-Type"]
    assert head.content == b""
    assert client.post(url).status_code == 405


def test_results_show_each_types_own_date_and_none_for_listings(client, homes, add_page):
    """An article found by search carries its own date, not the day it was imported; a
    page with no date of its own (the home, a standard page) shows none."""
    import datetime

    from django.utils import timezone

    from news.models import NewsIndexPage, NewsPage

    index = add_page(homes["tr"], NewsIndexPage, title="Haberler", slug="haberler")
    add_page(
        index,
        NewsPage,
        title="Saha Çalışmaları Tamamlandı",
        slug="saha-calismalari",
        summary="Saha çalışmaları tamamlandı.",
        date_published=timezone.make_aware(datetime.datetime(2020, 8, 14, 10)),
    )
    add_page(homes["tr"], StandardPage, title="Saha Rehberi", slug="saha-rehberi")
    html = client.get("/tr/ara/", {"q": "saha"}).text
    hits = re.findall(r'<p class="eyebrow">(.*?)</p>\s*<h2><a href="([^"]+)"', html, re.S)
    dates = {url: re.findall(r'datetime="([\d-]+)"', eyebrow) for eyebrow, url in hits}
    assert dates["/tr/haberler/saha-calismalari/"] == ["2020-08-14"]
    assert dates["/tr/saha-rehberi/"] == []


def test_search_page_landmarks_have_distinct_names(client, homes):
    """The header's search form (wide and phone variants, one shown at a time) and the
    page's own: axe's landmark-unique rule needs the page's to be named differently."""
    html = client.get("/en/search/", {"q": "x"}).text
    labels = re.findall(r'role="search" aria-label="([^"]+)"', html)
    assert len(labels) == html.count('role="search"')
    assert labels.count("Search again") == 1
    assert set(labels) == {"Search again", "Search the site"}


class TestRobots:
    def test_production_lets_crawlers_in_and_points_at_the_sitemap(self, client, settings, db):
        settings.SITE_ENVIRONMENT = "production"
        text = client.get("/robots.txt").content.decode()
        assert "Sitemap: http://testserver/sitemap.xml" in text
        assert "Disallow: /admin/" in text
        assert "Disallow: /tr/ara/" in text and "Disallow: /en/search/" in text
        assert "Disallow: /\n" not in text

    def test_elsewhere_refuses_all_crawlers(self, client, settings, db):
        settings.SITE_ENVIRONMENT = "development"
        response = client.get("/robots.txt")
        assert response["Content-Type"].startswith("text/plain")
        assert "User-agent: *\nDisallow: /\n" in response.content.decode()
        assert "Sitemap:" not in response.content.decode()

    def test_production_settings_say_production(self):
        text = (Path(__file__).parent.parent / "website/settings/production.py").read_text()
        assert 'SITE_ENVIRONMENT = env("SITE_ENVIRONMENT", default="production")' in text


# --- Metadata in <head> ----------------------------------------------------------------


def meta(html, prop):
    found = re.findall(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', html)
    return found


def json_lds(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


@pytest.mark.django_db
class TestMetadata:
    def test_open_graph_tags_with_fallbacks(self, client, content):
        html = client.get("/tr/egitim-programi/").text
        assert meta(html, "og:title") == ["Eğitim Programı"]
        assert meta(html, "og:description") == ["Sivil toplum kuruluşları için eğitimler."]
        assert meta(html, "og:url") == ["http://testserver/tr/egitim-programi/"]
        assert meta(html, "og:type") == ["website"]
        assert meta(html, "og:locale") == ["tr_TR"]
        assert meta(html, "og:locale:alternate") == ["en_GB"]
        english = client.get("/en/training-programme/").text
        assert meta(english, "og:locale") == ["en_GB"]
        assert meta(english, "og:locale:alternate") == ["tr_TR"]

    def test_seo_title_and_search_description_win(self, client, homes, add_page):
        add_page(
            homes["tr"],
            StandardPage,
            title="Uzun başlık",
            slug="uzun",
            seo_title="Kısa başlık",
            search_description="Arama motorları için açıklama.",
            summary="Özet.",
        )
        html = client.get("/tr/uzun/").text
        assert meta(html, "og:title") == ["Kısa başlık"]
        assert meta(html, "og:description") == ["Arama motorları için açıklama."]
        assert meta(html, "description") == ["Arama motorları için açıklama."]
        assert "<title>Kısa başlık" in html

    def test_og_image_is_an_absolute_rendition_url(self, client, homes, add_page):
        image = SiteImage.objects.create(
            title="Atölye", description="Katılımcılar bir atölyede", file=get_test_image_file()
        )
        add_page(homes["tr"], StandardPage, title="Resimli", slug="resimli", listing_image=image)
        html = client.get("/tr/resimli/").text
        [url] = meta(html, "og:image")
        assert url.startswith("http://testserver/")
        assert ".fill-1200x630" in url
        assert meta(html, "og:image:alt") == ["Katılımcılar bir atölyede"]
        assert client.get(url.removeprefix("http://testserver")).status_code in (200, 404)

    def test_only_one_og_type_and_no_alternate_for_untranslated_page(self, client, homes, add_page):
        add_page(homes["tr"], StandardPage, title="Yalnız", slug="yalniz")
        html = client.get("/tr/yalniz/").text
        assert len(meta(html, "og:type")) == 1
        assert meta(html, "og:locale:alternate") == []

    def test_json_ld_organisation_in_each_language(self, client, homes):
        tr = [d for d in json_lds(client.get("/tr/").text) if d["@type"] == "Organization"]
        en = [d for d in json_lds(client.get("/en/").text) if d["@type"] == "Organization"]
        assert tr[0]["name"] == "Göç ve Sivil Toplum Projesi"
        assert tr[0]["url"] == "http://testserver/tr/"
        assert en[0]["name"] != tr[0]["name"]
        assert en[0]["url"] == "http://testserver/en/"

    def test_json_ld_breadcrumbs(self, client, homes, add_page):
        parent = add_page(homes["en"], StandardPage, title="About", slug="about")
        add_page(parent, StandardPage, title="Partners </script>", slug="partners")
        html = client.get("/en/about/partners/").text
        [crumbs] = [d for d in json_lds(html) if d["@type"] == "BreadcrumbList"]
        items = crumbs["itemListElement"]
        assert [item["position"] for item in items] == [1, 2, 3]
        assert [item["item"] for item in items] == [
            "http://testserver/en/",
            "http://testserver/en/about/",
            "http://testserver/en/about/partners/",
        ]
        assert items[2]["name"] == "Partners </script>"  # escaped inside the script
        assert "Partners </script>" not in html.split("application/ld+json")[-1][:400]

    def test_search_page_is_not_indexed_and_has_site_metadata(self, client, homes):
        html = search(client, "en", "x").text
        assert '<meta name="robots" content="noindex, follow">' in html
        assert meta(html, "og:site_name")
        # What a shared link to the search page shows (issue 24: a card on every page).
        assert meta(html, "og:title") == ["Search"]
        assert '<link rel="canonical" href="http://testserver/en/search/">' in html


def test_search_query_in_url_is_encoded(client, db):
    # The switcher and "other language" links carry the query URL-encoded.
    response = client.get("/tr/ara/", {"q": "göç & göçmen"})
    assert quote("göç") in response.text


@pytest.mark.django_db
def test_template_with_its_own_open_graph_gets_no_second_set(rf, homes, add_page):
    from django.template import engines

    page = add_page(homes["en"], StandardPage, title="Article", slug="article")
    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block extra_head %}'
        '<meta property="og:type" content="article">'
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script>{% endblock %}'
    )
    request = rf.get("/en/article/")
    html = template.render({"page": page, "request": request}, request)
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:title") == []
    # The page's own JSON-LD comes first; the organisation's is still there.
    assert [d["@type"] for d in json_lds(html)][:2] == ["NewsArticle", "Organization"]
