"""Site-wide URLs outside the language prefix that no app owns (the health check, the
favicon)."""

from django.urls import path

from website.health import healthz

from . import views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
]
