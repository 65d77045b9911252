"""Each index entry says which text-search configuration built it, and each language
has its own GIN index on the vector Wagtail matches (``title || body``).

Wagtail's index table does not record an entry's language: a search for "istanbul" in
Turkish read the matching English entries too, only to drop them when joining the pages,
and a word in every page of both languages read twice the entries it needed.
``search.backend.LocaleAwareIndex`` writes ``site_config`` whenever it indexes an object;
here it is filled in for what is already indexed (the locale of each translatable
object, ``site_simple`` for the rest). The queries of a language name its configuration, which is
the predicate of that language's partial index. Nothing happens on other databases."""

from django.db import migrations

CONFIGS = ["site_turkish", "site_english", "site_simple"]
ALL_LANGUAGES_INDEX = "site_search_title_body_gin"  # made by 0003


def _index_name(config):
    return f"site_search_{config}_gin"


CONFIG_OF_LOCALE = (
    "CASE split_part(lower(locale.language_code), '-', 1) "
    "WHEN 'tr' THEN 'site_turkish' WHEN 'en' THEN 'site_english' ELSE 'site_simple' END"
)


def _translatable_tables(apps):
    """(content type id, table holding locale_id, its primary key column) for every
    indexed translatable model; pages keep their locale in wagtailcore_page."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    type_ids = IndexEntry.objects.values_list("content_type_id", flat=True).distinct()
    for content_type in ContentType.objects.filter(pk__in=type_ids):
        try:
            model = apps.get_model(content_type.app_label, content_type.model)
        except LookupError:
            continue
        try:
            locale = model._meta.get_field("locale")
        except Exception:  # noqa: BLE001 - FieldDoesNotExist: not translatable
            continue
        owner = locale.model._meta
        yield content_type.pk, owner.db_table, owner.pk.column


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute("ALTER TABLE wagtailsearch_indexentry ADD COLUMN IF NOT EXISTS site_config varchar(32)")
    # The indexes first, then the values: filling in an unindexed column would leave
    # chains of row versions that keep a new index unused until every transaction
    # older than it has ended.
    for config in CONFIGS:
        execute(
            f"CREATE INDEX IF NOT EXISTS {_index_name(config)} ON wagtailsearch_indexentry "
            f"USING GIN ((title || body)) WHERE site_config = '{config}'"
        )
    for content_type_id, table, pk in _translatable_tables(apps):
        execute(
            f"UPDATE wagtailsearch_indexentry AS entry SET site_config = {CONFIG_OF_LOCALE} "
            f"FROM {table} AS owner JOIN wagtailcore_locale AS locale "
            "ON locale.id = owner.locale_id "
            f"WHERE entry.content_type_id = {int(content_type_id)} "
            f"AND entry.object_id = owner.{pk}::text"
        )
    execute("UPDATE wagtailsearch_indexentry SET site_config = 'site_simple' WHERE site_config IS NULL")
    # Replaced by the indexes above (every entry has a configuration now).
    execute(f"DROP INDEX IF EXISTS {ALL_LANGUAGES_INDEX}")
    execute("ANALYZE wagtailsearch_indexentry")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {ALL_LANGUAGES_INDEX} ON wagtailsearch_indexentry "
        "USING GIN ((title || body))"
    )
    for config in CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_index_name(config)}")
    schema_editor.execute("ALTER TABLE wagtailsearch_indexentry DROP COLUMN IF EXISTS site_config")


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0003_title_and_body_index"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
