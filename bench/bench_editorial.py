"""Translation-status report and dashboard: queries and time with few and many pages.

Runs in a throwaway test database (PostgreSQL when DATABASE_URL names one)."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    teardown_databases,
)
from wagtail.models import Locale, Site  # noqa: E402


def homes():
    tr_home = Site.objects.get(is_default_site=True).root_page.specific
    en = Locale.objects.get(language_code="en")
    en_home = tr_home.get_translation_or_none(en)
    if en_home is None:
        en_home = tr_home.copy_for_translation(en).specific
        en_home.slug = "home-en"
        en_home.save_revision().publish()
    return tr_home, en_home.specific


def populate(count):
    """``count`` Turkish pages: a third translated, a third without translation, a
    third whose source changed after the translation. Returns representative URLs."""
    from home.models import StandardPage

    tr_home, _en_home = homes()
    en = Locale.objects.get(language_code="en")
    start = StandardPage.objects.count()
    for i in range(start, start + count):
        page = StandardPage(title=f"Sayfa {i}", slug=f"sayfa-{i}", intro="Metin")
        tr_home.add_child(instance=page)
        page.save_revision().publish()
        if i % 3:
            translation = page.copy_for_translation(en).specific
            translation.slug = f"page-{i}"
            translation.title = f"Page {i}"
            translation.save_revision().publish()
            if i % 3 == 2:
                page.intro = "Yeni metin"
                page.save_revision().publish()
    return {
        "report": "/admin/reports/translations/",
        "dashboard": "/admin/",
        "page_status": f"/admin/translation-status/{tr_home.pk}/",
    }


def measure(client, url, repeat=3):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    count = len(queries)  # now: the next request resets the query log
    started = time.perf_counter()
    for _ in range(repeat):
        client.get(url)
    return count, (time.perf_counter() - started) * 1000 / repeat


def main():
    settings.ALLOWED_HOSTS = ["*"]
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        user = get_user_model().objects.create_user("bench-moderator", "m@example.org", "pw")
        user.groups.add(Group.objects.get(name="Moderators"))
        client = Client()
        client.force_login(user)
        total = 0
        for count in (10, 100):
            urls = populate(count - total)
            total = count
            for name, url in urls.items():
                queries, ms = measure(client, url)
                print(f"{count:>4} source pages  {name:<12} {queries:>3} queries  {ms:7.1f} ms")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
