"""Turkish-aware text helpers: slugs and case folding.

Django's ``slugify`` decomposes accented letters and drops what is left, so the dotless
"ı" (which has no decomposition) disappears: "Kapanış" becomes ``kapans``. Turkish
letters are transliterated first."""

import re

from django.utils.text import slugify

TURKISH_TO_ASCII = str.maketrans(
    {
        "ı": "i",
        "İ": "i",
        "ğ": "g",
        "Ğ": "g",
        "ş": "s",
        "Ş": "s",
        "ç": "c",
        "Ç": "c",
        "ö": "o",
        "Ö": "o",
        "ü": "u",
        "Ü": "u",
        "â": "a",
        "Â": "a",
        "î": "i",
        "Î": "i",
        "û": "u",
        "Û": "u",
    }
)

FALLBACK_SLUGS = {"tr": "sayfa", "en": "page"}


def transliterate(text):
    return (text or "").translate(TURKISH_TO_ASCII)


def turkish_slugify(text, fallback=""):
    """An ASCII slug of ``text`` ("İstanbul Çalıştayı" -> ``istanbul-calistayi``);
    ``fallback`` when nothing usable is left (a title of punctuation or emoji)."""
    return slugify(transliterate(text)) or fallback


def localize_slugify(value, allow_unicode=False):
    """Drop-in for ``django.utils.text.slugify`` as wagtail-localize calls it."""
    return slugify(transliterate(value), allow_unicode=allow_unicode)


def fold(text, language="tr"):
    """Case-fold for comparisons: Turkish rules (I -> ı, İ -> i) for Turkish."""
    text = (text or "").strip()
    if language == "tr":
        text = text.replace("I", "ı").replace("İ", "i")
        return text.lower()
    return text.casefold()


def normalise_spaces(text):
    return re.sub(r"\s+", " ", text or "").strip()


class LocalizedText(str):
    """A text with the language it is written in, when that is not the page's
    (``lang``, empty otherwise), so templates can mark it: ``<span lang="tr">``."""

    lang = ""


def localized_text(texts, language):
    """``texts[language]``, or the first other non-empty text with its ``lang`` set."""
    if texts.get(language):
        return LocalizedText(texts[language])
    for code, text in texts.items():
        if text:
            result = LocalizedText(text)
            result.lang = code
            return result
    return LocalizedText("")


def capfirst(text, language=None):
    """Django's ``capfirst`` for both languages: in Turkish, "i" capitalises to "İ"
    ("iller" → "İller", not "Iller") and "ı" to "I"."""
    from .languages import active_language

    text = str(text or "")
    if not text:
        return text
    first = text[0]
    if active_language(language) == "tr":
        first = {"i": "İ", "ı": "I"}.get(first, first.upper())
    else:
        first = first.upper()
    return first + text[1:]
