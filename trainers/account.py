"""What the account page shows: the trainer's kits in the reader's language, and their
downloads (flat: a few queries whatever the number of rows)."""

from django.utils import timezone
from wagtail.models import Locale, Page


def _in_language(pages, locale):
    """Each page's translation in ``locale`` (one query), else the page itself."""
    keys = {page.translation_key for page in pages}
    translated = {
        page.translation_key: page
        for page in Page.objects.live().filter(locale=locale, translation_key__in=keys).specific()
    }
    return {page.pk: translated.get(page.translation_key, page) for page in pages}


def account_context(request, trainer, download_limit=50):
    now = timezone.now()
    locale = Locale.get_active()
    grants = list(trainer.grants.select_related("kit").order_by("kit__title"))
    downloads = list(
        trainer.downloads.select_related("kit", "document").order_by("-downloaded_at")[
            :download_limit
        ]
    )
    shown = _in_language([g.kit for g in grants] + [d.kit for d in downloads if d.kit], locale)
    for grant in grants:
        grant.shown_kit = shown[grant.kit_id]
        grant.active = grant.revoked_at is None and grant.expires_at > now
    for download in downloads:
        download.shown_kit = shown.get(download.kit_id) if download.kit_id else None
    return {
        "trainer": trainer,
        "grants": grants,
        "has_access": any(grant.active for grant in grants),
        "downloads": downloads,
    }
