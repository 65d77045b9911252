"""Benchmark of the bilingual features: queries and time per render of the glossary
page with many terms, of an untranslated page's fallback, and of turkish_slugify.

Runs in a throwaway test database (PostgreSQL when DATABASE_URL names one):

    .venv/bin/python bench/bench_bilingual.py [--terms 300]
"""

import argparse
import time

from harness import queries_and_ms, setup_django, throwaway_database

setup_django()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--terms", type=int, default=300)
    args = parser.parse_args()
    from bilingual.text import turkish_slugify

    start = time.perf_counter()
    for _ in range(10_000):
        turkish_slugify("Göç ve Uluslararası Koruma Alanında İstanbul Çalıştayı")
    print(f"turkish_slugify: {(time.perf_counter() - start) * 100:.1f} µs per title")

    with (
        throwaway_database(test_environment=True),
        override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False),
    ):
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
                queries, ms = queries_and_ms(client, url)
                print(f"{name:16} {url:40} {queries:3d} queries {ms:7.1f} ms/render")


if __name__ == "__main__":
    main()
