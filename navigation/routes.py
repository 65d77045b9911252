"""The site's own routes that are not Wagtail pages, as editors can put them in a menu.

Each is a URL name (reversed in the page's language, so /tr/stk-rehberi/ and
/en/ngo-directory/) and the label a menu shows when the editor gives none. An app that
adds a public route adds it here."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

ROUTES = {
    "directory": ("directory:index", _("NGO directory")),
    "directory_propose": ("directory:propose", _("Propose an organisation")),
    "newsletter": ("newsletter:signup", _("Newsletter")),
    "search": ("site_search:search", _("Search")),
}


def route_choices():
    return [(key, label) for key, (_name, label) in ROUTES.items()]


def route_url(key):
    """The route's URL in the active language, or None for a route that is gone."""
    try:
        return reverse(ROUTES[key][0])
    except (KeyError, NoReverseMatch):
        return None


def route_label(key):
    return ROUTES[key][1] if key in ROUTES else key
