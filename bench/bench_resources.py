"""Benchmark of the training library: queries and time per library page with many
kits, and the peak memory of streaming a ~200 MB kit as one zip.

Runs in a throwaway test database (PostgreSQL when DATABASE_URL names one) and a
temporary MEDIA_ROOT, both removed at the end:

    .venv/bin/python bench/bench_resources.py [--kits 500] [--zip-mb 200]
"""

import argparse
import shutil
import sys
import tempfile
import time
import tracemalloc

from harness import queries_and_ms, setup_django, throwaway_database

setup_django()

from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402


def _library():
    from home.demo import ensure_snippet_pair, prepare
    from resources.demo import TOPICS
    from resources.models import ResourceIndexPage, Topic

    context = prepare()
    topics = []
    for tr_slug, tr_name, en_slug, en_name in TOPICS:
        topics.append(
            ensure_snippet_pair(
                Topic,
                {"slug": tr_slug},
                {"name": tr_name},
                {"name": en_name, "slug": en_slug},
                context.locales,
            )[0]
        )
    indexes = {}
    for code, home, slug, title in [
        ("tr", context.tr_home, "egitim-kutuphanesi", "Eğitim Kütüphanesi"),
        ("en", context.en_home, "training-library", "Training Library"),
    ]:
        index = home.get_children().type(ResourceIndexPage).first()
        if index is None:
            index = ResourceIndexPage(title=title, slug=slug)
            if code == "en":
                tr_index = indexes["tr"]
                index.locale = context.locales["en"]
                index.translation_key = tr_index.translation_key
            home.add_child(instance=index)
        indexes[code] = index.specific
    return context, indexes, topics


def populate(count):
    """``count`` kits in Turkish and as many English translations (same translation
    key, as wagtail-localize makes them), filed under topics and audiences. Returns
    representative URLs."""
    from resources.models import TrainingKitPage

    context, indexes, topics = _library()
    start = TrainingKitPage.objects.filter(locale=context.locales["tr"]).count()
    first_tr = first_en = None
    for number in range(start, start + count):
        fields = {
            "audience_ngos": number % 2 == 0,
            "audience_public_institutions": number % 3 == 0,
            "audience_trainers": number % 5 == 0,
            "language_tr": True,
            "language_en": number % 2 == 1,
            "featured": number < 3,
            "version": "1.0",
        }
        tr = TrainingKitPage(
            title=f"Eğitim kiti {number}",
            slug=f"egitim-kiti-{number}",
            summary="Stratejik planlama, savunuculuk ve finans yönetimi.",
            **fields,
        )
        indexes["tr"].add_child(instance=tr)
        kit_topics = [topics[number % len(topics)], topics[(number * 7) % len(topics)]]
        tr.topics.set(kit_topics)
        en = TrainingKitPage(
            title=f"Training kit {number}",
            slug=f"training-kit-{number}",
            summary="Strategic planning, advocacy and financial management.",
            locale=context.locales["en"],
            translation_key=tr.translation_key,
            **fields,
        )
        indexes["en"].add_child(instance=en)
        en.topics.set(kit_topics)
        first_tr = first_tr or tr
        first_en = first_en or en
    return {
        "library_tr": indexes["tr"].url,
        "library_en": indexes["en"].url,
        "library_tr_filtered": indexes["tr"].url + "?topic=savunuculuk&audience=ngos&language=tr",
        "library_en_search": indexes["en"].url + "?q=advocacy",
        "kit_tr": first_tr.url if first_tr else None,
        "kit_en": first_en.url if first_en else None,
    }


def bench_zip(client, total_mb, files=10):
    """Stream a kit of ``files`` PDFs totalling ``total_mb`` MB; peak Python memory."""
    from home.models import SiteDocument
    from home.pdf import make_pdf
    from resources.models import TrainingKitPage

    context, indexes, _topics = _library()
    documents = []
    per_file = total_mb * 1024 * 1024 // files
    for number in range(files):
        document = SiteDocument(title=f"Büyük belge {number}", language="tr")
        data = make_pdf(f"Büyük belge {number}", ["Bench"], padding_bytes=per_file)
        document.file.save(f"buyuk-{number}.pdf", ContentFile(data), save=False)
        del data
        document.save()
        documents.append(document)
    kit = TrainingKitPage(
        title="Büyük Kit",
        slug="buyuk-kit",
        version="1.0",
        modules=[
            (
                "module",
                {
                    "title": f"Modül {n}",
                    "description": "",
                    "duration": "",
                    "learning_objectives": [],
                    "documents": [document],
                },
            )
            for n, document in enumerate(documents)
        ],
    )
    indexes["tr"].add_child(instance=kit)
    kit_size = sum(document.file.size for document in documents)
    url = kit.url + "download-all/"

    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    received = 0
    for chunk in response.streaming_content:
        received += len(chunk)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return kit_size, received, peak, elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kits", type=int, default=500)
    parser.add_argument("--zip-mb", type=int, default=200)
    args = parser.parse_args()

    media = tempfile.mkdtemp(prefix="bench-resources-media-")
    try:
        with (
            throwaway_database(test_environment=True),
            override_settings(MEDIA_ROOT=media, DEBUG=False),
        ):
            client = Client()
            print(f"database: {connection.vendor}")

            started = time.perf_counter()
            urls = populate(10)
            rows_10 = {
                name: queries_and_ms(client, urls[name])
                for name in ("library_tr", "library_tr_filtered")
            }
            populate(args.kits - 10)
            print(
                f"populate: {args.kits} kits x 2 languages in {time.perf_counter() - started:.1f} s"
            )
            for name in (
                "library_tr",
                "library_en",
                "library_tr_filtered",
                "library_en_search",
                "kit_tr",
            ):
                queries, ms = queries_and_ms(client, urls[name])
                line = f"{name:<22} {urls[name]:<60} {queries:>3} queries  {ms:7.1f} ms/render"
                if name in rows_10:
                    line += f"   (with 10 kits: {rows_10[name][0]} queries)"
                print(line)

            kit_size, received, peak, elapsed = bench_zip(client, args.zip_mb)
            print(
                f"zip of a {kit_size / 1e6:.0f} MB kit: streamed {received / 1e6:.0f} MB in "
                f"{elapsed:.2f} s; peak Python memory while streaming {peak / 1e6:.2f} MB "
                f"({100 * peak / kit_size:.2f}% of the kit)"
            )
            if peak > kit_size / 10:
                print("FAIL: zip streaming held too much of the kit in memory")
                sys.exit(1)
    finally:
        shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    main()
