"""Site-wide URLs outside the language prefix (sitemap, robots.txt, downloads)."""

urlpatterns = []
