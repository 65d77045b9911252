"""Template tags for the chrome every page shares: the EU emblem, breadcrumbs, the
language switcher and hreflang links, the site profile and partners."""

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.models import Page, Site

from bilingual.languages import active_language
from home import emblem
from home.models import Partner, SiteProfile, SocialSettings
from website import chrome
from website.security import allow_inline_style

register = template.Library()


def _language_names():
    return {
        code: translation.get_language_info(code)["name_local"] for code, _ in settings.LANGUAGES
    }


def locale_home(request, language_code, found=None):
    """The home page of a language's tree (the site root's translation).

    The header, the menus, the breadcrumbs and the language switcher each ask for it: it
    is kept with the shared chrome (``website.chrome``; a change to a home page changes
    every page) and on the request."""
    homes = getattr(request, "locale_homes", None) if request is not None else None
    if homes is None:
        homes = {}
        if request is not None:
            request.locale_homes = homes
    if found is not None:
        homes[language_code] = found  # already read by the caller (the breadcrumbs)
    if language_code not in homes:
        site = (
            Site.find_for_request(request)
            if request
            else Site.objects.filter(is_default_site=True).first()
        )
        homes[language_code] = None
        if site is not None:
            homes[language_code] = chrome.kept(
                "home", site.pk, language_code, lambda: _find_locale_home(site, language_code)
            )
    return homes[language_code]


def _find_locale_home(site, language_code):
    # One query: the site root, or its live translation in that language.
    return (
        Page.objects.filter(
            translation_key__in=Page.objects.filter(pk=site.root_page_id).values("translation_key"),
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
    # Django's "page not found" view gives its template ``request_path``: the same path in
    # the other language would not be found either, so the switcher leads to its home.
    not_found = page is None and "request_path" in context
    request = context.get("request")
    links = _language_links(
        request, page, not_found=not_found, routes=context.get("language_alternates")
    )
    if listing_page_number(request) > 1:
        # Page 2 of a listing is not the same list in the other language: no alternate.
        links = [{**link, "alternate": False} for link in links]
    context[cache_key] = links
    return links


def _language_links(request, page, not_found=False, routes=None):
    """``routes``: what a routable page's sub-route (a news category, an activity) gives
    as its equivalent in each language, ``{code: url or None}``; a language without one
    is switched to as the page itself would be, but claimed as no alternate."""
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
        alternate_url = None
        if target is not None:
            url = target.get_url(request)
        elif page is None and request is not None and not not_found:
            # The switcher keeps the visitor's filters; the hreflang alternate names the
            # other language's canonical address (``canonical_for``), as search engines
            # expect alternates and canonicals to agree.
            url = translate_url(request.get_full_path(), code)
            alternate_url = translate_url(canonical_for(request), code)
            available = True
        elif page is not None and getattr(page, "pk", None):
            with translation.override(code):
                url = reverse("untranslated_page", args=[page.pk])
        else:
            home = locale_home(request, code)
            url = home.get_url(request) if home else f"/{code}/"
            available = not_found
        alternate = available and not not_found
        if routes is not None:
            if routes.get(code):
                url, available, alternate = routes[code], True, True
            else:
                alternate = False
                if page is None:
                    # A view with no equivalent there (a registration form of an event
                    # that is not translated): the switcher leads to that language's home.
                    home = locale_home(request, code)
                    url = home.get_url(request) if home else f"/{code}/"
        links.append(
            {
                "code": code,
                "name": names[code],
                "url": url,
                "full_url": (request.build_absolute_uri(alternate_url or url) if request else url),
                "is_current": code == current,
                "available": available,
                # An hreflang alternate: the same content in that language (never from
                # a "page not found", whose switcher leads to the other home instead).
                "alternate": alternate,
            }
        )
    return links


def page_ancestors(request, page):
    """The page's ancestors from its language's home down, as ``{"title", "url"}`` (the
    breadcrumbs and their JSON-LD both ask: read once per page object)."""
    if "breadcrumb_ancestors" not in page.__dict__:
        language = active_language()
        known = getattr(request, "locale_homes", {}) if request is not None else {}
        home = known.get(language)
        if home is not None and page.path.startswith(home.path) and page.depth == home.depth + 1:
            ancestors = [home]  # the header has already read it: nothing left to ask
        else:
            ancestors = list(
                Page.objects.ancestor_of(page)
                .filter(depth__gte=2)
                .select_related("locale")
                .order_by("path")
            )
            first = ancestors[0] if ancestors else None
            if (
                request is not None
                and first is not None
                and first.depth == 2
                and first.live
                and first.locale.language_code == language
            ):
                # The same page the header's home link asks for: read once.
                locale_home(request, language, found=first)
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


@register.simple_tag
def eu_emblem(label=""):
    """The EU emblem as inline SVG (``home.emblem``), at the size the CSS gives it; the
    funding statement stands beside it as text, never inside it."""
    label = label or gettext("Flag of the European Union")
    return format_html(
        '<svg class="eu-emblem" viewBox="0 0 810 540" width="810" height="540" role="img" '
        'aria-label="{}" focusable="false">{}</svg>',
        label,
        mark_safe(emblem.svg_shapes()),
    )


@register.simple_tag(takes_context=True)
def site_profile(context):
    """The SiteProfile of the active language (Turkish when that language has none)."""
    return SiteProfile.current(context.get("request"))


@register.simple_tag(takes_context=True)
def chrome_cache(context):
    """What the shared chrome's fragments are cached by (``website.chrome``): how long,
    and the request's site (with ``LANGUAGE_CODE`` beside it in the template)."""
    site = Site.find_for_request(context.get("request")) if context.get("request") else None
    return {"seconds": chrome.seconds(), "site": site.pk if site else 0}


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
    request = context.get("request")
    language = translation.get_language()
    home = locale_home(request, language)
    return home.get_url(request) if home else f"/{language}/"


@register.simple_tag(takes_context=True)
def parent_url(context, page):
    """The URL of a page's parent ("All events" under an event card): Wagtail routes a
    page at its parent's URL plus its slug, so the parent is not fetched for it."""
    request = context.get("request")
    url = page.get_url(request)
    suffix = f"{page.slug}/"
    if url and url.endswith(suffix):
        return url[: -len(suffix)]
    return page.get_parent().get_url(request)


def listing_page_number(request):
    """The ``?page=`` a listing shows (1 when absent or not a number)."""
    try:
        return max(1, int(request.GET.get("page", 1))) if request is not None else 1
    except (TypeError, ValueError):
        return 1


def canonical_for(request, page=None):
    """The address search engines should keep for what this request shows: the path it
    was answered at (a page, or one of a routable page's sub-routes such as a news
    category or an activity), with ``?page=N`` from page 2 of a listing on, and no other
    query string (filters that only narrow or re-sort are ``noindex`` instead)."""
    if request is None:
        return page.full_url if page is not None else ""
    number = listing_page_number(request)
    return request.build_absolute_uri(request.path + (f"?page={number}" if number > 1 else ""))


@register.simple_tag(takes_context=True)
def canonical_url(context, page=None):
    """The canonical address of the page or view being shown (``canonical_for``); for
    a page shown untranslated in the other language's chrome, the original page. The
    canonical link and ``og:url`` both say it."""
    request = context.get("request")
    untranslated = context.get("untranslated")
    if untranslated and request is not None:
        return request.build_absolute_uri(untranslated["url"])
    return canonical_for(request, page or None)


@register.simple_tag(takes_context=True)
def robots_noindex(context):
    """True where the page should stay out of search engines' indexes: an untranslated
    page shown in the other language's chrome, and any view narrowed or re-sorted by a
    query string (province, type, topic filters: the unfiltered listing is indexed), and
    what a view marks ``noindex`` (news categories, tags and years, calendar months,
    search results)."""
    if context.get("untranslated") or context.get("noindex"):
        return True
    request = context.get("request")
    if request is None:
        return False
    # Page 2 on of a listing: followed for its links, kept out of the index (and out of
    # the sitemap) like the filters.
    return listing_page_number(request) > 1 or any(key != "page" for key in request.GET)


def picture_specs(width, ratio="16x9"):
    """The renditions ``{% picture %}`` uses, by (width, kind): listings prefetch them."""
    rw, rh = (int(part) for part in ratio.split("x"))
    specs = {}
    for w in (width, width * 2):
        h = round(w * rh / rw)
        specs[(w, "webp")] = f"fill-{w}x{h}|format-webp"
        specs[(w, "orig")] = f"fill-{w}x{h}"
    return specs


@register.simple_tag
def picture(image, width=640, ratio="16x9", sizes="", eager=False, css_class=""):
    """A responsive <picture> from Wagtail renditions: WebP and the original format at
    ``width`` and twice that (dense screens), cropped to ``ratio``, with width and height
    set (no layout shift) and lazy loading unless ``eager`` (images in the first
    viewport). Decorative
    in cards (the title beside it says it all), so alt is empty."""
    if image is None:
        return ""
    widths = [width, width * 2]
    specs = picture_specs(width, ratio)
    renditions = image.get_renditions(*specs.values())
    by_key = {key: renditions[spec] for key, spec in specs.items()}

    def srcset(kind):
        return ", ".join(f"{by_key[(w, kind)].url} {by_key[(w, kind)].width}w" for w in widths)

    sizes = sizes or f"(min-width: {width}px) {width}px, 100vw"
    fallback = by_key[(width, "orig")]
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="" class="{}"{}>'
        "</picture>",
        srcset("webp"),
        sizes,
        fallback.url,
        srcset("orig"),
        sizes,
        fallback.width,
        fallback.height,
        css_class,
        mark_safe("" if eager else ' loading="lazy" decoding="async"'),
    )
