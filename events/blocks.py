"""Blocks only events use: the agenda (sessions with times and speakers), the
organisations behind an event, and the questions an editor adds to one event's
registration form (read by the registrations app's form).

The questions live in a StreamField on the event page, so wagtail-localize offers their
labels for translation, and each block keeps its id across languages: an answer is
stored under the block's id with the label as it was asked, whatever language it came
in."""

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


# --- The extra questions of the registration form ---------------------------------


class QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("question"), max_length=200)
    help_text = blocks.CharBlock(label=_("help text"), required=False, max_length=300)
    required = blocks.BooleanBlock(label=_("answer required"), required=False)

    class Meta:
        icon = "help"


class ShortAnswerBlock(QuestionBlock):
    class Meta:
        label = _("Short answer")
        icon = "pilcrow"


class LongAnswerBlock(QuestionBlock):
    class Meta:
        label = _("Long answer")
        icon = "doc-full"


class ChoiceBlock(QuestionBlock):
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("choice"), max_length=200), label=_("choices"), min_num=2
    )

    class Meta:
        label = _("One choice from a list")
        icon = "list-ul"


class CheckboxBlock(QuestionBlock):
    class Meta:
        label = _("Yes / no (tick box)")
        icon = "tick"


class RegistrationQuestionsBlock(blocks.StreamBlock):
    short_answer = ShortAnswerBlock()
    long_answer = LongAnswerBlock()
    choice = ChoiceBlock()
    checkbox = CheckboxBlock()
