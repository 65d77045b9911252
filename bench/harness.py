"""What the benchmarks that run in Django's throwaway test database share: Django set up
from this checkout, the test database around the run, both homes, and one page measured.

A benchmark starts with (bench/ is on the path when it runs as ``python bench/<name>.py``)::

    from harness import setup_django

    setup_django()
"""

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(settings_module="website.settings.dev"):
    """Django from this checkout, with ``settings_module`` unless DJANGO_SETTINGS_MODULE
    names other settings."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


@contextmanager
def throwaway_database(test_environment=False):
    """Django's test database (PostgreSQL when DATABASE_URL names one), migrated, for the
    ``with`` block, and dropped after it. ``test_environment``: Django's test environment
    as well (the local-memory e-mail backend, "testserver" among the allowed hosts)."""
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    if test_environment:
        setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(old_config, verbosity=0)


def gunicorn_command(*arguments, port):
    """How the benchmarks start a server: gunicorn with 2 workers (as production's unit
    runs it) on 127.0.0.1:``port``, saying only warnings; ``arguments`` name the
    application (and any options before it)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        *arguments,
        "--workers=2",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
    ]


def child_path(parent, position):
    """The treebeard path of ``parent``'s child number ``position`` (1, 2, …), for pages
    inserted in bulk: ``parent.path`` and the position written in the tree's alphabet,
    padded to a step (``steplen`` characters, "0001", "000A", …)."""
    from wagtail.models import Page

    step = Page.numconv_obj().int2str(position)
    if len(step) > Page.steplen:
        raise ValueError(f"{parent.path!r} has no room for a child number {position}")
    return f"{parent.path}{Page.alphabet[0] * (Page.steplen - len(step))}{step}"


def insert_rows(model, objs):
    """INSERT ``objs`` (instances of ``model``, a page type, each with its ``page_ptr_id``
    set) into the model's own table, as they are, in one ``executemany``: the Page rows
    were bulk-created already, which multi-table models cannot be."""
    from django.db import connection

    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    values = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})",
            values,
        )


def homes(en_title=None):
    """The locales and both homes, ``({code: Locale}, {code: HomePage})``; the English home
    is made from the Turkish one (titled ``en_title``, if given) when it is not there."""
    from wagtail.models import Locale, Site

    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("tr", "en")}
    tr_home = Site.objects.get(is_default_site=True).root_page.specific
    en_home = tr_home.get_translation_or_none(locales["en"])
    if en_home is None:
        en_home = tr_home.copy_for_translation(locales["en"]).specific
        en_home.slug = "home-en"
        if en_title:
            en_home.title = en_title
        en_home.save_revision().publish()
    return locales, {"tr": tr_home, "en": en_home.specific}


def queries_and_ms(client, url, repeat=5, warm_up=True):
    """The SQL queries of one render of ``url`` (which must answer 200), after a first
    visit unless ``warm_up`` is false, and the mean time of ``repeat`` more, in ms."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    if warm_up:
        client.get(url)
    reset_queries()  # the query log is capped: clear what populate left there
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    count = len(queries)  # now: later requests reset the query log
    assert response.status_code == 200, (url, response.status_code)
    started = time.perf_counter()
    for _ in range(repeat):
        client.get(url)
    return count, (time.perf_counter() - started) * 1000 / repeat
