"""Blocks only events use: the agenda (sessions with times and speakers) and the
organisations behind an event."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SpeakerBlock(blocks.StructBlock):
    """A speaker by role, not by name (e.g. "Project Director", "Trainer")."""

    role = blocks.CharBlock(label=_("Role"))
    organisation = blocks.CharBlock(required=False, label=_("Organisation"))

    class Meta:
        icon = "user"
        label = _("Speaker")


class AgendaSessionBlock(blocks.StructBlock):
    day = blocks.DateBlock(
        required=False, label=_("Day"), help_text=_("For events over several days.")
    )
    start_time = blocks.TimeBlock(label=_("Starts"))
    end_time = blocks.TimeBlock(required=False, label=_("Ends"))
    title = blocks.CharBlock(label=_("Session"))
    description = blocks.TextBlock(required=False, label=_("Description"))
    speakers = blocks.ListBlock(SpeakerBlock(), required=False, label=_("Speakers"))

    class Meta:
        icon = "time"
        label = _("Session")
        template = "events/blocks/agenda_session.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        start, end = value.get("start_time"), value.get("end_time")
        if start and end and end < start:
            raise StructBlockValidationError(
                block_errors={
                    "end_time": ValidationError(_("The session cannot end before it starts."))
                }
            )
        return value


class OrganisationBlock(blocks.StructBlock):
    ROLE_CHOICES = [("organiser", _("Organiser")), ("partner", _("Partner"))]

    name = blocks.CharBlock(label=_("Name"))
    role = blocks.ChoiceBlock(choices=ROLE_CHOICES, default="organiser", label=_("Role"))
    website = blocks.URLBlock(required=False, label=_("Website"))

    class Meta:
        icon = "group"
        label = _("Organisation")
