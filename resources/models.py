"""The training library: one ResourceIndexPage per language, training kits under
it, the translatable topics kits are filed under, and per-day download counters."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from bilingual.panels import SameLanguageInlinePanel
from home.blocks import RICH_TEXT_FEATURES
from home.models import BasePage

from .blocks import ModuleStreamBlock
from .downloads import kit_documents, serve_kit_document, stream_kit_zip, zip_filename
from .library import AUDIENCES, KIT_LANGUAGES, LibraryQuery

LICENCES = [
    ("CC-BY-4.0", "CC BY 4.0"),
    ("CC-BY-SA-4.0", "CC BY-SA 4.0"),
    ("CC-BY-NC-4.0", "CC BY-NC 4.0"),
    ("CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"),
    ("all-rights-reserved", _("All rights reserved")),
]
LICENCE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-NC-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC-BY-NC-SA-4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
}


class Topic(TranslatableMixin, models.Model):
    """A subject kits are filed under (strategic planning, advocacy, ...), one row per
    language. Kits may point at the Turkish rows even on English pages (wagtail-localize
    copies many-to-many fields as they are), so the library matches topics by
    ``translation_key`` and shows each in the page's language."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="resources_topic_locale_slug")
        ]

    def __str__(self):
        return self.name


class ResourceIndexPage(BasePage):
    """The training library of one language: kits to filter, search and download."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.TrainingKitPage"]
    max_count_per_parent = 1
    per_page = 12

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("training library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        topics = Topic.objects.filter(locale_id=self.locale_id)
        library = LibraryQuery(self, request.GET, TrainingKitPage, topics)
        page_obj = Paginator(library.kits(), self.per_page).get_page(request.GET.get("page"))
        page_obj.object_list = list(page_obj.object_list)
        library.decorate(page_obj.object_list)
        context.update(library=library, kits=page_obj, page_obj=page_obj)
        return context


class TrainingKitPage(RoutablePageMixin, BasePage):
    """A downloadable training kit: its audience, topics and ordered modules."""

    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    audience_ngos = models.BooleanField(_("NGOs"), default=False)
    audience_public_institutions = models.BooleanField(_("Public institutions"), default=False)
    audience_trainers = models.BooleanField(_("Trainers"), default=False)
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="kits"
    )
    language_tr = models.BooleanField(_("Turkish"), default=False)
    language_en = models.BooleanField(_("English"), default=False)
    language_ar = models.BooleanField(_("Arabic"), default=False)
    author = models.CharField(
        _("author / partner organisation"),
        max_length=255,
        blank=True,
        help_text=_("Who prepared the kit, e.g. a partner organisation."),
    )
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    version = models.CharField(_("version"), max_length=20, default="1.0")
    licence = models.CharField(_("licence"), max_length=32, choices=LICENCES, default="CC-BY-4.0")
    cover_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Show this kit on the home page.")
    )
    modules = StreamField(ModuleStreamBlock(), blank=True, verbose_name=_("modules"))

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("audience_ngos"),
                FieldPanel("audience_public_institutions"),
                FieldPanel("audience_trainers"),
            ],
            heading=_("Target audience"),
        ),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        SameLanguageInlinePanel(
            "activity_links",
            heading=_("Project activities"),
            label=_("Project activity"),
            help_text=_("The page is listed on these activities' pages, in every language."),
        ),
        MultiFieldPanel(
            [FieldPanel("language_tr"), FieldPanel("language_en"), FieldPanel("language_ar")],
            heading=_("Languages available"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldRowPanel([FieldPanel("publication_date"), FieldPanel("version")]),
                FieldPanel("licence"),
                FieldPanel("cover_image"),
                FieldPanel("featured"),
            ],
            heading=_("Publication"),
        ),
        FieldPanel("modules"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("author"),
        index.SearchField("modules"),
        index.FilterField("featured"),
    ]

    class Meta:
        verbose_name = _("training kit")
        # The library and the home page list kits newest first.
        indexes = [models.Index(fields=["publication_date"])]

    # --- What the templates show ------------------------------------------------

    @property
    def audience_labels(self):
        return [label for field, label in AUDIENCES.values() if getattr(self, field)]

    @property
    def language_labels(self):
        return [label for field, label in KIT_LANGUAGES.values() if getattr(self, field)]

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    def document_ids(self):
        """Ids of the documents of every module, in module order, without repeats."""
        ids = []
        for child in self.modules.raw_data:
            value = child.get("value") or {}
            for item in value.get("documents") or []:
                doc_id = item.get("value") if isinstance(item, dict) else item
                if doc_id and doc_id not in ids:
                    ids.append(doc_id)
        return ids

    def get_context(self, request, *args, **kwargs):
        from trainers.links import trainer_links

        context = super().get_context(request, *args, **kwargs)
        context["kit_modules"], context["has_public_documents"] = kit_documents(self, request)
        context["trainer_links"] = trainer_links(request, self)
        context["topics"] = self.localized_topics()
        context["zip_url"] = (self.get_url(request) or "") + self.reverse_subpage(
            "download_all"
        ).lstrip("/")
        return context

    def localized_topics(self):
        topics = list(self.topics.all())
        translated = {
            topic.translation_key: topic
            for topic in Topic.objects.filter(
                locale_id=self.locale_id,
                translation_key__in=[t.translation_key for t in topics],
            )
        }
        return [translated.get(t.translation_key, t) for t in topics]

    def zip_filename(self):
        return zip_filename(self)

    # --- Downloads ------------------------------------------------------------------

    def count_download(self, document, day=None):
        """Add one download of ``document`` to the day's counter (today's by default),
        atomically: concurrent downloads never lose a count."""
        day = day or timezone.localdate()
        rows = self.download_counts.filter(document=document, date=day)
        if rows.update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                self.download_counts.create(document=document, date=day, count=1)
        except IntegrityError:  # another request created the row first
            rows.update(count=F("count") + 1)

    def get_cached_paths(self):
        """The kit, its downloads one by one and all together."""
        paths = ["/", self.reverse_subpage("download_all")]
        for document_id in self.document_ids():
            paths.append(self.reverse_subpage("download", args=(document_id,)))
        return paths

    @path("")
    def kit(self, request):
        return self.render(request)

    @path("download/<int:document_id>/", name="download")
    def download(self, request, document_id):
        if document_id not in self.document_ids():
            raise Http404
        return serve_kit_document(request, self, document_id)

    @path("download-all/", name="download_all")
    def download_all(self, request):
        return stream_kit_zip(request, self)


class DocumentDownload(models.Model):
    """How often a document was downloaded from a kit on one day.

    One row per (kit, document, day), incremented in the database with ``F()``, so
    concurrent downloads never lose a count and page rendering stays cacheable."""

    kit = models.ForeignKey(
        TrainingKitPage,
        verbose_name=_("training kit"),
        on_delete=models.CASCADE,
        related_name="download_counts",
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    date = models.DateField(_("date"), db_index=True)
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("document downloads")
        verbose_name_plural = _("document downloads")
        constraints = [
            models.UniqueConstraint(
                fields=["kit", "document", "date"], name="resources_download_per_day"
            )
        ]

    def __str__(self):
        return f"{self.document_id} / {self.kit_id} / {self.date}: {self.count}"
