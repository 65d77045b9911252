"""The site's one home for Turkish text rules: transliteration and slugs, case folding,
accent-insensitive matching and alphabetical order. Every app uses these, so a rule
is fixed once.

Python and Django get Turkish wrong: ``"I".lower()`` is "i" where Turkish wants "ı",
``"İ".lower()`` is "i" plus a combining dot, code-point order puts "ç" and "ş" after
"z", and ``slugify`` drops the dotless "ı" (it has no decomposition), so "Kapanış"
becomes ``kapans`` unless Turkish letters are transliterated first."""

import re
import unicodedata

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


_I_FORMS = str.maketrans({"I": "i", "İ": "i", "ı": "i"})


def fold_for_search(text):
    """Lower case without diacritics, every dotted and dotless i as "i": "İstanbul" →
    "istanbul", "IĞDIR" and "Iğdır" → "igdir", "göç" → "goc". For matching, so a
    query meets a name however either was typed; PostgreSQL's ``unaccent`` folds the
    indexed side the same way (``search/migrations``)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_I_FORMS))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


# Turkish alphabetical order; q, w and x (foreign words) where Latin puts them.
TURKISH_ALPHABET = "abcçdefgğhıijklmnoöpqrsştuüvwxyz"
_TURKISH_RANK = {letter: rank for rank, letter in enumerate(TURKISH_ALPHABET)}


def _rank(char):
    if char in _TURKISH_RANK:
        return _TURKISH_RANK[char]
    # Other accented letters sort with their base letter: "Hakkâri" as "Hakkari".
    base = unicodedata.normalize("NFKD", char)[:1]
    return _TURKISH_RANK.get(base, 1000 + ord(char))


def collation_key(text, language="tr"):
    """Sort key: Turkish alphabetical order for Turkish (ç after c, ı before i…), since
    code-point order puts Turkish letters after "z"; case-folded order otherwise. A
    space sorts before every letter."""
    folded = fold(text, language)
    if language != "tr":
        return folded
    return [-1 if char == " " else _rank(char) for char in folded]


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
