"""Load benchmark: each page through Varnish and straight from the application, side by side
with the smallest Django view under the same gunicorn.

Run by `make bench` (or `python bench/bench_load.py`). Needs PostgreSQL (DATABASE_URL: the
server to use; a throwaway database is created there and dropped at the end), Redis
(REDIS_URL, default redis://127.0.0.1:6379/15), varnishd and wrk (installed with apt when
missing).

1. migrates a fresh database, loads the demo content and adds BENCH_NEWS (10,000) news
   items, BENCH_EVENTS (2,000) events and BENCH_KITS (500) kits with each app's
   ``bench/bench_<app>.py`` ``populate(count)`` -- apps whose module is missing are skipped
   and said so -- then builds the search index;
2. counts SQL queries per page with the test client;
3. serves the site with gunicorn (2 workers, production settings, Redis cache) with
   Varnish in front (deploy/varnish/site.vcl, its backend pointed at that gunicorn), and
   the minimal view (bench/ceiling.py) with another gunicorn of 2 workers; runs wrk for
   BENCH_SECONDS (10) per URL with 10 connections: the ceiling, each page through Varnish
   (cached) and straight from gunicorn (what Varnish asks on a miss);
4. prints requests/s, p50, p99, errors, queries, and each ratio to the ceiling.
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

from harness import gunicorn_command

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from throwaway_db import database_urls, log, run_sql, stop_and_drop  # noqa: E402  (bench/ is on the path)

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 10
# Extra gunicorn options, e.g. BENCH_GUNICORN="--threads 4" (2 workers either way).
GUNICORN_EXTRA = os.environ.get("BENCH_GUNICORN", "").split()
PORT = int(os.environ.get("BENCH_PORT", "8765"))
CEILING_PORT = PORT + 1
VARNISH_PORT = PORT + 2
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
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


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("installing wrk (apt)")
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        stdout=subprocess.DEVNULL,
    )


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
    """Queries to render each page (what the application does on a Varnish miss)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for label, url in urls.items():
        client.get(url)  # a first visit ever also makes the images' renditions
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            counts[label] = (None, response.status_code, 0)
            continue
        counts[label] = (len(queries), response.status_code, len(response.content))
    return counts


def wait_for(url, process, what):
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2)
            return process
        except Exception:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"{what} did not start")


def start_ceiling(size):
    process = subprocess.Popen(
        gunicorn_command(
            *GUNICORN_EXTRA,
            "--chdir",
            str(ROOT / "bench"),
            "ceiling:application",
            port=CEILING_PORT,
        ),
        env={**os.environ, "CEILING_BYTES": str(size)},
        start_new_session=True,
    )
    return wait_for(f"http://127.0.0.1:{CEILING_PORT}/", process, "the ceiling's gunicorn")


def start_varnish(workdir):
    """varnishd with the committed VCL, its backend pointed at the bench's gunicorn."""
    vcl_dir = workdir / "vcl"
    vcl_dir.mkdir()
    workdir.chmod(0o755)
    vcl_dir.chmod(0o755)
    shutil.copy(ROOT / "deploy" / "varnish" / "site.vcl", vcl_dir / "site.vcl")
    backend = (ROOT / "deploy" / "varnish" / "backend.vcl").read_text()
    (vcl_dir / "backend.vcl").write_text(backend.replace('.port = "8000"', f'.port = "{PORT}"'))
    for path in vcl_dir.iterdir():
        path.chmod(0o644)
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",
            "-a",
            f"127.0.0.1:{VARNISH_PORT}",
            "-f",
            str(vcl_dir / "site.vcl"),
            "-n",
            str(workdir / "work"),
            "-s",
            "malloc,256m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return wait_for(f"http://127.0.0.1:{VARNISH_PORT}/robots.txt", process, "varnishd")


def start_gunicorn(env):
    process = subprocess.Popen(
        gunicorn_command(*GUNICORN_EXTRA, "website.wsgi", port=PORT),
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    return wait_for(f"http://127.0.0.1:{PORT}/tr/", process, "gunicorn")


def wrk(url, port=PORT, cookie=None):
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(CONNECTIONS),
        "-d",
        f"{SECONDS}s",
        "--latency",
        "--timeout",
        "5s",
        "-H",
        "Accept-Encoding: gzip",
    ]  # as every browser asks
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        command + [f"http://127.0.0.1:{port}{url}"], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def latency(pct):
        match = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if match is None:  # no request completed
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = 0
    for pattern in (
        r"Non-2xx or 3xx responses: (\d+)",
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
    ):
        match = re.search(pattern, output)
        if match:
            errors += sum(int(g) for g in match.groups())
    return rps, latency(50), latency(99), errors


def stop(process):
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def main():
    admin_url, target_url, name = database_urls("bench_load", "bench_load")
    ensure_wrk()
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    media_root = Path(tempfile.mkdtemp(prefix="bench-media-"))
    varnish_dir = Path(tempfile.mkdtemp(prefix="bench-varnish-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "DATABASE_URL": target_url,
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
    server = ceiling = varnish = None
    try:
        os.environ.update({k: v for k, v in env.items() if k != "REDIS_URL"})
        os.environ.pop("REDIS_URL", None)
        log(f"building the site in database {name}")
        urls, missing = build_site()
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
        counts = count_queries(urls)
        urls = {label: url for label, url in urls.items() if counts[label][0] is not None}
        from django.db import connections

        connections.close_all()
        server = start_gunicorn({**env, "REDIS_URL": redis_url})
        sizes = sorted(size for _, _, size in counts.values() if size)
        ceiling = start_ceiling(sizes[len(sizes) // 2] if sizes else 30 * 1024)
        varnish = start_varnish(varnish_dir)
        log(
            f"wrk: {CONNECTIONS} connections, {SECONDS} s per URL; gunicorn 2 workers "
            f"{' '.join(GUNICORN_EXTRA)} for the site and for the ceiling\n"
        )
        floor = wrk("/", port=CEILING_PORT)
        rows = []
        for label, url in urls.items():
            cached = wrk(url, port=VARNISH_PORT)
            origin = wrk(url, port=PORT)
            rows.append((label, counts[label], cached, origin))
        header = (
            f"{'page':<17} {'queries':>7} {'KB':>4} | "
            f"{'Varnish r/s':>11} {'p50':>5} {'p99':>5} {'err':>4} {'x ceil':>7} | "
            f"{'origin r/s':>10} {'p50':>6} {'p99':>6} {'err':>4} {'x ceil':>7}"
        )
        log(
            f"ceiling (minimal Django view, {sizes[len(sizes) // 2] / 1024 if sizes else 30:.0f}"
            f" KB): {floor[0]:.0f} r/s, p50 {floor[1]:.1f} ms, p99 {floor[2]:.1f} ms,"
            f" {floor[3]} errors\n"
        )
        log(header)
        log("-" * len(header))

        def times(value):
            return f"{value / floor[0]:>6.2f}x" if floor[0] else f"{'n/a':>7}"

        for label, (queries, _status, size), cached, origin in rows:
            log(
                f"{label:<17} {queries:>7} {size / 1024:>4.0f} | "
                f"{cached[0]:>11.0f} {cached[1]:>5.1f} {cached[2]:>5.1f} {cached[3]:>4} "
                f"{times(cached[0])} | {origin[0]:>10.0f} {origin[1]:>6.1f} {origin[2]:>6.1f} "
                f"{origin[3]:>4} {times(origin[0])}"
            )
        log(
            "\nlatencies in ms; x ceil = requests/s over the minimal Django view's; search is"
            " never kept by Varnish (private), so both columns render it"
        )
        log("targets: through Varnish >= 10x the ceiling; <= 25 queries per page")
        for label, url, *_ in [(row[0], urls[row[0]]) for row in rows]:
            log(f"  {label}: {url}")
        if missing:
            log("skipped: " + "; ".join(missing))
    finally:
        stop(varnish)
        stop(ceiling)
        stop_and_drop(server, admin_url, name)
        for folder in (static_root, media_root, varnish_dir):
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
