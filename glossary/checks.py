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


def term_pattern(term, language):
    """A term as a regular expression over folded text: at a word start, so Turkish
    suffixes still match ("kaçak göçle" for "kaçak göç"), any spacing between words."""
    return re.compile(r"(?<!\w)" + re.escape(fold(term, language)).replace(r"\ ", r"\s+"))


def deprecated_terms_in(text, locale):
    """[(deprecated variant, preferred term)] used in ``text``, in the language of
    ``locale``, each once, in the order they first appear.

    Because a term matches at a word start, a term matches inside a longer one:
    "kaçak göçmenler" is "kaçak göç" (for "düzensiz göç") followed by "men", as well as
    "kaçak göçmen" (for "düzensiz göçmen"). Where matches overlap the longest wins, so
    one piece of text gives one warning, the one its whole words call for; a preferred
    term takes part too, so a deprecated variant inside a longer preferred term (a
    variant "göç idaresi" in the term "Göç İdaresi Başkanlığı") is not reported."""
    language = locale.language_code
    folded_text = fold(text, language)
    matches = []
    for entry in GlossaryTerm.objects.filter(locale=locale).order_by("pk"):
        for variant in [None, *entry.deprecated_list]:
            pattern = term_pattern(variant or entry.term, language)
            for match in pattern.finditer(folded_text):
                matches.append((match.start(), match.end(), variant, entry.term))
    taken, found = [], []
    # Longest first; between equals, the earlier, and a deprecated variant before a
    # preferred term (a word the glossary lists as both is worth a warning).
    by_length = sorted(matches, key=lambda m: (m[0] - m[1], m[0], m[2] is None))
    for start, end, variant, preferred in by_length:
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        if variant is not None:
            found.append((start, (variant, preferred)))
    return list(dict.fromkeys(pair for _start, pair in sorted(found)))
