from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from home.forms import HoneypotMixin, email_field

from .models import Subscriber, normalise_email


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
