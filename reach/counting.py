"""Counting page views in Redis, without cookies and without keeping anything personal.

A page view arrives from the beacon (``reach.views.hit``) and costs no network round
trip: it waits in the worker's memory, reduced to (day, page, visitor's daily hash), and
a thread of each worker pushes what waits to Redis every ``REACH_PUSH_SECONDS`` (1 s) in
one round trip. There a Lua script adds each hash to the day's set (is this a new
visit?) and increments the day's counters. ``flush`` moves the counters into
``DailyPageCount`` rows; it is run by the ``flush_reach_counts`` command or task. A
worker killed outright loses at most its last second of views.

Telling a new visit from a reload, the way privacy-first analytics tools do: the hash of
a random salt, the client address, its user agent and the site's host. The salt is made
for one day, kept only in Redis (and in each worker's memory) and expires at the end of
that day, together with the day's set of hashes; it is never written to the database.
Once it is gone nobody, us included, can tell whether two hashes came from the same
browser, and the hash cannot be traced back to an address.

If Redis is unreachable, counting stops quietly for ``RETRY_SECONDS`` and the endpoint
still answers at once; the pages themselves never touch Redis for this."""

import atexit
import datetime
import hashlib
import logging
import os
import re
import secrets
import threading
import time
import uuid
from collections import defaultdict

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

RETRY_SECONDS = 30
# Counters not flushed after this long are dropped by Redis rather than pile up.
COUNTER_TTL = 60 * 60 * 24 * 45
MAX_PATH = 300

# Crawlers, link previews, monitors, HTTP libraries and automated browsers. A real
# browser's user agent contains none of these words.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|scrap|fetch|preview|monitor|check|scan|archiv|headless|"
    r"lighthouse|pagespeed|phantom|selenium|puppeteer|playwright|curl|wget|httpie|"
    r"python|java/|go-http|okhttp|axios|node-fetch|libwww|perl|ruby|php|feed|rss|"
    r"facebookexternalhit|whatsapp|telegram|discord|slack|skype|embedly|bingpreview",
    re.IGNORECASE,
)
HOST_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$")

# A batch of page views of one day in one round trip: for each (field, visitor hash) pair,
# one page view, and one visit when the hash is new in the day's set.
# KEYS: views hash, visits hash, seen set; ARGV: seen TTL, counter TTL, field, hash, field…
PUSH_SCRIPT = """
for i = 3, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], 1)
  if redis.call('SADD', KEYS[3], ARGV[i + 1]) == 1 then
    redis.call('HINCRBY', KEYS[2], ARGV[i], 1)
  end
end
redis.call('EXPIRE', KEYS[3], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1
"""
BATCH = 500


def enabled():
    return getattr(settings, "REACH_ENABLED", True)


def refusal(request):
    """Why this request is not counted, or "" when it is.

    Honoured: Global Privacy Control and Do Not Track; not counted: prefetches and
    prerenders (the page may never be seen), and user agents that are not browsers."""
    meta = request.META
    if meta.get("HTTP_SEC_GPC", "").strip() == "1":
        return "gpc"
    if meta.get("HTTP_DNT", "").strip() == "1":
        return "dnt"
    purpose = " ".join(
        meta.get(name, "")
        for name in ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
    ).lower()
    if "prefetch" in purpose or "prerender" in purpose or "preview" in purpose:
        return "prefetch"
    agent = meta.get("HTTP_USER_AGENT", "")
    if not agent.startswith("Mozilla/") or BOT_PATTERN.search(agent):
        return "bot"
    return ""


def clean_path(path):
    """The page's path when it is one of the site's language trees, else None.

    The language is the path's own prefix (``/tr/…``, ``/en/…``): the language the
    visitor read the page in, whatever the content's own language."""
    if not path or len(path) > MAX_PATH or not path.startswith("/") or "?" in path:
        return None, None
    if any(ord(c) < 32 or c in " #" for c in path):
        return None, None
    language = path.split("/")[1]
    if language not in dict(settings.LANGUAGES):
        return None, None
    return path, language


def clean_host(host, own_host):
    """A referring site's host name, "" for none or for this site itself."""
    host = (host or "").strip().lower().rstrip(".")
    if not host or not HOST_PATTERN.match(host):
        return ""
    own = (own_host or "").split(":")[0].lower()
    if host == own or host == "www." + own or "www." + host == own:
        return ""
    return host


def _seconds_left_in(day):
    """Seconds until the end of ``day`` (site time), plus a minute of slack."""
    tz = timezone.get_current_timezone()
    end = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max), tz)
    return max(60, int((end - timezone.now()).total_seconds()) + 60)


class RedisCounter:
    """The counters of the days not yet flushed, in the Redis of one of ``CACHES``."""

    def __init__(self):
        self._salt = (None, None)
        self._lock = threading.Lock()
        self._pending = []
        self._pusher_pid = None
        self._down_until = 0.0
        self._script = None

    @property
    def alias(self):
        return getattr(settings, "REACH_CACHE", "default")

    @property
    def prefix(self):
        prefix = settings.CACHES.get(self.alias, {}).get("KEY_PREFIX", "")
        return f"{prefix}:reach:" if prefix else "reach:"

    def available(self):
        backend = settings.CACHES.get(self.alias, {}).get("BACKEND", "")
        return backend.startswith("django_redis.")

    def client(self):
        from django_redis import get_redis_connection

        return get_redis_connection(self.alias)

    def key(self, *parts):
        return self.prefix + ":".join(str(p) for p in parts)

    def _salt_for(self, client, day):
        cached_day, salt = self._salt
        if cached_day == day:
            return salt
        key = self.key("salt", day.isoformat())
        client.set(key, secrets.token_hex(32), nx=True, ex=_seconds_left_in(day))
        salt = client.get(key)
        self._salt = (day, salt)  # yesterday's salt is dropped from memory here
        return salt

    def visitor(self, client, day, request):
        from website.client_address import client_ip

        salt = self._salt_for(client, day)
        material = b"\n".join(
            [
                salt or b"",
                (client_ip(request) or "").encode(),
                request.META.get("HTTP_USER_AGENT", "").encode(),
                request.get_host().encode(),
            ]
        )
        return hashlib.sha256(material).hexdigest()[:32]

    def count(self, request, path, language, page_id, referrer):
        """Count one page view; False (quietly) when Redis is unreachable.

        The view waits in this worker's memory (its visitor already reduced to the day's
        hash) and reaches Redis with the others within ``REACH_PUSH_SECONDS``: a request
        costs no round trip, and a push of many views costs one."""
        if not self.available() or time.monotonic() < self._down_until:
            return False
        from redis.exceptions import RedisError

        day = timezone.localdate()
        try:
            visitor = self.visitor(self.client(), day, request)  # Redis once a day, for the salt
        except RedisError as error:
            self._pause(error)
            return False
        field = "\t".join([language, str(page_id or ""), referrer, path])
        with self._lock:
            self._pending.append((day, field, visitor))
        interval = getattr(settings, "REACH_PUSH_SECONDS", 1.0)
        if interval <= 0:
            self.push()
        else:
            self._start_pusher(interval)
        return True

    def _pause(self, error):
        self._down_until = time.monotonic() + RETRY_SECONDS
        self._script = None
        logger.warning("Reach counting paused for %ss: %s", RETRY_SECONDS, error)

    def push(self):
        """Send this worker's waiting page views to Redis (dropped if it is down)."""
        with self._lock:
            pending, self._pending = self._pending, []
        if not pending or not self.available():
            return
        from redis.exceptions import RedisError

        by_day = defaultdict(list)
        for day, field, visitor in pending:
            by_day[day].extend((field, visitor))
        try:
            client = self.client()
            if self._script is None:
                self._script = client.register_script(PUSH_SCRIPT)
            for day, pairs in by_day.items():
                stamp = day.isoformat()
                keys = [
                    self.key("views", stamp),
                    self.key("visits", stamp),
                    self.key("seen", stamp),
                ]
                for start in range(0, len(pairs), 2 * BATCH):
                    self._script(
                        keys=keys,
                        args=[
                            _seconds_left_in(day),
                            COUNTER_TTL,
                            *pairs[start : start + 2 * BATCH],
                        ],
                        client=client,
                    )
        except RedisError as error:
            self._pause(error)

    def _start_pusher(self, interval):
        """One pushing thread per worker process, started on its first page view (after
        gunicorn has forked it); a daemon, so it never holds up a worker's exit."""
        if self._pusher_pid == os.getpid():
            return
        with self._lock:
            if self._pusher_pid == os.getpid():
                return
            self._pusher_pid = os.getpid()

        def run():
            while True:
                time.sleep(interval)
                try:
                    self.push()
                except Exception:  # never let the thread die: the next push retries
                    logger.exception("Reach push failed")

        threading.Thread(target=run, name="reach-pusher", daemon=True).start()

    def flush(self, wait=True):
        """Move every day's counters from Redis into ``DailyPageCount``; the number of
        page views written.

        Each day's counters are first renamed to a key of this run in one transaction,
        so views counted meanwhile go to fresh counters; a run that fails before the
        database commit leaves its keys behind, and the next run writes them."""
        if not self.available():
            return 0
        self.push()
        client = self.client()
        lock = client.lock(self.key("flush-lock"), timeout=600, blocking_timeout=60)
        if not lock.acquire(blocking=wait):  # the report never queues behind one
            return 0
        try:
            run = uuid.uuid4().hex
            for key in client.scan_iter(match=self.key("views", "*")):
                stamp = key.decode().rsplit(":", 1)[1]
                pipe = client.pipeline(transaction=True)
                pipe.rename(key, self.key("flushing", run, "views", stamp))
                pipe.rename(self.key("visits", stamp), self.key("flushing", run, "visits", stamp))
                pipe.execute(raise_on_error=False)  # no visits key: nothing to rename
            written = 0
            for key in client.scan_iter(match=self.key("flushing", "*", "views", "*")):
                written += self._write(client, key.decode())
            return written
        finally:
            lock.release()

    def _write(self, client, views_key):
        from wagtail.models import Page

        from .models import DailyPageCount

        visits_key = views_key.replace(":views:", ":visits:")
        day = datetime.date.fromisoformat(views_key.rsplit(":", 1)[1])
        counts = defaultdict(lambda: [0, 0])
        for field, value in client.hgetall(views_key).items():
            counts[field.decode()][0] = int(value)
        for field, value in client.hgetall(visits_key).items():
            counts[field.decode()][1] = int(value)
        rows = []
        for field, (views, visits) in counts.items():
            language, page_id, referrer, path = field.split("\t", 3)
            rows.append(
                [day, language, path, int(page_id) if page_id else None, referrer, views, visits]
            )
        # A page id the beacon named that is not a page (any more) is kept as a path only.
        known = set(
            Page.objects.filter(pk__in={r[3] for r in rows if r[3]}).values_list("pk", flat=True)
        )
        for row in rows:
            if row[3] not in known:
                row[3] = None
        DailyPageCount.add_counts(rows)
        client.delete(views_key, visits_key)
        return sum(r[5] for r in rows)


counter = RedisCounter()
# A worker that stops normally (gunicorn's graceful restart) sends what it still holds.
atexit.register(counter.push)
