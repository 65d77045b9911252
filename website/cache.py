"""Full-page cache for anonymous visitors, and its purging when content changes.

wagtail-cache (the usual library) does not support Wagtail 8 yet (it requires
wagtail<8.0), so this is a small middleware on Django's cache framework (Redis in
production, local memory elsewhere).

What is cached: GET/HEAD responses with status 200 under a language prefix (/tr/, /en/),
for requests without a session cookie, whose response sets no cookie other than the CSRF
cookie and is not marked private/no-store. Reader pages hold no form token (the footer's
newsletter box is a GET form); a page with a POST form (the directory's proposal form) is
stored with a placeholder where the CSRF token was, and every visitor gets their own
token and cookie put back on each hit, so no token is ever shared. Everything
else -- logged-in editors, POSTs, the admin and previews, documents -- always goes to the
view. The admin is also marked never-cache for browsers and proxies.

Keys: the host, full path and query string, plus a per-path *generation* number. Purging a
path bumps its generation, which drops every query variant of it at once (?page=2,
filters); a global generation drops everything (menus and the footer change on every
page). Signal handlers purge, on publish/unpublish/delete, the page, its ancestors
(listings, the home page) and their translations; a move, or a change to a top-level page
(in the menu) or to the site identity, purges everything.

Each worker also keeps its own copies (see "This process's copies" below), so a cached
page is served without a network round trip; and the data every page shares is kept the
same way (``remember``). Pages rendered afresh (for logged-in users) reuse the costly
parts kept under the same generations: a listing's page of items and the parts derived
from one page (``remember_for_page``), cards and sections (``{% cachedfragment %}``).
"""

import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import add_never_cache_headers, patch_response_headers

logger = logging.getLogger(__name__)

CACHE_ALIAS = getattr(settings, "PAGE_CACHE_ALIAS", "default")
NEVER_CACHED_PREFIXES = ("/admin/", "/django-admin/")
HIT_HEADER = "X-Page-Cache"


def _timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def _cache():
    return caches[CACHE_ALIAS]


def _language_prefixes():
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def _generation_key(path):
    return "pagecache:gen:" + hashlib.md5(path.encode()).hexdigest()


GLOBAL_GENERATION_KEY = "pagecache:gen:*"


def _response_key(request, generations):
    raw = "|".join([request.get_host(), request.get_full_path(), *map(str, generations)])
    return "pagecache:page:" + hashlib.md5(raw.encode()).hexdigest()


_MISSING = object()

# --- This process's copies ---------------------------------------------------------------
#
# Asking Redis costs a network round trip, which is most of the time of a cached page.
# So each process keeps the generation numbers it read for up to
# PAGE_CACHE_GENERATION_SECONDS (a purge made here updates them at once; one made by
# another worker is seen within that time), and its own small copy of the entries it
# read or stored. Those copies are keyed by the same generations, so a purge that
# reaches this process drops them too.


class LocalStore:
    """A bounded least-recently-used store for this process, entries with an expiry."""

    def __init__(self):
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return default
            expires, value = entry
            if expires < time.monotonic():
                del self._entries[key]
                return default
            self._entries.move_to_end(key)
            return value

    def set(self, key, value, timeout):
        size = getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 500)
        if size <= 0:
            return
        with self._lock:
            self._entries[key] = (time.monotonic() + timeout, value)
            self._entries.move_to_end(key)
            while len(self._entries) > size:
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()


local_entries = LocalStore()
local_generations = LocalStore()


def clear_local_copies():
    """Forget this process's copies (tests call it when they empty the cache)."""
    local_entries.clear()
    local_generations.clear()


def _generations(cache, path):
    keys = [GLOBAL_GENERATION_KEY, _generation_key(path)] if path else [GLOBAL_GENERATION_KEY]
    values = {key: local_generations.get(key) for key in keys}
    missing = [key for key, value in values.items() if value is None]
    if missing:
        fetched = cache.get_many(missing)
        seconds = getattr(settings, "PAGE_CACHE_GENERATION_SECONDS", 1.0)
        for key in missing:
            values[key] = fetched.get(key, 0)
            if seconds > 0:
                local_generations.set(key, values[key], seconds)
    return [values[key] for key in keys]


def _read(cache, key):
    """An entry from this process's copy, else from the shared cache (and copied)."""
    value = local_entries.get(key, _MISSING)
    if value is _MISSING:
        value = cache.get(key, _MISSING)
        if value is not _MISSING:
            local_entries.set(key, value, _timeout())
    return value


def _write(cache, key, value):
    cache.set(key, value, _timeout())
    local_entries.set(key, value, _timeout())


def _is_cacheable_request(request):
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if not request.path.startswith(_language_prefixes()):
        return False
    # Logged-in users and anyone else with a session always get a fresh page.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _is_cacheable_response(response):
    if response.status_code != 200 or response.streaming:
        return False
    # A page whose only cookie is the CSRF cookie (a form, e.g. the newsletter sign-up in
    # the footer) is stored with a placeholder for the token; anything else is personal.
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


# The CSRF token in a stored page is replaced by this placeholder, and a fresh token for
# each visitor (with its cookie) is put back on every hit, so forms keep their protection.
CSRF_PLACEHOLDER = b"__page_cache_csrf_token__"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def _freeze(response):
    content = response.content
    has_csrf = settings.CSRF_COOKIE_NAME in response.cookies
    if has_csrf:
        content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", content)
    headers = [(k, v) for k, v in response.items() if k.lower() != "set-cookie"]
    return (response.status_code, headers, content, has_csrf)


def _thaw(request, frozen):
    status, headers, content, has_csrf = frozen
    response = HttpResponse(status=status)
    for key, value in headers:
        response[key] = value
    if has_csrf:
        csrf = CsrfViewMiddleware(lambda request: None)
        csrf.process_request(request)
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response.content = content
        csrf.process_response(request, response)  # sets the visitor's CSRF cookie
    else:
        response.content = content
    return response


class PageCacheMiddleware:
    """Serve anonymous visitors from the cache; see the module docstring for the rules.

    Place it after SecurityMiddleware/WhiteNoise and before the CSP middleware, so the
    stored response carries the headers (CSP included) it was rendered with."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(NEVER_CACHED_PREFIXES):
            response = self.get_response(request)
            add_never_cache_headers(response)
            return response
        if not _is_cacheable_request(request):
            return self._render(request)

        cache = _cache()
        try:
            key = _response_key(request, _generations(cache, request.path))
            frozen = _read(cache, key)
        except Exception:  # a cache outage must not take the site down
            logger.exception("page cache read failed")
            return self.get_response(request)
        if frozen is not _MISSING:
            response = _thaw(request, frozen)
            response[HIT_HEADER] = "hit"
            return response

        response = self._render(request)
        if _is_cacheable_response(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            patch_response_headers(response, cache_timeout=60)
            try:
                _write(cache, key, _freeze(response))
            except Exception:
                logger.exception("page cache write failed")
            response[HIT_HEADER] = "miss"
        return response

    def _render(self, request):
        """The view's response, with the page found from a known route when there is one."""
        _prime_site(request)
        route_key = _prime_route(request)
        response = self.get_response(request)
        if route_key is not None:
            _remember_route(request, route_key)
        return response


# --- Known routes -----------------------------------------------------------------------
#
# Wagtail finds the page for a URL by walking the tree from the language's home, two
# queries a level (the child, then its specific page): a third of an uncached page's time
# on an article. The page a path led to is kept (by host and path) and next time fetched
# in one query. Pages and routable pages' own URLs are kept, not their sub-routes; the
# page must still be live and still have that URL, otherwise Wagtail routes as usual.


def _prime_site(request):
    """Hand Wagtail the request's Site and the sites' root paths from the shared data (a
    query and a round trip to Redis on every request otherwise). The Site is kept without
    its root page, so no page object is shared by requests."""
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return
    if not request.path.startswith(_language_prefixes()):
        return
    from wagtail.models import Site

    def build():
        site = Site._find_for_request(request)
        if site is not None:
            site._state.fields_cache.pop("root_page", None)
        return site

    try:
        host = request._get_raw_host()
        request._wagtail_site = remember("site_for_host", build, host, request.get_port())
        request._wagtail_cached_site_root_paths = _site_root_paths()
    except Exception:
        logger.exception("site lookup from the shared data failed")


def _site_root_paths():
    """The sites' root paths, from which every page URL is computed. Wagtail reads them
    from the shared cache once per request (a round trip to Redis)."""
    from wagtail.models import Site

    return remember("site_root_paths", Site.get_site_root_paths)


def _route_key(request):
    # Not keyed by the purge generations: a remembered route is checked on every use
    # (still live, still this URL), so it can outlive the purges and the first request
    # after a publish does not walk the tree again.
    raw = "|".join(["route", request.get_host(), request.path])
    return "pagecache:route:" + hashlib.md5(raw.encode()).hexdigest()


def _prime_route(request):
    """Hand Wagtail the page of a known route; the key to store the route under, or None."""
    if not getattr(settings, "PAGE_CACHE_ENABLED", True) or request.method not in ("GET", "HEAD"):
        return None
    if not request.path.startswith(_language_prefixes()):
        return None
    from django.apps import apps
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.url_routing import RouteResult

    try:
        key = _route_key(request)
        known = _read(_cache(), key)
    except Exception:
        logger.exception("route cache read failed")
        return None
    if known is _MISSING:
        return key
    model_label, page_id = known
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return key
    page = model.objects.filter(pk=page_id, live=True).first()
    if page is None or not _is_own_url(request, page):
        return key  # unpublished, moved or renamed since: let Wagtail route
    if isinstance(page, RoutablePageMixin):
        # A routable page's own URL is its "" route (RoutablePageMixin.route does this).
        request._wagtail_route_for_request = RouteResult(page, args=page.resolve_subpage("/"))
    else:
        request._wagtail_route_for_request = RouteResult(page)
    return None


def _is_own_url(request, page):
    below_language = request.path[request.path.index("/", 1) :]  # "/tr/a/b/" -> "/a/b/"
    return page.url_path.endswith(below_language)


def _remember_route(request, key):
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    result = getattr(request, "_wagtail_route_for_request", None)
    if result is None:
        return  # no page here
    if result.args or result.kwargs:
        # A routable page: only its own URL, not a sub-route (a category, a download).
        if not (isinstance(result.page, RoutablePageMixin) and _is_own_url(request, result.page)):
            return
    try:
        _write(_cache(), key, (result.page._meta.label, result.page.pk))
    except Exception:
        logger.exception("route cache write failed")


# --- Shared data ----------------------------------------------------------------------


# A pseudo-path whose generation every page purge bumps: for what depends on all pages
# (site search results).
ANY_PAGE = "*any-page*"


def remember(name, build, *vary, page=None, path=None):
    """``build()``'s result, kept in the page cache's store until content changes.

    For what every page shows -- the menu, the site profile and partners, the footer's
    consent text -- and for a listing's side lists (years, categories): rebuilding them
    on every request costs a query each, and a cached page already depends on them.
    The key holds the global generation (and ``page``'s own generation when given,
    which publishing a child bumps, or that of ``path``, e.g. ``ANY_PAGE``), so the
    purges that drop cached pages drop these too and editors see their change on the
    next request. Off where the page cache is off: tests then always read the database."""
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return build()
    cache = _cache()
    page_path = _url_path(page) if page is not None else path
    try:
        generations = _generations(cache, page_path)
        raw = "|".join([name, *map(str, vary), *map(str, generations)])
        key = "pagecache:shared:" + hashlib.md5(raw.encode()).hexdigest()
        value = _read(cache, key)
    except Exception:  # a cache outage must not take the site down
        logger.exception("shared data cache read failed")
        return build()
    if value is _MISSING:
        value = build()
        try:
            _write(cache, key, value)
        except Exception:
            logger.exception("shared data cache write failed")
    return value


def remember_for_request(name, build, request, *vary, page=None, path=None):
    """``remember()`` for what is rendered for a request (it holds URLs and translated
    words): keyed by the host and the language too. A preview shows a draft, so it is
    always built afresh."""
    from django.utils import translation

    if request is None or getattr(request, "is_preview", False):
        return build()
    language = translation.get_language()
    return remember(name, build, request.get_host(), language, *vary, page=page, path=path)


def remember_for_page(name, build, page, request, *vary):
    """``remember_for_request()`` for what is derived from one page: its head metadata,
    language links and breadcrumbs, a listing's page of items. Dropped when the page, one
    of its translations or a page below it is published, unpublished or moved (the same
    purges as the page's cached responses)."""
    if page is None or not getattr(page, "pk", None):
        return build()
    return remember_for_request(name, build, request, page.pk, *vary, page=page)


def keepable_page(page_obj):
    """A paginator page that can be kept with ``remember()``: its items as a list and
    its paginator without the query (the count and number of pages already read), so
    pickling it neither runs nor stores the whole query."""
    page_obj.object_list = list(page_obj.object_list)
    paginator = page_obj.paginator
    # Read now (each is a cached_property) so that they no longer need the query.
    paginator.count = paginator.count
    paginator.num_pages = paginator.num_pages
    paginator.object_list = []
    return page_obj


def restricted_paths():
    """The tree paths of the pages under a view restriction, from the shared data."""
    from wagtail.models import PageViewRestriction

    return remember(
        "restricted_paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def exclude_private(pages):
    """``pages`` without those in a section under a view restriction (password, login,
    groups). Does what ``PageQuerySet.public()`` does, but reads the restricted sections
    with the shared data instead of from the database on every call: listings, the menu
    and the language switcher each filtered with it on every page."""
    from django.db.models import Q

    paths = restricted_paths()
    if not paths:
        return pages
    private = Q()
    for path in paths:
        private |= Q(path__startswith=path)
    return pages.exclude(private)


# --- Purging ---------------------------------------------------------------------------


def purge_paths(paths):
    """Drop every cached variant (any host, any query string) of each URL path."""
    for path in set(paths):
        _bump(_generation_key(path))


def purge_all():
    _bump(GLOBAL_GENERATION_KEY)


def _bump(key):
    cache = _cache()
    try:
        value = cache.incr(key)
    except ValueError:  # not there yet
        value = 1
        cache.set(key, value, None)
    # This process sees its own purge at once; other workers within
    # PAGE_CACHE_GENERATION_SECONDS.
    seconds = getattr(settings, "PAGE_CACHE_GENERATION_SECONDS", 1.0)
    if seconds > 0:
        local_generations.set(key, value, seconds)


def _url_path(page):
    # Without a request Wagtail would read the root paths from the shared cache on each
    # call; anything carrying them in this attribute will do.
    roots = SimpleNamespace(_wagtail_cached_site_root_paths=_site_root_paths())
    try:
        parts = page.get_url_parts(roots)
    except Exception:
        return None
    if not parts:
        return None
    return parts[2]


def paths_for_page(page):
    """The URL paths whose content shows ``page``: itself, its ancestors (listings and the
    home page), and the same for each of its translations."""
    from wagtail.models import Page

    paths = set()
    related = [page]
    related += list(Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk))
    for each in related:
        for ancestor in each.get_ancestors(inclusive=True).filter(depth__gte=2):
            path = _url_path(ancestor)
            if path:
                paths.add(path)
        # The page itself even when it is no longer routable from its ancestors.
        path = _url_path(each)
        if path:
            paths.add(path)
    return paths


def purge_page(page):
    _bump(_generation_key(ANY_PAGE))
    # The main menu, shown on every page, lists top-level pages; the pages below a page
    # show its title in their breadcrumbs and its slug in their URLs.
    if page.depth <= 3 or getattr(page, "show_in_menus", False) or page.numchild:
        purge_all()
        return
    purge_paths(paths_for_page(page))


def _on_page_change(sender, instance, **kwargs):
    purge_page(instance)


def _on_page_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        purge_page(instance)


def _on_everything_changed(sender, **kwargs):
    purge_all()


def _on_identity_saved(sender, instance, created=False, **kwargs):
    from wagtail.contrib.settings.models import BaseSiteSetting

    # Site settings are created with their defaults the first time a page reads them:
    # nothing visible changed, and purging there would empty the cache on first render.
    if created and isinstance(instance, BaseSiteSetting):
        return
    purge_all()


def connect_signals():
    from django.db.models.signals import post_save, pre_delete
    from wagtail.models import Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_on_page_change, dispatch_uid="pagecache-published")
    page_unpublished.connect(_on_page_change, dispatch_uid="pagecache-unpublished")
    pre_delete.connect(_on_page_delete, dispatch_uid="pagecache-deleted")
    post_page_move.connect(_on_everything_changed, dispatch_uid="pagecache-moved")
    post_save.connect(_on_everything_changed, sender=Site, dispatch_uid="pagecache-site")
    pre_delete.connect(_on_everything_changed, sender=Site, dispatch_uid="pagecache-site-del")
    # Site identity shown on every page (header, footer): purge everything when it changes.
    for label in getattr(settings, "PAGE_CACHE_PURGE_ALL_ON", []):
        from django.apps import apps

        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(_on_identity_saved, sender=model, dispatch_uid=f"pagecache-{label}")
        pre_delete.connect(
            _on_everything_changed, sender=model, dispatch_uid=f"pagecache-del-{label}"
        )
