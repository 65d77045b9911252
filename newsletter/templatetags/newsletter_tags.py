from django import template
from django.utils import translation

from newsletter.forms import SignupForm
from newsletter.models import ConsentText

register = template.Library()


def _with_privacy_url(consent, request):
    privacy_url = ""
    if consent is not None and consent.privacy_page_id and consent.privacy_page is not None:
        privacy_url = consent.privacy_page.get_url(request) or ""
    return consent, privacy_url


@register.inclusion_tag("newsletter/includes/signup_form.html", takes_context=True)
def newsletter_signup_form(context, form=None, consent=None):
    """The signup form with the consent text of the active language."""
    if form is None:
        form = SignupForm(language=translation.get_language())
    if consent is None:
        consent = ConsentText.current()
    consent, privacy_url = _with_privacy_url(consent, context.get("request"))
    return {
        "form": form,
        "consent": consent,
        "privacy_url": privacy_url,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
