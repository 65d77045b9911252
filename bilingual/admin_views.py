"""wagtail-localize's "Translate this page" and "Sync translated pages", checked
against the user's rights in each *target* language tree.

wagtail-localize asks only for the ``submit_translation`` permission: a Translator
(no rights in the Turkish tree) could create Turkish pages, and anyone could publish
every translation of a page with "Sync translated pages" → "publish". Here:

* translating into a language needs the right to edit in that tree (at the page's
  future parent, or its existing translation); new translations are always drafts
  (``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False``), published later through
  the translation editor (which checks the publish right) or the tree's review;
* syncing publishes a translation only where the user may publish that page;
  elsewhere it saves a draft, and pages the user may not edit are left alone.
"""

import contextlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext
from wagtail.models import Page
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitTranslationForm,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView


def target_anchor(page, locale):
    """The page in ``locale``'s tree whose permissions decide whether ``page`` may be
    translated there: its translation, else the nearest translated ancestor."""
    for candidate in [page, *page.get_ancestors().filter(depth__gt=1).order_by("-depth")]:
        translated = candidate.get_translation_or_none(locale)
        if translated is not None:
            return translated
    return None


def may_translate_into(user, page, locale):
    anchor = target_anchor(page, locale)
    if anchor is None:
        return False
    permissions = anchor.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_add_subpage()


class CheckedSubmitTranslationForm(SubmitTranslationForm):
    def __init__(self, instance, *args, user=None, **kwargs):
        super().__init__(instance, *args, **kwargs)
        self.page = instance
        self.user = user

    def clean_locales(self):
        locales = self.cleaned_data["locales"]
        refused = [
            locale for locale in locales if not may_translate_into(self.user, self.page, locale)
        ]
        if refused:
            raise ValidationError(
                gettext("You may not create or edit pages in this language: %(languages)s.")
                % {"languages": ", ".join(str(locale.get_display_name()) for locale in refused)}
            )
        return locales


class CheckedSubmitPageTranslationView(SubmitPageTranslationView):
    def get_form(self):
        form = super().get_form()
        return CheckedSubmitTranslationForm(
            self.object,
            data=form.data if form.is_bound else None,
            initial=form.initial,
            user=self.request.user,
        )


def save_translations(translations, user, publish):
    """Re-save each translation from the latest source strings: published where
    ``publish`` was asked and the user may publish that page, a draft where the user
    may only edit it, untouched where they may not even edit it. Returns the counts
    (published, drafts, skipped)."""
    published = drafts = skipped = 0
    for translation in translations:
        target = translation.get_target_instance()
        permissions = target.permissions_for_user(user) if isinstance(target, Page) else None
        if permissions is not None and not permissions.can_edit():
            skipped += 1
            continue
        may_publish = permissions is None or permissions.can_publish()
        with contextlib.suppress(ValidationError):
            if publish and may_publish:
                translation.save_target(user=user, publish=True)
                published += 1
            else:
                save_draft(translation, user)
                drafts += 1
    return published, drafts, skipped


def save_draft(translation, user):
    """A new draft revision of the translation from the latest strings.

    Not ``save_target(publish=False)``: that writes the new content onto the page's
    own row first, which *is* the live page when the translation is published, so a
    "draft" reached readers without review."""
    instance = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    if isinstance(instance, Page):
        instance.save_revision(user=user)
    else:
        translation.save_target(user=user, publish=False)


class CheckedUpdateTranslationsView(UpdateTranslationsView):
    @transaction.atomic
    def form_valid(self, form):
        if not isinstance(self.object.get_source_instance(), Page):
            return super().form_valid(form)
        self.object.update_from_db()
        translations = self.object.translations.filter(enabled=True).select_related(
            "source", "target_locale"
        )
        published, drafts, skipped = save_translations(
            translations, self.request.user, form.cleaned_data["publish_translations"]
        )
        self.components.save(
            self.object, sources_and_translations={self.object: list(translations)}
        )
        messages.success(
            self.request,
            gettext(
                "Translations updated: %(published)d published, %(drafts)d saved as drafts, "
                "%(skipped)d left alone (you may not edit them)."
            )
            % {"published": published, "drafts": drafts, "skipped": skipped},
        )
        return redirect(self.get_success_url() or self.get_default_success_url())


def refuse_convert_to_alias(request, page_id):
    """wagtail-localize turns a translation back into an alias of its source; the page
    would then show the source's language, live and unreviewed, under this language's
    URL. The site keeps translations as pages of their own."""
    messages.error(
        request,
        gettext(
            "A translation cannot be turned back into an alias: readers would see the "
            "other language's text here. Edit or unpublish the translation instead."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page_id)
