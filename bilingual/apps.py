from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BilingualConfig(AppConfig):
    name = "bilingual"
    verbose_name = _("Bilingual editing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # wagtail-localize re-slugs every translated page with
        # ``slugify(translation.slug)`` inside
        # ``TranslationSource.create_or_update_translation`` and offers no hook for it,
        # so "kapanış-toplantısı" (a translated slug segment) became "kapans-toplants"
        # (wagtail-localize #902). The module's own name ``slugify`` is its only caller;
        # we point it at a transliterating slugify. tests/test_bilingual.py checks that
        # the call is still there, so an upgrade that moves it fails loudly.
        from wagtail_localize import models as localize_models

        from . import privacy, publishing
        from .text import localize_slugify

        localize_models.slugify = localize_slugify
        # wagtail-localize deletes a translation's view restriction whenever its source
        # has none, on every translation save (bilingual/privacy.py explains).
        localize_models.TranslationSource.sync_view_restrictions = (
            privacy.sync_view_restrictions_adding_only
        )
        publishing.connect()
        privacy.connect()
