from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Subscriber, normalise_email


class HoneypotMixin(forms.Form):
    # Hidden from people (CSS, aria-hidden, no tab stop); bots fill every field.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    @property
    def is_bot(self):
        return bool(self.data.get("website"))


def email_field():
    """The address box of the signup and new-link forms, with messages in plain words."""
    return forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address, such as name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SignupForm(HoneypotMixin):
    email = email_field()
    language = forms.ChoiceField(label=_("Newsletter language"), choices=settings.LANGUAGES)
    name = forms.CharField(
        label=_("Name (optional)"),
        required=False,
        max_length=Subscriber._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        required=False,
        max_length=Subscriber._meta.get_field("organisation").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    consent = forms.BooleanField(
        label=_("I agree"),
        error_messages={"required": _("Please tick the consent box to subscribe.")},
    )

    field_order = ["email", "language", "name", "organisation", "consent", "website"]

    def __init__(self, *args, language=None, auto_id="id_%s", **kwargs):
        super().__init__(*args, auto_id=auto_id, **kwargs)
        if language:
            self.fields["language"].initial = language
        for name in ("name", "organisation"):
            self.fields[name].error_messages["max_length"] = _(
                "Please keep this to at most %(limit_value)d characters "
                "(it has %(show_value)d now)."
            )

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "organisation"):
            cleaned[name] = (cleaned.get(name) or "").strip()
        return cleaned


class ResendForm(HoneypotMixin):
    email = email_field()

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])
