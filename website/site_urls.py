"""Site-wide URLs outside the language prefix (sitemap, robots.txt, downloads)."""

from django.urls import path

from home import views as home_views
from search import sitemap as search_sitemap
from search import views as search_views
from website.health import healthz

from . import views

urlpatterns = [
    path("sitemap.xml", search_sitemap.sitemap, name="sitemap"),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", search_views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("eu-emblem.png", home_views.eu_emblem_png, name="eu_emblem_png"),
]
