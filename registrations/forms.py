"""The public registration form, built per event: the standard questions, the participation
mode when the event is hybrid, the editor's own questions, and consent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import HoneypotMixin, email_field

MODE_LABELS = {
    "in_person": _("In person"),
    "online": _("Online"),
}


class RegistrationForm(HoneypotMixin):
    name = forms.CharField(
        label=_("Name and surname"),
        max_length=150,
        error_messages={"required": _("Please enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = email_field()
    mode = forms.ChoiceField(
        label=_("How will you take part?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose how you will take part."),
            "invalid_choice": _("Please choose how you will take part."),
        },
    )
    needs = forms.CharField(
        label=_("Accessibility or interpretation needs (optional)"),
        help_text=_("E.g. step-free access, sign language, Arabic interpretation."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("I agree"),
        error_messages={"required": _("Please tick the consent box to register.")},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        modes = event.registration_modes
        self.fields["mode"].choices = [(mode, MODE_LABELS[mode]) for mode in modes]
        if len(modes) == 1:
            self.fields["mode"].required = False
            self.fields["mode"].widget = forms.HiddenInput()
            self.fields["mode"].initial = modes[0]
        self.questions = []
        for block in event.registration_questions:
            field = self._question_field(block)
            if field is None:
                continue
            name = f"q_{block.id}"
            self.fields[name] = field
            self.questions.append((name, block))
        # The consent and honeypot come last.
        for name in ("consent", "website"):
            self.fields[name] = self.fields.pop(name)

    def _question_field(self, block):
        value = block.value
        options = {
            "label": value["label"],
            "help_text": value.get("help_text") or "",
            "required": bool(value.get("required")),
            "error_messages": {"required": _("Please answer this question.")},
        }
        if block.block_type == "short_answer":
            return forms.CharField(max_length=300, **options)
        if block.block_type == "long_answer":
            return forms.CharField(
                max_length=3000, widget=forms.Textarea(attrs={"rows": 4}), **options
            )
        if block.block_type == "choice":
            choices = [(choice, choice) for choice in value["choices"]]
            if not options["required"]:
                choices = [("", _("(no answer)"))] + choices
            return forms.ChoiceField(choices=choices, **options)
        if block.block_type == "checkbox":
            return forms.BooleanField(**options)
        return None

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "organisation", "needs"):
            cleaned[name] = (cleaned.get(name) or "").strip()
        if len(self.event.registration_modes) == 1:
            cleaned["mode"] = self.event.registration_modes[0]
        answers = []
        for name, block in self.questions:
            answer = cleaned.get(name)
            if isinstance(answer, bool):
                answer = str(_("Yes") if answer else _("No"))
            answers.append({"id": block.id, "label": block.value["label"], "answer": answer or ""})
        cleaned["answers"] = answers
        return cleaned


class CancelForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("cancel", "cancel"), ("erase", "erase")], widget=forms.HiddenInput
    )
