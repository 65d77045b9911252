"""The header search box, on every page."""

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("search/includes/header_search_form.html", takes_context=True)
def header_search(context):
    request = context.get("request")
    query = ""
    if request is not None and context.get("search_url") == request.path:
        query = context.get("query", "")
    return {
        "action": reverse("site_search:search"),
        "query": query,
        "field_id": context.get("search_id") or "header-search-q",
    }
