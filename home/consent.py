"""Consent texts: the wording a public form asks people to agree to before it keeps their
personal data (the newsletter signup, event registration, the trainers' access request).

Each of those apps has its own text, in every language; what a text is, which one a form
shows and what a row records of the agreement are one rule, kept here."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from bilingual.languages import active_language


def privacy_page_field(**options):
    """The consent text's link to the privacy notice (an app may add a help text)."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )


class ConsentTextBase(TranslatableMixin, models.Model):
    """One consent wording per language. Each row that holds personal data stores the
    version it agreed to: raise the version whenever the wording changes in substance.
    Each app's model gives ``text`` the help text that says where the wording is shown."""

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Raise this number whenever the wording changes in substance."),
    )
    text = models.TextField(_("consent text"))
    privacy_page = privacy_page_field()

    panels = [FieldPanel("version"), FieldPanel("text"), FieldPanel("privacy_page")]

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def __str__(self):
        return f"v{self.version}: {self.text[:60]}"

    @classmethod
    def current(cls, language=None):
        """The highest version in ``language`` (the active one by default), else in the
        default language, in one query: the newsletter's is on every page's footer."""
        language = language or active_language()
        texts = list(
            cls.objects.filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
            .select_related("privacy_page", "locale")
            .order_by("-version", "-pk")
        )
        for wanted in (language, settings.LANGUAGE_CODE):
            for text in texts:
                if text.locale.language_code == wanted:
                    return text
        return None


def agreement(consent, when):
    """The fields a row keeps of what was agreed to (``consent``, the text the form showed,
    or None when there was none) and when: proof of consent outlives later wordings."""
    return {
        "consent_version": consent.version if consent else None,
        "consent_language": consent.locale.language_code if consent else "",
        "consented_at": when,
    }
