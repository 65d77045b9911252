"""Sending an issue in the background (django-tasks).

The send is resumable: every recipient first gets a ``Delivery`` row (one per issue
and subscriber, enforced by a unique constraint), and a row is marked ``sent`` right
after its message leaves. Running the task again, after an interruption or a failed
mail server, writes only to those without a ``sent`` row, so nobody gets the issue
twice and nobody is skipped."""

import logging
from contextlib import contextmanager

from django.core.mail import get_connection
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from .emails import IssueRenderer
from .models import Delivery, NewsletterIssue, Subscriber

logger = logging.getLogger(__name__)
BATCH_SIZE = 500


def claim_recipients(issue):
    """Create the missing ``Delivery`` rows for the issue's confirmed subscribers."""
    recipients = Subscriber.objects.filter(
        status=Subscriber.Status.CONFIRMED, language=issue.language
    ).exclude(deliveries__issue=issue)
    created = 0
    ids = list(recipients.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        rows = [Delivery(issue=issue, subscriber_id=pk) for pk in ids[start : start + BATCH_SIZE]]
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
        created += len(rows)
    return created


def deliver(issue_id):
    """Send the issue to every confirmed subscriber of its language not yet reached.

    Returns the number of messages sent on this run. A failing mail backend marks
    the delivery ``failed``, stops the run (the exception propagates) and leaves the
    rest pending for the next run."""
    issue = NewsletterIssue.objects.select_related("locale").get(pk=issue_id)
    NewsletterIssue.objects.filter(pk=issue.pk).update(status=NewsletterIssue.Status.SENDING)
    claim_recipients(issue)
    renderer = IssueRenderer(issue)
    with relaxed_commits():
        return _send_pending(issue, renderer)


@contextmanager
def relaxed_commits():
    """On PostgreSQL, let each "sent" mark commit without waiting for the disk flush.

    Every mark is still its own commit, so a worker that dies loses none of them;
    only a crash of the database server itself could lose the last fraction of a
    second. This makes the per-message bookkeeping several times faster."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _send_pending(issue, renderer):
    sent = 0
    last_pk = 0
    with get_connection() as mail_connection:
        while True:
            batch = list(
                Delivery.objects.filter(issue=issue, pk__gt=last_pk)
                .exclude(status=Delivery.Status.SENT)
                .filter(
                    # Someone who unsubscribed after the send began is skipped.
                    subscriber__status=Subscriber.Status.CONFIRMED
                )
                .select_related("subscriber")
                .order_by("pk")[:BATCH_SIZE]
            )
            if not batch:
                break
            for delivery in batch:
                last_pk = delivery.pk
                message = renderer.for_subscriber(delivery.subscriber)
                message.connection = mail_connection
                try:
                    message.send()
                except Exception as error:
                    Delivery.objects.filter(pk=delivery.pk).update(
                        status=Delivery.Status.FAILED, error=str(error)[:255]
                    )
                    NewsletterIssue.objects.filter(pk=issue.pk).update(
                        status=NewsletterIssue.Status.FAILED
                    )
                    logger.exception("Newsletter issue %s interrupted", issue.pk)
                    raise
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.SENT, sent_at=timezone.now(), error=""
                )
                sent += 1
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=NewsletterIssue.Status.SENT, sent_at=timezone.now()
    )
    return sent


@task()
def send_issue(issue_id):
    return deliver(issue_id)


def queue_issue(issue):
    """Mark the issue queued and hand it to the task backend. With the database
    backend the task row is written in the same transaction as the status."""
    with transaction.atomic():
        NewsletterIssue.objects.filter(pk=issue.pk).update(
            status=NewsletterIssue.Status.QUEUED, queued_at=timezone.now()
        )
        return send_issue.enqueue(issue.pk)


@task()
def send_confirmation_email(subscriber_id, base):
    """The double opt-in e-mail, sent in the background so the signup answers as fast
    whether or not a message goes out (no timing hint about the address)."""
    from .emails import confirmation_message

    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.PENDING
    ).first()
    if subscriber is not None:
        confirmation_message(subscriber, base=base).send()
