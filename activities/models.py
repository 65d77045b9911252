"""What the project promised and what it did: its numbered activities, the key
figures it reports, and the pages that show them.

Content (news, events, training kits) is tagged with an activity on the page's own
edit form ("Project activities"); the activity's edit screen lists what is tagged. A
tag on a page counts for all its translations, so an editor tags once and both
languages' activity pages list the item."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES
from home.models import BasePage

from .panels import TaggedPagesPanel
from .timeline import build_timeline


class Activity(TranslatableMixin, index.Indexed, ClusterableModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    expected_result = models.CharField(_("expected result it serves"), max_length=255, blank=True)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    completion_note = models.TextField(_("completion note"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("status")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("expected_result"),
        FieldRowPanel(
            [FieldPanel("planned_start"), FieldPanel("planned_end")], heading=_("Planned period")
        ),
        FieldPanel("completion_note"),
        TaggedPagesPanel(heading=_("Published under this activity")),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["number"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "number"], name="unique_activity_number_per_locale"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def clean(self):
        super().clean()
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError(
                {"planned_end": _("The planned end must not be before the planned start.")}
            )

    def tagged_pages(self, locale):
        """Live, public pages of ``locale`` tagged with this activity in any language."""
        keys = ActivityLink.objects.filter(activity__translation_key=self.translation_key).values(
            "page__translation_key"
        )
        return Page.objects.live().public().filter(locale=locale, translation_key__in=keys)

    def tagged_pages_in_every_language(self):
        """The pages that carry this activity's tag, in every language, drafts and
        private pages included: what its edit screen lists, each page being where its
        tag is changed."""
        return (
            Page.objects.filter(activity_links__activity__translation_key=self.translation_key)
            .distinct()
            .select_related("locale")
            .order_by("locale__language_code", "title")
        )


class ActivityLink(Orderable):
    """A page tagged with an activity: the one record every list of tagged content
    reads (activity pages, timeline, donor report, reach).

    A child of the page (its "Project activities" panel), so a tag is saved in the
    page's revisions and goes live, is reviewed and is translated with the page.
    The link itself is not translatable: wagtail-localize copies a page's links onto
    its translation as they are, and ``save`` points the copy at the activity's
    translation in that page's language. Making the link translatable instead would
    have wagtail-localize submit the activity as a related object and rewrite its
    English version from untranslated Turkish strings. Lists still match links by
    translation key, so a page tagged in one language is listed in every language."""

    page = ParentalKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="activity_links",
        verbose_name=_("page"),
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="links", verbose_name=_("activity")
    )

    # A list to pick from (the project has about ten activities), in the page's language
    # (bilingual.panels.SameLanguageInlinePanel), rather than the snippet chooser.
    panels = [FieldPanel("activity", widget=forms.Select)]

    class Meta(Orderable.Meta):
        verbose_name = _("project activity")
        verbose_name_plural = _("project activities")
        constraints = [
            models.UniqueConstraint(fields=["page", "activity"], name="unique_activity_per_page")
        ]

    def save(self, *args, **kwargs):
        """Point at the activity in the page's language, where it is translated: copies
        of a page (its translation, wagtail-localize's synchronisation, aliases) carry
        the source's links, whose activity the translation's form would not offer."""
        page_locale_id = self.page.locale_id
        if self.activity.locale_id != page_locale_id:
            translated = Activity.objects.filter(
                translation_key=self.activity.translation_key, locale_id=page_locale_id
            ).first()
            if translated is not None:
                self.activity = translated
        super().save(*args, **kwargs)


class KeyFigure(TranslatableMixin, models.Model):
    """A figure the project reports (117 interviews, 47 NGOs…) with the page that is its source."""

    label = models.CharField(_("label"), max_length=255)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    date = models.DateField(_("date"))
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("source page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("unit")]),
        FieldPanel("date"),
        PageChooserPanel("source_page"),
        FieldPanel("activity"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["date", "label"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self):
        return f"{self.display_value} {self.label}"

    @property
    def display_value(self):
        value = self.value.normalize() if self.value == self.value.to_integral() else self.value
        return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"

    @classmethod
    def for_display(cls, figures, locale_id, request=None):
        """``[{"figure": …, "url": …}]``: each figure in the locale ``locale_id`` where it has been
        translated, and the URL of its source page in that language (else the original)
        when that page is live and public; a private or withdrawn source shows no link.
        Three queries, however many figures."""
        figures = [figure for figure in figures if figure is not None]
        foreign = {figure.translation_key for figure in figures if figure.locale_id != locale_id}
        translated = {
            figure.translation_key: figure
            for figure in cls.objects.filter(locale_id=locale_id, translation_key__in=foreign)
        }
        figures = [
            figure
            if figure.locale_id == locale_id
            else translated.get(figure.translation_key, figure)
            for figure in figures
        ]
        sources = {
            page.pk: page
            for page in Page.objects.filter(
                pk__in={figure.source_page_id for figure in figures if figure.source_page_id}
            ).only("pk", "translation_key")
        }
        shown = {}
        candidates = (
            Page.objects.live()
            .public()
            .filter(translation_key__in={page.translation_key for page in sources.values()})
        )
        for page in candidates:
            # The page in the active language wins over the original.
            if page.locale_id == locale_id or page.translation_key not in shown:
                shown[page.translation_key] = page
        items = []
        for figure in figures:
            source = sources.get(figure.source_page_id)
            page = shown.get(source.translation_key) if source is not None else None
            items.append({"figure": figure, "url": page.get_url(request) if page else None})
        return items


class ActivityIndexPage(RoutablePageMixin, BasePage):
    """The list of the project's activities and, under it, one page per activity."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["activities.TimelinePage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("activities page")

    def activities(self):
        return Activity.objects.filter(locale=self.locale)

    def get_cached_paths(self):
        """The list and each activity's page (which lists the pages tagged with it)."""
        numbers = self.activities().values_list("number", flat=True)
        return ["/", *(self.reverse_subpage("activity_route", args=(n,)) for n in numbers)]

    def activity_alternates(self, request, activity):
        """The same activity's page in each language where it is translated and its
        activities page is live and public, ``{code: absolute url}``."""
        alternates = {}
        translated = dict(
            Activity.objects.filter(translation_key=activity.translation_key).values_list(
                "locale_id", "number"
            )
        )
        for listing in self.live_translations():
            number = translated.get(listing.locale_id)
            if number is not None:
                url = listing.get_url(request) + listing.reverse_subpage(
                    "activity_route", args=(number,)
                )
                alternates[listing.locale.language_code] = request.build_absolute_uri(url)
        return alternates

    @path("")
    def index_route(self, request):
        return self.render(request, context_overrides={"activities": self.activities()})

    @path("<int:number>/")
    def activity_route(self, request, number):
        activity = self.activities().filter(number=number).first()
        if activity is None:
            raise Http404
        tagged = activity.tagged_pages(self.locale).specific().order_by("-first_published_at")
        groups = {"events": [], "news": [], "kits": []}
        for item in tagged:
            label = item._meta.label
            key = {"events.EventPage": "events", "news.NewsPage": "news"}.get(label, "kits")
            groups[key].append(item)
        groups["events"].sort(
            key=lambda p: getattr(p, "start", None) or timezone.now(), reverse=True
        )
        figures = KeyFigure.objects.filter(
            locale=self.locale, activity__translation_key=activity.translation_key
        )
        return self.render(
            request,
            template="activities/activity_detail.html",
            context_overrides={
                "language_alternates": self.activity_alternates(request, activity),
                "view_meta": {"title": activity.title, "description": activity.description},
                "activity": activity,
                "tagged_events": groups["events"],
                "tagged_news": groups["news"],
                "tagged_kits": groups["kits"],
                "figures": figures.select_related("source_page"),
            },
        )


class TimelinePage(BasePage):
    """The activities on the project's time axis, drawn on the server as SVG with a
    table for screen readers; readable without JavaScript."""

    project_start = models.DateField(_("project start"))
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), default=24)
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["activities.ActivityIndexPage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("project_start"), FieldPanel("duration_months")]),
        FieldPanel("intro"),
    ]

    class Meta:
        verbose_name = _("timeline page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        activities = list(Activity.objects.filter(locale=self.locale))
        context["timeline"] = build_timeline(
            self, activities, self.events_by_activity(activities), request
        )
        return context

    def events_by_activity(self, activities):
        """{an activity's translation key: the live public events of this language
        tagged with it}: one query for the links, one for the events, whatever their
        number."""
        links = ActivityLink.objects.filter(
            activity__translation_key__in=[a.translation_key for a in activities]
        ).values_list("activity__translation_key", "page__translation_key")
        keys_by_activity = {}
        for activity_key, page_key in links:
            keys_by_activity.setdefault(activity_key, set()).add(page_key)
        events_by_key = {}
        if keys_by_activity:
            all_keys = set().union(*keys_by_activity.values())
            for event in (
                apps.get_model("events", "EventPage")
                .objects.live()
                .public()
                .filter(locale=self.locale, translation_key__in=all_keys)
            ):
                events_by_key[event.translation_key] = event
        return {
            activity_key: [events_by_key[key] for key in sorted(keys) if key in events_by_key]
            for activity_key, keys in keys_by_activity.items()
        }


def lists_of_tagged_pages():
    """The activity pages and timelines: what lists the pages tagged with an activity."""
    return [*ActivityIndexPage.objects.all(), *TimelinePage.objects.all()]


def pages_showing(page):
    """The activity pages and timelines, which list the pages tagged with an activity:
    purged with such a page (website/frontend_cache.py, FRONTEND_CACHE_RELATED_PAGES)."""
    if not ActivityLink.objects.filter(page__translation_key=page.translation_key).exists():
        return []
    return lists_of_tagged_pages()


@receiver(post_delete, sender=ActivityLink, dispatch_uid="activities-purge-on-untag")
def purge_lists_when_untagged(sender, instance, **kwargs):
    """A tag taken off a page's form goes when the page is published, before
    ``pages_showing`` is asked what to purge with it, and no longer finds the tag: the
    lists that showed the page are purged as the link goes."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        batch = PurgeBatch()
        batch.add_pages(lists_of_tagged_pages())
        batch.purge()
