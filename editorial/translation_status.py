"""Translation status of each page pair, computed in a few flat queries.

For every live source page (a page of the source language, or a page written first
in another language that has no source-language version) and every other
language, the status is one of:

``current``   the translation is live and was published after the source's last
              published change (for wagtail-localize translations: also after the
              source's strings were last synced);
``outdated``  the source was published again after the translation, or its
              strings were synced and the translation not yet published; the
              source's revisions since then and the fields they changed are listed;
``missing``   no translation, only wagtail-localize's alias (a mirror of the source,
              made by tree synchronisation), or only an unpublished draft;
``machine``   current, but some strings were machine-translated and no person has
              edited them since (wagtail-localize marks them ``machine``).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Revision

CURRENT = "current"
OUTDATED = "outdated"
MISSING = "missing"
MACHINE = "machine"
STATUS_LABELS = {
    CURRENT: _("Translated and current"),
    OUTDATED: _("Translation older than the source"),
    MISSING: _("Not translated"),
    MACHINE: _("Machine-translated, not reviewed"),
}
NEEDS_WORK = (MISSING, OUTDATED)

# Revision content keys that are bookkeeping, not content a translator must follow.
_BOOKKEEPING = {
    "pk",
    "id",
    "path",
    "depth",
    "numchild",
    "url_path",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "draft_title",
    "owner",
    "locked",
    "locked_at",
    "locked_by",
    "translation_key",
    "locale",
    "content_type",
    "alias_of",
    "page_ptr",
    "expired",
    "go_live_at",
    "expire_at",
    "wagtail_admin_comments",
    "comments",
    "slug",
}


@dataclass
class PageTranslationStatus:
    source: Page
    locale: Locale
    status: str
    translation: Page | None = None
    managed: bool = False  # the translation is kept by wagtail-localize
    draft_only: bool = False
    changes_since: object = None  # datetime after which source revisions count as changes
    revisions: list = field(default_factory=list)

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def needs_work(self):
        return self.status in NEEDS_WORK

    @cached_property
    def changed_revisions(self):
        """The source's revisions saved after the translation was last brought up to date."""
        if self.status != OUTDATED or self.changes_since is None:
            return []
        return list(
            Revision.page_revisions.filter(
                object_id=str(self.source.pk), created_at__gt=self.changes_since
            )
            .select_related("user")
            .order_by("created_at")
        )

    @cached_property
    def changed_fields(self):
        """Verbose names of the source's fields that changed since the translation."""
        if self.status != OUTDATED or self.changes_since is None:
            return []
        before = (
            Revision.page_revisions.filter(
                object_id=str(self.source.pk), created_at__lte=self.changes_since
            )
            .order_by("-created_at")
            .first()
        )
        after = self.source.live_revision or self.source.latest_revision
        if before is None or after is None:
            return []
        model = self.source.specific_class or Page
        names = []
        for key in sorted(set(before.content) | set(after.content)):
            if key in _BOOKKEEPING or before.content.get(key) == after.content.get(key):
                continue
            try:
                names.append(str(model._meta.get_field(key).verbose_name))
            except Exception:  # a key that is not a model field
                names.append(key)
        return names


def source_language():
    return settings.LANGUAGE_CODE.split("-")[0]


def compute(sources=None, locales=None):
    """Statuses for ``sources`` (live pages; every live source page by default),
    as a list ordered by tree position, then language."""
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    locales = list(locales or Locale.objects.order_by("language_code"))
    source_locale = next((loc for loc in locales if loc.language_code == source_language()), None)

    if sources is None:
        candidates = Page.objects.filter(depth__gt=1, alias_of__isnull=True, live=True)
    else:
        candidates = Page.objects.filter(pk__in=[p.pk for p in sources])
    candidates = list(candidates.order_by("path").select_related("locale"))
    keys = {page.translation_key for page in candidates}

    # Every real (non-alias) page sharing those translation keys.
    family = defaultdict(dict)
    for page in Page.objects.filter(translation_key__in=keys, alias_of__isnull=True).only(
        "id",
        "translation_key",
        "locale_id",
        "live",
        "last_published_at",
        "title",
        "path",
        "depth",
        "content_type_id",
        "url_path",
        "slug",
    ):
        family[page.translation_key][page.locale_id] = page

    def is_source(page):
        if source_locale is not None and page.locale_id == source_locale.pk:
            return True
        # Written first in another language: the source language has no version of it.
        return source_locale is None or source_locale.pk not in family[page.translation_key]

    sources = [page for page in candidates if is_source(page) and page.live]

    translation_sources = {
        (ts.object_id, ts.locale_id): ts
        for ts in TranslationSource.objects.filter(object_id__in=keys)
    }
    enabled = set(
        Translation.objects.filter(source__object_id__in=keys, enabled=True).values_list(
            "source__object_id", "target_locale_id"
        )
    )
    machine = set(
        StringTranslation.objects.filter(
            context__object_id__in=keys,
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        ).values_list("context__object_id", "locale_id")
    )

    results = []
    for source in sources:
        ts = translation_sources.get((source.translation_key, source.locale_id))
        for locale in locales:
            if locale.pk == source.locale_id:
                continue
            translation = family[source.translation_key].get(locale.pk)
            managed = (source.translation_key, locale.pk) in enabled
            status = PageTranslationStatus(source, locale, MISSING, translation, managed)
            results.append(status)
            if translation is None:
                continue
            if not translation.live:
                status.draft_only = True
                continue
            translated_at = translation.last_published_at
            if (
                source.last_published_at
                and translated_at
                and source.last_published_at > translated_at
            ):
                status.status = OUTDATED
                status.changes_since = translated_at
            elif (
                managed
                and ts is not None
                and (
                    (source.last_published_at and ts.last_updated_at < source.last_published_at)
                    or (translated_at and ts.last_updated_at > translated_at)
                )
            ):
                status.status = OUTDATED
                status.changes_since = min(ts.last_updated_at, translated_at or ts.last_updated_at)
            elif (source.translation_key, locale.pk) in machine:
                status.status = MACHINE
            else:
                status.status = CURRENT
    return results


def for_page(page):
    """Statuses of ``page``'s pair(s), whether ``page`` is the source or a translation."""
    family = Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
    return compute(sources=list(family))


def needing_work(language_code=None, status=None):
    """Pairs whose translation is missing or outdated, optionally for one language."""
    locales = None
    rows = compute(locales=locales)
    rows = [row for row in rows if row.needs_work]
    if language_code:
        rows = [row for row in rows if row.locale.language_code == language_code]
    if status in NEEDS_WORK:
        rows = [row for row in rows if row.status == status]
    return rows


def missing_counts():
    """{Locale: number of pages whose translation is missing or outdated}."""
    counts = defaultdict(int)
    for row in compute():
        if row.needs_work:
            counts[row.locale] += 1
    return dict(counts)
