"""django-tasks-db's ``db_worker``, plus a watchdog that resumes interrupted sends.

A worker killed during a newsletter send leaves the issue "sending" and its task row
"running" for good: django-tasks-db never runs a task twice. This worker looks every
``NEWSLETTER_WATCHDOG_SECONDS`` (from the moment it starts) for sends whose heartbeat
has stopped and queues them again, so an interrupted send resumes by itself as soon as
any worker runs. Resuming is safe at any time: deliveries are claimed row by row
(newsletter.tasks), so a send queued twice still writes to each subscriber once."""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

logger = logging.getLogger(__name__)


def watch(stop, interval):
    from newsletter.tasks import resume_interrupted_sends

    while not stop.is_set():
        close_old_connections()
        try:
            resume_interrupted_sends()
        except Exception:  # a database hiccup must not end the watchdog
            logger.exception("Could not look for interrupted newsletter sends")
        stop.wait(interval)
    connections.close_all()


class Command(DBWorkerCommand):
    help = DBWorkerCommand.help + " Resumes interrupted newsletter sends."

    def handle(self, *args, **options):
        stop = threading.Event()
        interval = getattr(settings, "NEWSLETTER_WATCHDOG_SECONDS", 30)
        watchdog = threading.Thread(
            target=watch, args=(stop, interval), name="newsletter-watchdog", daemon=True
        )
        watchdog.start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
