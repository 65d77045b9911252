"""Turning search hits into what the results page shows: type, date, snippet."""

from django.db.models import Manager
from wagtail.search.index import RelatedFields, SearchField

from .text import highlight_snippet

# Attributes that hold a page's own date, in order of preference. A page model can
# also define ``search_result_date`` (a property) to choose.
DATE_ATTRIBUTES = (
    "search_result_date",
    "date",
    "date_published",
    "start_date",
    "start",
    "published_date",
    "publication_date",
)


def page_date(page):
    """The date the page's own content carries (an article's, an event's, a kit's), or
    none: a listing, the home page or a standard page has no date of its own, and the day
    it was first published (often the day the content was imported) would mislead."""
    for name in DATE_ATTRIBUTES:
        value = getattr(page, name, None)
        if value and not callable(value):
            return value
    return None


def _prepare(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_prepare(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_prepare(item) for item in value.values())
    return str(value)


def _field_texts(obj, fields):
    for field in fields:
        if isinstance(field, SearchField) and field.field_name != "title":
            yield _prepare(field.get_value(obj))
        elif isinstance(field, RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = related.all()
            elif callable(related):
                related = [related()]
            else:
                related = [related]
            for item in related:
                yield from _field_texts(item, field.fields)


def searchable_text(page):
    """The page's indexed text other than its title, as plain text."""
    return " ".join(text.strip() for text in _field_texts(page, page.get_search_fields()) if text)


def summary_of(page):
    return getattr(page, "search_description", "") or getattr(page, "summary", "") or ""


def snippet(page, terms):
    """The summary with matched words marked, or else the passage of the page's text
    where a word of the query occurs, or else the plain summary."""
    summary = summary_of(page)
    return (
        highlight_snippet(summary, terms, length=300)
        or highlight_snippet(searchable_text(page), terms)
        or summary
    )


def describe(page, terms, request):
    return {
        "page": page,
        "title": page.title,
        "url": page.get_url(request),
        "type": page._meta.verbose_name,
        "date": page_date(page),
        "snippet": snippet(page, terms),
    }
