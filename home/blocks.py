"""The body StreamBlock every page type shares, and the small blocks it is made of.

App-specific blocks live in each app's own ``blocks.py``; anything used by more
than one app belongs here.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False, label=_("Link text"), help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "home/blocks/document_link_block.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("External link"))
    button_label = blocks.CharBlock(label=_("Button label"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "home/blocks/call_to_action_block.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a link."))}
            )
        return value


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video link"), help_text=_("A YouTube or Vimeo address."))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "media"
        label = _("Embedded video")
        template = "home/blocks/video_block.html"


class KeyFiguresBlock(blocks.StructBlock):
    """Chosen key figures (the activities app's snippets), each linking to the page
    that is its source."""

    heading = blocks.CharBlock(required=False, label=_("Heading"))
    figures = blocks.ListBlock(SnippetChooserBlock("activities.KeyFigure"), label=_("Figures"))

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "home/blocks/key_figures_block.html"

    def get_context(self, value, parent_context=None):
        from wagtail.models import Locale

        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        # The figures are shown in the language of the page that holds them.
        page = (parent_context or {}).get("page")
        locale_id = getattr(page, "locale_id", None) or Locale.get_active().pk
        figure_model = self.child_blocks["figures"].child_block.target_model
        context["figures"] = figure_model.for_display(value["figures"], locale_id, request)
        return context


class BodyStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        label=_("Heading"),
        template="home/blocks/heading_block.html",
    )
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()
    table = TableBlock(label=_("Table"))
    key_figures = KeyFiguresBlock()


class InfoNoteActivityBlock(blocks.StructBlock):
    """One planned activity of a project; its number is its position in the list."""

    title = blocks.CharBlock(label=_("Activity"))
    description = blocks.TextBlock(required=False, label=_("Description"))

    class Meta:
        icon = "list-ol"
        label = _("Activity")


class ExpectedResultBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Result area"))
    description = blocks.TextBlock(label=_("Expected result"))

    class Meta:
        icon = "success"
        label = _("Expected result")
