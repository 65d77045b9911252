"""Filtering, faceting and searching the kits of one library page.

Filters: ``topic`` (a topic slug in the page's language), ``audience`` and
``language`` (keys of AUDIENCES / KIT_LANGUAGES), ``q`` (Wagtail search). Each
facet's counts are computed with the other filters applied, one aggregate query per
facet, so queries stay flat however many kits there are. Unknown values simply match
nothing (an empty state, never an error)."""

import re

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

# Who a kit is for and which languages it exists in: query value -> (field, label).
AUDIENCES = {
    "ngos": ("audience_ngos", _("NGOs")),
    "public-institutions": ("audience_public_institutions", _("Public institutions")),
    "trainers": ("audience_trainers", _("Trainers")),
}
KIT_LANGUAGES = {
    "tr": ("language_tr", _("Turkish")),
    "en": ("language_en", _("English")),
    "ar": ("language_ar", _("Arabic")),
}

_NOT_WORD = re.compile(r"[^\w\s'-]|_")


class LibraryQuery:
    """The kits of ``index_page``, filtered by the query string ``params``. ``kit_model``
    is the kits' page model, ``topics`` the topics in the page's language."""

    def __init__(self, index_page, params, kit_model, topics):
        self.index_page = index_page
        self.kit_model = kit_model
        self.topic = (params.get("topic") or "").strip()[:120]
        self.audience = (params.get("audience") or "").strip()[:40]
        self.language = (params.get("language") or "").strip()[:10]
        # Words only: control characters and query syntax break the search backends.
        self.query = " ".join(_NOT_WORD.sub(" ", params.get("q") or "").split())[:200]
        self.topics = list(topics)
        self._topics_by_slug = {topic.slug: topic for topic in self.topics}
        self._topics_by_key = {topic.translation_key: topic for topic in self.topics}

    @property
    def is_filtered(self):
        return bool(self.topic or self.audience or self.language or self.query)

    def base(self):
        # public() looks the view restrictions up once; every facet reuses the result.
        if not hasattr(self, "_base"):
            self._base = self.kit_model.objects.live().public().child_of(self.index_page)
        return self._base.all()

    def _search_ids(self):
        if not hasattr(self, "_matching_ids"):
            results = (
                self.kit_model.objects.live()
                .filter(locale_id=self.index_page.locale_id)
                .search(self.query, operator="and")
            )
            self._matching_ids = [page.pk for page in results]
        return self._matching_ids

    def filtered(self, skip=None):
        qs = self.base()
        if self.topic and skip != "topic":
            topic = self._topics_by_slug.get(self.topic)
            if topic is None:
                return qs.none()
            qs = qs.filter(
                pk__in=self.kit_model.topics.through.objects.filter(
                    topic__translation_key=topic.translation_key
                ).values("trainingkitpage_id")
            )
        if self.audience and skip != "audience":
            if self.audience not in AUDIENCES:
                return qs.none()
            qs = qs.filter(**{AUDIENCES[self.audience][0]: True})
        if self.language and skip != "language":
            if self.language not in KIT_LANGUAGES:
                return qs.none()
            qs = qs.filter(**{KIT_LANGUAGES[self.language][0]: True})
        if self.query:
            qs = qs.filter(pk__in=self._search_ids())
        return qs

    def kits(self):
        return (
            self.filtered()
            .select_related("cover_image")
            .prefetch_related("cover_image__renditions", "topics")
            .order_by("-featured", "-publication_date", "title")
        )

    def decorate(self, kits):
        """Give each kit of the page its topics in the page's language (no extra query)."""
        for kit in kits:
            kit.display_topics = [
                self._topics_by_key.get(topic.translation_key, topic) for topic in kit.topics.all()
            ]

    # --- Facets with counts ------------------------------------------------------------

    def topic_facets(self):
        rows = (
            self.kit_model.topics.through.objects.filter(
                trainingkitpage_id__in=self.filtered(skip="topic").values("pk")
            )
            .values("topic__translation_key")
            .annotate(n=Count("trainingkitpage_id", distinct=True))
            .order_by()
        )
        counts = {row["topic__translation_key"]: row["n"] for row in rows}
        return [
            {
                "value": topic.slug,
                "label": topic.name,
                "count": counts.get(topic.translation_key, 0),
                "selected": topic.slug == self.topic,
            }
            for topic in self.topics
        ]

    def _boolean_facets(self, choices, skip, selected):
        qs = self.filtered(skip=skip)
        counts = qs.aggregate(
            **{
                f"n{i}": Count("pk", filter=Q(**{field: True}))
                for i, (field, _label) in enumerate(choices.values())
            }
        )
        return [
            {"value": key, "label": label, "count": counts[f"n{i}"], "selected": key == selected}
            for i, (key, (_field, label)) in enumerate(choices.items())
        ]

    def audience_facets(self):
        return self._boolean_facets(AUDIENCES, "audience", self.audience)

    def language_facets(self):
        return self._boolean_facets(KIT_LANGUAGES, "language", self.language)

    def facets(self):
        if not hasattr(self, "_facets"):
            self._facets = {
                "topic": self.topic_facets(),
                "audience": self.audience_facets(),
                "language": self.language_facets(),
            }
        return self._facets
