"""Wagtail search backend for PostgreSQL that speaks both of the site's languages.

Wagtail's database backend takes one ``SEARCH_CONFIG`` for everything. Here each
indexed object is turned into a tsvector with the text-search configuration of its
own locale (``site_turkish`` for Turkish pages, ``site_english`` for English ones;
objects without a locale, such as images, use ``site_simple``), and a query is parsed
with the configuration of the active language. The configurations are created by
``search/migrations/0001_text_search_configurations.py``: each runs ``unaccent`` before
the stemmer, so "İstanbul", "IĞDIR" and "göç" are indexed as "istanbul", "igdir" and
"goc". Query words are folded the same way in Python (``bilingual.text.fold_for_search``)
and matched as prefixes of their stems, because the Turkish stemmer strips suffixes
unevenly ("eğitim" → "egit", "eğitimleri" → "egitim").

Searching reads the index from the matching entries outwards (see
``LocaleAwareQueryCompiler``): the language's GIN index on ``title || body``
(``search/migrations/0004_…``) finds the entries, and an entry is kept when its object
is in the queryset (a semi-join on primary keys: ``entries_of_queryset``). An object has
one entry, under its specific model, so the kept entries count the objects and give the
pages' types for the type facet without reading the pages. The site's results page
asks for its page of results and the counts by type together (``counted_and_ranked``):
one statement ranks each match once, counts the ranked rows by type and keeps the page
with a top-N sort; then its pages are read from their own models' tables (one query per page
type). A count or a facet asked alone never ranks. Wagtail's own query joins every page of the
queryset to its entry first and sorts all matches by rank for each slice and count: with
10,000 pages per language that took seconds, and up to minutes when the planner
misjudged the join.

Use it with ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}``
(website/settings/base.py does so when the database is PostgreSQL).
"""

import copy
import re
from collections import OrderedDict, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.db.models import Count, F
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from django.utils import translation
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search.backends.base import FilterFieldError
from wagtail.search.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from wagtail.search.backends.database.postgres.query import Lexeme
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Not, Or, Phrase, PlainText
from wagtail.search.utils import get_content_type_pk, get_descendants_content_types_pks

from bilingual.text import fold_for_search

from .text import search_terms, turkish_variants

LANGUAGE_CONFIGS = {"tr": "site_turkish", "en": "site_english"}
NEUTRAL_CONFIG = "site_simple"


def filterable_field(model, field_name):
    """The ``index.FilterField`` of ``model``'s ``search_fields`` for ``field_name`` (its
    attribute name: ``content_type_id``), or None."""
    fields = {field.get_attname(model): field for field in model.get_filterable_search_fields()}
    return fields.get(field_name)


def config_for_language(language_code):
    code = (language_code or "").split("-")[0].lower()
    return LANGUAGE_CONFIGS.get(code, NEUTRAL_CONFIG)


class LocaleAwareIndex(PostgresIndex):
    """Indexes each object with the configuration of its locale, and records that
    configuration in the entry's ``site_config`` (a column added by
    ``search/migrations/0004_…``: each configuration has its own partial GIN index)."""

    def add_items(self, model, objs):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        groups = {}
        for obj in objs:
            locale_id = getattr(obj, "locale_id", None)
            config = config_for_language(languages.get(locale_id)) if locale_id else NEUTRAL_CONFIG
            groups.setdefault(config, []).append(obj)
        content_type_id = get_content_type_pk(model)
        for config, group in groups.items():
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {IndexEntry._meta.db_table} SET site_config = %s "
                    "WHERE content_type_id = %s AND object_id = ANY(%s) "
                    "AND site_config IS DISTINCT FROM %s",
                    [config, content_type_id, [str(obj.pk) for obj in group], config],
                )


class LocaleAwareQueryMixin:
    def get_config(self, backend):
        if issubclass(self.queryset.model, TranslatableMixin):
            return config_for_language(translation.get_language())
        return NEUTRAL_CONFIG

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            terms = search_terms(query.query_string)
            if not terms:
                return None
            if config == LANGUAGE_CONFIGS["tr"]:
                variants = turkish_variants(query.query_string)
            else:
                variants = [[term] for term in terms]
            lexemes = None
            for forms in variants:
                lexeme = None
                for form in forms:
                    one = Lexeme(form, invert=invert, prefix=True)
                    # Any of the forms; under NOT, none of them.
                    lexeme = one if lexeme is None else (lexeme & one if invert else lexeme | one)
                if lexemes is None:
                    lexemes = lexeme
                elif query.operator == "and":
                    lexemes &= lexeme
                else:
                    lexemes |= lexeme
            return SearchQuery(lexemes, search_type="raw", config=config)
        if isinstance(query, Phrase):
            text = " ".join(re.split(r"\W+", fold_for_search(query.query_string))).strip()
            return SearchQuery(text, search_type="phrase", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)


class LocaleAwareQueryCompiler(LocaleAwareQueryMixin, PostgresSearchQueryCompiler):
    """Full-text queries over the whole index entry (no ``fields=``) are answered
    from the index entries; anything else (fields, fuzzy, match-all) goes Wagtail's way."""

    def reads_index_entries(self):
        return self.fields is None and isinstance(self.query, (PlainText, Phrase, And, Or, Not))

    def matching_entries(self, config):
        """Index entries of this queryset's model and its subclasses that were built
        with ``config`` and match the query, annotated with the object's primary key
        (``_object_pk``). The vector is written exactly as the expression of the
        configuration's partial GIN index, and the configuration as its predicate, so
        PostgreSQL reads that language's index and nothing of the others'."""
        if not re.fullmatch(r"\w+", config or ""):
            raise ValueError(f"Not a text-search configuration name: {config!r}")
        model = self.queryset.model
        return (
            IndexEntry.objects.annotate(_vector_=CombinedExpression(F("title"), "||", F("body")))
            .filter(
                _vector_=self.build_tsquery(self.query, config=config),
                content_type_id__in=get_descendants_content_types_pks(model),
            )
            # Unqualified: the column is not on Wagtail's model, and Django renames the
            # table when this becomes a subquery. A literal, so the planner matches it
            # with the partial index's predicate.
            .extra(where=[f"site_config = '{config}'"])
            .annotate(_object_pk=Cast("object_id", output_field=model._meta.pk))
        )

    def matching(self, config):
        """The queryset's objects that match, unranked (for results not in relevance
        order, and facets on a field of the objects)."""
        entries = self.matching_entries(config).values("_object_pk")
        return self.queryset.filter(pk__in=entries)

    def entries_of_queryset(self, config):
        """The matching entries of the queryset's objects: a semi-join of the entries
        to the queryset's primary keys, which PostgreSQL answers with a hash of those
        keys. An object has one entry (Wagtail indexes a page under its specific model
        only: ``Page.get_indexed_objects()`` keeps the pages of exactly that type, and
        a page saved is indexed through ``get_indexed_instance()``, its specific
        instance), so counting these entries counts the objects, and an entry's
        ``content_type_id`` is its page's. Reading the pages the other way round
        (``matching()``) has PostgreSQL de-duplicate the matching keys first, which took
        twice as long with 10,000 matches."""
        wanted = self.queryset.order_by().values("pk")
        return self.matching_entries(config).filter(_object_pk__in=wanted)

    def ranked(self, config, start, stop, score_field=None):
        """The objects from ``start`` to ``stop`` by relevance (then newest first): one
        query ranks the matching entries of the queryset's objects and keeps only that
        slice (a top-N sort), then those objects are fetched (``_objects_of``)."""
        if stop is not None and stop <= start:
            return []
        rank = self.rank_expression(config)
        entries = (
            self.entries_of_queryset(config)
            .annotate(_rank_=rank)
            .order_by("-_rank_", "-_object_pk")
            .values_list("_object_pk", "_rank_", "content_type_id")
        )
        hits = list(entries[start:stop])
        if not hits:
            return []
        objects = self._objects_of(hits)
        results = []
        for pk, score, _content_type_id in hits:
            obj = objects.get(pk)
            if obj is not None:
                if score_field is not None:
                    setattr(obj, score_field, score)
                results.append(obj)
        return results

    def counted_and_ranked(self, config, page_size, page_number, content_type_id=None):
        """``({content_type_id: count}, objects)``: how many objects match, by type, and
        one results page of them by relevance (of ``content_type_id`` only, when given):
        page ``page_number`` (from 1) of ``page_size`` objects, or the last page when
        there are fewer, as Django's ``Paginator.get_page()`` serves a page past the end.

        One statement: its common table holds each matching entry's key, type and rank,
        computed once; the counts group those rows and the page keeps its rows with a
        top-N sort. Asked separately, the counts read and joined all the matches a
        second time: at 10,000 matches the count took 10–18 ms beside the 23–36 ms of
        the slice, and together they take 27–34 ms."""
        entries = (
            self.entries_of_queryset(config)
            .annotate(_rank_=self.rank_expression(config))
            .values_list("_object_pk", "_rank_", "content_type_id")
        )
        connection = connections[entries.db]
        sql, params = entries.query.get_compiler(connection=connection).as_sql()
        only_type = "WHERE content_type_id = %s" if content_type_id is not None else ""
        type_params = [] if content_type_id is None else [content_type_id]
        statement = (
            f"WITH hits AS MATERIALIZED ({sql}) "
            "(SELECT content_type_id, COUNT(*), NULL::integer, NULL::float8 FROM hits "
            "GROUP BY content_type_id) "
            "UNION ALL "
            '(SELECT content_type_id, NULL, "_object_pk", "_rank_" FROM hits '
            f'{only_type} ORDER BY "_rank_" DESC, "_object_pk" DESC LIMIT %s '
            # The page asked for, or the last page that holds any.
            f"OFFSET LEAST(%s, GREATEST((SELECT COUNT(*) FROM hits {only_type}) - 1, 0) "
            "/ %s * %s))"
        )
        statement_params = [
            *params,
            *type_params,
            page_size,
            (page_number - 1) * page_size,
            *type_params,
            page_size,
            page_size,
        ]
        with connection.cursor() as cursor:
            cursor.execute(statement, statement_params)
            rows = cursor.fetchall()
        counts = {type_id: count for type_id, count, _pk, _rank in rows if count is not None}
        hits = [(pk, rank, type_id) for type_id, count, pk, rank in rows if count is None]
        objects = self._objects_of(hits) if hits else {}
        return counts, [objects[pk] for pk, _rank, _type_id in hits if pk in objects]

    def rank_expression(self, config):
        """An entry's relevance, as Wagtail's own search ranks it: the rank of the
        title, weighted by the entry's ``title_norm``, plus the rank of the body."""
        title = self.build_tsrank(F("title"), self.query, config=config) * F("title_norm")
        body = self.build_tsrank(F("body"), self.query, config=config) * 1.0
        return title + body

    def search(self, config, start, stop, score_field=None, backend=None):
        """What ``PostgresSearchResults.get_queryset()`` asks for: the results from
        ``start`` to ``stop``, read from the index entries (``ranked()``, or
        ``matching()`` when not in relevance order) when they answer the query."""
        if not self.reads_index_entries():
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        if not self.order_by_relevance:
            queryset = self.matching(config)
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            return queryset[start:stop]
        return self.ranked(config, start, stop, score_field)

    def _objects_of(self, hits):
        """``{pk: object}`` for the ranked ``(pk, rank, content_type_id)`` hits. The
        ranking query kept only the queryset's objects, and a page's entry names its
        specific type (see ``entries_of_queryset``): for a ``.specific()`` queryset of
        pages each type's pages are read from their model at once (plainly:
        ``select_related()``/``prefetch_related()`` ``for_specific_subqueries`` and
        ``defer_streamfields()`` are not applied, nor ``specific(defer=True)``; the site's
        search uses none of them), without Wagtail's first query for the pages' types.
        Anything not found that way comes through the queryset, as otherwise."""
        queryset = self.queryset.order_by()
        pks = [hit[0] for hit in hits]
        if not getattr(queryset, "is_specific", False) or queryset.query.annotations:
            return queryset.in_bulk(pks)
        pks_by_type = defaultdict(list)
        for pk, _rank, content_type_id in hits:
            pks_by_type[content_type_id].append(pk)
        objects = {}
        for content_type_id, type_pks in pks_by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or not issubclass(model, queryset.model):
                continue
            items = model.objects.filter(pk__in=type_pks).order_by()
            # A page of another type than its entry says (an entry left from an older
            # type, or under a parent model) is read the other way below.
            objects.update(
                (item.pk, item)
                for item in items
                if getattr(item, "content_type_id", content_type_id) == content_type_id
            )
        missing = [pk for pk in pks if pk not in objects]
        if missing:
            objects.update(queryset.in_bulk(missing))
        return objects


class LocaleAwareSearchResults(PostgresSearchResults):
    def _reads_index_entries(self):
        reads = getattr(self.query_compiler, "reads_index_entries", None)
        return reads is not None and reads()

    def _config(self):
        return self.query_compiler.get_config(self.backend)

    def _do_search(self):
        if not self._reads_index_entries():
            return super()._do_search()
        # The compiler's search() (above), with this slice and the annotate_score() field.
        return list(self.get_queryset())

    def _do_count(self):
        if not self._reads_index_entries():
            return super()._do_count()
        count = self.query_compiler.entries_of_queryset(self._config()).count()
        count -= self.start
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count, 0)

    def counted_page_types_and_results_page(self, page_size, page_number, content_type_id=None):
        """For a relevance-ordered search of pages: the matches counted by page type, and
        a results page of them (of ``content_type_id`` only, when given), as
        ``compiler.counted_and_ranked()`` reads them in one statement. None when this
        search is not read from the index entries that way (then ``facet()`` and a
        slice answer)."""
        compiler = self.query_compiler
        if not (
            self._reads_index_entries()
            and compiler.order_by_relevance
            and issubclass(compiler.queryset.model, Page)
        ):
            return None
        return compiler.counted_and_ranked(self._config(), page_size, page_number, content_type_id)

    def facet(self, field_name):
        if not self._reads_index_entries():
            return super().facet(field_name)
        compiler = self.query_compiler
        if filterable_field(compiler.queryset.model, field_name) is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f"index.FilterField('{field_name}') to "
                f"{compiler.queryset.model.__name__}.search_fields.",
                field_name=field_name,
            )
        if field_name == "content_type_id" and issubclass(compiler.queryset.model, Page):
            # A page's type is its entry's (see ``entries_of_queryset``): the pages
            # need not be read for their type.
            counts = (
                compiler.entries_of_queryset(self._config())
                .values("content_type_id")
                .annotate(count=Count("*"))
                .order_by("-count")
            )
        else:
            counts = (
                compiler.matching(self._config())
                .order_by()
                .values(field_name)
                .annotate(count=Count("pk"))
                .order_by("-count")
            )
        return OrderedDict((row[field_name], row["count"]) for row in counts)


class LocaleAwareAutocompleteQueryCompiler(
    LocaleAwareQueryMixin, PostgresAutocompleteQueryCompiler
):
    def get_config(self, backend):
        return backend.autocomplete_config


class SitePostgresSearchBackend(PostgresSearchBackend):
    index_class = LocaleAwareIndex
    query_compiler_class = LocaleAwareQueryCompiler
    autocomplete_query_compiler_class = LocaleAwareAutocompleteQueryCompiler
    results_class = LocaleAwareSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or NEUTRAL_CONFIG
        self.autocomplete_config = NEUTRAL_CONFIG

    def with_config(self, config):
        clone = copy.copy(self)
        clone.config = config
        return clone


SearchBackend = SitePostgresSearchBackend
