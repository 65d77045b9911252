"""Wagtail search backend for PostgreSQL that speaks both of the site's languages.

Wagtail's database backend takes one ``SEARCH_CONFIG`` for everything. Here each
indexed object is turned into a tsvector with the text-search configuration of its
own locale (``site_turkish`` for Turkish pages, ``site_english`` for English ones;
objects without a locale, such as images, use ``site_simple``), and a query is parsed
with the configuration of the active language. The configurations are created by
``search/migrations/0001_text_search_configurations.py``: each runs ``unaccent`` before
the stemmer, so "İstanbul", "IĞDIR" and "göç" are indexed as "istanbul", "igdir" and
"goc". Query words are folded the same way in Python (``search.text.fold``) and
matched as prefixes of their stems, because the Turkish stemmer strips suffixes
unevenly ("eğitim" → "egit", "eğitimleri" → "egitim").

Use it with ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}``
(website/settings/base.py does so when the database is PostgreSQL).
"""

import copy
import re

from django.contrib.postgres.search import SearchQuery
from django.utils import translation
from wagtail.models import Locale, TranslatableMixin
from wagtail.search.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.search.backends.database.postgres.query import Lexeme
from wagtail.search.query import Phrase, PlainText

from .text import fold, search_terms

LANGUAGE_CONFIGS = {"tr": "site_turkish", "en": "site_english"}
NEUTRAL_CONFIG = "site_simple"


def config_for_language(language_code):
    code = (language_code or "").split("-")[0].lower()
    return LANGUAGE_CONFIGS.get(code, NEUTRAL_CONFIG)


class LocaleAwareIndex(PostgresIndex):
    """Indexes each object with the configuration of its locale."""

    def add_items(self, model, objs):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        groups = {}
        for obj in objs:
            locale_id = getattr(obj, "locale_id", None)
            config = config_for_language(languages.get(locale_id)) if locale_id else NEUTRAL_CONFIG
            groups.setdefault(config, []).append(obj)
        for config, group in groups.items():
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)


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
            lexemes = None
            for term in terms:
                lexeme = Lexeme(term, invert=invert, prefix=True)
                if lexemes is None:
                    lexemes = lexeme
                elif query.operator == "and":
                    lexemes &= lexeme
                else:
                    lexemes |= lexeme
            return SearchQuery(lexemes, search_type="raw", config=config)
        if isinstance(query, Phrase):
            text = " ".join(re.split(r"\W+", fold(query.query_string))).strip()
            return SearchQuery(text, search_type="phrase", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)


class LocaleAwareQueryCompiler(LocaleAwareQueryMixin, PostgresSearchQueryCompiler):
    pass


class LocaleAwareAutocompleteQueryCompiler(
    LocaleAwareQueryMixin, PostgresAutocompleteQueryCompiler
):
    def get_config(self, backend):
        return backend.autocomplete_config


class SitePostgresSearchBackend(PostgresSearchBackend):
    index_class = LocaleAwareIndex
    query_compiler_class = LocaleAwareQueryCompiler
    autocomplete_query_compiler_class = LocaleAwareAutocompleteQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or NEUTRAL_CONFIG
        self.autocomplete_config = NEUTRAL_CONFIG

    def with_config(self, config):
        clone = copy.copy(self)
        clone.config = config
        return clone


SearchBackend = SitePostgresSearchBackend
