from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from bilingual.text import capfirst

from .models import FieldOfWork, Organisation, Province


class DirectoryFilterForm(forms.Form):
    """The public directory's filters; unknown values are simply ignored (empty
    result or no filter), never an error page."""

    q = forms.CharField(label=_("Name"), required=False, max_length=200)
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), to_field_name="slug", required=False
    )
    type = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("All types"))] + list(Organisation.Type.choices),
        required=False,
    )
    field = forms.ModelChoiceField(
        label=_("Field of work"),
        queryset=FieldOfWork.objects.all(),
        to_field_name="code",
        required=False,
    )


# The longest text a visitor may put in one box of a public form.
FREE_TEXT_LIMIT = 2000


class ProposalForm(forms.ModelForm):
    """Organisations propose their own listing; a moderator approves it."""

    consent = forms.BooleanField(
        label=_(
            "We consent to our organisation's details being published in the directory, "
            "and we have read the privacy notice."
        ),
        required=True,
        error_messages={"required": _("Please give your consent so that we can list you.")},
    )
    # A field people never see; bots fill it in.
    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "org_type",
            "provinces",
            "fields_of_work",
            "description_tr",
            "description_en",
            "website",
            "email",
            "languages_spoken",
        ]
        widgets = {
            "provinces": forms.SelectMultiple(attrs={"size": 8}),
            "fields_of_work": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every free-text box has a limit: the descriptions are unlimited in the
        # database (editors may write more), not from an anonymous form.
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = FREE_TEXT_LIMIT
                field.validators.append(MaxLengthValidator(FREE_TEXT_LIMIT))
                field.widget.attrs["maxlength"] = str(FREE_TEXT_LIMIT)
        # Django capitalises labels with str.upper: "iller" would read "Iller" in Turkish.
        for name in self.Meta.fields:
            self.fields[name].label = capfirst(Organisation._meta.get_field(name).verbose_name)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), help_text=_("UTF-8, with the columns of the export.")
    )
