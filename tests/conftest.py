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

TESTS = Path(__file__).parent
# The files that take longest (seconds of one worker, setup included, from the junit
# report of a clean-clone CI run of session 12), handed out first: with a file to each
# worker (``--dist loadfile``), a long file started last keeps one worker busy while the
# other has nothing left to do. Unlisted files follow in pytest's order. Only the order
# depends on these numbers.
SLOWEST_FILES = {
    "browser/test_public_face.py": 146,
    "browser/test_journeys.py": 66,
    "test_bilingual.py": 63,
    "test_demo_content.py": 59,
    "test_search.py": 57,
    "browser/test_accessibility.py": 52,
    "test_security.py": 44,
    "test_varnish.py": 41,
    "test_reach.py": 36,
    "browser/test_translation_journey.py": 35,
    "test_newsletter_workers.py": 34,
    "test_deploy.py": 30,
    "browser/test_trainer_journey.py": 29,
    "test_bilingual_publishing.py": 29,
    "test_review_emails.py": 28,
    "browser/test_registration_journey.py": 27,
    "test_newsletter.py": 24,
    "test_activities.py": 24,
    "test_admin_language.py": 23,
    "test_findability.py": 23,
    "test_admin_menus.py": 23,
    "browser/test_editorial_journey.py": 22,
    "test_news.py": 21,
    "test_public_face.py": 19,
}


def expected_seconds(item):
    if not item.path.is_relative_to(TESTS):
        return 0
    return SLOWEST_FILES.get(item.path.relative_to(TESTS).as_posix(), 0)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The longest files first (``SLOWEST_FILES``). The sort is stable: within a file,
    pytest-django's order (transactional tests after the others) stays."""
    items.sort(key=lambda item: -expected_seconds(item))
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


class CopiedTables:
    """Every table's rows, copied out with PostgreSQL's ``COPY`` and put back in one
    transaction (the tables emptied as Django's flush empties them, ``COPY`` in, sequences
    reset): under a second for the whole demo, where ``loaddata`` takes several. Rows keep
    their ids, content types included, whatever a flush has made since. The site's
    backend flushes with ``DELETE`` (``website/database/base.py``); the deferred foreign
    keys are checked when the transaction ends, with both sides back."""

    def __init__(self):
        from django.db import connection

        self.tables = {}
        names = sorted(set(connection.introspection.table_names()) - {"django_migrations"})
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            for name in names:
                with cursor.copy(f'COPY "{name}" TO STDOUT (FORMAT binary)') as copy:
                    self.tables[name] = b"".join(bytes(block) for block in copy)

    def put_back(self):
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.core.management.color import no_style
        from django.db import connection, transaction

        with transaction.atomic():
            connection.ops.execute_sql_flush(
                connection.ops.sql_flush(no_style(), list(self.tables))
            )
            with connection.connection.cursor() as cursor:
                for name, rows in self.tables.items():
                    with cursor.copy(f'COPY "{name}" FROM STDIN (FORMAT binary)') as copy:
                        copy.write(rows)
            models = apps.get_models(include_auto_created=True)
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
        ContentType.objects.clear_cache()


def copies_tables():
    from django.db import connection

    return connection.vendor == "postgresql"


class DataFixture:
    """Rows of the test database, kept to be put back: ``CopiedTables`` on PostgreSQL,
    elsewhere a Django fixture put back with ``loaddata``.

    The fixture's rows refer to content types and permissions by natural key: a flush
    that re-runs post_migrate (see tests/browser/conftest.py) makes those again under
    new ids."""

    def __init__(self, folder):
        self.rows = folder / "rows.json"
        self.copied = None

    def exists(self):
        return self.copied is not None or self.rows.exists()

    def dump(self):
        if copies_tables():
            self.copied = CopiedTables()
            return
        self.dump_rows()

    def dump_rows(self):
        from django.core.management import call_command

        call_command(
            "dumpdata",
            exclude=["contenttypes", "auth.permission", "sessions"],
            output=str(self.rows),
            use_natural_foreign_keys=True,
            verbosity=0,
        )

    def load(self):
        if self.copied is not None:
            self.copied.put_back()
            return
        self.load_rows()

    def load_rows(self):
        from django.core.management import call_command

        call_command("loaddata", str(self.rows), verbosity=0)


class MigratedFixture(DataFixture):
    """The migrated database. In a Django fixture, its content types and permissions are
    kept too, by natural key: after a flush they may be missing altogether (Django's
    snapshot restore skipped, see tests/browser/conftest.py) or made again under new ids
    by post_migrate, and some permissions (wagtail-localize's ``submit_translation``)
    come from data migrations only."""

    KEYS = ["contenttypes", "auth.permission"]

    def __init__(self, folder):
        super().__init__(folder)
        self.keys = folder / "keys.json"

    def dump_rows(self):
        from django.core.management import call_command

        call_command(
            "dumpdata",
            *self.KEYS,
            output=str(self.keys),
            use_natural_primary_keys=True,
            use_natural_foreign_keys=True,
            verbosity=0,
        )
        super().dump_rows()

    def load_rows(self):
        from django.core.management import call_command

        call_command("loaddata", str(self.keys), verbosity=0)
        super().load_rows()


class DemoFixture(DataFixture):
    """The demo content, built once per test session (per xdist worker):
    ``load_demo_content`` runs inside a transaction that is rolled back once its rows are
    kept; each ``load()`` then puts them back (under a second on PostgreSQL, a few
    seconds with ``loaddata``, instead of half a minute)."""

    def load(self):
        from django.core.management import call_command
        from django.db import transaction

        if not self.exists():
            with transaction.atomic():
                if copies_tables() and DatabaseGuard.migrated is not None:
                    # From the migrated rows, whatever the module asking first has built:
                    # the loader keeps what exists (an English home of another title).
                    DatabaseGuard.migrated.load()
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
    DatabaseGuard.blocker = django_db_blocker
    DatabaseGuard.migrated = fixture
    yield fixture
    if copies_tables():
        # A connection opened under Playwright's event loop (see tests/browser/conftest.py)
        # belongs to no thread that will close it, and PostgreSQL would refuse to drop the
        # test database while it is open ("being accessed by other users").
        from django.db import connection

        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(scope="session")
def demo_fixture(tmp_path_factory):
    return DemoFixture(tmp_path_factory.mktemp("demo"))


def site_locales():
    return {code: Locale.objects.get(language_code=code) for code in ("tr", "en")}


def site_homes():
    """Both homes: the Turkish one the migrations made, and its English translation
    (made and published here the first time, as an editor would)."""
    locales = site_locales()
    tr_home = Site.objects.get(is_default_site=True).root_page.specific
    en_home = tr_home.get_translation_or_none(locales["en"])
    if en_home is None:
        en_home = tr_home.copy_for_translation(locales["en"]).specific
        en_home.slug = "home-en"
        en_home.title = "Migration & Civil Society Project"
        en_home.save_revision().publish()
    return {"tr": tr_home, "en": en_home.specific}


def add_child_page(parent, model, **fields):
    """Add a published child page under ``parent``."""
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish_translation(page, slug, **fields):
    """Make ``page``'s English translation, with the given slug and fields, published."""
    translation = page.copy_for_translation(Locale.objects.get(language_code="en")).specific
    translation.slug = slug
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()  # publishing saved a fresh copy: pick up live=True
    return translation


def refreshed(value):
    """``value`` with every model instance in it (in dicts, lists, tuples) read again
    from the database: a test gets its own copies of what a module built, so what one
    test changes in memory (a title, ``live``) does not reach the next."""
    from django.db.models import Model

    if isinstance(value, Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: refreshed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(refreshed(item) for item in value)
    return value


@pytest.fixture
def locales(db):
    return site_locales()


@pytest.fixture
def tr_home(locales):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def en_home(tr_home, locales):
    return site_homes()["en"]


@pytest.fixture
def homes(tr_home, en_home):
    return {"tr": tr_home, "en": en_home}


@pytest.fixture
def translate(locales):
    """``translate(page, slug, **fields)``: see ``publish_translation``."""
    return publish_translation


@pytest.fixture
def add_page():
    """``add_page(parent, model, **fields)``: see ``add_child_page``."""
    return add_child_page


class ModuleTransaction:
    """The transaction of ``module_data``: at most one is open, in the module running."""

    current = None

    def __init__(self):
        from django.db import transaction

        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        ModuleTransaction.current = self

    def roll_back(self):
        from django.db import transaction

        if ModuleTransaction.current is self:
            ModuleTransaction.current = None
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_data(django_db_setup, django_db_blocker):
    """A transaction around a whole test module, for content that its tests only read:
    a module fixture builds it once inside (``site_homes()``, ``add_child_page()``, …),
    each test runs in a savepoint inside it (pytest-django's ``db``), so what a test
    writes is gone for the next, and the transaction is rolled back when the module is
    done, or before the module's first transactional test (they run after its other
    tests, and would not see uncommitted rows). A test takes its own copies of the built
    objects with ``refreshed()``."""
    with django_db_blocker.unblock():
        module_transaction = ModuleTransaction()
        try:
            yield
        finally:
            module_transaction.roll_back()


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return marker is not None and marker.kwargs.get("transaction", False)


class DatabaseGuard:
    """What the hooks below need from session fixtures."""

    blocker = None
    migrated = None


def pytest_runtest_setup(item):
    if is_transactional(item) and ModuleTransaction.current is not None:
        with DatabaseGuard.blocker.unblock():
            ModuleTransaction.current.roll_back()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, the migrated rows are put back at once: with a
    test file to each worker (``--dist loadfile``), the next file's tests may not be
    transactional, and expect the locales, the homes and the roles."""
    yield
    # (After the session's last test the test database is gone already.)
    if nextitem is not None and is_transactional(item) and DatabaseGuard.migrated is not None:
        with DatabaseGuard.blocker.unblock():
            if not Locale.objects.exists():
                DatabaseGuard.migrated.load()


@pytest.fixture(scope="module")
def demo_site(module_data, demo_fixture):
    """Every app's demo content, loaded once for a whole test module (see
    ``module_data``): for the tests that only read it (the hostile-input sweep, the
    demo's own checks, query budgets). The cache is emptied too: a module fixture that
    reads pages (a crawl) runs before the tests' own ``empty_cache``, and what an
    earlier module's test kept there (the shared chrome) belongs to other rows."""
    from django.core.cache import cache

    demo_fixture.load()
    cache.clear()


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
