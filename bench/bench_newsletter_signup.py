"""Signup load benchmark: 20 concurrent visitors sign up through a production-like server,
to show that the per-address rate limit holds and no subscriber is lost or duplicated.

Run by `make bench` (or `python bench/bench_newsletter_signup.py`). Needs PostgreSQL
(DATABASE_URL: the server to use; a throwaway database is created there and dropped at the
end) and Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/15; keys under a prefix of
this run only, removed at the end).

1. migrates the throwaway database and adds a consent text per language;
2. serves the site with gunicorn (2 workers, as in the README) on 127.0.0.1 with the
   production settings and the Redis cache, so both workers share one rate-limit count --
   the only change: static files are served without collectstatic's manifest;
3. BENCH_CLIENTS (20) threads play BENCH_SIGNUPS (600) visitors, each opening the form
   (GET, for the CSRF cookie) and posting it, the way the TLS proxy forwards them
   (X-Forwarded-For, X-Forwarded-Proto). The visitors come from BENCH_IPS (30) client
   addresses in turn, so each address goes over its limit; a quarter of them resubmit the
   previous visitor's e-mail address in another spelling (upper/lower case, spaces), often
   while the first is still being answered;
4. prints requests, accepted, rate-limited, errors, subscribers vs distinct accepted
   addresses, duplicates and p50/p99 latency, and exits non-zero if an invariant fails.
"""

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from http.client import HTTPConnection
from pathlib import Path

from harness import gunicorn_command

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from throwaway_db import database_urls, free_port, log, run_sql, stop_and_drop  # noqa: E402  (bench/ is on the path)

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "20"))
SIGNUPS = int(os.environ.get("BENCH_SIGNUPS", "600"))
IPS = int(os.environ.get("BENCH_IPS", "30"))
REPEAT_SHARE = 0.25
SIGNUP = {"tr": "/tr/bulten/", "en": "/en/newsletter/"}
SENT = {"tr": "/tr/bulten/e-postanizi-kontrol-edin/", "en": "/en/newsletter/check-your-inbox/"}
LIMITED_TEXT = {"tr": "Çok fazla deneme", "en": "Too many attempts"}
# Production settings, except that static files need no collectstatic manifest.
SETTINGS_SHIM = """from website.settings.production import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405, E501
"""


def prepare_database():
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Locale

    from newsletter.models import ConsentText

    call_command("migrate", verbosity=0, interactive=False)
    for code, text in (("tr", "E-bülteni almayı kabul ediyorum."), ("en", "I agree.")):
        locale, _ = Locale.objects.get_or_create(language_code=code)
        ConsentText.objects.create(locale=locale, version=1, text=text)


def client_addresses(count):
    """Client addresses (RFC 2544's benchmarking range) whose rate-limit window lasts
    beyond the run: django-ratelimit counts in fixed windows staggered per address, and a
    window ending mid-run would rightly let a second batch through, blurring the count."""
    from django.test import RequestFactory
    from django_ratelimit.core import get_usage

    from newsletter.views import signup_rate

    chosen = []
    for number in range(1, 4000):
        address = f"198.18.{number // 250}.{number % 250 + 1}"
        request = RequestFactory().post("/", HTTP_X_FORWARDED_FOR=address)
        usage = get_usage(
            request, group="newsletter-signup", key="ip", rate=signup_rate, increment=False
        )
        if usage["time_left"] > 120:  # the run takes well under a minute
            chosen.append(address)
            if len(chosen) == count:
                return chosen
    raise SystemExit(
        "not enough client addresses with a long rate-limit window (rate period too short?)"
    )


def respell(address, rng):
    local, domain = address.split("@")
    return rng.choice(
        [f"{local.upper()}@{domain}", f"{local}@{domain.upper()}", f"  {local}@{domain} "]
    )


def make_plan(ips):
    """(client address, language, e-mail as typed) for every visitor, reproducibly."""
    rng = random.Random(2026)
    plan, typed = [], []
    for number in range(SIGNUPS):
        if typed and rng.random() < REPEAT_SHARE:
            email = respell(typed[-1], rng)  # the latest: often still in flight
        else:
            email = f"Visitor{number}@example.org"
            typed.append(email)
        plan.append((ips[number % len(ips)], ("tr", "en")[number % 2], email))
    return plan


def email_key(address):
    return address.strip().lower()


class Visitor:
    """A browser as the server sees it through the TLS proxy: its own CSRF cookie, its
    address in X-Forwarded-For."""

    def __init__(self, port, ip):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.headers = {"X-Forwarded-For": ip, "X-Forwarded-Proto": "https"}

    def request(self, method, path, body=None, headers=None):
        connection = HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers={**self.headers, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read().decode()
        finally:
            connection.close()

    def sign_up(self, language, email):
        """Returns (status, Location, page, seconds the POST took)."""
        path = SIGNUP[language]
        status, headers, html = self.request("GET", path)
        if status != 200:
            return status, None, html, 0.0
        cookie = next(
            value.split(";")[0]
            for name, value in headers
            if name.lower() == "set-cookie" and value.startswith("csrftoken=")
        )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        form = {
            "email": email,
            "language": language,
            "name": "",
            "organisation": "",
            "consent": "on",
            "website": "",
            "csrfmiddlewaretoken": token,
        }
        started = time.perf_counter()
        status, headers, html = self.request(
            "POST",
            path,
            urllib.parse.urlencode(form),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Referer": self.origin + path,
            },
        )
        location = {name.lower(): value for name, value in headers}.get("location")
        return status, location, html, time.perf_counter() - started


def run_load(port, plan):
    results = [None] * len(plan)
    cursor = iter(range(len(plan)))
    lock = threading.Lock()
    barrier = threading.Barrier(CLIENTS)

    def worker():
        barrier.wait()
        while True:
            with lock:
                index = next(cursor, None)
            if index is None:
                return
            ip, language, email = plan[index]
            try:
                results[index] = Visitor(port, ip).sign_up(language, email)
            except Exception as error:  # noqa: BLE001 -- counted as an error, shown below
                results[index] = (None, None, repr(error), 0.0)

    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0


def report(plan, results, elapsed, limit):
    from django_tasks_db.models import DBTaskResult

    from newsletter.models import Subscriber

    accepted, limited, errors, per_ip = [], [], [], Counter()
    for (ip, language, email), (status, location, html, _) in zip(plan, results, strict=True):
        if status == 302 and location == SENT[language]:
            accepted.append(email)
            per_ip[ip] += 1
        elif status == 429 and LIMITED_TEXT[language] in html and email.strip() not in html:
            limited.append(email)
        else:
            errors.append((status, html[:200]))
    latencies = [result[3] for result in results if result[0] in (302, 429)]
    accepted_keys = {email_key(email) for email in accepted}
    only_refused = {email_key(email) for email in limited} - accepted_keys
    rows = list(Subscriber.objects.values_list("pk", "email_key"))
    stored_keys = Counter(key for _, key in rows)
    confirmations = Counter(
        task.args_kwargs["args"][0]
        for task in DBTaskResult.objects.filter(task_path__endswith="send_confirmation_email")
    )
    checks = {
        "no errors": not errors,
        "every accepted address stored": set(stored_keys) >= accepted_keys,
        "subscribers == distinct accepted addresses": len(rows) == len(accepted_keys),
        "no duplicate subscriber": max(stored_keys.values(), default=0) <= 1,
        "one confirmation per subscriber": sorted(confirmations) == sorted(pk for pk, _ in rows)
        and max(confirmations.values(), default=0) == 1,
        "nothing stored for refused-only addresses": not (set(stored_keys) & only_refused),
        "accepted per client address == limit": set(per_ip.values()) == {limit}
        and len(per_ip) == IPS,
    }
    log(
        f"{len(plan)} signups by {CLIENTS} concurrent visitors from {IPS} client addresses, "
        f"rate {limit} per address, in {elapsed:.1f} s ({len(plan) / elapsed:.0f} signups/s, "
        "each a GET of the form and a POST)"
    )
    rows_shown = [
        ("requests (POST)", len(results)),
        ("accepted (302 to check your inbox)", len(accepted)),
        ("rate-limited (429, friendly page)", len(limited)),
        ("errors (anything else)", len(errors)),
        ("distinct addresses submitted", len({email_key(email) for _, _, email in plan})),
        ("  of them accepted at least once", len(accepted_keys)),
        ("subscribers created", len(rows)),
        ("duplicate subscribers", sum(n - 1 for n in stored_keys.values())),
        ("confirmation e-mails queued", sum(confirmations.values())),
        ("duplicate confirmation e-mails", sum(n - 1 for n in confirmations.values())),
        ("rows for addresses only refused", len(set(stored_keys) & only_refused)),
        (
            "accepted per client address",
            f"min {min(per_ip.values(), default=0)}, max {max(per_ip.values(), default=0)} "
            f"(limit {limit})",
        ),
        (
            "POST latency",
            f"p50 {percentile(latencies, 0.50):.0f} ms, p99 {percentile(latencies, 0.99):.0f} ms",
        ),
    ]
    for label, value in rows_shown:
        log(f"  {label:<36} {value}")
    for status, text in errors[:5]:
        log(f"  error: {status} {text!r}")
    for name, ok in checks.items():
        log(f"  [{'ok' if ok else 'FAILED'}] {name}")
    return all(checks.values())


def main():
    import redis

    admin_url, target_url, name = database_urls("bench_newsletter_signup", "bench_signup")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(redis_url).ping()
    except redis.RedisError as error:
        sys.exit(f"bench_newsletter_signup needs Redis at {redis_url}: {error}")
    prefix = f"bench-signup-{os.getpid()}"
    shim = Path(tempfile.mkdtemp(prefix="bench-signup-"))
    (shim / "bench_signup_settings.py").write_text(SETTINGS_SHIM)
    sys.path.insert(0, str(shim))
    port = int(os.environ.get("BENCH_PORT") or free_port())
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(shim), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "bench_signup_settings",
        "DATABASE_URL": target_url,
        "SECRET_KEY": "bench-" + "s1gN" * 15,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": "https://bench.example.org",
        "TRUSTED_PROXY_COUNT": "1",  # the visitors' addresses come in X-Forwarded-For
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(shim / "media"),
        "CACHE_KEY_PREFIX": prefix,
    }
    run_sql(admin_url, f'CREATE DATABASE "{name}"')
    server, server_log, ok = None, shim / "gunicorn.log", False
    try:
        # This process: the same settings on the throwaway database, local-memory cache.
        os.environ.update({k: v for k, v in env.items() if k != "PYTHONPATH"})
        os.environ.pop("REDIS_URL", None)
        started = time.perf_counter()
        prepare_database()
        log(f"database {name} migrated in {time.perf_counter() - started:.0f} s")
        from django.db import connections

        from newsletter.views import signup_rate

        limit = int(signup_rate(None, None).split("/")[0])
        plan = make_plan(client_addresses(IPS))
        connections.close_all()
        with open(server_log, "w") as errors_out:
            server = subprocess.Popen(
                gunicorn_command("website.wsgi", port=port),
                cwd=ROOT,
                env={**env, "REDIS_URL": redis_url},
                start_new_session=True,
                stdout=errors_out,
                stderr=errors_out,
            )
        for _ in range(100):
            try:
                if Visitor(port, "198.18.255.1").request("GET", "/tr/")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.3)
        else:
            raise SystemExit("gunicorn did not start:\n" + server_log.read_text()[-2000:])
        results, elapsed = run_load(port, plan)
        ok = report(plan, results, elapsed, limit)
        tracebacks = server_log.read_text().count("Traceback")
        log(f"  server tracebacks in the log: {tracebacks}")
        ok = ok and tracebacks == 0
    finally:
        stop_and_drop(server, admin_url, name)
        store = redis.Redis.from_url(redis_url)
        for key in store.scan_iter(match=f"{prefix}:*"):
            store.delete(key)
        shutil.rmtree(shim, ignore_errors=True)
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
