"""Shared fixtures: both locales, the two homes, and a few builders.

The Turkish home and both locales come from the home app's data migration; the
English home is made here as its translation, as an editor would. The editorial
roles (groups) come from the editorial app's data migration."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Site
from wagtail.users.models import UserProfile

BROWSER_TESTS = Path(__file__).parent / "browser"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The browser tests run last, after pytest-django's own ordering (transactional
    tests after the others): the slowest, and the ones that need Chromium."""
    items.sort(key=lambda item: Path(str(item.fspath)).is_relative_to(BROWSER_TESTS))
    unrestored = [
        item.nodeid
        for item in items
        for mark in item.iter_markers("django_db")
        if mark.kwargs.get("transaction") and not mark.kwargs.get("serialized_rollback")
    ]
    if unrestored:
        # A transactional test without it ends with a flush that re-runs post_migrate:
        # the content types come back under new ids, and every serialized_rollback test
        # after it fails to restore its snapshot ("duplicate key … django_content_type").
        raise pytest.UsageError(
            "Transactional tests must use serialized_rollback=True: " + ", ".join(unrestored)
        )


class DataFixture:
    """Rows of the test database kept as a Django fixture, put back with ``loaddata``.

    Rows refer to content types and permissions by natural key: a flush that re-runs
    post_migrate (see tests/browser/conftest.py) makes those again under new ids."""

    def __init__(self, folder):
        self.rows = folder / "rows.json"

    def exists(self):
        return self.rows.exists()

    def dump(self):
        from django.core.management import call_command

        call_command(
            "dumpdata",
            exclude=["contenttypes", "auth.permission", "sessions"],
            output=str(self.rows),
            use_natural_foreign_keys=True,
            verbosity=0,
        )

    def load(self):
        from django.core.management import call_command

        call_command("loaddata", str(self.rows), verbosity=0)


class MigratedFixture(DataFixture):
    """The migrated database. Its content types and permissions are kept too, by natural
    key: after a flush they may be missing altogether (Django's snapshot restore skipped,
    see tests/browser/conftest.py) or made again under new ids by post_migrate, and some
    permissions (wagtail-localize's ``submit_translation``) come from data migrations only."""

    KEYS = ["contenttypes", "auth.permission"]

    def __init__(self, folder):
        super().__init__(folder)
        self.keys = folder / "keys.json"

    def dump(self):
        from django.core.management import call_command

        call_command(
            "dumpdata",
            *self.KEYS,
            output=str(self.keys),
            use_natural_primary_keys=True,
            use_natural_foreign_keys=True,
            verbosity=0,
        )
        super().dump()

    def load(self):
        from django.core.management import call_command

        call_command("loaddata", str(self.keys), verbosity=0)
        super().load()


class DemoFixture(DataFixture):
    """The demo content, built once per test session (per xdist worker):
    ``load_demo_content`` runs inside a transaction that is rolled back once ``dumpdata``
    has written its rows; each ``load()`` is then a ``loaddata`` (a few seconds instead
    of half a minute)."""

    def load(self):
        from django.core.management import call_command
        from django.db import transaction

        if not self.exists():
            with transaction.atomic():
                call_command("load_demo_content", verbosity=0)
                self.dump()
                transaction.set_rollback(True)
        super().load()


@pytest.fixture(scope="session", autouse=True)
def migrated_fixture(django_db_setup, django_db_blocker, tmp_path_factory):
    """The database as the migrations left it (locales, the Turkish home, the site, the
    editorial roles), dumped before any test runs (autouse: later, a transactional test
    may have flushed it)."""
    fixture = MigratedFixture(tmp_path_factory.mktemp("migrated"))
    with django_db_blocker.unblock():
        fixture.dump()
    return fixture


@pytest.fixture(scope="session")
def demo_fixture(tmp_path_factory):
    return DemoFixture(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get(language_code=code) for code in ("tr", "en")}


@pytest.fixture
def tr_home(locales):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def en_home(tr_home, locales):
    existing = tr_home.get_translation_or_none(locales["en"])
    if existing is not None:
        return existing.specific
    home = tr_home.copy_for_translation(locales["en"]).specific
    home.slug = "home-en"
    home.title = "Migration & Civil Society Project"
    home.save_revision().publish()
    return home


@pytest.fixture
def homes(tr_home, en_home):
    return {"tr": tr_home, "en": en_home}


@pytest.fixture
def translate(locales):
    """Make ``page``'s English translation, with the given slug and fields, published."""

    def _translate(page, slug, **fields):
        translation = page.copy_for_translation(locales["en"]).specific
        translation.slug = slug
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        translation.refresh_from_db()  # publishing saved a fresh copy: pick up live=True
        return translation

    return _translate


@pytest.fixture
def add_page():
    """Add a published child page under ``parent``."""

    def _add_page(parent, model, **fields):
        page = model(**fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    return _add_page


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, demo_fixture):
    """Every app's demo content, loaded once for a whole test module.

    Tests that only read it (the hostile-input sweep, the demo's own checks, query
    budgets) share one load. It is made inside a transaction that is rolled back when
    the module is done, and each test runs in a savepoint inside it (pytest-django's
    ``db`` fixture), so what a test writes is gone for the next one. Not for modules
    with transactional (live server) tests."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            demo_fixture.load()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the shared chrome kept there
    (``website.chrome``) and Wagtail's lookups belong to an earlier test's data."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def demo(demo_site, db):
    """The demo site (see ``demo_site``) for one test, with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    """``make_user(username, group_name, password="pw", language="en")`` → a user in one
    editorial role (a group made by the editorial migration), e-mail
    ``<username>@example.org``, whose admin speaks ``language`` (tests read its text)."""

    def _make_user(username, group_name, password="pw", language="en"):
        user = get_user_model().objects.create_user(
            username, f"{username}@example.org", password, first_name=username.title()
        )
        user.groups.add(Group.objects.get(name=group_name))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return user

    return _make_user
