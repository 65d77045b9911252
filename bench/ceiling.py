"""The reference for `make bench` (bench_load.py) and bench_reach.py: the smallest Django
view under the same gunicorn.

A fixed page of the size given in CEILING_BYTES (default 30 KB) through Django's default
security middleware: what any Django page costs at least. Served with
``gunicorn --chdir bench ceiling:application``.
"""

import os

from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="bench-ceiling-" + "k" * 40,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

SIZE = int(os.environ.get("CEILING_BYTES", str(30 * 1024)))
BODY = b"<!doctype html><html lang='en'><title>ceiling</title><body>"
BODY += b"<p>x</p>" * max(0, (SIZE - len(BODY) - 14) // 8) + b"</body></html>"


def page(request):
    return HttpResponse(BODY)


urlpatterns = [path("", page)]
application = get_wsgi_application()
