from django import template
from django.utils import translation

from newsletter.forms import SignupForm
from newsletter.models import ConsentText

register = template.Library()


@register.inclusion_tag("newsletter/includes/signup_form.html", takes_context=True)
def newsletter_signup_form(context, form=None, consent=None, compact=False):
    """The signup form; in the footer (``compact``) an empty form with its own ids."""
    if form is None:
        form = SignupForm(language=translation.get_language(), auto_id="footer-nl-%s")
    if consent is None:
        consent = ConsentText.current()
    request = context.get("request")
    privacy_url = ""
    if consent is not None and consent.privacy_page_id and consent.privacy_page is not None:
        privacy_url = consent.privacy_page.get_url(request) or ""
    return {
        "form": form,
        "consent": consent,
        "privacy_url": privacy_url,
        "compact": compact,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
