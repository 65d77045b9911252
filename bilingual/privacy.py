"""A view restriction covers the page's translations.

Wagtail checks a page's restriction and its ancestors' ones; it knows nothing of
translations, so a private Turkish page left its English translation public (and the
reader's fallback notice showed that copy). Here a restriction is *copied* onto each
translation that has none of its own, so every route that already asks Wagtail
(serving, ``.public()`` listings, feeds, search, sitemap, the fallback notice) keeps
the content private in every language without a change of its own.

Copies only ever add privacy. Lifting it stays a per-page act in the privacy dialog,
which Wagtail allows only to users who may set privacy on that page. wagtail-localize
syncs restrictions from the source on every translation save and *deletes* a target's
restriction when the source has none: ``sync_view_restrictions_adding_only`` replaces
that (installed by ``BilingualConfig.ready``), so no sync, by any user, lifts one.
"""

from wagtail.models import Page, PageViewRestriction


def _copy_restriction(restriction, page):
    copy = PageViewRestriction.objects.create(
        page=page,
        restriction_type=restriction.restriction_type,
        password=restriction.password,
    )
    groups = list(restriction.groups.all())
    if groups:
        copy.groups.set(groups)
    return copy


def covering_restriction(page):
    """The nearest restriction on ``page`` or an ancestor, or ``None``."""
    return (
        PageViewRestriction.objects.filter(
            page__path__in=[
                page.path[:i] for i in range(Page.steplen, len(page.path) + 1, Page.steplen)
            ]
        )
        .order_by("-page__depth")
        .first()
    )


def cover_with_group_restrictions(page):
    """Give ``page`` a copy of the restriction covering any of its translations, if
    nothing restricts ``page`` yet (e.g. a translation made while the source was
    private, or a page translated by a script)."""
    if covering_restriction(page) is not None:
        return
    for translation in Page.objects.filter(translation_key=page.translation_key).exclude(
        pk=page.pk
    ):
        restriction = covering_restriction(translation)
        if restriction is not None:
            _copy_restriction(restriction, page)
            return


def on_restriction_saved(sender, instance, created, raw=False, **kwargs):
    """A new restriction on a page: copy it to the page's translations that no
    restriction covers yet."""
    if raw or not created:
        return
    page = instance.page
    for translation in Page.objects.filter(translation_key=page.translation_key).exclude(
        pk=page.pk
    ):
        if covering_restriction(translation) is None:
            _copy_restriction(instance, translation)


def on_restriction_groups_changed(sender, instance, action, **kwargs):
    """Wagtail's privacy dialog saves the restriction, then its groups: fill the
    groups of the copies that were made without any (a "groups" restriction without
    groups lets no reader in, so filling it never widens access beyond the original)."""
    if action != "post_add" or not isinstance(instance, PageViewRestriction):
        return
    if instance.restriction_type != PageViewRestriction.GROUPS:
        return
    page = instance.page
    groups = list(instance.groups.all())
    copies = PageViewRestriction.objects.filter(
        page__translation_key=page.translation_key,
        restriction_type=PageViewRestriction.GROUPS,
        groups__isnull=True,
    ).exclude(pk=instance.pk)
    for copy in copies:
        copy.groups.set(groups)


def sync_view_restrictions_adding_only(self, original, translation_page):
    """Replacement for ``TranslationSource.sync_view_restrictions``: the source's
    restriction is copied to a translation that none covers; nothing else changes."""
    if not isinstance(original, Page) or not isinstance(translation_page, Page):
        from wagtail_localize.models import NoViewRestrictionsError

        raise NoViewRestrictionsError
    restriction = original.view_restrictions.first()
    if restriction is not None and covering_restriction(translation_page) is None:
        _copy_restriction(restriction, translation_page)


def connect():
    from django.db.models.signals import m2m_changed, post_save

    post_save.connect(
        on_restriction_saved, sender=PageViewRestriction, dispatch_uid="bilingual_restriction"
    )
    m2m_changed.connect(
        on_restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="bilingual_restriction_groups",
    )


def document_linked_only_from_private_pages(document, request):
    """``before_serve_document``: a document linked from live pages, none of them
    public, is served only to readers who may see one of those pages (a report
    attached to a members-only page was downloadable by anyone with its address).
    Documents linked from no live page (the library's uploads) are served as before,
    under their collection's own privacy."""
    from django.contrib.auth.views import redirect_to_login
    from django.contrib.contenttypes.models import ContentType
    from django.core.exceptions import PermissionDenied
    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    ids = [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
        if str(object_id).isdigit()
    ]
    pages = Page.objects.live().filter(pk__in=ids)
    if not ids or not pages.exists() or pages.public().exists():
        return None
    for page in pages:
        if all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
            return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied
