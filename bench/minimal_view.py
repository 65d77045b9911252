"""The reference for bench_reach.py: the smallest Django application worth comparing to --
one view returning a fixed 30 KB page through Django's default security middleware.

Served with: gunicorn --chdir bench minimal_view:application"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="minimal-view-" + "k" * 50,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
)
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

BODY = (
    "<!doctype html><html lang='en'><title>minimal</title><body>"
    + "<p>minimal view</p>" * 1650
    + "</body></html>"
).encode()


def page(request):
    return HttpResponse(BODY)


urlpatterns = [path("", page)]
application = get_wsgi_application()
