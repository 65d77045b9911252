"""Newsletter benchmark: time to queue and send an issue to 10,000 subscribers with the
in-memory e-mail backend, and the cost of the signup page.

Runs in a throwaway database (created and dropped here; PostgreSQL when DATABASE_URL
says so), never the developer's db.sqlite3:

    python bench/bench_newsletter.py [count]
"""

import sys
import time

from harness import setup_django, throwaway_database

setup_django()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def populate(count):
    """``count`` confirmed subscribers per language and one issue per language.
    Returns representative URLs of the app."""
    from wagtail.models import Locale

    from newsletter.models import ConsentText, NewsletterIssue, Subscriber, email_key

    now = timezone.now()
    for code in ("tr", "en"):
        locale, _ = Locale.objects.get_or_create(language_code=code)
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=f"bench-{code}-{i}@example.org",
                    email_key=email_key(f"bench-{code}-{i}@example.org"),
                    language=code,
                    status=Subscriber.Status.CONFIRMED,
                    consent_version=1,
                    consented_at=now,
                    confirmed_at=now,
                )
                for i in range(count)
            ],
            batch_size=1000,
        )
        if not ConsentText.objects.filter(locale=locale).exists():
            ConsentText.objects.create(locale=locale, version=1, text=f"Consent ({code})")
        NewsletterIssue.objects.get_or_create(
            locale=locale,
            subject=f"Benchmark issue ({code})",
            defaults={"intro": "<p>Bench.</p>"},
        )
    return {"signup_tr": "/tr/bulten/", "signup_en": "/en/newsletter/", "home_tr": "/tr/"}


def main(count):
    from newsletter.models import Delivery, NewsletterIssue
    from newsletter.tasks import deliver, queue_issue

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    with throwaway_database():
        print(
            f"database: {connection.vendor}, task backend: {settings.TASKS['default']['BACKEND']}"
        )
        started = time.perf_counter()
        urls = populate(count)
        print(f"populate({count}): {time.perf_counter() - started:.2f} s")

        issue = NewsletterIssue.objects.get(locale__language_code="tr")
        mail.outbox = []
        started = time.perf_counter()
        queue_issue(issue)
        queued = time.perf_counter() - started
        print(f"queue the issue: {queued * 1000:.1f} ms")

        started = time.perf_counter()
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            sent = deliver(issue.pk)  # what the worker runs
        elapsed = time.perf_counter() - started
        assert sent == count == len(mail.outbox), (sent, len(mail.outbox))
        assert Delivery.objects.filter(issue=issue, status="sent").count() == count
        print(
            f"send to {count} subscribers: {elapsed:.2f} s "
            f"({elapsed / count * 1000:.2f} ms per message, {count / elapsed:.0f} messages/s, "
            f"{counter.count} queries)"
        )
        started = time.perf_counter()
        again = deliver(issue.pk)
        print(f"resume after completion: {again} sent, {time.perf_counter() - started:.2f} s")

        client = Client(HTTP_HOST="localhost")
        for name, url in urls.items():
            client.get(url)  # warm up
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                ms = (time.perf_counter() - started) * 1000
            print(
                f"GET {url} ({name}): {response.status_code}, {len(queries)} queries, {ms:.1f} ms"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
