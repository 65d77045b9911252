"""Civil society organisations working on migration, listed only with their consent.

Names, acronyms and contact details are the same in both languages; the short
description and target groups are written in each language side by side, so an
organisation is one row whose counts and map shading are the same on /tr/ and /en/."""

from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from bilingual.text import fold_for_search


class Province(models.Model):
    """One of Türkiye's 81 provinces (seeded by a migration from data/provinces.json)."""

    plate = models.PositiveSmallIntegerField(_("plate number"), primary_key=True)
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class FieldOfWork(models.Model):
    """A field of work (legal aid, education…); labels come from FIELD_LABELS so they
    are translated with the interface."""

    code = models.SlugField(_("code"), unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("field of work")
        verbose_name_plural = _("fields of work")

    def __str__(self):
        return str(FIELD_LABELS.get(self.code, self.code))

    @property
    def label(self):
        return FIELD_LABELS.get(self.code, self.code)


FIELD_LABELS = {
    "legal-aid": _("Legal aid"),
    "psychosocial-support": _("Psychosocial support"),
    "education": _("Education"),
    "livelihoods": _("Livelihoods"),
    "health": _("Health"),
    "protection": _("Protection"),
    "advocacy": _("Advocacy"),
    "research": _("Research"),
    "humanitarian-aid": _("Humanitarian aid"),
    "women-and-children": _("Women and children"),
}


class OrganisationQuerySet(models.QuerySet):
    def listed(self):
        """Only approved organisations that consented to be listed are ever public."""
        return self.filter(status=Organisation.Status.APPROVED, listing_consent=True)


class Organisation(index.Indexed, models.Model):
    class Type(models.TextChoices):
        NGO = "ngo", _("NGO")
        ASSOCIATION = "association", _("Association")
        FOUNDATION = "foundation", _("Foundation")
        REFUGEE_LED = "refugee-led", _("Refugee-led organisation")
        PUBLIC = "public", _("Public institution")
        UNIVERSITY = "university", _("University")
        INTERNATIONAL = "international", _("International organisation")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, waiting for a moderator")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    org_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    provinces = models.ManyToManyField(
        Province, verbose_name=_("provinces"), related_name="organisations"
    )
    fields_of_work = models.ManyToManyField(
        FieldOfWork, verbose_name=_("fields of work"), related_name="organisations", blank=True
    )
    description_tr = models.TextField(_("short description (Turkish)"), blank=True)
    description_en = models.TextField(_("short description (English)"), blank=True)
    target_groups_tr = models.CharField(_("target groups (Turkish)"), max_length=255, blank=True)
    target_groups_en = models.CharField(_("target groups (English)"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public contact e-mail"), blank=True)
    languages_spoken = models.CharField(
        _("languages spoken"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Türkçe, English, العربية"),
    )
    network_memberships = models.CharField(_("network memberships"), max_length=255, blank=True)
    listing_consent = models.BooleanField(
        _("consented to be listed"),
        default=False,
        help_text=_("Only organisations that have consented are shown on the public site."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPROVED
    )
    search_key = models.CharField(max_length=600, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(pgettext_lazy("date field", "created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("acronym"),
        index.SearchField("description_tr"),
        index.SearchField("description_en"),
        index.FilterField("status"),
        index.FilterField("listing_consent"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("org_type"), FieldPanel("status")]),
        FieldPanel("listing_consent"),
        FieldPanel("provinces"),
        FieldPanel("fields_of_work"),
        MultiFieldPanel(
            [FieldPanel("description_tr"), FieldPanel("description_en")], heading=_("Description")
        ),
        MultiFieldPanel(
            [FieldPanel("target_groups_tr"), FieldPanel("target_groups_en")],
            heading=_("Target groups"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("languages_spoken"),
                FieldPanel("network_memberships"),
            ],
            heading=_("Contact and networks"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        self.search_key = fold_for_search(f"{self.name} {self.acronym}")
        super().save(*args, **kwargs)

    @property
    def description(self):
        return self.description_en if get_language() == "en" else self.description_tr

    @property
    def target_groups(self):
        return self.target_groups_en if get_language() == "en" else self.target_groups_tr
