"""Pages and content every app shares: the home page, standard pages, project info
notes, the custom image and document models, and the site's identity (translatable
profile, consortium partners, social links)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from bilingual.languages import active_language
from bilingual.publishing import LanguageGatedPublishingMixin
from bilingual.slugs import TurkishSlugMixin
from bilingual.text import localized_text
from website import chrome

from .blocks import (
    RICH_TEXT_FEATURES,
    BodyStreamBlock,
    ExpectedResultBlock,
    InfoNoteActivityBlock,
)

# --- Media -------------------------------------------------------------------------


class SiteImage(AbstractImage):
    """Images carry an alt text, a caption and a credit in each language: Wagtail's
    description and ``caption``/``credit`` in Turkish (the source language, required by
    the upload form ``home.forms.SiteImageForm``), the ``_en`` fields in English. A page
    shows its own language's text, or the other one marked with its ``lang``."""

    caption = models.CharField(_("caption"), max_length=255, blank=True)
    credit = models.CharField(_("credit"), max_length=255, blank=True)
    description_en = models.CharField(_("alt text in English"), max_length=255, blank=True)
    caption_en = models.CharField(_("caption in English"), max_length=255, blank=True)
    credit_en = models.CharField(_("credit in English"), max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + (
        "caption",
        "credit",
        "description_en",
        "caption_en",
        "credit_en",
    )

    def in_language(self, field):
        """``field`` (``description``, ``caption`` or ``credit``) in the active language,
        else in the other one; its ``lang`` says which when it is not the active one."""
        return localized_text(
            {"tr": getattr(self, field), "en": getattr(self, f"{field}_en")}, active_language()
        )

    @property
    def local_alt(self):
        return self.in_language("description")

    @property
    def local_caption(self):
        return self.in_language("caption")

    @property
    def local_credit(self):
        return self.in_language("credit")

    @property
    def default_alt_text(self):
        # Wagtail's renditions take the alt attribute of ``{% image %}`` from here.
        return str(self.local_alt) or self.title

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class SiteImageRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class SiteDocument(AbstractDocument):
    """Documents say which language they are written in, so download links can tell."""

    LANGUAGE_CHOICES = [
        ("tr", _("Turkish")),
        ("en", _("English")),
        ("tr-en", _("Turkish and English")),
        ("other", _("Other")),
    ]
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, blank=True)

    admin_form_fields = Document.admin_form_fields + ("language",)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


# --- Pages -------------------------------------------------------------------------


class BasePage(LanguageGatedPublishingMixin, TurkishSlugMixin, Page):
    """Fields every public page shares: a summary for listings, search results and
    sharing, and an optional image for listings and social cards. Kept one level
    deep and abstract (wagtail-localize does not support a swapped page model)."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences for listings, search results and social sharing."),
    )
    listing_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("listing and social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    # The address beside the title, not on the Promote tab: an editor sees the slug made
    # from the title, and a translator finds it next to the title in wagtail-localize's
    # editor (which groups a page's strings by the tabs of this form).
    content_panels = [TitleFieldPanel("title"), FieldPanel("slug")]
    promote_panels = [FieldPanel("listing_image")]

    class Meta:
        abstract = True

    def live_translations(self):
        """This page in every language where it is live and public, itself included, as
        its own type and with its locale: where a sub-route's alternates are found."""
        return (
            type(self)
            .objects.live()
            .public()
            .filter(translation_key=self.translation_key)
            .select_related("locale")
        )

    @property
    def meta_description(self):
        """What search engines and shares show under the title: the editors' search
        description, else the summary, else the page's introduction as plain text."""
        intro = getattr(self, "intro", "") or ""
        return self.search_description or self.summary or strip_tags(str(intro)).strip()


class HomePage(BasePage):
    """The root of each language's tree. The Turkish home is created by a migration;
    the English one is its translation, so admins never create a second home."""

    hero_title = models.CharField(_("hero title"), max_length=255, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("intro"),
    ]

    class Meta:
        verbose_name = _("home page")


class StandardPage(BasePage):
    """A generic content page: About, privacy notice, partners, contact."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "home.InfoNotePage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")


class InfoNotePage(BasePage):
    """A project info note (fact sheet) with the structure of the project's own
    "Proje Bilgi Notu": each part is a field, so every project's note reads alike."""

    reference = models.CharField(
        _("reference number"),
        max_length=100,
        blank=True,
        help_text=_("E.g. TR2014/RL/08/A4-01/001"),
    )
    background = RichTextField(_("background"), features=RICH_TEXT_FEATURES)
    beneficiary = RichTextField(_("beneficiary"), features=RICH_TEXT_FEATURES, blank=True)
    contracting_authority = models.CharField(_("contracting authority"), max_length=255, blank=True)
    overall_objective = RichTextField(
        _("overall objective"), features=RICH_TEXT_FEATURES, blank=True
    )
    purpose = RichTextField(_("purpose"), features=RICH_TEXT_FEATURES, blank=True)
    target_groups = RichTextField(_("target groups"), features=RICH_TEXT_FEATURES, blank=True)
    expected_results = StreamField(
        [("result", ExpectedResultBlock())], blank=True, verbose_name=_("expected results")
    )
    activities = StreamField(
        [("activity", InfoNoteActivityBlock())], blank=True, verbose_name=_("activities")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True
    )
    timeline_note = RichTextField(_("implementation"), features=RICH_TEXT_FEATURES, blank=True)
    contact_point = RichTextField(_("contact point"), features=RICH_TEXT_FEATURES, blank=True)
    funding_statement = models.CharField(
        _("funding statement"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the site's funding statement."),
    )
    pdf_version = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("PDF version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("reference"),
        FieldPanel("background"),
        MultiFieldPanel(
            [FieldPanel("beneficiary"), FieldPanel("contracting_authority")],
            heading=_("Beneficiary"),
        ),
        FieldPanel("overall_objective"),
        FieldPanel("purpose"),
        FieldPanel("target_groups"),
        FieldPanel("expected_results"),
        FieldPanel("activities"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("duration_months")]),
                FieldPanel("timeline_note"),
            ],
            heading=pgettext_lazy("info note section", "Timeline"),
        ),
        FieldPanel("contact_point"),
        FieldPanel("funding_statement"),
        FieldPanel("pdf_version"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("background"),
        index.SearchField("overall_objective"),
        index.SearchField("purpose"),
        index.SearchField("target_groups"),
        index.SearchField("expected_results"),
        index.SearchField("activities"),
    ]

    class Meta:
        verbose_name = _("project info note")


# --- Site identity -------------------------------------------------------------------


class LocalizedSnippetQuerySet(models.QuerySet):
    def for_active_language(self):
        """Rows of the active language, or of the default language when that
        language has none yet."""
        language = active_language()
        if language == settings.LANGUAGE_CODE:
            return self.filter(locale__language_code=language)
        # One query: the language's rows, or the default language's when it has none.
        has_own = models.Exists(self.filter(locale__language_code=language))
        return self.filter(
            models.Q(locale__language_code=language)
            | models.Q(locale__language_code=settings.LANGUAGE_CODE) & ~has_own
        )


class SiteProfile(TranslatableMixin, models.Model):
    """The project's name, funding statement and contact details, one per language.

    These are texts, not code, so a sister project only edits this snippet."""

    site_name = models.CharField(_("site name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    FUNDING_VARIANTS = [
        ("funded", _("Funded by the European Union")),
        ("co_funded", _("Co-funded by the European Union")),
    ]
    funding_variant = models.CharField(
        _("EU funding variant"),
        max_length=16,
        choices=FUNDING_VARIANTS,
        default="funded",
        help_text=_("The wording the grant contract requires, used when no statement is given."),
    )
    funding_statement = models.CharField(
        _("funding statement"),
        max_length=255,
        blank=True,
        help_text=_(
            "Shown beside the EU emblem in every page's header and footer, in e-mails and "
            "PDFs, written out in full in this language. Leave empty for the standard wording "
            "of the variant."
        ),
    )
    disclaimer = models.TextField(
        _("disclaimer"),
        blank=True,
        help_text=_(
            "E.g. the content is the sole responsibility of its authors and does not "
            "necessarily reflect the views of the European Union."
        ),
    )
    contact_address = models.TextField(_("address"), blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=50, blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page that says how personal data is processed (KVKK, GDPR): linked from "
            "the footer of every page and of every e-mail, in the reader's language."
        ),
    )

    objects = LocalizedSnippetQuerySet.as_manager()

    panels = [
        FieldPanel("site_name"),
        FieldPanel("short_name"),
        FieldPanel("tagline"),
        MultiFieldPanel(
            [
                FieldPanel("funding_variant"),
                FieldPanel("funding_statement"),
                FieldPanel("disclaimer"),
            ],
            heading=_("EU visibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_address"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Contact"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site profile")
        verbose_name_plural = _("site profiles")

    def __str__(self):
        return self.site_name

    @property
    def funding_text(self):
        """The statement beside the emblem: the editors' own wording, or the standard
        wording of the variant in this profile's language."""
        if self.funding_statement:
            return self.funding_statement
        from django.utils import translation

        with translation.override(self.locale.language_code if self.locale_id else None):
            return str(dict(self.FUNDING_VARIANTS)[self.funding_variant])

    @classmethod
    def current(cls, request=None):
        """The active language's profile, as every page's header and footer show it,
        kept with the shared chrome (``website.chrome``) and on the request when given
        one (the header, the footer and the head metadata all ask)."""
        language = active_language()
        read = getattr(request, "site_profile_by_language", None)
        if read is None:
            read = {}
            if request is not None:
                request.site_profile_by_language = read
        if language not in read:
            read[language] = chrome.kept(
                "profile", 0, language, lambda: cls.objects.for_active_language().first()
            )
        return read[language]


class Partner(TranslatableMixin, models.Model):
    """A member of the consortium, the beneficiary, the contracting authority or a funder."""

    ROLE_CHOICES = [
        ("funder", _("Funder")),
        ("beneficiary", _("Beneficiary")),
        ("contracting_authority", _("Contracting authority")),
        ("lead", _("Consortium leader")),
        ("partner", _("Consortium partner")),
    ]
    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    role = models.CharField(
        pgettext_lazy("partner", "role"), max_length=32, choices=ROLE_CHOICES, default="partner"
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = LocalizedSnippetQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("role"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def for_footer(cls):
        """The active language's partners, as every page's footer lists them."""
        return list(
            cls.objects.for_active_language()
            .select_related("logo")
            .prefetch_related("logo__renditions")
        )


@register_setting(icon="site")
class SocialSettings(BaseSiteSetting):
    """The identity that is the same in both languages: logo, share image, brand colour
    and social links."""

    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The project's logo in the header; without one, the site name is shown. It is "
            "drawn no taller than the EU emblem beside it."
        ),
    )
    share_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a page without its own image is shared on social media."),
    )

    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        default="#0b4f8a",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hex digits."))
        ],
        help_text=_("A dark colour (hex, e.g. #0b4f8a): white text must stay readable on it."),
    )
    facebook = models.URLField(_("Facebook"), blank=True)
    x_twitter = models.URLField(_("X (Twitter)"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)

    panels = [
        FieldPanel("logo"),
        FieldPanel("share_image"),
        FieldPanel("brand_colour"),
        MultiFieldPanel(
            [
                FieldPanel("facebook"),
                FieldPanel("x_twitter"),
                FieldPanel("linkedin"),
                FieldPanel("youtube"),
                FieldPanel("instagram"),
            ],
            heading=_("Social links"),
        ),
    ]

    class Meta:
        verbose_name = _("logo, colours and social links")

    @classmethod
    def for_page_chrome(cls, request):
        """The request's site's settings as every page's head and footer use them, with
        the logo and the share image in the same query, kept with the shared chrome
        (``website.chrome``) and on the request (the header, the footer and the head
        metadata all ask)."""
        from wagtail.models import Site

        site = Site.find_for_request(request)
        if site is None:
            return None
        found = getattr(request, "social_settings_for_chrome", None)
        if found is None:
            found = chrome.kept("social", site.pk, "", lambda: cls._for_chrome(site))
            request.social_settings_for_chrome = found
        return found

    @classmethod
    def _for_chrome(cls, site):
        found = cls.objects.select_related("logo", "share_image").filter(
            site=site
        ).first() or cls.for_site(site)
        # Kept with the shared chrome with its renditions, read now.
        found.logo_renditions  # noqa: B018
        found.share_rendition  # noqa: B018
        return found

    @cached_property
    def logo_renditions(self):
        """The header's logo, PNG and WebP, at twice the largest display height (sharp on
        dense screens)."""
        if not self.logo_id:
            return None
        renditions = self.logo.get_renditions("height-120", "height-120|format-webp")
        return {"png": renditions["height-120"], "webp": renditions["height-120|format-webp"]}

    @cached_property
    def share_rendition(self):
        return self.share_image.get_rendition("fill-1200x630") if self.share_image_id else None

    @property
    def links(self):
        return [
            (label, url)
            for label, url in [
                ("Facebook", self.facebook),
                ("X", self.x_twitter),
                ("LinkedIn", self.linkedin),
                ("YouTube", self.youtube),
                ("Instagram", self.instagram),
            ]
            if url
        ]
