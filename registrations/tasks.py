"""Registration e-mails and the daily jobs, run by the task worker (django-tasks).

The reminder is sent exactly once per registration even if the job runs twice, or twice
at the same moment: each registration is first *claimed* with one conditional UPDATE
(``reminder_sent_at`` set only where it is still empty), and only the run whose UPDATE
changed the row sends. A failed send gives the claim back, so the next run retries."""

import calendar
import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .emails import organiser_message, registration_message
from .models import Registration

logger = logging.getLogger(__name__)


def months_before(moment, months):
    """The same day and time ``months`` months earlier (the 31st becomes the month's last)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def erase_after_event(now=None):
    """Erase the registrations of events that ended more than
    ``REGISTRATION_ERASE_AFTER_MONTHS`` months ago. Returns how many were erased."""
    now = now or timezone.now()
    cutoff = months_before(now, settings.REGISTRATION_ERASE_AFTER_MONTHS)
    due = Registration.objects.filter(erased_at__isnull=True).filter(
        Q(event__end__lt=cutoff) | Q(event__isnull=True, roster__starts_at__lt=cutoff)
    )
    return due.update(
        name="", organisation="", email="", email_key="", needs="", answers=[], erased_at=now
    )


def reminder_window(now=None):
    """Tomorrow, in the site's time zone, as [start, end)."""
    tz = timezone.get_default_timezone()
    tomorrow = timezone.localdate(now or timezone.now(), tz) + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=tz)
    return start, start + datetime.timedelta(days=1)


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
