"""Registration e-mails and the daily jobs, run by the task worker (django-tasks).

The reminder is sent exactly once per registration even if the job runs twice, or twice
at the same moment: each registration is first *claimed* with one conditional UPDATE
(``reminder_sent_at`` set only where it is still empty), and only the run whose UPDATE
changed the row sends. A failed send gives the claim back, so the next run retries."""

import logging

from django.core.mail import get_connection
from django.utils import timezone
from django_tasks import task

from .emails import organiser_message, registration_message
from .models import Registration
from .services import erase_after_event, reminder_window

logger = logging.getLogger(__name__)


@task()
def send_registration_email(registration_id, kind):
    registration = (
        Registration.objects.select_related("event", "event__locale", "roster")
        .filter(pk=registration_id, erased_at__isnull=True)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if registration is not None:
        registration_message(registration, kind).send()


def claim_reminder(registration_id, now):
    return bool(
        Registration.objects.filter(pk=registration_id, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
    )


def send_due_reminders(now=None):
    """Remind everyone with a seat at an event that starts tomorrow. Returns how many
    reminders this run sent."""
    now = now or timezone.now()
    start, end = reminder_window(now)
    due = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            erased_at__isnull=True,
            event__live=True,
            event__start__gte=start,
            event__start__lt=end,
        )
        .exclude(event__status="cancelled")
        .select_related("event", "event__locale", "roster")
        .order_by("pk")
    )
    sent = 0
    with get_connection() as connection:
        for registration in due:
            if not claim_reminder(registration.pk, now):
                continue  # another run has it
            message = registration_message(registration, "reminder")
            message.connection = connection
            try:
                message.send()
            except Exception:
                Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=None)
                logger.exception("Reminder for registration %s not sent", registration.pk)
                raise
            sent += 1
    return sent


@task()
def send_reminders():
    return send_due_reminders()


@task()
def erase_expired_registrations():
    return erase_after_event()


@task()
def send_to_registrants(registration_ids, subject, body):
    sent = 0
    registrations = Registration.objects.filter(
        pk__in=registration_ids, erased_at__isnull=True
    ).select_related("event")
    with get_connection() as connection:
        for registration in registrations:
            message = organiser_message(registration, subject, body)
            message.connection = connection
            message.send()
            sent += 1
    return sent
