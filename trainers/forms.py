from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from home.forms import HoneypotMixin, email_field

from .models import AccessRequest, normalise_email


def text_field(label, model_field, required_message, autocomplete):
    return forms.CharField(
        label=label,
        max_length=AccessRequest._meta.get_field(model_field).max_length,
        error_messages={
            "required": required_message,
            "max_length": _(
                "Please keep this to at most %(limit_value)d characters "
                "(it has %(show_value)d now)."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
    )


class KitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


def restricted_kits(language):
    """Live, public kits of this language that hold at least one restricted document."""
    from .access import restricted_collection_ids

    TrainingKitPage = apps.get_model("resources", "TrainingKitPage")
    kits = TrainingKitPage.objects.live().public().filter(locale__language_code=language)
    restricted = restricted_collection_ids()
    restricted_docs = set(
        get_document_model()
        .objects.filter(collection_id__in=restricted)
        .values_list("pk", flat=True)
    )
    return [kit for kit in kits.order_by("title") if restricted_docs & set(kit.document_ids())]


class AccessRequestForm(HoneypotMixin):
    name = text_field(_("Full name"), "name", _("Please enter your name."), "name")
    organisation = text_field(
        _("Organisation"), "organisation", _("Please enter your organisation."), "organization"
    )
    role = text_field(
        _("Your role (e.g. trainer, project coordinator)"),
        "role",
        _("Please tell us your role."),
        "organization-title",
    )
    email = email_field()
    kits = KitChoiceField(
        label=_("Which kits do you need?"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Please choose at least one kit."),
            "invalid_choice": _("Please choose kits from the list."),
            "invalid_pk_value": _("Please choose kits from the list."),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree"),
        error_messages={"required": _("Please tick the consent box to send your request.")},
    )

    field_order = ["name", "organisation", "role", "email", "kits", "consent", "website"]

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        TrainingKitPage = apps.get_model("resources", "TrainingKitPage")
        ids = [kit.pk for kit in restricted_kits(language)]
        self.fields["kits"].queryset = TrainingKitPage.objects.filter(pk__in=ids).order_by("title")

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "organisation", "role"):
            if name in cleaned:
                cleaned[name] = " ".join(cleaned[name].split())
                if not cleaned[name]:
                    self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned


class SignInForm(HoneypotMixin):
    email = email_field()

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the requester)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Please give the reason: the requester will read it.")},
    )


class ApproveForm(forms.Form):
    kits = KitChoiceField(
        label=_("Kits to open"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one kit.")},
    )
    days = forms.IntegerField(label=_("Access for (days)"), min_value=1, max_value=3650)

    def __init__(self, *args, access_request, **kwargs):
        super().__init__(*args, **kwargs)
        TrainingKitPage = apps.get_model("resources", "TrainingKitPage")
        self.fields["kits"].queryset = (
            TrainingKitPage.objects.live().select_related("locale").order_by("title")
        )
        self.fields["kits"].initial = list(access_request.kits.values_list("pk", flat=True))


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (kept in the record)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
