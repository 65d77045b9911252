"""Demo menus: every section of the site within reach of the home page, in both
languages. Idempotent: a menu that exists (perhaps edited) is left alone."""

from wagtail.models import Page

from .models import Menu

# Turkish slugs of the pages, in menu order; routes by their key in ``routes.ROUTES``.
MAIN = [
    ("page", "hakkimizda"),
    ("page", "haberler"),
    ("page", "etkinlikler"),
    ("page", "egitim-kutuphanesi"),
    ("page", "faaliyetler"),
    ("route", "directory"),
]
FOOTER = [
    ("page", "proje-bilgi-notu"),
    ("page", "zaman-cizelgesi"),
    ("page", "terimler-sozlugu"),
    ("route", "directory"),
    ("route", "directory_propose"),
    ("route", "newsletter"),
    ("route", "search"),
]


def _items(spec, locale):
    items = []
    for kind, key in spec:
        if kind == "route":
            items.append(("route", {"route": key, "title": ""}))
            continue
        page = Page.objects.filter(locale=locale, slug=key).first()
        if page is not None:
            items.append(("page", {"page": page, "title": ""}))
    return items


def load(context):
    locales = context.locales
    for slot, spec in ((Menu.MAIN, MAIN), (Menu.FOOTER, FOOTER)):
        source = Menu.objects.filter(slot=slot, locale=locales["tr"]).first()
        if source is None:
            source = Menu.objects.create(
                slot=slot, locale=locales["tr"], items=_items(spec, locales["tr"])
            )
        if not Menu.objects.filter(slot=slot, locale=locales["en"]).exists():
            source.copy_for_translation(locales["en"]).save()
