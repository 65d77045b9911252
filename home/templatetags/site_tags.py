"""Template tags for the chrome every page shares: navigation, breadcrumbs, the
language switcher and hreflang links, the site profile and partners."""

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Page, Site

from home.models import Partner, SiteProfile, SocialSettings
from website.security import allow_inline_style

register = template.Library()


def _language_names():
    return {
        code: translation.get_language_info(code)["name_local"] for code, _ in settings.LANGUAGES
    }


def _locale_home(request, language_code):
    """The home page of a language's tree (the site root's translation)."""
    site = (
        Site.find_for_request(request)
        if request
        else Site.objects.filter(is_default_site=True).first()
    )
    if site is None:
        return None

    # One query: the site root, or its live translation in that language.
    return (
        Page.objects.filter(
            translation_key__in=Page.objects.filter(pk=site.root_page_id).values(
                "translation_key"
            ),
            locale__language_code=language_code,
        )
        .filter(Q(pk=site.root_page_id) | Q(live=True))
        .first()
    )


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One entry per language: where the switcher takes you from this page.

    A page's live translation when there is one; otherwise the page itself shown in
    that language's chrome with a "not yet translated" notice (bilingual app's
    ``untranslated_page`` view), marked ``available=False`` so the template says so and
    no hreflang is given. Pages that are not Wagtail pages (feeds, search, 404) switch
    by URL."""
    cache_key = "_language_links"
    if cache_key in context:
        return context[cache_key]
    page = page or None
    links = _language_links(context.get("request"), page)
    context[cache_key] = links
    return links


def _language_links(request, page):
    current = translation.get_language()
    names = _language_names()
    translations = {}
    if page is not None and getattr(page, "pk", None):
        for translated in (
            Page.objects.filter(translation_key=page.translation_key)
            .live()
            .public()
            .select_related("locale")
        ):
            translations[translated.locale.language_code] = translated
    links = []
    for code, _label in settings.LANGUAGES:
        target = translations.get(code)
        available = target is not None
        if target is not None:
            url = target.get_url(request)
        elif page is None and request is not None:
            url = translate_url(request.get_full_path(), code)
            available = True
        elif page is not None and getattr(page, "pk", None):
            with translation.override(code):
                url = reverse("untranslated_page", args=[page.pk])
        else:
            home = _locale_home(request, code)
            url = home.get_url(request) if home else f"/{code}/"
        links.append(
            {
                "code": code,
                "name": names[code],
                "url": url,
                "full_url": request.build_absolute_uri(url) if request else url,
                "is_current": code == current,
                "available": available,
            }
        )
    return links


def _menu(request, home_path, language):
    """The home page and its children in the menu, as plain data."""
    if home_path:
        # The home page and its menu children in one query.
        depth = len(home_path) // Page.steplen + 1
        children = (
            Page.objects.filter(path__startswith=home_path, depth=depth).live().in_menu().public()
        )
        rows = list((Page.objects.filter(path=home_path) | children).order_by("path"))
        home = rows[0] if rows and rows[0].path == home_path else None
        children = rows[1:] if home is not None else []
    else:
        home = _locale_home(request, language)
        children = home.get_children().live().in_menu().public() if home else []
    if home is None:
        return None
    return {
        "url": home.get_url(request),
        "items": [
            {"title": child.title, "url": child.get_url(request), "path": child.path}
            for child in children
        ],
    }


def _menu_in_context(context):
    """The menu for the page being rendered, built once per render (the header's home
    link and the menu itself both need it)."""
    if "_main_menu" in context:
        return context["_main_menu"]
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page) and not context.get("untranslated"):
        # The language tree's home is the page's ancestor at depth 2.
        home_path = page.path[: Page.steplen * 2] if page.depth >= 2 else None
        menu = _menu(request, home_path, None) if home_path else None
    else:  # no page, or a page shown untranslated in this language's chrome
        menu = _menu(request, None, translation.get_language())
    context["_main_menu"] = menu
    return menu


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    page = context.get("page")
    menu = _menu_in_context(context)
    current_path = page.path if page is not None else ""
    items = [
        {**item, "active": current_path.startswith(item["path"])}
        for item in (menu["items"] if menu else [])
    ]
    return {"home": menu, "items": items, "request": request}


def page_ancestors(request, page):
    """The page's ancestors from its language's home down, as ``{"title", "url"}`` (the
    breadcrumbs and their JSON-LD both ask: read once per page object)."""
    if "breadcrumb_ancestors" not in page.__dict__:
        ancestors = Page.objects.ancestor_of(page).filter(depth__gte=2).order_by("path")
        page.__dict__["breadcrumb_ancestors"] = [
            {"title": a.title, "url": a.get_url(request)} for a in ancestors
        ]
    return page.__dict__["breadcrumb_ancestors"]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context.get("request")
    if page is None or page.depth <= 2 or context.get("untranslated"):
        return {"crumbs": []}
    crumbs = [*page_ancestors(request, page), {"title": page.title, "url": None}]
    return {"crumbs": crumbs}


@register.simple_tag(takes_context=True)
def site_profile(context):
    """The SiteProfile of the active language (Turkish when that language has none)."""
    return SiteProfile.current(context.get("request"))


@register.simple_tag
def footer_partners():
    return Partner.for_footer()


@register.simple_tag(takes_context=True)
def social_settings(context):
    """The site's social links and brand colour."""
    request = context.get("request")
    return SocialSettings.for_page_chrome(request) if request is not None else None


@register.simple_tag(takes_context=True)
def brand_style(context, colour):
    """The <style> that sets the site's brand colour, let through the CSP by its hash."""
    if not colour:
        return ""
    css = f":root{{--brand: {colour};}}"
    request = context.get("request")
    if request is not None:
        allow_inline_style(request, css)
    return format_html("<style>{}</style>", css)


@register.simple_tag(takes_context=True)
def locale_home_url(context):
    menu = _menu_in_context(context)
    if menu is not None:
        return menu["url"]
    language = translation.get_language()
    home = _locale_home(context.get("request"), language)
    return home.get_url(context.get("request")) if home else f"/{language}/"


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    """The absolute URL of a page, on the host the request came to."""
    request = context.get("request")
    url = page.get_url(request)
    return request.build_absolute_uri(url) if request else page.full_url
