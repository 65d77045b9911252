from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .routes import route_choices


class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"))
    title = blocks.CharBlock(
        label=_("title"), required=False, help_text=_("Leave empty to use the page's title.")
    )

    class Meta:
        icon = "doc-empty"
        label = _("Page")


class RouteLinkBlock(blocks.StructBlock):
    route = blocks.ChoiceBlock(choices=route_choices, label=_("section"))
    title = blocks.CharBlock(
        label=_("title"), required=False, help_text=_("Leave empty for the section's usual name.")
    )

    class Meta:
        icon = "link"
        label = _("Section of the site")


class ExternalLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("address"))
    title = blocks.CharBlock(label=_("title"))

    class Meta:
        icon = "link-external"
        label = _("Other website")


class MenuItemsBlock(blocks.StreamBlock):
    page = PageLinkBlock()
    route = RouteLinkBlock()
    link = ExternalLinkBlock()
