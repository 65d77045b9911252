from django import template
from django.utils import translation

from newsletter.forms import SignupForm
from newsletter.models import ConsentText
from website.cache import remember

register = template.Library()


def _with_privacy_url(consent, request):
    privacy_url = ""
    if consent is not None and consent.privacy_page_id and consent.privacy_page is not None:
        privacy_url = consent.privacy_page.get_url(request) or ""
    return consent, privacy_url


@register.inclusion_tag("newsletter/includes/signup_form.html", takes_context=True)
def newsletter_signup_form(context, form=None, consent=None, compact=False):
    """The signup form; in the footer (``compact``) an empty form with its own ids."""
    if form is None:
        form = SignupForm(language=translation.get_language(), auto_id="footer-nl-%s")
    request = context.get("request")
    if consent is None:
        # Every page's footer shows it: kept with the page cache until a change.
        consent, privacy_url = remember(
            "consent_text", lambda: _with_privacy_url(ConsentText.current(), request),
            translation.get_language(),
        )
    else:
        consent, privacy_url = _with_privacy_url(consent, request)
    return {
        "form": form,
        "consent": consent,
        "privacy_url": privacy_url,
        "compact": compact,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
