"""Translation-status report and dashboard: queries and time with few and many pages.

Runs in a throwaway test database (PostgreSQL when DATABASE_URL names one)."""

from harness import homes, queries_and_ms, setup_django, throwaway_database

setup_django("website.settings.test")

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.test import Client  # noqa: E402


def populate(count):
    """``count`` Turkish pages: a third translated, a third without translation, a
    third whose source changed after the translation. Returns representative URLs."""
    from home.models import StandardPage

    locales, both = homes()
    tr_home, en = both["tr"], locales["en"]
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


def main():
    settings.ALLOWED_HOSTS = ["*"]
    with throwaway_database():
        user = get_user_model().objects.create_user("bench-moderator", "m@example.org", "pw")
        user.groups.add(Group.objects.get(name="Moderators"))
        client = Client()
        client.force_login(user)
        total = 0
        for count in (10, 100):
            urls = populate(count - total)
            total = count
            for name, url in urls.items():
                queries, ms = queries_and_ms(client, url, repeat=3, warm_up=False)
                print(f"{count:>4} source pages  {name:<12} {queries:>3} queries  {ms:7.1f} ms")


if __name__ == "__main__":
    main()
