from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class KeyFiguresBlock(blocks.StructBlock):
    """Chosen key figures, each linking to the page that is its source."""

    heading = blocks.CharBlock(required=False, label=_("Heading"))
    figures = blocks.ListBlock(SnippetChooserBlock("activities.KeyFigure"), label=_("Figures"))

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "activities/blocks/key_figures_block.html"

    def get_context(self, value, parent_context=None):
        from wagtail.models import Locale

        from .models import KeyFigure

        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        # The figures are shown in the language of the page that holds them.
        page = (parent_context or {}).get("page")
        locale_id = getattr(page, "locale_id", None) or Locale.get_active().pk
        figures = KeyFigure.for_display(value["figures"], locale_id, request)
        context["figures"] = figures
        return context
