"""News benchmark: SQL queries and render time of the news index and an article with
1,000 and 10,000 articles in each language.

Run by `make bench` (or `python bench/bench_news.py`). Works in a throwaway test database
(PostgreSQL when DATABASE_URL names one, else in-memory SQLite) that it creates and drops.
``populate(count)`` adds ``count`` Turkish articles and their English translations in
bulk (rows inserted directly, no revisions) and returns representative URLs, so a load
benchmark can reuse it.
"""

import os
import statistics
import tempfile
import time
import uuid
from datetime import timedelta

from harness import child_path, homes, insert_rows, setup_django, throwaway_database

os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-news-media-"))
setup_django()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

BATCH = 500
TARGETS = [int(n) for n in os.environ.get("BENCH_NEWS_COUNTS", "1000,10000").split(",")]
CATEGORIES = [
    ("Çalıştaylar", "calistaylar", "Workshops", "workshops"),
    ("Eğitimler", "egitimler", "Trainings", "trainings"),
    ("Ağ Kurma", "ag-kurma", "Networking", "networking"),
    ("Saha Araştırması", "saha-arastirmasi", "Field research", "field-research"),
    ("Duyurular", "duyurular", "Announcements", "announcements"),
]
# What an article says in each language ({i}: its number, {tag}: its tag's number).
ARTICLE_TEXT = {
    "tr": {
        "title": "Göç alanında haber {i}",
        "slug": "haber-{i}",
        "summary": "{i} numaralı haberin özeti.",
        "words": "göç sivil toplum iş birliği kamu kurumları saha çalışması eğitim ağ kurma ",
        "organisation": "STK",
        "tags": ("etiket {tag}", "göç"),
    },
    "en": {
        "title": "Migration news {i}",
        "slug": "news-{i}",
        "summary": "Summary of news item {i}.",
        "words": "migration civil society cooperation public institutions field study training ",
        "organisation": "NGO",
        "tags": ("tag {tag}", "migration"),
    },
}


def _image():
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage

    from home.models import SiteImage

    image = SiteImage.objects.filter(title="bench").first()
    if image is None:
        buffer = io.BytesIO()
        PILImage.new("RGB", (1200, 675), (11, 79, 138)).save(buffer, "JPEG")
        image = SiteImage(title="bench", description="A blue rectangle")
        image.file = ImageFile(buffer, name="bench.jpg")
        image.save()
    return image


def _setup():
    """Locales, both homes, both news indexes and the category pairs (once)."""
    from news.models import NewsCategory, NewsIndexPage

    locales, both_homes = homes()
    tr_home = both_homes["tr"]
    index_tr = NewsIndexPage.objects.filter(locale=locales["tr"]).first()
    if index_tr is None:
        index_tr = NewsIndexPage(title="Haberler", slug="haberler")
        tr_home.add_child(instance=index_tr)
        index_tr.save_revision().publish()
    index_en = index_tr.get_translation_or_none(locales["en"])
    if index_en is None:
        index_en = index_tr.copy_for_translation(locales["en"])
        index_en.slug, index_en.title = "news", "News"
        index_en.save_revision().publish()
    categories = []
    for tr_name, tr_slug, en_name, en_slug in CATEGORIES:
        tr = NewsCategory.objects.filter(locale=locales["tr"], slug=tr_slug).first()
        if tr is None:
            tr = NewsCategory.objects.create(locale=locales["tr"], name=tr_name, slug=tr_slug)
            en = tr.copy_for_translation(locales["en"])
            en.name, en.slug = en_name, en_slug
            en.save()
        en = NewsCategory.objects.get(locale=locales["en"], translation_key=tr.translation_key)
        categories.append((tr, en))
    return locales, index_tr.specific, index_en.specific, categories


def _insert_children(parent, locale, rows, start):
    """Insert NewsPage rows under ``parent`` without treebeard's per-row queries."""
    from news.models import NewsPage, NewsPageTag, NewsTag

    content_type = ContentType.objects.get_for_model(NewsPage)
    parent = Page.objects.get(pk=parent.pk)
    pages = []
    for offset, row in enumerate(rows):
        position = start + offset + 1
        pages.append(
            Page(
                title=row["title"],
                draft_title=row["title"],
                slug=row["slug"],
                content_type=content_type,
                path=child_path(parent, position),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{row['slug']}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=row["date"],
                last_published_at=row["date"],
                locale=locale,
                translation_key=row["translation_key"],
            )
        )
    Page.objects.bulk_create(pages, batch_size=BATCH)
    news_pages = [
        NewsPage(
            page_ptr_id=page.pk,
            summary=row["summary"],
            date_published=row["date"],
            lead_image=row["image"],
            body=row["body"],
            organisation=row["organisation"],
        )
        for page, row in zip(pages, rows, strict=True)
    ]
    for i in range(0, len(news_pages), BATCH):
        insert_rows(NewsPage, news_pages[i : i + BATCH])
    Through = NewsPage.categories.through
    Through.objects.bulk_create(
        [
            Through(newspage_id=page.pk, newscategory_id=row["category"].pk)
            for page, row in zip(pages, rows, strict=True)
        ],
        batch_size=BATCH,
    )
    tags = {}
    for name in {tag for row in rows for tag in row["tags"]}:
        tags[name] = NewsTag.objects.get_or_create(name=name, defaults={"slug": None})[0]
    NewsPageTag.objects.bulk_create(
        [
            NewsPageTag(content_object_id=page.pk, tag=tags[name])
            for page, row in zip(pages, rows, strict=True)
            for name in row["tags"]
        ],
        batch_size=BATCH,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(rows))
    return pages


@transaction.atomic
def populate(count):
    """Add ``count`` articles in Turkish and their English translations; return URLs."""
    from news.models import NewsTag

    locales, index_tr, index_en, categories = _setup()
    image = _image()
    start = Page.objects.get(pk=index_tr.pk).numchild
    base = timezone.now() - timedelta(days=start + count)
    rows = {"tr": [], "en": []}
    for i in range(start, start + count):
        key = uuid.uuid4()
        date = base + timedelta(days=i - start, hours=i % 24)
        category = categories[i % len(categories)]
        common = {"translation_key": key, "date": date, "image": image if i % 3 == 0 else None}
        for language, language_category in (("tr", category[0]), ("en", category[1])):
            text = ARTICLE_TEXT[language]
            tag, shared_tag = text["tags"]
            rows[language].append(
                common
                | {
                    "title": text["title"].format(i=i),
                    "slug": text["slug"].format(i=i),
                    "summary": text["summary"].format(i=i),
                    "body": [("paragraph", "<p>" + text["words"] * 30 + "</p>")],
                    "organisation": text["organisation"] if i % 5 == 0 else "",
                    "category": language_category,
                    "tags": [tag.format(tag=i % 20), shared_tag],
                }
            )
    _insert_children(index_tr, locales["tr"], rows["tr"], start)
    _insert_children(index_en, locales["en"], rows["en"], start)
    middle = start + count // 2
    tag_slug = NewsTag.objects.get(name="etiket 1").slug
    return {
        "index_tr": "/tr/haberler/",
        "index_en": "/en/news/",
        "index_tr_page_50": "/tr/haberler/?page=50",
        "category_en": "/en/news/category/workshops/",
        "tag_tr": f"/tr/haberler/etiket/{tag_slug}/",
        "year_tr": f"/tr/haberler/{timezone.localtime(base).year + 1}/",
        "feed_en": "/en/news/feed/rss/",
        "article_tr": f"/tr/haberler/haber-{middle}/",
        "article_en": f"/en/news/news-{middle}/",
        "home_tr": "/tr/",
    }


def measure(client, url, repeat=5):
    client.get(url)  # warm up: renditions, caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # read now: the next request resets the query log
    count = len(queries)
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return count, sql_ms, statistics.median(timings)


def main():
    from django.conf import settings
    from django.core.signals import request_finished
    from django.db import close_old_connections

    settings.DEBUG = False
    # Keep one connection across requests, as a test client run inside a test would.
    request_finished.disconnect(close_old_connections)
    with throwaway_database(test_environment=True):
        client = Client()
        print(f"database: {connection.vendor}")
        total = 0
        for target in TARGETS:
            started = time.perf_counter()
            urls = populate(target - total)
            print(
                f"\n{target:,} articles per language: populated {target - total:,} "
                f"in {time.perf_counter() - started:.1f} s"
            )
            total = target
            print(f"  {'page':<20} {'queries':>8} {'SQL ms':>8} {'render ms (median of 5)':>24}")
            for name, url in urls.items():
                queries, sql_ms, ms = measure(client, url)
                print(f"  {name:<20} {queries:>8} {sql_ms:>8.1f} {ms:>24.1f}")


if __name__ == "__main__":
    main()
