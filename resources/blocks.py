"""The blocks of a training kit: its ordered modules, each with its documents.

A StreamField of StructBlocks (rather than an inline model) because
wagtail-localize translates its text segment by segment and lets translators
swap a module's documents for translated ones (documents are overridable segments)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class ModuleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    description = blocks.RichTextBlock(
        required=False, features=["bold", "italic", "link", "ol", "ul"], label=_("Description")
    )
    duration = blocks.CharBlock(
        required=False, max_length=100, label=_("Duration"), help_text=_("E.g. 3 hours")
    )
    learning_objectives = blocks.ListBlock(
        blocks.CharBlock(label=_("Objective")),
        default=[],
        label=_("Learning objectives"),
    )
    documents = blocks.ListBlock(
        DocumentChooserBlock(label=_("Document")),
        default=[],
        label=_("Documents"),
        help_text=_("Handouts, slides, facilitator guide."),
    )

    class Meta:
        icon = "folder-open-inverse"
        label = _("Module")
        template = "resources/blocks/module_block.html"


class ModuleStreamBlock(blocks.StreamBlock):
    module = ModuleBlock()

    class Meta:
        block_counts = {}
