"""Text helpers for search: Turkish-correct folding, query cleaning, snippets.

Python's ``str.lower`` is wrong for Turkish ("İ".lower() is "i" + a combining dot,
"I".lower() is "i" where Turkish wants "ı"). For *matching* the right answer is to
fold every dotted and dotless i to a plain "i" and strip diacritics, so "IĞDIR",
"Iğdır" and "igdir" all meet; PostgreSQL's ``unaccent`` does the same on the
indexed side (see ``search/migrations``).
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from bilingual.text import fold as case_fold

MAX_QUERY_LENGTH = 200
_I_FORMS = {"I": "i", "İ": "i", "ı": "i", "i": "i"}
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def fold(text):
    """Lower-case without diacritics, every i-form folded to "i": "İstanbul" →
    "istanbul", "IĞDIR" → "igdir", "göç" → "goc"."""
    out = []
    for char in text:
        if char in _I_FORMS:
            out.append("i")
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        out.append((base or char).lower())
    return "".join(out)


def turkish_lower(text):
    """Correct Turkish lower case (İ → i, I → ı), for display and query logs."""
    return case_fold(text, "tr")


def clean_query(raw):
    """What the user typed, made safe to show and to log: one line, single spaces,
    at most MAX_QUERY_LENGTH characters."""
    text = _CONTROL.sub(" ", raw or "")[: MAX_QUERY_LENGTH * 2]
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_words(query):
    """The words of a query as typed (punctuation dropped, letters kept): what the view
    hands to the search backend, which folds them itself and can still see a Turkish
    "ğ" (``turkish_variants``)."""
    return [word for word in _NOT_WORD.split(query.replace("_", " ")) if word]


def search_terms(query):
    """The folded words of a query; punctuation (SQL, HTML, tsquery syntax) dropped."""
    return [term for term in _NOT_WORD.split(fold(query).replace("_", " ")) if term]


# A Turkish stem ending in k softens to ğ before a vowel: "sözlük" → "sözlüğü",
# "sözlüğün", "sözlüğe". The stemmer undoes it ("sözlüğü" → "sözlük") only on the
# unfolded word, but the index folds first ("sozlugu" stays "sozlugu"), so the query
# asks for both forms of such words.
_SOFTENED_ENDING = re.compile(r"ğ(?:[ıiuü]n?|[ae])$")


def turkish_variants(query):
    """For each word of ``query`` (in ``search_terms`` order), the folded forms to look
    for as prefixes in the Turkish index: the word itself and, for the k/ğ alternation,
    the other form ("sözlük" → "sozluk", "sozlug"; "sözlüğü" → "sozlugu", "sozluk")."""
    variants = []
    for word in _NOT_WORD.split(turkish_lower(query).replace("_", " ")):
        base = fold(word)
        if not base:
            continue
        forms = [base]
        if _SOFTENED_ENDING.search(word):
            forms.append(fold(_SOFTENED_ENDING.sub("k", word)))
        elif len(base) > 3 and base.endswith("k"):
            forms.append(base[:-1] + "g")
        variants.append(forms)
    return variants


def _term_prefixes(terms):
    # A light stand-in for stemming when highlighting: "trainings" marks "training",
    # "eğitim" marks "Eğitimleri".
    return [term if len(term) <= 4 else term[: len(term) - 2] for term in terms]


def highlight_snippet(text, terms, length=260):
    """An escaped excerpt of ``text`` around the first matched term, with every
    matched word wrapped in <mark>. None when no term occurs."""
    if not text or not terms:
        return None
    prefixes = _term_prefixes(terms)
    words = list(_WORD.finditer(text))
    matched = [m for m in words if any(fold(m.group()).startswith(p) for p in prefixes)]
    if not matched:
        return None
    first = matched[0].start()
    start = max(0, first - length // 3)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    pieces = []
    cursor = start
    for m in matched:
        if m.start() < start or m.end() > end:
            continue
        pieces.append(escape(text[cursor : m.start()]))
        pieces.append(f"<mark>{escape(m.group())}</mark>")
        cursor = m.end()
    pieces.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
