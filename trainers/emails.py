"""The e-mails of trainer access, each in the recipient's language: the decision on a
request (approved with a first sign-in link, or refused with the reason) and the
one-time sign-in links."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from sesame.utils import get_token

from home.mail import base_url, privacy_url, sender

# A token made for one purpose is refused for the other (django-sesame scopes).
SIGN_IN_SCOPE = "trainers:sign-in"
WELCOME_SCOPE = "trainers:welcome"


def welcome_max_age():
    """The first link, in the approval e-mail, may wait longer than a requested one."""
    return getattr(settings, "TRAINER_WELCOME_LINK_MAX_AGE", 3 * 24 * 3600)


def sign_in_link(trainer, scope=SIGN_IN_SCOPE, next_url=""):
    params = {"sesame": get_token(trainer.user, scope=scope)}
    if scope == WELCOME_SCOPE:
        params["welcome"] = "1"
    if next_url:
        params["next"] = next_url
    return base_url() + reverse("trainers:link") + "?" + urlencode(params)


def _send(template, subject, recipient, language, **context):
    with translation.override(language):
        context.setdefault("site_url", base_url() + "/" + language + "/")
        context.setdefault("privacy_url", privacy_url(base_url()))
        body = render_to_string(f"trainers/email/{template}.txt", context)
        send_mail(str(subject()), body, sender(), [recipient])


def _absolute_kit_urls(kits, language):
    """Each kit's title and URL in ``language`` when translated, else as it is."""
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=language).first()
    rows = []
    for kit in kits:
        shown = (kit.get_translation_or_none(locale) if locale else None) or kit
        shown = shown.specific
        rows.append({"title": shown.title, "url": shown.get_full_url() or ""})
    return rows


def send_approved(trainer, kits, expires_at):
    language = trainer.language
    with translation.override(language):
        link = sign_in_link(trainer, WELCOME_SCOPE)
        sign_in_page = base_url() + reverse("trainers:sign_in")
    _send(
        "approved",
        lambda: _("Your access to the trainers' materials is approved"),
        trainer.email,
        language,
        trainer=trainer,
        kits=_absolute_kit_urls(kits, language),
        expires_at=expires_at,
        link=link,
        link_days=max(1, welcome_max_age() // 86400),
        sign_in_page=sign_in_page,
    )


def send_refused(access_request):
    language = access_request.language
    with translation.override(language):
        request_page = base_url() + reverse("trainers:request")
    _send(
        "refused",
        lambda: _("Your request for the trainers' materials"),
        access_request.email,
        language,
        access_request=access_request,
        request_page=request_page,
    )


def send_sign_in_link(trainer, next_url=""):
    from sesame import settings as sesame_settings

    language = trainer.language
    with translation.override(language):
        link = sign_in_link(trainer, next_url=next_url)
    _send(
        "sign_in",
        lambda: _("Your sign-in link"),
        trainer.email,
        language,
        trainer=trainer,
        link=link,
        minutes=max(1, int(sesame_settings.MAX_AGE or 0) // 60),
    )
