"""The home app's URLs outside the language prefix: the sitemap, robots.txt and the EU
emblem for e-mails (included by website/urls.py)."""

from django.urls import path

from . import sitemap, views

urlpatterns = [
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("eu-emblem.png", views.eu_emblem_png, name="eu_emblem_png"),
]
