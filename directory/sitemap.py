"""The directory's public pages for /sitemap.xml (home/sitemap.py): the directory itself, the
proposal form and each listed organisation, in both languages, each with the other as
its alternate."""

from home.sitemap import view_entries

from .models import Organisation


def sitemap_entries(request, base):
    entries = view_entries(base, "directory:index") + view_entries(base, "directory:propose")
    for slug, updated_at in (
        Organisation.objects.listed().order_by("slug").values_list("slug", "updated_at")
    ):
        entries += view_entries(base, "directory:detail", {"slug": slug}, updated_at)
    return entries
