"""Load benchmark: the site under 20 concurrent clients, against a static file of the same size.

Run by `make bench` (or `python bench/bench_load.py`). Needs PostgreSQL (DATABASE_URL: the
server to use; a throwaway database is created there and dropped at the end), Redis
(REDIS_URL, default redis://127.0.0.1:6379/15) and wrk (installed with apt when missing).

1. migrates a fresh database, loads the demo content and adds BENCH_NEWS (10,000) news
   items, BENCH_EVENTS (2,000) events and BENCH_KITS (500) kits with each app's
   ``bench/bench_<app>.py`` ``populate(count)`` -- apps whose module is missing are skipped
   and said so -- then builds the search index;
2. counts SQL queries per page with the test client (page cache bypassed);
3. serves the site with gunicorn (2 workers, production settings, Redis cache) on
   127.0.0.1 and runs wrk for BENCH_SECONDS (10) per URL with 20 connections: each page
   as an anonymous visitor (cached) and with a session cookie (never served from the page
   cache: rendered afresh, reusing the parts kept under the same purges, as a logged-in
   editor's pages are -- see README, "Kept parts"), and a static
   file of the same size served by the same server (WhiteNoise);
4. prints requests/s, p50, p99, errors, queries, and each page's ratio to the static file.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from throwaway_db import database_urls, run_sql, stop_and_drop  # noqa: E402  (bench/ is on the path)

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 20
# Extra gunicorn options, e.g. BENCH_GUNICORN="--threads 4" (2 workers either way).
GUNICORN_EXTRA = os.environ.get("BENCH_GUNICORN", "").split()
PORT = int(os.environ.get("BENCH_PORT", "8765"))
COUNTS = {
    "news": int(os.environ.get("BENCH_NEWS", "10000")),
    "events": int(os.environ.get("BENCH_EVENTS", "2000")),
    "resources": int(os.environ.get("BENCH_KITS", "500")),
}
# (row label, app module that provides it, keys of its populate() result to try, in order)
PAGES = [
    ("home", None, None),
    ("news index", "news", ["index_tr", "index_en"]),
    ("article", "news", ["article_tr", "article_en"]),
    ("event index", "events", ["index_tr", "index_en"]),
    ("event", "events", ["event_tr"]),
    ("kit page", "resources", ["kit_tr", "kit_en"]),
    ("training library", "resources", ["library_tr"]),
    ("search", "search", None),
    ("info note", None, None),
]
SEARCH_URL = "/tr/ara/?q=" + urllib.parse.quote("eğitim")


def log(message):
    print(message, flush=True)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("installing wrk (apt)")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
                   stdout=subprocess.DEVNULL)


def load_populate(app):
    path = ROOT / "bench" / f"bench_{app}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"bench_{app}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, "populate", None)


def build_site():
    """Migrate, demo content, bulk content; returns {label: url} and a missing-apps list."""
    import django

    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from wagtail.models import Page

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo_content", verbosity=0)
    results, missing = {}, []
    for app, count in COUNTS.items():
        populate = load_populate(app) if apps.is_installed(app) else None
        if populate is None:
            missing.append(f"{app} (no bench/bench_{app}.py populate())")
            continue
        started = time.perf_counter()
        try:
            results[app] = populate(count) or {}
        except Exception as error:  # an app still under construction must not stop the run
            missing.append(f"{app} (populate failed: {error!r})")
            continue
        log(f"  {app}: {count:,} items per language in {time.perf_counter() - started:.0f} s")
    # The bulk loaders skip the search index (as `make run` does, build it in one go), so
    # that search answers with real results.
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    log(f"  search index built in {time.perf_counter() - started:.0f} s")
    # A real database's statistics are kept up to date by autovacuum; after a bulk load
    # the planner would otherwise guess from an empty site.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    urls = {"home": "/tr/"}
    note = Page.objects.filter(locale__language_code="tr", slug="proje-bilgi-notu").first()
    if note:
        urls["info note"] = note.url
    for label, app, keys in PAGES:
        if app and app in results:
            for key in keys or []:
                if results[app].get(key):
                    urls[label] = results[app][key]
                    break
    urls["search"] = SEARCH_URL
    return urls, missing


def count_queries(urls):
    """Queries to render each page for a visitor whose page is not cached (a session
    cookie bypasses the page cache): ``cold`` right after a publish that purges
    everything (nothing kept is left but the known routes, which are checked on use),
    ``warm`` once what is kept is there again -- the usual case."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from website.cache import purge_all

    client = Client()
    client.cookies["sessionid"] = "bench-no-page-cache"
    counts = {}
    for label, url in urls.items():
        client.get(url)  # a first visit ever also makes the images' renditions
        purge_all()
        with CaptureQueriesContext(connection) as cold:
            first = client.get(url)
        if first.status_code != 200:
            counts[label] = (None, first.status_code, 0, None)
            continue
        with CaptureQueriesContext(connection) as warm:
            response = client.get(url)
        counts[label] = (len(warm), response.status_code, len(response.content), len(cold))
    return counts


def start_gunicorn(env):
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "website.wsgi", "--workers", "2", *GUNICORN_EXTRA,
         "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/tr/", timeout=2)
            return process
        except Exception:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def wrk(url, cookie=None):
    command = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{SECONDS}s", "--latency",
               "--timeout", "5s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command + [f"http://127.0.0.1:{PORT}{url}"], capture_output=True,
                            text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def latency(pct):
        match = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if match is None:  # no request completed
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"):
        match = re.search(pattern, output)
        if match:
            errors += sum(int(g) for g in match.groups())
    return rps, latency(50), latency(99), errors


def main():
    admin_url, target_url, name = database_urls("bench_load", "bench_load")
    ensure_wrk()
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    media_root = Path(tempfile.mkdtemp(prefix="bench-media-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "DATABASE_URL": target_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "SECRET_KEY": "bench-" + "x7Kq" * 15,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "WAGTAILADMIN_BASE_URL": "https://bench.example.org",
        "TRUSTED_PROXY_COUNT": "1",  # the visitors' addresses come in X-Forwarded-For
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "AXES_FAILURE_LIMIT": "1000",
    }
    run_sql(admin_url, f'CREATE DATABASE "{name}"')
    server = None
    try:
        # This process: production settings on the throwaway database, local-memory cache
        # (no REDIS_URL) so query counting can clear it freely.
        os.environ.update({k: v for k, v in env.items() if k != "REDIS_URL"})
        os.environ.pop("REDIS_URL", None)
        log(f"building the site in database {name}")
        urls, missing = build_site()
        from django.core.management import call_command
        call_command("collectstatic", interactive=False, verbosity=0)
        counts = count_queries(urls)
        urls = {label: url for label, url in urls.items() if counts[label][0] is not None}
        # Static files of the same sizes, served by WhiteNoise in the same server.
        statics = {}
        for label, (_, _, size, _) in counts.items():
            if label in urls:
                path = static_root / f"bench-{size}.html"
                path.write_bytes(b"x" * size)
                statics[label] = f"/static/{path.name}"
        from django.db import connections
        connections.close_all()
        server = start_gunicorn({**env, "REDIS_URL": redis_url})
        subprocess.run(["redis-cli", "-u", redis_url, "FLUSHDB"], stdout=subprocess.DEVNULL)
        log(f"wrk: {CONNECTIONS} connections, {SECONDS} s per URL, gunicorn 2 workers "
            f"{' '.join(GUNICORN_EXTRA)}\n")
        rows = []
        for label, url in urls.items():
            static = wrk(statics[label])
            cached = wrk(url)
            fresh = wrk(url, cookie="sessionid=bench-no-cache")
            rows.append((label, url, counts[label], static, cached, fresh))
        header = (f"{'page':<17} {'queries':>7} {'cold':>4} {'KB':>5} | {'static r/s':>10} | "
                  f"{'cached r/s':>10} {'p50':>6} {'p99':>6} {'err':>4} {'ratio':>6} | "
                  f"{'uncached r/s':>12} {'p50':>6} {'p99':>6} {'err':>4} {'ratio':>6}")
        log(header)
        log("-" * len(header))
        def ratio(value, reference):
            return f"{value / reference:>6.0%}" if reference else f"{'n/a':>6}"

        for label, _url, (queries, _status, size, cold), static, cached, fresh in rows:
            log(f"{label:<17} {queries:>7} {cold:>4} {size / 1024:>5.0f} | {static[0]:>10.0f} | "
                f"{cached[0]:>10.0f} {cached[1]:>6.1f} {cached[2]:>6.1f} {cached[3]:>4} "
                f"{ratio(cached[0], static[0])} | {fresh[0]:>12.0f} {fresh[1]:>6.1f} "
                f"{fresh[2]:>6.1f} {fresh[3]:>4} {ratio(fresh[0], static[0])}")
        log("\nlatencies in ms; ratio = page r/s / static file of the same size r/s; queries:"
            " to render the page once shared data is cached (cold: right after a publish"
            " that purges everything)")
        log("targets: cached >= 70 %, uncached >= 4 %, <= 20 queries, p99 < 200 ms, 0 errors")
        for label, url, *_ in rows:
            log(f"  {label}: {url}")
        if missing:
            log("skipped: " + "; ".join(missing))
    finally:
        stop_and_drop(server, admin_url, name)
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(media_root, ignore_errors=True)


if __name__ == "__main__":
    main()
