"""News: a per-language index with readable filter and feed URLs, and the articles.

Each language tree has its own ``NewsIndexPage`` (``/tr/haberler/``, ``/en/news/``);
articles are its children, so every listing is ``child_of(index)`` and never mixes
languages. Categories are a translatable snippet: filters and labels match them by
``translation_key``, so an English article shows the English name even when an editor
picked the Turkish category.
"""

import math
import re

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Prefetch
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from bilingual.panels import SameLanguageInlinePanel
from bilingual.tags import TranslatableTags
from bilingual.text import turkish_slugify
from home.blocks import BodyStreamBlock
from home.models import BasePage
from home.templatetags.site_tags import picture_specs

from .feeds import feed_response

PAGE_SIZE = 10
FEED_SIZE = 20
LISTING_RENDITION = "fill-640x360"
WORDS_PER_MINUTE = 200

# The words of filter URLs in each language: /en/news/category/…, /tr/haberler/kategori/…
ROUTE_WORDS = {
    "tr": {"category": "kategori", "tag": "etiket"},
    "en": {"category": "category", "tag": "tag"},
}


class NewsCategory(TranslatableMixin, models.Model):
    """A kind of news (workshops, trainings, networking, …), one row per language."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("The category's address in this language, e.g. workshops / calistaylar."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="news_category_unique_slug")
        ]

    def __str__(self):
        return self.name


class NewsTag(TagBase):
    """News keywords, with ASCII slugs for readable URLs (/tr/haberler/etiket/egitim/)."""

    free_tagging = True

    class Meta:
        verbose_name = _("news tag")
        verbose_name_plural = _("news tags")

    def slugify(self, tag, i=None):
        slug = turkish_slugify(str(tag), "tag")
        return f"{slug}_{i}" if i is not None else slug


class NewsPageTag(ItemBase):
    tag = models.ForeignKey(NewsTag, related_name="tagged_news", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPageRelatedPage(Orderable):
    news_page = ParentalKey("news.NewsPage", related_name="related_links", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]


# The width of a news card's picture (news/includes/news_card.html).
CARD_WIDTH = 400


def _listing_queryset(queryset):
    """Everything a listing row shows, fetched in a fixed number of queries: the pages
    with their locale and image, the image's listing rendition, the categories."""
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=[LISTING_RENDITION, *picture_specs(CARD_WIDTH).values()])
    )
    return queryset.select_related("locale", "lead_image").prefetch_related(
        # Where Image.get_rendition() looks for prefetched renditions.
        Prefetch("lead_image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
        "categories",
    )


def localized_categories(categories, by_key):
    """``categories`` shown in the language of ``by_key`` (translation_key → category)."""
    seen = []
    for category in categories:
        local = by_key.get(category.translation_key, category)
        if local not in seen:
            seen.append(local)
    return seen


class NewsIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("news index")

    # --- querying ------------------------------------------------------------------

    def news(self):
        """Live, public articles of this language, newest first."""
        return self.public_news.order_by("-date_published", "-pk")

    @cached_property
    def public_news(self):
        """The view restrictions are read once per page object (once per request): the
        listing, the years and the tags reuse them."""
        return NewsPage.objects.live().public().child_of(self)

    def categories(self):
        return NewsCategory.objects.filter(locale_id=self.locale_id)

    def articles_per_year(self):
        """``{year: number of articles}``, newest year first: the year links, and (summed)
        the number of articles, in one query."""
        rows = (
            self.public_news.order_by()
            .annotate(year=ExtractYear("date_published"))
            .values_list("year")
            .annotate(n=Count("pk"))
        )
        return dict(sorted(((y, n) for y, n in rows if y is not None), reverse=True))

    def years(self):
        """The years that have articles, newest first."""
        return list(self.articles_per_year())

    def _category(self, slug):
        category = self.categories().filter(slug=slug).first()
        if category is None:
            raise Http404("Unknown category")
        return category

    def _tag(self, slug):
        tag = (
            NewsTag.objects.filter(
                slug=slug, tagged_news__content_object__in=self.news().values("pk")
            )
            .distinct()
            .first()
        )
        if tag is None:
            raise Http404("Unknown tag")
        return tag

    def _words(self):
        return ROUTE_WORDS.get(self.locale.language_code, ROUTE_WORDS["en"])

    def _check_word(self, word, kind):
        if word != self._words()[kind]:
            raise Http404

    def filter_url(self, kind, value, request=None):
        """The readable URL of a filter in this index's language."""
        base = self.get_url(request)
        if kind == "year":
            return base + self.reverse_subpage("year", args=(value,))
        word = self._words()[kind]
        return base + self.reverse_subpage(kind, kwargs={"word": word, "slug": value})

    def feed_url(self, kind="rss", category=None, request=None):
        base = self.get_url(request)
        if category is None:
            return base + self.reverse_subpage("feed", args=(kind,))
        word = self._words()["category"]
        return base + self.reverse_subpage(
            "category_feed", kwargs={"word": word, "slug": category.slug, "kind": kind}
        )

    # --- rendering -----------------------------------------------------------------

    def get_context(self, request, *args, filter_kind=None, filter_value=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = self.news()
        filter_label = None
        if filter_kind == "category":
            news = news.filter(categories__translation_key=filter_value.translation_key)
            filter_label = filter_value.name
        elif filter_kind == "tag":
            news = news.filter(tagged_items__tag=filter_value)
            filter_label = filter_value.name
        elif filter_kind == "year":
            news = news.filter(date_published__year=filter_value)
            filter_label = str(filter_value)

        categories = list(self.categories())
        featured_pk = None
        listed = news
        if filter_kind is None:
            # The featured article, or the newest when none is featured, leads page 1.
            first = news.order_by("-featured", "-date_published", "-pk")
            featured_pk = first.values_list("pk", flat=True).first()
            if featured_pk is not None:
                listed = news.exclude(pk=featured_pk)
        per_year = self.articles_per_year()
        paginator = Paginator(listed, PAGE_SIZE)
        if filter_kind is None:
            # The year counts already say how many articles there are: no second count.
            paginator.count = sum(per_year.values()) - (featured_pk is not None)
        items = paginator.get_page(request.GET.get("page"))
        # One listing query for the page's articles and the featured one.
        wanted = list(items.object_list.values_list("pk", flat=True))
        if featured_pk is not None and items.number == 1:
            wanted.append(featured_pk)
        rows = _listing_queryset(NewsPage.objects.filter(pk__in=wanted))
        rows = {row.pk: row for row in rows}
        items.object_list = [rows[pk] for pk in wanted if pk in rows and pk != featured_pk]
        featured = rows.get(featured_pk) if items.number == 1 else None
        listed_row = next(iter(rows.values()), None)
        if listed_row is not None and listed_row.locale_id == self.locale_id:
            self.locale = listed_row.locale  # fetched with the rows: filter URLs need no query
        by_key = {c.translation_key: c for c in categories}
        for item in [featured, *items] if featured else items:
            item.local_categories = localized_categories(item.categories.all(), by_key)
        years = list(per_year)
        context.update(
            {
                "featured": featured,
                "items": items,
                "filter_kind": filter_kind,
                "filter_label": filter_label,
                "filter_value_pk": getattr(filter_value, "pk", None),
                "page_range": items.paginator.get_elided_page_range(items.number),
                "categories": [
                    (c, self.filter_url("category", c.slug, request)) for c in categories
                ],
                "years": [(y, self.filter_url("year", y, request)) for y in years],
                "feeds": self.feed_links(
                    request, filter_value if filter_kind == "category" else None
                ),
            }
        )
        return context

    def feed_links(self, request, category=None):
        links = [
            ("application/rss+xml", f"{self.title} (RSS)", self.feed_url("rss", None, request)),
            ("application/atom+xml", f"{self.title} (Atom)", self.feed_url("atom", None, request)),
        ]
        if category is not None:
            links += [
                (
                    "application/rss+xml",
                    f"{self.title}: {category.name} (RSS)",
                    self.feed_url("rss", category, request),
                ),
                (
                    "application/atom+xml",
                    f"{self.title}: {category.name} (Atom)",
                    self.feed_url("atom", category, request),
                ),
            ]
        return [
            {"type": t, "title": title, "url": request.build_absolute_uri(url)}
            for t, title, url in links
        ]

    def _render_filtered(self, request, kind, value):
        context = self.get_context(request, filter_kind=kind, filter_value=value)
        context["language_alternates"] = self.filter_alternates(request, kind, value)
        context["noindex"] = True  # the news list narrowed: followed, not indexed
        return TemplateResponse(request, self.get_template(request), context)

    def filter_alternates(self, request, kind, value):
        """The same filtered listing in each language where it exists, ``{code: url}``:
        the category's translation, the same tag or year with articles there. The
        canonical link is the listing's own address (``canonical_for``)."""
        alternates = {}
        for listing in self.live_translations():
            code = listing.locale.language_code
            if listing.pk == self.pk:
                alternates[code] = request.build_absolute_uri(request.path)
                continue
            slug = None
            if kind == "category":
                slug = (
                    NewsCategory.objects.filter(
                        locale_id=listing.locale_id, translation_key=value.translation_key
                    )
                    .values_list("slug", flat=True)
                    .first()
                )
            elif kind == "tag" and listing.news().filter(tagged_items__tag=value).exists():
                slug = value.slug
            elif kind == "year" and listing.news().filter(date_published__year=value).exists():
                slug = value
            if slug is not None:
                url = listing.filter_url(kind, slug, request)
                alternates[code] = request.build_absolute_uri(url)
        return alternates

    @re_path(r"^(?P<word>category|kategori)/(?P<slug>[-\w]+)/$", name="category")
    def category_view(self, request, word, slug):
        self._check_word(word, "category")
        category = self._category(slug)
        return self._render_filtered(request, "category", category)

    @re_path(r"^(?P<word>tag|etiket)/(?P<slug>[^/]+)/$", name="tag")
    def tag_view(self, request, word, slug):
        self._check_word(word, "tag")
        tag = self._tag(slug)
        return self._render_filtered(request, "tag", tag)

    @re_path(r"^(\d{4})/$", name="year")
    def year_view(self, request, year):
        year = int(year)
        if not 1900 <= year <= 2999:
            raise Http404
        return self._render_filtered(request, "year", year)

    def get_cached_paths(self):
        """Every sub-route the shared cache may hold (purged with this page): the
        category, tag and year listings and the feeds. Their query strings (?page=2)
        go with them (deploy/varnish/site.vcl)."""
        paths = ["/", self.reverse_subpage("feed", args=("rss",))]
        paths.append(self.reverse_subpage("feed", args=("atom",)))
        words = self._words()
        for slug in self.categories().values_list("slug", flat=True):
            kwargs = {"word": words["category"], "slug": slug}
            paths.append(self.reverse_subpage("category", kwargs=kwargs))
            for kind in ("rss", "atom"):
                paths.append(self.reverse_subpage("category_feed", kwargs={**kwargs, "kind": kind}))
        tags = NewsTag.objects.filter(tagged_news__content_object__in=self.news().values("pk"))
        for slug in tags.values_list("slug", flat=True).distinct():
            paths.append(self.reverse_subpage("tag", kwargs={"word": words["tag"], "slug": slug}))
        for year in self.years():
            paths.append(self.reverse_subpage("year", args=(year,)))
        return paths

    def feed_items(self, category=None):
        """The newest articles of this index (of one category, if given) for its feeds."""
        news = self.news()
        if category is not None:
            news = news.filter(categories__translation_key=category.translation_key)
        return list(_listing_queryset(news)[:FEED_SIZE])

    @re_path(r"^feed/(rss|atom)/$", name="feed")
    def feed_view(self, request, kind):
        return feed_response(self, request, kind)

    @re_path(
        r"^(?P<word>category|kategori)/(?P<slug>[-\w]+)/feed/(?P<kind>rss|atom)/$",
        name="category_feed",
    )
    def category_feed_view(self, request, word, slug, kind):
        self._check_word(word, "category")
        return feed_response(self, request, kind, self._category(slug))


class NewsPage(BasePage):
    date_published = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Leave empty to use the date of first publication; set it for back-dated news."
        ),
    )
    lead_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its alt text, caption and credit are those of the image."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    organisation = models.CharField(
        _("source / organisation"),
        max_length=255,
        blank=True,
        help_text=_("For news reported by a partner organisation."),
    )
    organisation_url = models.URLField(_("source link"), blank=True)
    featured = models.BooleanField(
        _("feature on the news page"),
        default=False,
        help_text=_("The newest featured item is shown on top of the news page."),
    )
    categories = ParentalManyToManyField(
        "news.NewsCategory", blank=True, related_name="news_pages", verbose_name=_("categories")
    )
    tags = TranslatableTags(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("date_published"), FieldPanel("featured")]),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("organisation_url")], heading=_("Source")
        ),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        SameLanguageInlinePanel(
            "activity_links",
            heading=_("Project activities"),
            label=_("Project activity"),
            help_text=_("The page is listed on these activities' pages, in every language."),
        ),
        InlinePanel("related_links", label=_("Related pages")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("organisation"),
        index.FilterField("date_published"),
    ]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        # The news page leads with the newest featured article.
        indexes = [models.Index(fields=["featured", "date_published"])]

    def save(self, *args, **kwargs):
        if self.date_published is None and self.first_published_at is not None:
            self.date_published = self.first_published_at
        return super().save(*args, **kwargs)

    @property
    def display_date(self):
        return self.date_published or self.first_published_at or self.latest_revision_created_at

    @property
    def image(self):
        return self.lead_image or self.listing_image

    def reading_minutes(self):
        words = 0
        for block in self.body:
            if block.block_type in ("paragraph", "heading", "quote"):
                value = block.value
                text = value.get("text") if block.block_type == "quote" else value
                words += len(re.findall(r"\w+", strip_tags(str(text))))
        words += len(re.findall(r"\w+", self.summary or ""))
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.surroundings(request))
        return context

    def surroundings(self, request):
        """The article's categories, tags and feeds (links into its news index), related
        pages and reading time."""
        # One query, with the locale its filter URLs take their words from.
        parent = NewsIndexPage.objects.parent_of(self).select_related("locale").first()
        if parent is not None and parent.locale_id == self.locale_id:
            self.locale = parent.locale  # the same row: og:locale needs no query of its own
        by_key = {
            c.translation_key: c for c in NewsCategory.objects.filter(locale_id=self.locale_id)
        }
        categories = localized_categories(self.categories.all(), by_key)
        context = {}
        if isinstance(parent, NewsIndexPage):
            context["news_index"] = parent
            context["categories"] = [
                (c, parent.filter_url("category", c.slug, request)) for c in categories
            ]
            context["tags"] = [
                (t, parent.filter_url("tag", t.slug, request)) for t in self.tags.all()
            ]
            context["feeds"] = parent.feed_links(request)
        context["related"] = self.related_pages(request)
        context["reading_minutes"] = self.reading_minutes()
        return context

    def related_pages(self, request=None):
        """Related pages in this article's language (their translation when one exists)."""
        linked = [link.page for link in self.related_links.select_related("page")]
        if not linked:
            return []
        keys = [p.translation_key for p in linked]
        local = {
            p.translation_key: p
            for p in Page.objects.filter(translation_key__in=keys, locale_id=self.locale_id)
            .live()
            .public()
            .specific(defer=True)
        }
        return [local[key] for key in dict.fromkeys(keys) if key in local]
