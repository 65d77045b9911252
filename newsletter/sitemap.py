"""The newsletter's signup page for /sitemap.xml (SITEMAP_EXTRA_ENTRIES, home/sitemap.py),
in both languages; its other pages answer one visitor (confirm, unsubscribe) and are
not indexed."""

from home.sitemap import view_entries


def sitemap_entries(request, base):
    return view_entries(base, "newsletter:signup")
