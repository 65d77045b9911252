from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


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
