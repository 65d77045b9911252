"""The production path: configuration that refuses mistakes, one client address for the
login lockout and every rate limit, and the health endpoint."""

import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from website.checks import public_base_url_check
from website.client_address import client_ip

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "website.settings.production",
    "SECRET_KEY": "k3y-" + "a9Zq" * 15,
    "ALLOWED_HOSTS": "example.org",
    "WAGTAILADMIN_BASE_URL": "https://example.org",
    "TRUSTED_PROXY_COUNT": "2",
    "REDIS_URL": "redis://127.0.0.1:6379/9",  # not connected to by the checks
}


def _manage(*args, **overrides):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(PRODUCTION_ENV)
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], capture_output=True, text=True, env=env, timeout=120
    )


# --- Links in e-mails --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000", "http://localhost", "https://site.localhost", "example.org", ""],
)
def test_mail_links_that_would_point_at_this_machine_are_refused(settings, url):
    settings.WAGTAILADMIN_BASE_URL = url
    assert [error.id for error in public_base_url_check(None)] == ["website.E001"]


def test_mail_links_to_the_public_address_pass(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://example.org"
    assert public_base_url_check(None) == []


def test_check_deploy_fails_under_production_settings_when_mail_links_point_here():
    # The rule above is one of the production settings' deploy checks; that they pass
    # with the public address is tests/test_site.py's
    # test_production_settings_pass_check_deploy.
    result = _manage("check", "--deploy", WAGTAILADMIN_BASE_URL="http://localhost")
    assert result.returncode != 0
    assert "website.E001" in result.stderr + result.stdout


def test_trusted_proxy_count_must_be_a_number():
    result = _manage("check", TRUSTED_PROXY_COUNT="nginx")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in result.stderr and "Traceback" not in result.stderr


# --- The client address ------------------------------------------------------------------


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_behind_nginx_and_varnish_the_entry_nginx_appended_counts(settings):
    """nginx appends the visitor, Varnish appends nginx (127.0.0.1); whatever the
    visitor wrote before that is ignored."""
    settings.TRUSTED_PROXY_COUNT = 2
    chain = "203.0.113.50, 127.0.0.1"
    assert client_ip(_request("127.0.0.1", chain)) == "203.0.113.50"
    forged = "192.0.2.1, 192.0.2.2, 203.0.113.50, 127.0.0.1"
    assert client_ip(_request("127.0.0.1", forged)) == "203.0.113.50"
    assert client_ip(_request("::1", "junk, 2001:db8::5, ::1")) == "2001:db8::5"


def test_a_client_reaching_gunicorn_directly_cannot_choose_its_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("198.51.100.7", "203.0.113.9, 127.0.0.1")) == "198.51.100.7"
    # Too few entries: a request that skipped a proxy (a local health probe).
    assert client_ip(_request("127.0.0.1", "203.0.113.9")) == "127.0.0.1"
    assert client_ip(_request("127.0.0.1")) == "127.0.0.1"


# (proxies in front, the header a client sends for its n-th request): straight to the
# application server, where the whole header is the client's; behind one proxy, which
# appends the address it saw after whatever the client wrote.
FORGERIES = [
    pytest.param(0, "10.9.9.{n}", id="direct"),
    pytest.param(1, "10.9.9.{n}, 203.0.113.77", id="behind-a-proxy"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("proxies, header", FORGERIES)
def test_login_lockout_holds_whatever_the_forwarded_header_says(
    client, settings, django_user_model, proxies, header
):
    """The issue's bypass: a locked address that changes X-Forwarded-For got in."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # the address alone
    settings.TRUSTED_PROXY_COUNT = proxies
    django_user_model.objects.create_superuser("editor", "editor@example.org", "right-pass-123")
    for attempt in range(3):
        client.post(
            "/admin/login/",
            {"username": "editor", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=header.format(n=attempt),
        )
    locked = client.post(
        "/admin/login/",
        {"username": "editor", "password": "right-pass-123"},
        HTTP_X_FORWARDED_FOR=header.format(n=200),
    )
    assert locked.status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("proxies, header", FORGERIES)
def test_signup_limit_holds_whatever_the_forwarded_header_says(
    client, settings, homes, proxies, header
):
    """The issue's other bypass: 50 of 50 signups accepted with a new header each."""
    from newsletter.models import Subscriber

    cache.clear()
    settings.NEWSLETTER_SIGNUP_RATE = "3/d"
    settings.TRUSTED_PROXY_COUNT = proxies
    statuses = []
    for number in range(10):
        data = {"email": f"p{number}@example.org", "language": "tr", "consent": "on"}
        statuses.append(
            client.post(
                "/tr/bulten/", data, HTTP_X_FORWARDED_FOR=header.format(n=number)
            ).status_code
        )
    cache.clear()
    assert statuses.count(302) == 3 and statuses.count(429) == 7
    assert Subscriber.objects.count() == 3


def test_axes_and_ratelimit_use_the_one_helper(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "website.client_address.client_ip"
    assert settings.RATELIMIT_IP_META_KEY == "website.client_address.client_ip"


# --- Health ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_health_answers_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_fails_when_the_cache_is_down(client, settings):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }
    try:
        response = client.get("/healthz")
    finally:
        caches._settings = None
    assert response.status_code == 503
    assert response.json()["cache"] == "failed" and response.json()["database"] == "ok"


def test_every_periodic_command_has_a_systemd_timer_that_the_readme_enables():
    """Each oneshot unit in deploy/systemd runs a management command that exists, has a
    timer, and the README's install step enables that timer: a job nobody schedules
    (reach counters, registration reminders) fails silently."""
    import re
    from pathlib import Path

    from django.core.management import get_commands

    root = Path(__file__).resolve().parent.parent
    units = root / "deploy" / "systemd"
    readme = (root / "README.md").read_text()
    oneshots = [unit for unit in units.glob("*.service") if "Type=oneshot" in unit.read_text()]
    assert len(oneshots) >= 3
    for unit in oneshots:
        command = re.search(r"manage\.py (\S+)", unit.read_text()).group(1)
        assert command in get_commands(), unit.name
        timer = unit.with_suffix(".timer")
        assert timer.exists(), unit.name
        assert "OnCalendar=" in timer.read_text(), timer.name
        assert timer.name in readme, timer.name
