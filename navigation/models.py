"""Menus editors control: the main menu and the footer menu, one of each per language.

A menu holds pages, the site's own routes that are not pages (NGO directory, newsletter,
search) and links to other websites. It is resolved for the page's language when shown:
a page item leads to that page's live, public translation in the language, and is left
out where there is none (a menu never leads a reader into the other language's tree, nor
to a draft or a restricted page)."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction, TranslatableMixin

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
        language = language or active_language()
        menus = {
            menu.locale.language_code: menu
            for menu in cls.objects.filter(
                slot=slot, locale__language_code__in={language, settings.LANGUAGE_CODE}
            ).select_related("locale")
        }
        return menus.get(language) or menus.get(settings.LANGUAGE_CODE)

    def resolve(self, request=None, language=None):
        """The items as ``{"title", "url", "page_path", "external"}`` in the language."""
        language = language or active_language()
        own_language = self.locale.language_code == language
        page_ids = [
            block.value["page"].pk
            for block in self.items
            if block.block_type == "page" and block.value.get("page") is not None
        ]
        targets = _live_translations(page_ids, language)
        items = []
        with translation.override(language):
            for block in self.items:
                value = block.value
                title = value.get("title") if own_language else ""
                if block.block_type == "page":
                    page = value.get("page")
                    target = targets.get(page.translation_key) if page is not None else None
                    if target is None:
                        continue
                    items.append(
                        {
                            "title": title or target.title,
                            "url": target.get_url(request),
                            "page_path": target.path,
                            "external": False,
                        }
                    )
                elif block.block_type == "route":
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


def _live_translations(page_ids, language):
    """The live, public pages of ``language`` that translate the given pages, by
    translation key (one query, plus one for view restrictions)."""
    if not page_ids:
        return {}
    pages = list(
        Page.objects.filter(
            translation_key__in=Page.objects.filter(pk__in=page_ids).values("translation_key"),
            locale__language_code=language,
        ).live()
    )
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    return {
        page.translation_key: page
        for page in pages
        if not any(page.path.startswith(path) for path in restricted)
    }
