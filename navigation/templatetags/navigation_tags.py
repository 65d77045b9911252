"""The main menu (header) and the footer menu, from the editors' ``Menu`` snippets; the
breadcrumbs of views that are not Wagtail pages (search, newsletter, NGO directory)."""

from django import template
from django.utils import translation
from wagtail.models import Page, Site

from bilingual.languages import active_language
from home.models import SiteProfile
from home.templatetags.site_tags import locale_home
from website import chrome

from ..models import Menu

register = template.Library()


def _tree_items(request, language):
    """Without a main menu snippet: the home page's children marked "show in menus"."""
    home = locale_home(request, language)
    if home is None:
        return []
    return [
        {"title": child.title, "url": child.get_url(request), "page_path": child.path}
        for child in home.get_children().live().public().in_menu()
    ]


def _mark_current(items, request, page):
    current_path = page.path if isinstance(page, Page) else None
    request_path = request.path if request is not None else ""
    marked = []
    for item in items:
        if item.get("page_path") and current_path:
            active = current_path.startswith(item["page_path"])
            exact = current_path == item["page_path"]
        else:
            active = not item.get("external") and request_path.startswith(item["url"])
            exact = request_path == item["url"]
        marked.append({**item, "active": active, "exact": exact})
    return marked


def _resolved_menus(request, language):
    """Every menu's items in the language (the main menu's from the page tree where
    editors made none), from the shared chrome's cache (``website.chrome``, per site: the
    items hold the pages' URLs; a top-level page published or unpublished forgets it)."""

    def resolve():
        profile = SiteProfile.current(request)
        privacy_id = profile.privacy_page_id if profile is not None else None
        home = locale_home(request, language)
        menus = Menu.resolve_all(request, language, privacy_id)
        if menus.get(Menu.MAIN) is None:
            menus[Menu.MAIN] = _tree_items(request, language)
        return {
            "language": language,
            "home_url": home.get_url(request) if home else f"/{language}/",
            **menus,
        }

    site = Site.find_for_request(request) if request is not None else None
    return chrome.kept("menus", site.pk if site else 0, language, resolve)


def _menus(request, language):
    # Both menus are read once per request (header twice, footer once).
    resolved = getattr(request, "navigation_menus", None) if request is not None else None
    if resolved is None or resolved.get("language") != language:
        resolved = _resolved_menus(request, language)
        if request is not None:
            request.navigation_menus = resolved
    return resolved


def menu_items(context, slot):
    request = context.get("request")
    language = active_language()
    resolved = _menus(request, language)
    items = resolved.get(slot) or []
    if slot == Menu.FOOTER and resolved.get("privacy"):
        # The privacy notice is in every footer, whatever the editors' footer menu holds.
        privacy = resolved["privacy"]
        if all(item.get("page_path") != privacy["page_path"] for item in items):
            items = [*items, privacy]
    return _mark_current(items, request, context.get("page"))


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context, variant="bar"):
    """``variant`` "bar" for wide screens, "panel" inside the phone header's menu button."""
    key = "_main_menu_items"
    if key not in context:
        context[key] = menu_items(context, Menu.MAIN)
    request = context.get("request")
    return {
        "items": context[key],
        "home_url": _menus(request, active_language())["home_url"],
        "on_home": isinstance(context.get("page"), Page) and context["page"].depth == 2,
        "variant": variant,
        "request": request,
    }


@register.inclusion_tag("navigation/footer_menu.html", takes_context=True)
def footer_menu(context):
    return {"items": menu_items(context, Menu.FOOTER)}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def view_breadcrumbs(context, *trail):
    """Breadcrumbs for a view that is not a page: Home › … › the current title. ``trail``
    alternates titles and URLs of the steps between (``"NGO directory", url``)."""
    request = context.get("request")
    home = locale_home(request, active_language())
    crumbs = []
    if home is not None:
        with translation.override(active_language()):
            crumbs.append({"title": home.title, "url": home.get_url(request)})
    steps = list(trail)
    while len(steps) >= 2:
        title, url = steps.pop(0), steps.pop(0)
        crumbs.append({"title": title, "url": url or None})
    if steps:
        crumbs.append({"title": steps[0], "url": None})
    return {"crumbs": crumbs}
