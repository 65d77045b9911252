"""Text helpers for search: query cleaning, Turkish query variants, snippets.

Folding for matching (every i-form to "i", diacritics dropped) is
``bilingual.text.fold_for_search``, shared with the NGO directory's name search.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from bilingual.text import fold as case_fold
from bilingual.text import fold_for_search

MAX_QUERY_LENGTH = 200
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


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
    return [term for term in _NOT_WORD.split(fold_for_search(query).replace("_", " ")) if term]


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
        base = fold_for_search(word)
        if not base:
            continue
        forms = [base]
        if _SOFTENED_ENDING.search(word):
            forms.append(fold_for_search(_SOFTENED_ENDING.sub("k", word)))
        elif len(base) > 3 and base.endswith("k"):
            forms.append(base[:-1] + "g")
        variants.append(forms)
    return variants


def _term_prefixes(terms):
    # A light stand-in for stemming when highlighting: "trainings" marks "training",
    # "eğitim" marks "Eğitimleri".
    return [term if len(term) <= 4 else term[: len(term) - 2] for term in terms]


def _excerpt(text, first, length):
    """``(start, end)`` of the excerpt of about ``length`` characters around the word
    at ``first``, cut at spaces."""
    start = max(0, first - length // 3)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    return start, end


def highlight_snippet(text, terms, length=260):
    """An escaped excerpt of ``text`` around the first matched term, with every
    matched word wrapped in <mark>. None when no term occurs."""
    if not text or not terms:
        return None
    prefixes = tuple(_term_prefixes(terms))
    # The words are read up to the end of the excerpt only, and each distinct word is
    # folded once (a page's text repeats its words).
    matches_by_word = {}
    matched = []
    start = end = None
    for m in _WORD.finditer(text):
        if end is not None and m.end() > end:
            break
        word = m.group()
        found = matches_by_word.get(word)
        if found is None:
            found = matches_by_word[word] = fold_for_search(word).startswith(prefixes)
        if not found:
            continue
        if start is None:
            start, end = _excerpt(text, m.start(), length)
            if m.end() > end:
                break
        matched.append(m)
    if start is None:
        return None
    pieces = []
    cursor = start
    for m in matched:
        pieces.append(escape(text[cursor : m.start()]))
        pieces.append(f"<mark>{escape(m.group())}</mark>")
        cursor = m.end()
    pieces.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
