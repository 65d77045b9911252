"""Site-wide URLs outside the language prefix (sitemap, robots.txt, downloads)."""

from django.urls import path

from search import sitemap as search_sitemap
from search import views as search_views

urlpatterns = [
    path("sitemap.xml", search_sitemap.sitemap, name="sitemap"),
    path("robots.txt", search_views.robots_txt, name="robots_txt"),
]
