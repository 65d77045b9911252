"""PostgreSQL text-search configurations for the site's languages (see search/backend.py).

Each configuration copies PostgreSQL's own and puts ``unaccent`` in front of the
stemmer, so diacritics and the Turkish dotted/dotless i do not matter when matching.
Nothing happens on other databases (SQLite uses Wagtail's default backend)."""

from django.db import migrations

CONFIGS = [
    ("site_turkish", "turkish", "turkish_stem"),
    ("site_english", "english", "english_stem"),
    ("site_simple", "simple", "simple"),
]
WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    statements = ["CREATE EXTENSION IF NOT EXISTS unaccent"]
    for name, source, dictionary in CONFIGS:
        statements += [
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}",
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{source})",
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {WORD_TOKENS} "
            f"WITH unaccent, {dictionary}",
        ]
    for statement in statements:
        schema_editor.execute(statement)


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _source, _dictionary in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
