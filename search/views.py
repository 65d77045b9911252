from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from bilingual.text import fold as case_fold
from home.templatetags.site_tags import locale_home
from website import chrome

from .results import describe, summary_of
from .text import clean_query, query_words, search_terms

RESULTS_PER_PAGE = 10


def _log_query(query, language):
    """Count the query for the "Search terms" report (Reports → Search terms) and
    return its text as stored in its Query (which the editors' promoted results name)."""
    text = normalise_query_string(case_fold(query, language))
    # Query.get() reads the query's row and Query.add_hit() the day's row, then writes
    # it: one UPDATE (the day's row found through the query's text) does, except for the
    # day's first search of this query.
    today = timezone.now().date()
    hits = QueryDailyHits.objects.filter(query__query_string=text, date=today)
    if not hits.update(hits=F("hits") + 1):
        Query.get(text).add_hit(today)
    return text


def _promoted_queries():
    """The texts of the queries that have editors' picks: few, and kept with the shared
    chrome (``website.chrome``), which a promotion saved or deleted forgets
    (``FRONTEND_CACHE_BAN_ON``), so most searches need not ask for picks."""
    return chrome.kept(
        "promoted",
        0,
        "",
        lambda: frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True)),
    )


def _promotions(query_text, pages, request):
    """Editors' picks for the query (``_log_query``'s text): pages of ``pages`` (the
    search's live public pages of this language), or links."""
    if query_text not in _promoted_queries():
        return []
    picks = list(
        SearchPromotion.objects.filter(query__query_string=query_text).order_by("sort_order")
    )
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    pages_by_id = {}
    if page_ids:
        pages_by_id = {page.pk: page for page in pages.filter(pk__in=page_ids).specific()}
    promoted = []
    for pick in picks:
        if pick.page_id in pages_by_id:
            page = pages_by_id[pick.page_id]
            promoted.append(
                {
                    "title": page.title,
                    "url": page.get_url(request),
                    "description": pick.description or summary_of(page),
                }
            )
        elif not pick.page_id and getattr(pick, "external_link_url", ""):
            promoted.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return promoted


def _page_type_id(key):
    """The content type id of a page type named ``app_label.model_name`` (the results
    page's ``type=``), or None."""
    app_label, _, model_name = key.partition(".")
    if not model_name:
        return None
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    except ContentType.DoesNotExist:
        return None
    # A type whose model is gone is listed by no filter link either.
    return content_type.pk if content_type.model_class() is not None else None


def _match_count(counts, content_type_id):
    """How many matches ``counts`` (by content type) holds: of ``content_type_id``, or of
    every type when it is None."""
    if content_type_id is None:
        return sum(counts.values())
    return counts.get(content_type_id, 0)


def _counts_and_results_page(pages, text, content_type_id, number):
    """``({content_type_id: count}, pages)``: the matches among ``pages`` counted by
    type, and results page ``number`` of them by relevance (of ``content_type_id`` only,
    when given), or the last page when there are fewer. The site's PostgreSQL backend
    reads both in one statement (``search/backend.py``); another backend answers a
    facet and a slice."""
    found = pages.specific().search(text, operator="and")
    counted = getattr(found, "counted_page_types_and_results_page", None)
    answer = counted(RESULTS_PER_PAGE, number, content_type_id) if counted else None
    if answer is not None:
        return answer
    counts = pages.search(text, operator="and").facet("content_type_id")
    if content_type_id is not None:
        of_type = pages.filter(content_type_id=content_type_id)
        found = of_type.specific().search(text, operator="and")
    total = _match_count(counts, content_type_id)
    number = Paginator(range(total), RESULTS_PER_PAGE).get_page(number).number
    start = (number - 1) * RESULTS_PER_PAGE
    return counts, list(found[start : start + RESULTS_PER_PAGE])


def _results_page(pages, text, requested_type, page_number):
    """``(types, selected, page_obj)`` for the results page: the page types that match
    (each with its count, the most first), the one asked for (if it matches anything),
    and Django's ``Page`` of the results, for the pagination links.

    A page number that is not a number, or is below 1, reads as the first page; one past
    the end as the last page (the statement that reads the results knows their count)."""
    try:
        number = max(int(page_number), 1)
    except (TypeError, ValueError):
        number = 1
    wanted = _page_type_id(requested_type)
    counts, found = _counts_and_results_page(pages, text, wanted, number)
    if wanted is not None and wanted not in counts:
        # No match of the type asked for: all types.
        wanted = None
        counts, found = _counts_and_results_page(pages, text, wanted, number)
    types = []
    for ct_id, count in counts.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None:
            continue
        key = f"{model._meta.app_label}.{model._meta.model_name}"
        types.append({"key": key, "label": model._meta.verbose_name, "count": count, "id": ct_id})
    types.sort(key=lambda item: (-item["count"], str(item["label"])))
    selected = next((item for item in types if item["id"] == wanted), None)
    # A paginator over the numbers of the matches: it knows their count, reads nothing.
    page_obj = Paginator(range(_match_count(counts, wanted)), RESULTS_PER_PAGE).get_page(number)
    page_obj.object_list = found
    return types, selected, page_obj


# Per visitor: the words typed may be personal, and each search is counted for the
# "Search terms" report; never kept by the shared cache.
@never_cache
@require_safe
def search(request):
    language = translation.get_language()
    query = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    requested_type = request.GET.get("type", "")

    context = {
        "query": query,
        "terms": terms,
        "selected_type": "",
        "types": [],
        "results": [],
        "page_obj": None,
        "promotions": [],
        "result_count": 0,
        "search_url": reverse("site_search:search"),
        "other_languages": [],
        "sections": [],
        # Results pages are for the visitor, not for search engines' indexes.
        "noindex": True,
        "view_meta": {
            "title": gettext("Search"),
            "description": gettext(
                "Search the news, events, training kits and info notes of the site."
            ),
        },
    }
    text = " ".join(query_words(query))
    if text:
        # The language's home page, kept with the shared chrome, names its locale.
        home = locale_home(request, language)
        locale_id = home.locale_id if home is not None else Locale.get_active().pk
        pages = Page.objects.live().public().filter(locale_id=locale_id, depth__gt=1)
        first_page = request.GET.get("page") in (None, "", "1")
        logged = _log_query(query, language) if first_page else None

        types, selected, page_obj = _results_page(
            pages, text, requested_type, request.GET.get("page")
        )
        described = [describe(page, terms, request) for page in page_obj]
        context.update(
            selected_type=selected["key"] if selected else "",
            types=types,
            page_obj=page_obj,
            result_count=page_obj.paginator.count,
            results=described,
            promotions=(
                _promotions(logged, pages, request)
                if logged and page_obj.number == 1 and not selected
                else []
            ),
        )
    if text:
        # What other apps find that is not a page (the NGO directory's organisations).
        for dotted in getattr(settings, "SITE_SEARCH_EXTRA_SECTIONS", []):
            section = import_string(dotted)(query)
            if section:
                context["sections"].append(section)
        # The summary counts everything the page lists: pages and every other section.
        context["total_count"] = context.get("result_count", 0) + sum(
            section.get("count", len(section["items"])) for section in context["sections"]
        )
    # Same query in the other languages, for the "no results" help.
    for code, _name in settings.LANGUAGES:
        if code != language:
            name = str(translation.get_language_info(code)["name_translated"])
            with translation.override(code):
                url = reverse("site_search:search")
            context["other_languages"].append({"code": code, "name": name, "url": url})
    return render(request, "search/search.html", context)
