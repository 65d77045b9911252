"""Benchmark of the bilingual features: queries and time per render of the glossary
page with many terms, of an untranslated page's fallback, and of turkish_slugify.

Runs in a throwaway test database (PostgreSQL when DATABASE_URL names one):

    .venv/bin/python bench/bench_bilingual.py [--terms 300]
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)


def populate(count):
    """``count`` glossary term pairs, the glossary page pair and ``count`` Turkish-only
    pages; returns representative URLs."""
    from glossary.models import GlossaryPage, GlossaryTerm
    from home.demo import ensure_pair, prepare
    from home.models import StandardPage

    context = prepare()
    offset = GlossaryTerm.objects.filter(locale=context.locales["tr"]).count()
    for number in range(offset, offset + count):
        tr = GlossaryTerm.objects.create(
            locale=context.locales["tr"],
            term=f"çalışma terimi {number:04d}",
            deprecated_terms=f"eski terim {number:04d}",
        )
        en = tr.copy_for_translation(context.locales["en"])
        en.term = f"working term {number:04d}"
        en.save()
    tr_page, en_page = ensure_pair(
        context,
        context.tr_home,
        GlossaryPage,
        tr={"slug": "terimler-sozlugu", "title": "Terimler Sözlüğü"},
        en={"slug": "glossary", "title": "Glossary"},
    )
    only = None
    for number in range(offset, offset + count):
        only = StandardPage(title=f"Yalnız Türkçe Duyuru {number}")
        context.tr_home.add_child(instance=only)
        only.save_revision().publish()
    return {
        "glossary_tr": tr_page.url,
        "glossary_en": en_page.url,
        "untranslated_tr": only.url,
        "fallback_en": f"/en/untranslated/{only.pk}/",
    }


def measure(client, url, repeat=5):
    client.get(url)
    reset_queries()  # the query log is capped: clear what populate left there
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    count = len(queries)  # now: later requests reset the log
    assert response.status_code == 200, (url, response.status_code)
    start = time.perf_counter()
    for _ in range(repeat):
        client.get(url)
    return count, (time.perf_counter() - start) * 1000 / repeat


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--terms", type=int, default=300)
    args = parser.parse_args()
    from bilingual.text import turkish_slugify

    start = time.perf_counter()
    for _ in range(10_000):
        turkish_slugify("Göç ve Uluslararası Koruma Alanında İstanbul Çalıştayı")
    print(f"turkish_slugify: {(time.perf_counter() - start) * 100:.1f} µs per title")

    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        with override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False):
            client = Client()
            for count in (10, args.terms):
                if count == 10:
                    urls = populate(10)
                else:
                    from glossary.models import GlossaryTerm

                    before = GlossaryTerm.objects.count() // 2
                    urls = populate(count - before)
                print(f"-- {count} term pairs, {connection.vendor}")
                for name, url in urls.items():
                    queries, ms = measure(client, url)
                    print(f"{name:16} {url:40} {queries:3d} queries {ms:7.1f} ms/render")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
