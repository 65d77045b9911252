"""Cache-Control for the shared HTTP cache in front of the site (Varnish, deploy/varnish/).

Anonymous GET/HEAD answers are the same for every reader, so they are marked
``public, s-maxage=CACHE_SHARED_SECONDS, max-age=CACHE_BROWSER_SECONDS``: Varnish keeps them
until a purge (website/frontend_cache.py) or that time, browsers for a short while.
Anything personal or per visitor is marked ``private, no-store`` instead:

- a request carrying a session (logged-in editors, a page password entered);
- a response setting a cookie (a CSRF token for a form, a session);
- the admin, previews, and views that say so themselves (``never_cache``: the
  newsletter's confirm and unsubscribe pages, the directory's proposal form, search);
- anything but GET/HEAD, and redirects that depend on the visitor (the language chosen
  at ``/``).

Views keep the last word: a response that already has a Cache-Control header keeps it,
unless it sets a cookie, which always makes it private. Placed before the session and CSRF
middleware in MIDDLEWARE, so it sees the cookies they add.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

# Answers worth sharing: pages, permanent redirects and "not found" (a purge drops them).
SHAREABLE_STATUSES = {200, 203, 204, 300, 301, 308, 404, 410}
PRIVATE_PREFIXES = ("/admin/", "/django-admin/")


def make_private(response):
    """``private, no-store`` (with Django's never-cache headers for old proxies)."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)


def is_personal(request, response):
    if request.method not in ("GET", "HEAD"):
        return True
    if request.path.startswith(PRIVATE_PREFIXES) or getattr(request, "is_preview", False):
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
        return True
    return response.status_code not in SHAREABLE_STATUSES


class CacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request, response):
            make_private(response)
        elif not response.has_header("Cache-Control"):
            patch_cache_control(
                response,
                public=True,
                s_maxage=settings.CACHE_SHARED_SECONDS,
                max_age=settings.CACHE_BROWSER_SECONDS,
            )
        return response
