"""Menus editors control: the main menu and the footer menu, one of each per language.

A menu holds pages, the site's own routes that are not pages (NGO directory, newsletter,
search) and links to other websites. It is resolved for the page's language when shown:
a page item leads to that page's live, public translation in the language, and is left
out where there is none (a menu never leads a reader into the other language's tree, nor
to a draft or a restricted page)."""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin

from bilingual.languages import active_language

from .blocks import MenuItemsBlock
from .routes import route_label, route_url


class Menu(TranslatableMixin, models.Model):
    MAIN = "main"
    FOOTER = "footer"
    SLOTS = [(MAIN, _("Main menu")), (FOOTER, _("Footer menu"))]

    slot = models.CharField(_("place"), max_length=16, choices=SLOTS)
    items = StreamField(MenuItemsBlock(), blank=True, verbose_name=_("items"))

    panels = [FieldPanel("slot"), FieldPanel("items")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        constraints = [
            models.UniqueConstraint(fields=["slot", "locale"], name="one_menu_per_slot_and_locale")
        ]

    def __str__(self):
        return f"{self.get_slot_display()} ({self.locale})"

    @classmethod
    def for_language(cls, slot, language=None):
        """The menu of ``slot`` in the language, else the default language's (its items
        are then resolved into the language, with the pages' own titles)."""
        return cls._by_slot(language or active_language()).get(slot)

    @classmethod
    def _by_slot(cls, language):
        found = {}
        for menu in cls.objects.filter(
            locale__language_code__in={language, settings.LANGUAGE_CODE}
        ).select_related("locale"):
            if menu.slot not in found or menu.locale.language_code == language:
                found[menu.slot] = menu
        return found

    @classmethod
    def resolve_all(cls, request=None, language=None, privacy_page_id=None):
        """Every menu's items in the language, as ``{slot: items}``: one query for the
        menus, one for the pages they link to, one for view restrictions. The site's
        privacy notice (``privacy_page_id``, from the site profile) is resolved with
        them, as ``{"privacy": item or None}``, for the footer."""
        language = language or active_language()
        menus = cls._by_slot(language)
        page_ids = [pk for menu in menus.values() for pk in menu.page_ids()]
        if privacy_page_id:
            page_ids.append(privacy_page_id)
        targets = _live_translations(page_ids, language)
        resolved = {slot: menu.resolve(request, language, targets) for slot, menu in menus.items()}
        privacy = targets.get(privacy_page_id) if privacy_page_id else None
        resolved["privacy"] = _page_item(privacy, privacy.title, request) if privacy else None
        return resolved

    def _item_values(self):
        """``(block type, value)`` of each item as stored: a page item names its page by
        id, and the menu resolves every id in one query (reading the stream's values
        would fetch each menu's chosen pages first, only to look up their translations)."""
        return [(item["type"], item["value"]) for item in self.items.raw_data]

    def page_ids(self):
        return [
            value["page"]
            for block_type, value in self._item_values()
            if block_type == "page" and value.get("page")
        ]

    def resolve(self, request=None, language=None, targets=None):
        """The items as ``{"title", "url", "page_path", "external"}`` in the language."""
        language = language or active_language()
        own_language = self.locale.language_code == language
        if targets is None:
            targets = _live_translations(self.page_ids(), language)
        items = []
        with translation.override(language):
            for block_type, value in self._item_values():
                title = value.get("title") if own_language else ""
                if block_type == "page":
                    target = targets.get(value.get("page"))
                    if target is None:
                        continue
                    items.append(_page_item(target, title or target.title, request))
                elif block_type == "route":
                    url = route_url(value["route"])
                    if url:
                        items.append(
                            {
                                "title": title or str(route_label(value["route"])),
                                "url": url,
                                "page_path": None,
                                "external": False,
                            }
                        )
                else:
                    items.append(
                        {
                            "title": value["title"],
                            "url": value["url"],
                            "page_path": None,
                            "external": True,
                        }
                    )
        return items


def _page_item(page, title, request):
    return {"title": title, "url": page.get_url(request), "page_path": page.path, "external": False}


def _live_translations(page_ids, language):
    """The live, public pages of ``language`` that translate the given pages, by the id
    of the page the menu names (one query, plus one for view restrictions)."""
    if not page_ids:
        return {}
    chosen = Page.objects.filter(pk__in=page_ids)
    pages = list(
        Page.objects.filter(
            translation_key__in=chosen.values("translation_key"),
            locale__language_code=language,
        )
        .live()
        .public()
        .annotate(
            chosen_id=Subquery(
                chosen.filter(translation_key=OuterRef("translation_key")).values("pk")[:1]
            )
        )
    )
    return {page.chosen_id: page for page in pages}


def named_in_chrome(page):
    """Whether a menu, or the footer's privacy link (the site profile's), names ``page``
    or one of its translations: a change to it shows on every page
    (``FRONTEND_CACHE_IN_CHROME``)."""
    from home.models import SiteProfile

    named = {pk for menu in Menu.objects.all() for pk in menu.page_ids()}
    named.update(
        SiteProfile.objects.exclude(privacy_page=None).values_list("privacy_page_id", flat=True)
    )
    return Page.objects.filter(pk__in=named, translation_key=page.translation_key).exists()
