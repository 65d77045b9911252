"""One publishing state for a page in every language.

A page and its translations share a ``translation_key``. One of them is the *source*
(the page the others were translated from); the rest are *translations*. The rules:

* A translation is never live while its source is not. Publishing (or approving) a
  translation whose source is scheduled schedules it for the same moment; one whose
  source is neither live nor scheduled is *held*: the approved revision is kept and
  goes live as soon as the source does (page log: "Held until its source is live").
* Unpublishing the source (by hand or on its expiry date) unpublishes its
  translations (page log: "Unpublished with its source"); their live version is held
  and comes back when the source is published again.
* A translation carries its source's first publication date (and, for pages with a
  ``date_published`` field, that date) unless an editor gave it a date of its own, so
  listings and year archives order both languages alike.

These hold whatever the route (page editor, translation editor, workflow approval,
``publish_scheduled``, bulk sync), because they sit in the page's own ``publish`` and
in Wagtail's ``page_published`` / ``page_unpublished`` signals, not in any one view.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, PageLogEntry

HELD = "bilingual.publish.held"
UNPUBLISHED_WITH_SOURCE = "bilingual.unpublish.with_source"
LOG_ACTIONS = {
    HELD: _("Held until its source page is live"),
    UNPUBLISHED_WITH_SOURCE: _("Unpublished with its source page"),
}


def group_of(page):
    """The page's translations (other languages), aliases left out."""
    return Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True).exclude(
        pk=page.pk
    )


def source_of(page):
    """The page ``page`` was translated from, or ``None`` when ``page`` is itself the
    source (or has no translations).

    wagtail-localize records the language it translated from (``TranslationSource``);
    pages paired with Wagtail's own ``copy_for_translation`` (the demo loader, scripts)
    have no such record, and then the page made first is the source."""
    from wagtail_localize.models import TranslationSource

    if page.alias_of_id:
        return None
    source_locale = (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .order_by("created_at")
        .values_list("locale_id", flat=True)
        .first()
    )
    pages = Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
    if source_locale is not None:
        source = pages.filter(locale_id=source_locale).first()
    else:
        source = pages.order_by("pk").first()
    if source is None or source.pk == page.pk:
        return None
    return source


def scheduled_go_live(page):
    """When ``page``'s approved, scheduled revision goes live, or ``None``."""
    revision = page.scheduled_revision
    return revision.approved_go_live_at if revision is not None else None


def hold_revision(page, revision, user=None):
    """Keep ``revision`` approved but not live until the source is; see ``release``."""
    type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=None)
    PageLogEntry.objects.log_action(
        instance=page,
        action=HELD,
        user=user,
        revision=revision,
        data={"revision": {"id": revision.pk}},
    )


def held_revision(page):
    """The revision held for ``page``, if holding is still the last thing that
    happened to it (not published, unpublished or held again since)."""
    last = (
        PageLogEntry.objects.filter(
            page_id=page.pk,
            action__in=[HELD, "wagtail.publish", "wagtail.unpublish", UNPUBLISHED_WITH_SOURCE],
        )
        .order_by("-timestamp", "-pk")
        .first()
    )
    if last is None or last.action != HELD or last.revision_id is None:
        return None
    return last.revision


class LanguageGatedPublishingMixin:
    """Mixed into the project's base page: a translation goes live only with its source."""

    def publish(
        self,
        revision,
        user=None,
        changed=True,
        log_action=True,
        previous_revision=None,
        skip_permission_checks=False,
    ):
        source = source_of(self)
        if source is not None and not source.live:
            if (
                user
                and not skip_permission_checks
                and not self.permissions_for_user(user).can_publish()
            ):
                raise PublishPagePermissionError("You do not have permission to publish this page.")
            go_live = scheduled_go_live(source)
            if go_live is None:
                hold_revision(self, revision, user)
                return None
            if go_live > timezone.now():
                own = revision.as_object().go_live_at
                if own is None or own < go_live:
                    revision.content["go_live_at"] = go_live.isoformat()
                    revision.save(update_fields=["content"])
        return super().publish(
            revision,
            user=user,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
            skip_permission_checks=skip_permission_checks,
        )


def carry_dates(translation, source):
    """The source's first publication date on ``translation`` (and its
    ``date_published`` unless an editor set a date of its own)."""
    if source.first_published_at is None:
        return
    updates = {}
    own_first = translation.first_published_at
    if own_first != source.first_published_at:
        updates["first_published_at"] = source.first_published_at
    specific_class = translation.specific_class
    if specific_class is not None and hasattr(specific_class, "date_published"):
        own = specific_class.objects.filter(pk=translation.pk).values_list(
            "date_published", flat=True
        )[0]
        source_date = (
            specific_class.objects.filter(pk=source.pk)
            .values_list("date_published", flat=True)
            .first()
        ) or source.first_published_at
        # Filled in automatically from the page's own first publication: replace it.
        if (own is None or own == own_first) and own != source_date:
            specific_class.objects.filter(pk=translation.pk).update(date_published=source_date)
    if updates:
        Page.objects.filter(pk=translation.pk).update(**updates)


def release(source, user=None):
    """Publish the held translations of ``source`` (which just went live)."""
    for translation in group_of(source):
        revision = held_revision(translation)
        if revision is not None:
            revision.publish(user=user, skip_permission_checks=True)


def on_page_published(sender, instance, revision, **kwargs):
    from .privacy import cover_with_group_restrictions

    source = source_of(instance)
    if source is None:
        release(instance, user=getattr(revision, "user", None))
        for translation in group_of(instance).filter(live=True):
            carry_dates(translation, instance)
    elif source.live:
        carry_dates(instance, source)
    cover_with_group_restrictions(instance)


def on_page_unpublished(sender, instance, **kwargs):
    """Unpublishing (or the expiry of) a source unpublishes its translations."""
    if source_of(instance) is not None:
        return
    for translation in group_of(instance).filter(live=True).specific():
        revision = translation.live_revision
        UnpublishPageAction(
            translation,
            set_expired=bool(instance.expired),
            log_action=UNPUBLISHED_WITH_SOURCE,
        ).execute(skip_permission_checks=True)
        if revision is not None:  # back with the source when it is published again
            hold_revision(translation, revision)


def connect():
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(on_page_published, dispatch_uid="bilingual_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="bilingual_page_unpublished")
