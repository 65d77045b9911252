"""The newsletter's signup page for /sitemap.xml (search app's SITEMAP_EXTRA_ENTRIES),
in both languages; its other pages answer one visitor (confirm, unsubscribe) and are
not indexed."""

from search.sitemap import view_entries


def sitemap_entries(request, base):
    return view_entries(base, "newsletter:signup")
