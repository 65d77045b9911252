"""News: listing order and pagination, filters in both languages, feeds, sharing meta,
translations, bad input and flat query counts."""

import datetime
import io
import json
import re

import feedparser
import pytest
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage

from home.models import SiteImage
from news.models import PAGE_SIZE, NewsCategory, NewsIndexPage, NewsPage
from tests.conftest import (
    add_child_page,
    publish_translation,
    refreshed,
    site_homes,
    site_locales,
)
from tests.support.bilingual import assert_localized_404, snippet_pair


def news_article_json_ld(html):
    """The NewsArticle among the page's JSON-LD blocks (the site adds Organization and
    BreadcrumbList blocks too); every block must be valid JSON."""
    blocks = [
        json.loads(raw)
        for raw in re.findall(
            r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
        )
    ]
    return next(block for block in blocks if block.get("@type") == "NewsArticle")


def _date(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def make_image(title="Test image"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 450), (20, 80, 140)).save(buffer, "JPEG")
    image = SiteImage(title=title, description="A blue rectangle", caption="Caption", credit="Team")
    image.file = ImageFile(buffer, name="test.jpg")
    image.save()
    return image


def category_pair(locales, tr_name, tr_slug, en_name, en_slug):
    tr = {"name": tr_name, "slug": tr_slug}
    return snippet_pair(NewsCategory, locales, tr, {"name": en_name, "slug": en_slug})


@pytest.fixture(scope="module")
def news_built(module_data):
    """Built once per module (see ``module_data``): both news indexes and two categories."""
    locales = site_locales()
    index_tr = add_child_page(site_homes()["tr"], NewsIndexPage, title="Haberler", slug="haberler")
    return {
        "tr": index_tr,
        "en": publish_translation(index_tr, "news", title="News"),
        "categories": {
            "workshops": category_pair(
                locales, "Çalıştaylar", "calistaylar", "Workshops", "workshops"
            ),
            "trainings": category_pair(locales, "Eğitimler", "egitimler", "Trainings", "trainings"),
        },
    }


@pytest.fixture
def news(news_built, db):
    """Both news indexes, two categories and a builder for articles (with translation)."""
    return with_builder(refreshed(news_built))


def with_builder(news):
    """``news`` (fresh from the database) with ``article``, its builder of articles.

    ``article(title, date, …, publish=False)`` saves them live without a revision (as a
    publication leaves them, minus its history): for the tests that need many."""
    locales = site_locales()
    index_tr, categories = news["tr"], news["categories"]

    def save(page, publish):
        if publish:
            page.save_revision().publish()
        else:
            page.live = True
            page.save()

    def article(
        title,
        date,
        category=None,
        tags=(),
        en_title=None,
        en_tags=(),
        image=None,
        publish=True,
        **fields,
    ):
        slug = slugify_tr(title)
        page = NewsPage(
            title=title,
            slug=slug,
            date_published=date,
            summary=f"Özet: {title}",
            lead_image=image,
            body=[("paragraph", "<p>" + "kelime " * 450 + "</p>")],
            **fields,
        )
        index_tr.add_child(instance=page)
        if category:
            page.categories.set([categories[category][0]])
        page.tags.set(list(tags))
        save(page, publish)
        if en_title is None:
            return page, None
        en = page.copy_for_translation(locales["en"]).specific
        en.slug = slug + "-en"
        en.title = en_title
        en.summary = f"Summary: {en_title}"
        en.tags.set(list(en_tags))
        save(en, publish)
        return page, en

    return {**news, "article": article}


@pytest.fixture(scope="class")
def class_data(news_built, django_db_blocker):
    """A savepoint around one test class, inside the module's transaction: the articles
    a class fixture builds there are read by the class's tests (each in its own
    savepoint), and gone for the next class."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def slugify_tr(text):
    text = text.translate(str.maketrans("çğıİöşüÇĞÖŞÜ", "cgiiosucgosu")).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def titles(html):
    return re.findall(r'<h[23]><a href="[^"]+">([^<]+)</a>', html)


@pytest.mark.django_db
class TestListing:
    def test_newest_first_with_featured_on_top(self, client, news):
        news["article"]("Eski haber", _date(2019, 3, 8))
        news["article"]("Orta haber", _date(2019, 10, 24))
        news["article"]("Yeni haber", _date(2020, 8, 14))
        html = client.get("/tr/haberler/").text
        assert titles(html) == ["Yeni haber", "Orta haber", "Eski haber"]
        assert 'class="card news-card news-featured"' in html

    def test_editor_featured_item_goes_on_top(self, client, news):
        news["article"]("Öne çıkan", _date(2019, 3, 8), featured=True)
        news["article"]("Yeni haber", _date(2020, 8, 14))
        assert titles(client.get("/tr/haberler/").text) == ["Öne çıkan", "Yeni haber"]

    def test_pagination(self, client, news):
        for day in range(1, PAGE_SIZE + 4):
            news["article"](f"Haber {day:02d}", _date(2020, 1, day), publish=False)
        first = client.get("/tr/haberler/").text
        second = client.get("/tr/haberler/?page=2").text
        # page 1: the featured (newest) item and PAGE_SIZE more; page 2: the rest
        assert titles(first)[:2] == ["Haber 13", "Haber 12"]
        assert len(titles(first)) == PAGE_SIZE + 1
        assert titles(second) == ["Haber 02", "Haber 01"]
        assert 'aria-current="page">2<' in second

    def test_bad_page_numbers_never_fail(self, client, news):
        for day in range(1, PAGE_SIZE + 3):
            news["article"](f"Haber {day:02d}", _date(2020, 1, day), publish=False)
        for query in ["?page=abc", "?page=99999", "?page=-1", "?page=", "?page=1.5"]:
            response = client.get("/tr/haberler/" + query)
            assert response.status_code == 200
            assert titles(response.text)

    def test_dates_in_page_language(self, client, news):
        news["article"]("Saha çalışmaları", _date(2020, 8, 14), en_title="Field studies")
        assert "14 Ağustos 2020" in client.get("/tr/haberler/").text
        assert "14 August 2020" in client.get("/en/news/").text

    def test_each_language_lists_its_own_articles(self, client, news):
        news["article"]("Yalnız Türkçe", _date(2020, 1, 1))
        news["article"]("İki dilde", _date(2020, 2, 1), en_title="In both languages")
        assert titles(client.get("/tr/haberler/").text) == ["İki dilde", "Yalnız Türkçe"]
        assert titles(client.get("/en/news/").text) == ["In both languages"]

    def test_home_shows_three_latest_of_its_language(self, client, news):
        for month in range(1, 6):
            news["article"](
                f"Haber {month}", _date(2020, month, 1), en_title=f"News {month}", publish=False
            )
        tr = client.get("/tr/").text
        en = client.get("/en/").text
        assert titles(tr) == ["Haber 5", "Haber 4", "Haber 3"]
        assert titles(en) == ["News 5", "News 4", "News 3"]


# The two articles the filter and feed tests read, in both languages:
# (title, date, category, tag, English title, English tag).
TWO_ARTICLES = [
    (
        "Değerlendirme çalıştayı",
        (2019, 10, 24),
        "workshops",
        "çalıştay",
        "Evaluation workshop",
        "workshop",
    ),
    ("Eğitim modülleri", (2020, 3, 5), "trainings", "eğitim", "Training modules", "training"),
]


def add_two_articles(news, image=None):
    """TWO_ARTICLES, the first (the older) with ``image`` as its lead image."""
    for number, (title, date, category, tag, en_title, en_tag) in enumerate(TWO_ARTICLES):
        news["article"](
            title,
            _date(*date),
            category=category,
            tags=[tag],
            en_title=en_title,
            en_tags=[en_tag],
            image=image if number == 0 else None,
        )
    return news


@pytest.fixture(scope="class")
def filter_articles_built(class_data, news_built):
    add_two_articles(with_builder(refreshed(news_built)))


@pytest.fixture(scope="class")
def feed_articles_built(class_data, news_built):
    add_two_articles(with_builder(refreshed(news_built)), image=make_image())


@pytest.mark.django_db
class TestFilters:
    @pytest.fixture
    def articles(self, filter_articles_built, news):
        return news

    @pytest.mark.parametrize(
        ("url", "expected", "label"),
        [
            ("/en/news/category/workshops/", ["Evaluation workshop"], "Workshops"),
            ("/tr/haberler/kategori/calistaylar/", ["Değerlendirme çalıştayı"], "Çalıştaylar"),
            ("/en/news/tag/training/", ["Training modules"], "training"),
            ("/tr/haberler/etiket/egitim/", ["Eğitim modülleri"], "eğitim"),
            ("/en/news/2019/", ["Evaluation workshop"], "2019"),
            ("/tr/haberler/2020/", ["Eğitim modülleri"], "2020"),
        ],
    )
    def test_filter_lists_matching_news_and_says_so(self, client, articles, url, expected, label):
        response = client.get(url)
        assert response.status_code == 200
        assert titles(response.text) == expected
        state = response.text[response.text.index("news-filter-state") :]
        state = state[: state.index("</div>")]
        assert label in state
        index_url = "/en/news/" if url.startswith("/en/") else "/tr/haberler/"
        assert f'class="clear-filter" href="{index_url}"' in state
        assert f'<link rel="canonical" href="http://testserver{url}">' in response.text

    def test_turkish_tag_gets_readable_ascii_slug(self, client, news):
        news["article"]("Göç haberi", _date(2020, 1, 1), tags=["göç ağı"])
        response = client.get("/tr/haberler/etiket/goc-agi/")
        assert response.status_code == 200
        assert titles(response.text) == ["Göç haberi"]

    def test_article_links_to_its_category_filter_in_its_language(self, client, articles):
        html = client.get("/en/news/degerlendirme-calistayi-en/").text
        assert 'href="/en/news/category/workshops/">Workshops</a>' in html
        assert 'href="/en/news/tag/workshop/" rel="tag">workshop</a>' in html

    @pytest.mark.parametrize(
        ("url", "lang"),
        [
            ("/en/news/category/no-such-category/", "en"),
            ("/tr/haberler/kategori/boyle-bir-kategori-yok/", "tr"),
            ("/en/news/tag/no-such-tag/", "en"),
            ("/tr/haberler/etiket/yok/", "tr"),
            # a filter word of the other language, and another language's category slug
            ("/en/news/kategori/calistaylar/", "en"),
            ("/en/news/category/calistaylar/", "en"),
            ("/tr/haberler/0000/", "tr"),
        ],
    )
    def test_unknown_filter_is_localized_404(self, client, articles, url, lang):
        assert_localized_404(client.get(url), lang)

    def test_year_without_news_is_an_empty_page(self, client, articles):
        response = client.get("/en/news/2005/")
        assert response.status_code == 200
        assert titles(response.text) == []
        assert "No news matches this filter yet." in response.text
        assert "Bu filtreye uyan haber henüz yok." in client.get("/tr/haberler/2005/").text

    def test_bad_page_on_a_filter(self, client, articles):
        for query in ("?page=abc", "?page=99999"):
            assert client.get("/en/news/category/workshops/" + query).status_code == 200


@pytest.mark.django_db
class TestFeeds:
    @pytest.fixture
    def articles(self, feed_articles_built, news):
        return news

    @pytest.mark.parametrize(
        ("url", "version", "lang"),
        [
            ("/tr/haberler/feed/rss/", "rss20", "tr"),
            ("/en/news/feed/rss/", "rss20", "en"),
            ("/tr/haberler/feed/atom/", "atom10", "tr"),
            ("/en/news/feed/atom/", "atom10", "en"),
        ],
    )
    def test_feed_parses_with_absolute_links_of_its_language(
        self, client, articles, url, version, lang
    ):
        response = client.get(url)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == version
        assert feed.feed.language == lang
        assert len(feed.entries) == 2
        prefix = "http://testserver/tr/haberler/" if lang == "tr" else "http://testserver/en/news/"
        for entry in feed.entries:
            assert entry.link.startswith(prefix)
            assert entry.summary.startswith("Özet" if lang == "tr" else "Summary")
        newest, oldest = feed.entries
        assert newest.published_parsed[:3] == (2020, 3, 5)
        assert oldest.published_parsed[:3] == (2019, 10, 24)
        enclosures = [link for link in oldest.links if link.rel == "enclosure"]
        assert enclosures and enclosures[0].href.startswith("http://testserver/media/")
        assert enclosures[0].type == "image/jpeg"
        # The real length of the file it names, as podcatchers and feed readers expect.
        image = NewsPage.objects.get(title__in=[oldest.title]).image
        assert int(enclosures[0].length) == image.file.size > 0

    def test_category_feed(self, client, articles):
        feed = feedparser.parse(client.get("/en/news/category/workshops/feed/rss/").content)
        assert not feed.bozo
        assert [e.title for e in feed.entries] == ["Evaluation workshop"]
        feed = feedparser.parse(client.get("/tr/haberler/kategori/egitimler/feed/atom/").content)
        assert [e.title for e in feed.entries] == ["Eğitim modülleri"]
        assert client.get("/en/news/category/nope/feed/rss/").status_code == 404

    def test_feeds_linked_from_head(self, client, articles):
        for url, feed_url in [
            ("/tr/haberler/", "http://testserver/tr/haberler/feed/rss/"),
            ("/en/news/degerlendirme-calistayi-en/", "http://testserver/en/news/feed/atom/"),
        ]:
            head = client.get(url).text.split("</head>")[0]
            assert f'href="{feed_url}"' in head


@pytest.fixture(scope="class")
def pair_built(class_data, news_built):
    return with_builder(refreshed(news_built))["article"](
        "Saha Çalışmaları Tamamlandı",
        _date(2020, 8, 14),
        category="workshops",
        en_title="Field Studies Completed",
        image=make_image(),
        organisation="KADEM",
    )


@pytest.mark.django_db
class TestArticle:
    @pytest.fixture
    def pair(self, pair_built, news):
        return refreshed(pair_built)

    def test_switcher_leads_from_turkish_article_to_english(self, client, pair):
        html = client.get("/tr/haberler/saha-calismalari-tamamlandi/").text
        switcher = html[html.index('class="language-switcher"') :]
        switcher = switcher[: switcher.index("</nav>")]
        match = re.search(r'<a href="([^"]+)" hreflang="en"', switcher)
        assert match.group(1) == "/en/news/saha-calismalari-tamamlandi-en/"
        english = client.get(match.group(1))
        assert english.status_code == 200
        assert "<h1>Field Studies Completed</h1>" in english.text
        assert "14 August 2020" in english.text
        assert 'href="/en/news/category/workshops/">Workshops</a>' in english.text

    def test_json_ld_is_valid_news_article(self, client, pair):
        html = client.get("/en/news/saha-calismalari-tamamlandi-en/").text
        data = news_article_json_ld(html)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == "Field Studies Completed"
        assert data["datePublished"].startswith("2020-08-14")
        assert datetime.datetime.fromisoformat(data["dateModified"].replace("Z", "+00:00"))
        assert data["image"][0].startswith("http://testserver/media/")
        assert data["publisher"]["name"]
        assert data["publisher"]["logo"]["url"].startswith("http://testserver/")
        assert data["author"]["@type"] == "Organization" and data["author"]["name"]
        assert data["inLanguage"] == "en"

    def test_json_ld_escapes_script_breaking_titles(self, client, news):
        news["article"]("Başlık </script><b>", _date(2020, 1, 1))
        html = client.get("/tr/haberler/baslik-script-b/").text
        assert news_article_json_ld(html)["headline"] == "Başlık </script><b>"

    def test_sharing_meta_reading_time_and_share_links(self, client, pair):
        html = client.get("/tr/haberler/saha-calismalari-tamamlandi/").text
        head = html.split("</head>")[0]
        assert '<meta property="og:type" content="article">' in head
        assert '<meta property="og:title" content="Saha Çalışmaları Tamamlandı">' in head
        assert 'property="og:image" content="http://testserver/media/' in head
        assert '<meta name="twitter:card" content="summary_large_image">' in head
        assert (
            '<link rel="canonical" href="http://testserver/tr/haberler/saha-calismalari-tamamlandi/">'
            in head
        )
        assert "3 dakikalık okuma" in html  # ~450 words at 200 words a minute
        assert "14 Ağustos 2020" in html
        assert (
            "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Ftr%2F" in html
        )
        assert "https://wa.me/?text=" in html and "mailto:?subject=" in html
        # No script but the reach beacon (cookie-free page view counting).
        assert re.findall(r'<script src="([^"]+)"', html) == ["/static/reach/beacon.js"]
        assert "KADEM" in html

    def test_publication_date_defaults_to_first_publication(self, news):
        page, _en = news["article"]("Tarihsiz", None)
        page.refresh_from_db()
        assert page.date_published == page.first_published_at


def _render_counts(client, urls):
    counts = []
    for url in urls:
        client.get(url)  # warm up: renditions, site root paths
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_articles(client, news):
    image = make_image()
    tags = ["göç", "eğitim"]

    def add(days, publish):
        for day in days:
            news["article"](
                f"Haber {day:03d}",
                _date(2020, 1, 1) + datetime.timedelta(days=day),
                category="workshops" if day % 2 == 0 else "trainings",
                tags=tags,
                image=image,
                publish=publish,
            )

    add(range(2), publish=True)  # the article measured below, published as an editor does
    article_url = "/tr/haberler/haber-000/"
    urls = [
        "/tr/haberler/",
        "/tr/haberler/?page=2",
        "/tr/haberler/kategori/calistaylar/",
        article_url,
        "/tr/",
        "/tr/haberler/feed/rss/",
    ]
    small = _render_counts(client, urls)
    # Past a page of the listing (a real page 2), the home's three and the first feed
    # items: more rows everywhere, in bulk (no revisions: nothing here reads them).
    add(range(2, PAGE_SIZE + 3), publish=False)
    large = _render_counts(client, urls)
    assert small == large
    assert large[0] < 40


@pytest.mark.django_db
class TestAdmin:
    def test_editor_can_open_the_news_forms(self, admin_client, news):
        index = news["tr"]
        response = admin_client.get(f"/admin/pages/add/news/newspage/{index.pk}/")
        assert response.status_code == 200
        assert 'name="date_published"' in response.text
        assert 'name="tags"' in response.text
        page, _en = news["article"]("Düzenlenecek", _date(2020, 1, 1), tags=["göç"])
        assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
        assert admin_client.get("/admin/snippets/news/newscategory/").status_code == 200

    def test_one_news_index_per_language_home(self, news, homes):
        for home in homes.values():
            home.refresh_from_db()  # numchild changed when the indexes were added
            assert not NewsIndexPage.can_create_at(home)
        assert NewsPage.can_create_at(news["tr"])
        assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
