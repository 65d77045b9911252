from urllib.parse import urlencode

from django import template
from django.urls import reverse
from wagtail.models import Page

from reach import counting

register = template.Library()


@register.inclusion_tag("reach/beacon_tag.html", takes_context=True)
def reach_beacon(context):
    """The beacon's address for this page: its path and, for a Wagtail page, its id.

    The same for every visitor, so a page served from a shared cache carries it
    unchanged. Not on error pages (Django's 404 and 500 handlers pass ``exception`` or
    no request): a mistyped address is not a page view."""
    request = context.get("request")
    if request is None or "exception" in context or not counting.enabled():
        return {"url": ""}
    path, _language = counting.clean_path(request.path)
    if path is None:
        return {"url": ""}
    params = {"p": path}
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        params["id"] = page.pk
    return {"url": f"{reverse('reach_hit')}?{urlencode(params)}"}
