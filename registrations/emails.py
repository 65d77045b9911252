"""The e-mails a registrant receives, each in the language they registered in.

Every message carries the link to cancel (which also offers erasing their data); the
ones that promise a seat carry the event's .ics, the same file as the page's download."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from events.calendar import event_ics_for_mail
from home.mail import base_url, privacy_url, sender

CANCEL_SALT = "registrations.cancel"


def make_token(registration, salt=CANCEL_SALT):
    return signing.dumps([registration.pk, registration.fingerprint], salt=salt, compress=True)


def read_token(token, salt=CANCEL_SALT, max_age=None):
    """The registration a signed link names; ``signing.BadSignature`` when tampered with
    (or too old), ``LookupError`` when it no longer exists or was erased."""
    from .models import Registration

    pk, fingerprint = signing.loads(token, salt=salt, max_age=max_age)
    registration = Registration.objects.filter(pk=pk).select_related("event", "roster").first()
    if registration is None or registration.is_erased or registration.fingerprint != fingerprint:
        raise LookupError("no such registration")
    return registration


def cancel_url(registration):
    with translation.override(registration.language):
        return base_url() + reverse("registrations:cancel", args=[make_token(registration)])


def _event_url(event):
    url = event.get_url() if event is not None else ""
    if url and not url.startswith(("http://", "https://")):
        url = base_url() + url
    return url


def _subject(kind, title):
    subjects = {
        "confirmation": translation.gettext("Registration confirmed: %(title)s"),
        "waiting": translation.gettext("You are on the waiting list: %(title)s"),
        "promotion": translation.gettext("A seat has become free for you: %(title)s"),
        "reminder": translation.gettext("Reminder: %(title)s is tomorrow"),
    }
    return subjects[kind] % {"title": title}


def registration_message(registration, kind):
    """``kind``: confirmation (a seat or the waiting list, by status), promotion, reminder."""
    from .models import Registration

    event = registration.event
    if kind == "confirmation" and registration.status == Registration.Status.WAITING:
        kind = "waiting"
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": event,
            "event_url": _event_url(event),
            "cancel_url": cancel_url(registration),
            "kind": kind,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "privacy_url": privacy_url(base_url()),
            "LANGUAGE_CODE": registration.language,
        }
        title = event.title if event is not None else registration.roster.title
        message = EmailMessage(
            subject=_subject(kind, title),
            body=render_to_string("registrations/email/registration.txt", context),
            from_email=sender(),
            to=[registration.email],
        )
        if event is not None and kind != "waiting":
            message.attach(
                f"{event.slug}.ics",
                event_ics_for_mail(event, registration.language),
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
    return message


def organiser_message(registration, subject, body):
    """A message the organisers write to an event's registrants (admin)."""
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "body": body,
            "event_url": _event_url(registration.event),
            "cancel_url": cancel_url(registration),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "privacy_url": privacy_url(base_url()),
        }
        return EmailMessage(
            subject=subject,
            body=render_to_string("registrations/email/organiser.txt", context),
            from_email=sender(),
            to=[registration.email],
        )
