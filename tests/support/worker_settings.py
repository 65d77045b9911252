"""Settings of the ``db_worker`` processes started by tests/test_newsletter_workers.py:
the test settings with the production task queue (the database) and mail written to
files (tests.support.mail), and a heartbeat quick enough for a test to wait for."""

import os

from website.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "tests.support.mail.SlowFileBackend"
EMAIL_FILE_PATH = os.environ.get("TEST_MAIL_DIR", "/tmp")
NEWSLETTER_HEARTBEAT_SECONDS = 0.2
NEWSLETTER_HEARTBEAT_STALE_SECONDS = 2  # ten missed beats
NEWSLETTER_WATCHDOG_SECONDS = 0.5
