"""Newsletter sends with real ``db_worker`` processes on PostgreSQL: exactly one message
per subscriber with two workers and a forced resume, and after a worker is killed with
SIGKILL mid-send and started again (at most the one message in flight repeated).

The workers are subprocesses (tests/support/worker_settings.py) on the test database;
their mail goes to files in a temporary folder, counted across processes."""

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from wagtail.users.models import UserProfile

from newsletter.models import Delivery, NewsletterIssue, Subscriber
from newsletter.tasks import queue_issue
from tests.support import worker_settings as workers_own_settings
from tests.support.mail import recipients_in

ROOT = Path(__file__).resolve().parent.parent
SUBSCRIBERS = 150

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def database_url():
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Workers:
    """``manage.py db_worker`` processes on the test database."""

    def __init__(self, mail_dir):
        self.mail_dir = mail_dir
        self.processes = []
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.support.worker_settings",
            "DATABASE_URL": database_url(),
            "TEST_MAIL_DIR": str(mail_dir),
            "PYTHONPATH": str(ROOT),
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def start(self):
        process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(process)
        return process

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


@pytest.fixture
def workers(tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    pool = Workers(mail_dir)
    yield pool
    pool.stop_all()


@pytest.fixture
def worker_settings(settings):
    # The workers' queue, and their staleness: the page tells a running send from an
    # interrupted one as their watchdog does.
    settings.TASKS = workers_own_settings.TASKS
    stale = workers_own_settings.NEWSLETTER_HEARTBEAT_STALE_SECONDS
    settings.NEWSLETTER_HEARTBEAT_STALE_SECONDS = stale
    return settings


@pytest.fixture
def issue(locales):
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"reader{n}@example.org",
                email_key=f"reader{n}@example.org",
                language="tr",
                status=Subscriber.Status.CONFIRMED,
            )
            for n in range(SUBSCRIBERS)
        ]
    )
    return NewsletterIssue.objects.create(
        locale=locales["tr"], subject="Nisan bülteni", intro="<p>Merhaba.</p>"
    )


def sent_count(issue):
    return Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count()


def wait_for(condition, timeout=120, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    raise AssertionError("timed out")


def read_send_page(client, issue):
    html = client.get(f"/admin/newsletter-send/{issue.pk}/").text
    numbers = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", html))
    state = re.search(r'data-send-state="([^"]+)"', html).group(1)
    return state, int(numbers["Delivered so far"]), int(numbers["Still to receive it"])


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_superuser("sender", "sender@example.org", "pw")
    client.force_login(editor)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"  # the page's labels in English
    profile.save()
    return client


def test_two_workers_and_a_forced_resume_send_each_subscriber_one_message(
    workers, worker_settings, issue, editor_client
):
    workers.start()
    workers.start()
    url = f"/admin/newsletter-send/{issue.pk}/"
    editor_client.post(url, {"action": "send"})
    time.sleep(0.3)
    # "Resume sending" while the first task runs: a second task for the same issue.
    editor_client.post(url, {"action": "send", "force": "1"})

    seen_running = False
    while True:
        before = len(recipients_in(workers.mail_dir))
        state, delivered, remaining = read_send_page(editor_client, issue)
        after = len(recipients_in(workers.mail_dir))
        # The page's counts match the database and the mail written at every step: at
        # most one message per worker is out but not yet recorded.
        assert delivered + remaining == SUBSCRIBERS
        assert before - 2 <= delivered <= after
        seen_running = seen_running or state == "running"
        if remaining == 0:
            break
        if delivered:  # (before, the workers may still be starting on a busy machine)
            assert state == "running"
        time.sleep(0.2)
    assert seen_running
    wait_for(lambda: NewsletterIssue.objects.get(pk=issue.pk).status == "sent")
    time.sleep(1)  # let the second task find nothing left
    recipients = recipients_in(workers.mail_dir)
    assert len(recipients) == SUBSCRIBERS
    assert len(set(recipients)) == SUBSCRIBERS
    assert read_send_page(editor_client, issue) == ("sent", SUBSCRIBERS, 0)


def test_a_worker_killed_mid_send_and_restarted_repeats_at_most_the_message_in_flight(
    workers, worker_settings, issue, editor_client
):
    kills = 0
    worker = workers.start()
    queue_issue(issue)
    for threshold in (30, 80):
        wait_for(lambda threshold=threshold: sent_count(issue) >= threshold)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        kills += 1
        stopped_at = sent_count(issue)
        # Nobody is sending: once the heartbeat is old the page says so.
        wait_for(lambda: read_send_page(editor_client, issue)[0] == "interrupted", timeout=30)
        state, delivered, remaining = read_send_page(editor_client, issue)
        assert (delivered, remaining) == (stopped_at, SUBSCRIBERS - stopped_at)
        assert remaining > 0
        # A worker comes back and resumes by itself: nobody presses anything.
        worker = workers.start()
        wait_for(lambda stopped_at=stopped_at: sent_count(issue) > stopped_at + 10)
    wait_for(lambda: NewsletterIssue.objects.get(pk=issue.pk).status == "sent")
    counts = Counter(recipients_in(workers.mail_dir))
    assert len(counts) == SUBSCRIBERS
    repeated = {address: n for address, n in counts.items() if n > 1}
    assert len(repeated) <= kills and all(n == 2 for n in repeated.values()), repeated
    assert read_send_page(editor_client, issue) == ("sent", SUBSCRIBERS, 0)
