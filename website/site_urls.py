"""Site-wide URLs outside the language prefix (sitemap, robots.txt, downloads)."""

from django.urls import path

from search import sitemap as search_sitemap
from search import views as search_views
from website.health import healthz

urlpatterns = [
    path("sitemap.xml", search_sitemap.sitemap, name="sitemap"),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", search_views.robots_txt, name="robots_txt"),
]
