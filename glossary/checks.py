"""The editor's terminology check: deprecated glossary terms used in a page."""

import re

from django.db import models
from django.utils.html import strip_tags
from wagtail.fields import StreamField

from bilingual.text import fold

from .models import GlossaryTerm

SKIPPED_FIELDS = {"slug", "url_path", "path", "draft_title", "translation_key", "folded_term"}


def page_text(page):
    """The visible text of a page: its text fields and StreamField content."""
    texts = []
    for field in page._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        value = getattr(page, field.attname, None)
        if not value:
            continue
        if isinstance(field, StreamField):
            texts.extend(
                strip_tags(str(t)) for t in field.stream_block.get_searchable_content(value)
            )
        elif isinstance(field, (models.CharField, models.TextField)) and isinstance(value, str):
            texts.append(strip_tags(value))
    return "\n".join(texts)


def deprecated_terms_in(text, locale):
    """[(deprecated variant, preferred term)] used in ``text``, in the language of
    ``locale``. A variant matches at a word start, so Turkish suffixes still match
    ("kaçak göçle" for "kaçak göç")."""
    language = locale.language_code
    folded_text = fold(text, language)
    found = []
    for entry in GlossaryTerm.objects.filter(locale=locale).exclude(deprecated_terms=""):
        for variant in entry.deprecated_list:
            pattern = r"(?<!\w)" + re.escape(fold(variant, language)).replace(r"\ ", r"\s+")
            if re.search(pattern, folded_text):
                found.append((variant, entry.term))
    return found
