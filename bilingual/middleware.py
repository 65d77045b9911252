"""Django's LocaleMiddleware, minus one redirect that misleads outside the public site."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

# Paths served without a language prefix (see website/urls.py).
UNPREFIXED_PATHS = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """On a 404 Django redirects an unprefixed path to the default language's
    (/admin/typo/ to /tr/admin/typo/) whenever that path resolves -- and the page tree's
    catch-all pattern resolves every path under /tr/. So a mistyped admin or document
    URL landed on the public site's "page not found" in Turkish. Those paths keep their
    own 404; everything else behaves as in Django."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_PATHS):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
