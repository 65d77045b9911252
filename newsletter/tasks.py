"""Sending an issue in the background (django-tasks), exactly once per recipient.

Every recipient first gets a ``Delivery`` row (one per issue and subscriber, enforced
by a unique constraint). Each message is then sent inside its own transaction that
holds a lock on its row (``SELECT … FOR UPDATE SKIP LOCKED``): any number of workers
running the same issue at once (a second "Resume sending", several ``db_worker``
processes) each take rows nobody else holds, and the row is marked ``sent`` in the
same transaction. A worker killed mid-message loses its transaction, so PostgreSQL
releases the row and it is sent again later: only that one message, which may or may
not have left, can be repeated.

While sending, the worker renews the issue's ``heartbeat_at``. The Send page tells a
running send (recent beat) from an interrupted one, and every ``db_worker`` (our
``newsletter/management/commands/db_worker.py``) looks for interrupted sends and
queues them again, so a send resumes by itself once a worker is back."""

import logging
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django_tasks import task

from .emails import IssueRenderer
from .models import Delivery, NewsletterIssue, Subscriber

logger = logging.getLogger(__name__)
BATCH_SIZE = 500


def heartbeat_seconds():
    """How often a sending worker renews the issue's heartbeat."""
    return getattr(settings, "NEWSLETTER_HEARTBEAT_SECONDS", 5)


def stale_after():
    """A send whose heartbeat is older than this is taken as interrupted."""
    return timedelta(seconds=getattr(settings, "NEWSLETTER_HEARTBEAT_STALE_SECONDS", 60))


def received(issue):
    """Subscribers (as an ``Exists`` condition on ``Subscriber``) already sent ``issue``.

    An ``Exists`` subquery rather than ``exclude()`` with two conditions across the
    multi-valued ``deliveries`` relation, which excludes a subscriber when *some*
    delivery is of this issue and *some other* is sent."""
    return Exists(
        Delivery.objects.filter(issue=issue, subscriber=OuterRef("pk"), status=Delivery.Status.SENT)
    )


def audience(issue):
    return Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED, language=issue.language)


def claim_recipients(issue):
    """Create the missing ``Delivery`` rows for the issue's confirmed subscribers.
    Several workers may do it at once: the unique constraint keeps one row each."""
    has_row = Exists(Delivery.objects.filter(issue=issue, subscriber=OuterRef("pk")))
    ids = list(audience(issue).filter(~has_row).values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        rows = [Delivery(issue=issue, subscriber_id=pk) for pk in ids[start : start + BATCH_SIZE]]
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return len(ids)


def beat(issue_id):
    NewsletterIssue.objects.filter(pk=issue_id).update(heartbeat_at=timezone.now())


def deliver(issue_id):
    """Send the issue to every confirmed subscriber of its language not yet reached.

    Returns the number of messages sent on this run. A failing mail backend marks
    the delivery ``failed``, stops the run (the exception propagates) and leaves the
    rest pending for the next run."""
    issue = NewsletterIssue.objects.select_related("locale").get(pk=issue_id)
    if issue.status == NewsletterIssue.Status.SENT:
        # A resume queued twice (by the watchdog and a button) that comes after the
        # send finished: nothing to do. A new send is always queued first.
        return 0
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=NewsletterIssue.Status.SENDING, heartbeat_at=timezone.now()
    )
    claim_recipients(issue)
    renderer = IssueRenderer(issue)
    with relaxed_commits():
        sent = _send_pending(issue, renderer)
    finish_if_complete(issue)
    return sent


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


def _next_delivery(issue):
    """Lock the next unsent delivery nobody else holds (or None when there is none)."""
    return (
        Delivery.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            issue=issue,
            status__in=[Delivery.Status.PENDING, Delivery.Status.FAILED],
            # Someone who unsubscribed after the send began is skipped.
            subscriber__status=Subscriber.Status.CONFIRMED,
        )
        .select_related("subscriber")
        .order_by("pk")
        .first()
    )


def _send_pending(issue, renderer):
    sent = 0
    last_beat = timezone.now()
    with get_connection() as mail_connection:
        while True:
            error = None
            with transaction.atomic():
                delivery = _next_delivery(issue)
                if delivery is None:
                    break
                message = renderer.for_subscriber(delivery.subscriber)
                message.connection = mail_connection
                try:
                    message.send()
                except Exception as exc:
                    error = exc
                    Delivery.objects.filter(pk=delivery.pk).update(
                        status=Delivery.Status.FAILED, error=str(exc)[:255]
                    )
                else:
                    Delivery.objects.filter(pk=delivery.pk).update(
                        status=Delivery.Status.SENT, sent_at=timezone.now(), error=""
                    )
                    sent += 1
            if error is not None:
                NewsletterIssue.objects.filter(pk=issue.pk).update(
                    status=NewsletterIssue.Status.FAILED
                )
                logger.error("Newsletter issue %s interrupted: %s", issue.pk, error)
                raise error
            if (timezone.now() - last_beat).total_seconds() >= heartbeat_seconds():
                last_beat = timezone.now()
                beat(issue.pk)
    return sent


def finish_if_complete(issue):
    """Mark the issue sent once no confirmed recipient is left unsent. Another worker
    may still hold the last rows: then it is the one that finds nothing left."""
    unsent = Delivery.objects.filter(
        issue=issue, subscriber__status=Subscriber.Status.CONFIRMED
    ).exclude(status=Delivery.Status.SENT)
    if unsent.exists():
        return False
    NewsletterIssue.objects.filter(pk=issue.pk).exclude(status=NewsletterIssue.Status.SENT).update(
        status=NewsletterIssue.Status.SENT, sent_at=timezone.now(), heartbeat_at=timezone.now()
    )
    return True


@task()
def send_issue(issue_id):
    return deliver(issue_id)


def queue_issue(issue):
    """Mark the issue queued and hand it to the task backend. With the database
    backend the task row is written in the same transaction as the status."""
    with transaction.atomic():
        NewsletterIssue.objects.filter(pk=issue.pk).update(
            status=NewsletterIssue.Status.QUEUED, queued_at=timezone.now(), heartbeat_at=None
        )
        return send_issue.enqueue(issue.pk)


def send_counts(issue):
    """(audience, delivered, remaining) for the Send page, from one snapshot of the
    database: counted while workers send, separate queries would each see a different
    moment and not add up."""

    def count():
        return (
            audience(issue).count(),
            Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count(),
            audience(issue).filter(~received(issue)).count(),
        )

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return count()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return count()


def is_running(issue, now=None):
    """A send is running when it is queued or sending and a worker beat recently (or
    it was queued only just now)."""
    if issue.status not in (NewsletterIssue.Status.QUEUED, NewsletterIssue.Status.SENDING):
        return False
    latest = issue.heartbeat_at or issue.queued_at
    return latest is not None and (now or timezone.now()) - latest < stale_after()


def resume_interrupted_sends():
    """Queue again every send that stopped without finishing (its worker was killed or
    the machine restarted): queued or sending, with no heartbeat for a while.

    Each issue is claimed by moving its heartbeat forward with a conditional update,
    so several workers looking at once queue it once. Returns the issues queued."""
    now = timezone.now()
    stale = now - stale_after()
    candidates = NewsletterIssue.objects.filter(
        status__in=[NewsletterIssue.Status.QUEUED, NewsletterIssue.Status.SENDING]
    ).filter(Q(heartbeat_at__lt=stale) | Q(heartbeat_at__isnull=True, queued_at__lt=stale))
    resumed = []
    for issue_id, heartbeat in candidates.values_list("pk", "heartbeat_at"):
        with transaction.atomic():
            claimed = NewsletterIssue.objects.filter(pk=issue_id, heartbeat_at=heartbeat).update(
                heartbeat_at=now
            )
            if claimed:
                send_issue.enqueue(issue_id)
                resumed.append(issue_id)
    for issue_id in resumed:
        logger.warning("Newsletter issue %s was interrupted: sending resumed", issue_id)
    return resumed


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
