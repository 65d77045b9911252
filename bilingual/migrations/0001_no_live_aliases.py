"""No synchronised trees, no cross-language aliases.

With "Synchronise content from" on the English locale, every Turkish page got a *live
alias* in the English tree: the Turkish text under ``/en/`` with ``lang="en"``, in
English listings, feeds, search and the sitemap, and live even while the Turkish page
was only scheduled. Each language now holds only what was written or translated for
it (bilingual/publishing.py):

* the locale synchronisation is removed (nothing makes new aliases);
* an alias in another language than its original is deleted, with the aliases below
  it; readers following a link to it get the "untranslated" notice through the
  language switcher, and the page shows up as missing in the translation report, where
  a translator starts its translation;
* an alias that has real translations below it (a section whose pages were translated
  one by one) is kept as an ordinary page, unpublished, so its translated pages keep
  their place and URLs.

Translations get their source's first publication date (see ``carry_source_dates``).

Works on the historical models: each page is deleted through its own (most specific)
model, so the rows of every table behind it go too.
"""

from django.db import migrations
from django.db.models import F

STEP = 4  # characters per tree level in Wagtail's page paths (treebeard)


def forwards(apps, schema_editor):
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")

    LocaleSynchronization.objects.all().delete()

    aliases = (
        Page.objects.filter(alias_of__isnull=False)
        .exclude(locale_id=F("alias_of__locale_id"))
        .order_by("path")
    )
    done = []
    parents = set()
    for alias in aliases:
        if any(alias.path.startswith(path) for path in done):
            continue
        subtree = Page.objects.filter(path__startswith=alias.path)
        if subtree.filter(alias_of__isnull=True).exists():
            Page.objects.filter(pk=alias.pk).update(
                alias_of=None, live=False, live_revision=None, has_unpublished_changes=True
            )
            continue
        done.append(alias.path)
        parents.add(alias.path[:-STEP])
        for page in subtree.order_by("-depth"):
            content_type = ContentType.objects.get(pk=page.content_type_id)
            try:
                model = apps.get_model(content_type.app_label, content_type.model)
            except LookupError:
                model = Page
            IndexEntry.objects.filter(content_type_id=page.content_type_id, object_id=str(page.pk)).delete()
            model.objects.filter(pk=page.pk).delete()
    carry_source_dates(apps, Page)
    for path in parents:
        Page.objects.filter(path=path).update(
            numchild=Page.objects.filter(path__startswith=path, depth=len(path) // STEP + 1).count()
        )


def carry_source_dates(apps, Page):
    """Translations published through review or a schedule had dates of their own (or
    none, for news published as aliases): give each its source's first publication
    date, and news its source's publication date where it has none."""
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    NewsPage = apps.get_model("news", "NewsPage")
    source_locale = {
        key: locale
        for key, locale in TranslationSource.objects.order_by("-created_at").values_list(
            "object_id", "locale_id"
        )
    }
    groups = {}
    for page in Page.objects.filter(alias_of__isnull=True, depth__gt=1).order_by("pk"):
        groups.setdefault(page.translation_key, []).append(page)
    for key, pages in groups.items():
        if len(pages) < 2:
            continue
        wanted = source_locale.get(key)
        source = next((p for p in pages if p.locale_id == wanted), pages[0])
        if source.first_published_at is None:
            continue
        others = [p.pk for p in pages if p.pk != source.pk and p.first_published_at is not None]
        Page.objects.filter(pk__in=others).update(first_published_at=source.first_published_at)
        source_news = NewsPage.objects.filter(pk=source.pk).first()
        if source_news is not None:
            NewsPage.objects.filter(pk__in=others, date_published__isnull=True).update(
                date_published=source_news.date_published or source.first_published_at
            )


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("editorial", "0003_review_task_publish_as_pair"),
        ("home", "0004_brand_colour_format"),
        ("news", "0003_newspage_news_newspa_feature_d9bb50_idx"),
        ("events", "0003_eventpage_events_even_end_f8442e_idx_and_more"),
        ("resources", "0002_trainingkitpage_resources_t_publica_c70d22_idx"),
        ("activities", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
