"""The terminology glossary: preferred terms in each language, the variants to avoid,
and the public glossary page."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from bilingual.text import capfirst, collation_key, fold, normalise_spaces
from home.models import BasePage


def initial_letter(text, language="tr"):
    """The letter a term is listed under, capitalised the Turkish way in Turkish."""
    return capfirst((text or "?").strip()[:1], language)


class GlossaryTerm(TranslatableMixin, models.Model):
    """One concept: its preferred term in this language, the variants editors should
    not use, and a note. The entry in the other language is its translation."""

    term = models.CharField(_("preferred term"), max_length=200)
    deprecated_terms = models.TextField(
        _("deprecated terms"),
        blank=True,
        help_text=_("Variants to avoid, one per line. Drafts using them get a warning."),
    )
    note = models.TextField(_("note"), blank=True)
    # The term folded (Turkish rules for Turkish), so "IŞIK" and "ışık" are one term.
    folded_term = models.CharField(max_length=200, editable=False, db_index=True)

    translatable_fields = [
        TranslatableField("term"),
        TranslatableField("deprecated_terms"),
        TranslatableField("note"),
    ]

    panels = [FieldPanel("term"), FieldPanel("deprecated_terms"), FieldPanel("note")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "folded_term"], name="glossary_term_unique_per_language"
            )
        ]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.term = normalise_spaces(self.term)
        self.folded_term = fold(self.term, self.language)
        super().save(*args, **kwargs)

    @property
    def language(self):
        return self.locale.language_code if self.locale_id else "tr"

    @property
    def deprecated_list(self):
        return [
            normalise_spaces(line)
            for line in re.split(r"[\r\n]+", self.deprecated_terms or "")
            if line.strip()
        ]

    def clean(self):
        super().clean()
        self.term = normalise_spaces(self.term)
        self.folded_term = fold(self.term, self.language)
        if not self.locale_id:
            return
        existing = (
            GlossaryTerm.objects.filter(locale_id=self.locale_id, folded_term=self.folded_term)
            .exclude(pk=self.pk)
            .first()
        )
        if existing is not None:
            raise ValidationError(
                {
                    "term": _(
                        "“%(term)s” is already in the glossary in this language "
                        "(as “%(existing)s”)."
                    )
                    % {"term": self.term, "existing": existing.term}
                }
            )
        seen = {self.folded_term}
        for variant in self.deprecated_list:
            folded = fold(variant, self.language)
            if folded in seen:
                raise ValidationError(
                    {
                        "deprecated_terms": _(
                            "“%(term)s” is given twice: as the preferred term or as another "
                            "deprecated variant."
                        )
                        % {"term": variant}
                    }
                )
            seen.add(folded)


class GlossaryPage(BasePage):
    """The public glossary of one language, in that language's alphabetical order."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("glossary page")

    def entries(self):
        """Each term of this page's language with its other-language term, sorted."""
        language = self.locale.language_code
        terms = list(GlossaryTerm.objects.filter(locale_id=self.locale_id))
        others = {}
        for other in (
            GlossaryTerm.objects.filter(translation_key__in=[t.translation_key for t in terms])
            .exclude(locale_id=self.locale_id)
            .select_related("locale")
        ):
            others.setdefault(other.translation_key, other)
        terms.sort(key=lambda term: collation_key(term.term, language))
        return [
            {
                "term": term,
                "letter": initial_letter(term.term, language),
                "other": others.get(term.translation_key),
            }
            for term in terms
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        entries = self.entries()
        letters = []
        for entry in entries:
            if not letters or letters[-1]["letter"] != entry["letter"]:
                letters.append({"letter": entry["letter"], "entries": []})
            letters[-1]["entries"].append(entry)
        context["letters"] = letters
        return context
