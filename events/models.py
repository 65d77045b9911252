"""Events: one index per language home, event pages, and the translatable event types.

Times are stored timezone-aware (UTC in the database) and shown in the site's time zone,
Europe/Istanbul. An all-day event is stored from local midnight of its first day to
23:59:59 of its last day, so "upcoming", "happening now" and "past" are one comparison
with the current time for every kind of event."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index

from bilingual.panels import SameLanguageInlinePanel
from directory.provinces import PROVINCE_CHOICES, province_name
from home.blocks import RICH_TEXT_FEATURES, BodyStreamBlock, DocumentLinkBlock
from home.models import BasePage

from .blocks import AgendaSessionBlock, OrganisationBlock, RegistrationQuestionsBlock
from .month import month_context

PROVINCE_ORDER = {slug: position for position, (slug, _name) in enumerate(PROVINCE_CHOICES)}


class EventType(TranslatableMixin, models.Model):
    """Workshop, training, conference, meeting, study visit, kick-off, closing event…
    One row per language; the slug is what the listing's type filter uses."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, allow_unicode=False, help_text=_("Used in filter links.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event type")
        verbose_name_plural = _("event types")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="events_eventtype_unique_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events that have not ended yet (happening now included), soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        """Events that have ended, newest first."""
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventFilterForm(forms.Form):
    """The listing's filters; choices are what the language's events actually use, so an
    unknown value makes the form invalid and the page shows an empty state."""

    type = forms.ChoiceField(label=_("Type"), required=False)
    city = forms.ChoiceField(label=_("City"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, types=(), cities=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All types"))] + [(t.slug, t.name) for t in types]
        self.fields["city"].choices = [("", _("All cities"))] + list(cities)
        self.fields["year"].choices = [("", _("All years"))] + [(str(y), str(y)) for y in years]

    @property
    def is_filtered(self):
        return any(self.data.get(name) for name in self.fields)


class EventIndexPage(RoutablePageMixin, BasePage):
    """The events of one language: upcoming first, then the archive, and a calendar feed."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    past_per_page = 10
    # Upcoming events come in pages too: a busy programme must not make one huge page.
    upcoming_per_page = 12

    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("event index")

    @cached_property
    def public_events(self):
        """The view restrictions are read once per page object (once per request): the
        listing and the filters reuse them."""
        return EventPage.objects.live().public().child_of(self)

    def events(self):
        return self.public_events.select_related("event_type", "listing_image").prefetch_related(
            "listing_image__renditions"
        )

    def filter_choices(self):
        """The cities and years that have events here."""
        base = self.public_events.order_by()
        cities = sorted(
            set(base.exclude(city="").values_list("city", flat=True).distinct()),
            key=PROVINCE_ORDER.get,
        )
        years = sorted({d.year for d in base.datetimes("start", "year")}, reverse=True)
        return cities, years

    def filter_form(self, request):
        cities, years = self.filter_choices()
        types = list(EventType.objects.filter(locale_id=self.locale_id))
        return EventFilterForm(
            request.GET or None,
            types=types,
            cities=[(slug, province_name(slug)) for slug in cities],
            years=years,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        form = self.filter_form(request)
        filters_invalid = form.is_bound and not form.is_valid()

        events = self.events()
        if filters_invalid:
            events = events.none()
        elif form.is_bound:
            filters = form.cleaned_data
            if filters.get("type"):
                events = events.filter(event_type__slug=filters["type"])
            if filters.get("city"):
                events = events.filter(city=filters["city"])
            if filters.get("year"):
                events = events.filter(start__year=filters["year"])
        past_page = Paginator(events.past(now), self.past_per_page).get_page(
            request.GET.get("page")
        )
        upcoming_page = Paginator(events.upcoming(now), self.upcoming_per_page).get_page(
            request.GET.get("upcoming")
        )
        query = request.GET.copy()
        query.pop("page", None)
        query.pop("upcoming", None)
        context.update(
            {
                "filter_form": form,
                "filters_invalid": filters_invalid,
                "upcoming_events": upcoming_page,
                "upcoming_page_range": upcoming_page.paginator.get_elided_page_range(
                    upcoming_page.number
                ),
                "past_events": past_page,
                "past_page_range": past_page.paginator.get_elided_page_range(past_page.number),
                "filter_query": query.urlencode(),
                "now": now,
                "feed_url": self.url + self.reverse_subpage("ical_feed"),
            }
        )
        return context

    def get_cached_paths(self):
        return ["/", self.reverse_subpage("ical_feed")]

    @path(pgettext_lazy("URL", "calendar/"), name="calendar")
    def calendar_now(self, request):
        """The calendar opens on the current month."""
        from django.shortcuts import redirect

        today = timezone.localdate()
        url = self.url + self.reverse_subpage(
            "calendar_month", args=[today.year, f"{today.month:02d}"]
        )
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)

    @path(pgettext_lazy("URL", "calendar/<int:year>/<int:month>/"), name="calendar_month")
    def calendar_month(self, request, year, month):
        """A month as a table (one cell per day), in this language, with the listing's
        type and city filters; see events/month.py."""
        from django.template.response import TemplateResponse

        # The page's base context, not the listing's: the calendar runs its own query.
        context = BasePage.get_context(self, request)
        context.update(month_context(self, request, year, month))
        # Every month links the next one, without end: not indexed, not followed.
        context["noindex"] = True
        context["language_alternates"] = alternates = {}
        for listing in self.live_translations():
            code = listing.locale.language_code
            with translation.override(code):  # the route's words are in its language
                path = listing.reverse_subpage("calendar_month", args=[year, f"{month:02d}"])
            alternates[code] = request.build_absolute_uri(listing.get_url(request) + path)
        return TemplateResponse(request, "events/event_calendar_month.html", context)

    @path("ical/")
    def ical_feed(self, request):
        """A subscribable iCalendar feed of this language's events."""
        from .calendar import calendar_response

        events = self.events().order_by("start", "pk")
        return calendar_response(
            request,
            events,
            language=self.locale.language_code,
            name=self.title,
            filename=f"{self.slug}.ics",
            inline=True,
        )


class EventPage(RoutablePageMixin, BasePage):
    FORMAT_IN_PERSON = "in_person"
    FORMAT_ONLINE = "online"
    FORMAT_HYBRID = "hybrid"
    FORMAT_CHOICES = [
        (FORMAT_IN_PERSON, _("In person")),
        (FORMAT_ONLINE, _("Online")),
        (FORMAT_HYBRID, _("Hybrid (in person and online)")),
    ]
    STATUS_CHOICES = [
        ("scheduled", _("Takes place as planned")),
        ("postponed", _("Postponed")),
        ("cancelled", _("Cancelled")),
    ]
    REGISTRATION_CHOICES = [
        ("not_needed", _("No registration needed")),
        ("open", _("Registration open")),
        ("closed", _("Registration closed")),
        ("full", _("Fully booked")),
        ("form", _("Registration form on this site (seats and waiting list)")),
    ]
    TIMING_LABELS = {
        "upcoming": _("Upcoming"),
        "now": _("Happening now"),
        "past": _("Past event"),
    }

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(
        _("all-day event"),
        default=False,
        help_text=_("Only the dates count; times are ignored."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=STATUS_CHOICES, default="scheduled"
    )
    event_type = models.ForeignKey(
        EventType,
        verbose_name=_("event type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    format = models.CharField(
        _("format"), max_length=16, choices=FORMAT_CHOICES, default=FORMAT_IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=32, choices=PROVINCE_CHOICES, blank=True)
    other_city = models.CharField(
        _("city outside Türkiye"),
        max_length=100,
        blank=True,
        help_text=_("E.g. Palermo, Italy. Leave empty for events in Türkiye."),
    )
    address = models.TextField(_("address"), blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    organisers = StreamField(
        [("organisation", OrganisationBlock())],
        blank=True,
        verbose_name=_("organisers and partners"),
    )
    target_audience = models.TextField(_("target audience"), blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    agenda = StreamField([("session", AgendaSessionBlock())], blank=True, verbose_name=_("agenda"))
    registration_status = models.CharField(
        _("registration"), max_length=16, choices=REGISTRATION_CHOICES, default="not_needed"
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_email = models.EmailField(_("registration e-mail"), blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    in_person_capacity = models.PositiveIntegerField(
        _("seats in person"),
        null=True,
        blank=True,
        help_text=_("For the registration form. Empty: no limit."),
    )
    online_capacity = models.PositiveIntegerField(
        _("seats online"),
        null=True,
        blank=True,
        help_text=_("For the registration form of online and hybrid events. Empty: no limit."),
    )
    registration_questions = StreamField(
        RegistrationQuestionsBlock(),
        blank=True,
        verbose_name=_("extra registration questions"),
        help_text=_("Asked on this event's registration form, after the standard ones."),
    )
    documents = StreamField(
        [("document", DocumentLinkBlock())],
        blank=True,
        verbose_name=_("documents"),
        help_text=_("Presentations, reports and other material."),
    )
    outcomes = RichTextField(
        _("outcomes"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("What came out of the event; shown once it has taken place."),
    )
    participant_count = models.PositiveIntegerField(_("participants"), null=True, blank=True)

    objects = EventPageManager()

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldRowPanel([FieldPanel("event_type"), FieldPanel("status")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("other_city")]),
                FieldPanel("address"),
                FieldPanel("online_link"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("organisers"), FieldPanel("target_audience")],
            heading=_("Who"),
        ),
        SameLanguageInlinePanel(
            "activity_links",
            heading=_("Project activities"),
            label=_("Project activity"),
            help_text=_("The page is listed on these activities' pages, in every language."),
        ),
        FieldPanel("body"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                FieldPanel("registration_status"),
                FieldRowPanel([FieldPanel("registration_url"), FieldPanel("registration_email")]),
                FieldPanel("registration_deadline"),
                FieldRowPanel([FieldPanel("in_person_capacity"), FieldPanel("online_capacity")]),
                FieldPanel("registration_questions"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("documents"),
        MultiFieldPanel(
            [FieldPanel("outcomes"), FieldPanel("participant_count")],
            heading=_("After the event"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("venue"),
        index.SearchField("target_audience"),
        index.SearchField("outcomes"),
        index.SearchField("agenda"),
        index.FilterField("start"),
        index.FilterField("city"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # The upcoming / past split and its order (listings, the home page, feeds).
        indexes = [models.Index(fields=["end", "start"]), models.Index(fields=["start"])]

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.start and self.end:
            if self.all_day:
                ends_too_early = timezone.localdate(self.end) < timezone.localdate(self.start)
            else:
                ends_too_early = self.end < self.start
            if ends_too_early:
                errors.setdefault("end", []).append(
                    _("The event cannot end before it starts. Check the end date and time.")
                )
        if self.start and self.registration_deadline and self.registration_deadline > self.start:
            errors.setdefault("registration_deadline", []).append(
                _("The registration deadline must not be later than the start of the event.")
            )
        if self.format in (self.FORMAT_ONLINE, self.FORMAT_HYBRID) and not self.online_link:
            errors.setdefault("online_link", []).append(
                _("Online and hybrid events need a link for joining online.")
            )
        if self.registration_status == "open" and not (
            self.registration_url or self.registration_email
        ):
            errors.setdefault("registration_url", []).append(
                _("Open registration needs a registration link or an e-mail address.")
            )
        if self.city and self.other_city:
            errors.setdefault("other_city", []).append(
                _("Choose a province in Türkiye or enter a city abroad, not both.")
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.all_day and self.start and self.end:
            tz = timezone.get_default_timezone()
            first = timezone.localdate(self.start, tz)
            last = max(timezone.localdate(self.end, tz), first)
            self.start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
            self.end = datetime.datetime.combine(last, datetime.time(23, 59, 59), tzinfo=tz)
        return super().save(*args, **kwargs)

    # --- What templates, calendars and JSON-LD read ------------------------------------

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def is_multi_day(self):
        return self.local_start.date() != self.local_end.date()

    def timing(self, now=None):
        now = now or timezone.now()
        if now < self.start:
            return "upcoming"
        if now <= self.end:
            return "now"
        return "past"

    @property
    def timing_label(self):
        return self.TIMING_LABELS[self.timing()]

    @property
    def is_online(self):
        return self.format in (self.FORMAT_ONLINE, self.FORMAT_HYBRID)

    @property
    def city_name(self):
        return province_name(self.city) if self.city else self.other_city

    @property
    def location_text(self):
        """Venue, address and city on one line, for calendars and maps."""
        parts = [self.venue, " ".join(self.address.split()), self.city_name]
        return ", ".join(part for part in parts if part)

    @property
    def registration_is_open(self):
        now = timezone.now()
        return (
            self.registration_status == "open"
            and self.timing(now) != "past"
            and (self.registration_deadline is None or now <= self.registration_deadline)
        )

    @property
    def registration_modes(self):
        """The participation modes the registration form offers (both for hybrid)."""
        if self.format == self.FORMAT_HYBRID:
            return [self.FORMAT_IN_PERSON, self.FORMAT_ONLINE]
        return [self.format]

    def capacity_for(self, mode):
        """Seats for ``mode``, or None for no limit."""
        return self.online_capacity if mode == self.FORMAT_ONLINE else self.in_person_capacity

    def organisations(self, role=None):
        return [
            block.value
            for block in self.organisers
            if block.block_type == "organisation" and (role is None or block.value["role"] == role)
        ]

    def get_context(self, request, *args, **kwargs):
        from .calendar import event_url, google_calendar_url, outlook_calendar_url
        from .schema import event_json_ld

        context = super().get_context(request, *args, **kwargs)
        full_url = event_url(self, request)
        context.update(
            {
                "timing": self.timing(),
                "ics_url": self.url + self.reverse_subpage("ics"),
                "google_calendar_url": google_calendar_url(self, full_url),
                "outlook_calendar_url": outlook_calendar_url(self, full_url),
                "json_ld": event_json_ld(self, request),
            }
        )
        return context

    def get_cached_paths(self):
        return ["/", self.reverse_subpage("ics")]

    @path("ics/")
    def ics(self, request):
        """This event alone, as an .ics file to download."""
        from .calendar import calendar_response

        if not self.live:
            raise Http404
        return calendar_response(
            request,
            [self],
            language=self.locale.language_code,
            name=self.title,
            filename=f"{self.slug}.ics",
        )
