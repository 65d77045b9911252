"""Forms: the image form of the admin, and the parts every public form that takes an
e-mail address shares (newsletter signup, event registration, trainer access)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class HoneypotMixin(forms.Form):
    """A field hidden from people (includes/honeypot.html: CSS, aria-hidden, no tab
    stop) that bots fill like every other: a form with it filled is answered as if it
    had worked, and nothing is kept."""

    website = forms.CharField(label=_("Leave this field empty"), required=False)

    @property
    def is_bot(self):
        return bool(self.data.get("website"))


def email_field():
    """The address box of public forms, with messages in plain words."""
    return forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address, such as name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SiteImageForm(BaseImageForm):
    """Every image needs alt text: screen-reader users get nothing from a picture
    without it, and WCAG makes it a must."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].required = True
            self.fields["description"].label = _("Alt text")
            self.fields["description"].help_text = _(
                "Describe the image for people who cannot see it."
            )
