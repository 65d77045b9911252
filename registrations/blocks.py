"""The questions an editor adds to one event's registration form.

They live in a StreamField on the event page, so wagtail-localize offers their labels
for translation, and each block keeps its id across languages: an answer is stored
under the block's id with the label as it was asked, whatever language it came in."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


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
