"""Security: headers, login rate limiting, and a sweep of hostile input.

The sweep is two tables. To cover a new query parameter add a row to QUERY_TARGETS; for
a new form, a row to FORM_TARGETS. A row whose page or URL does not exist fails."""

import base64
import hashlib
import re

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import Page

HOSTILE = {
    "script": "<script>alert('x')</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "sql": "'; DROP TABLE wagtailcore_page; -- OR 1=1",
    "long": "ğ" * 10_000,
    "dotted-i": "İSTANBUL ıi İi",
    "rtl": "مرحبا \u202eevil\u202c שלום",
    "null": "a\x00b",
    "template": "{{ 7|add:7 }}{% now 'Y' %}",
    "percent": "%00%27%3Cscript%3E",
}
# What must never appear unescaped in a response (RTL and other text only must not 500).
FORBIDDEN = ["<script>alert('x')</script>", "<img src=x onerror"]

# (label, where: a page model "app.Model", a URL name "app:name" or a path with {lang},
#  query parameter)
QUERY_TARGETS = [
    ("home ?page", "home.HomePage", "page"),
    ("standard page ?q", "home.StandardPage", "q"),
    ("info note ?page", "home.InfoNotePage", "page"),
    ("404 ?next", "/{lang}/no-such-page/", "next"),
    ("news index ?page", "news.NewsIndexPage", "page"),
    ("news index ?category", "news.NewsIndexPage", "category"),
    ("news index ?tag", "news.NewsIndexPage", "tag"),
    ("event index ?page", "events.EventIndexPage", "page"),
    ("event index ?when", "events.EventIndexPage", "when"),
    ("news article ?page", "news.NewsPage", "page"),
    ("training library ?q", "resources.ResourceIndexPage", "q"),
    ("training library ?topic", "resources.ResourceIndexPage", "topic"),
    ("training library ?audience", "resources.ResourceIndexPage", "audience"),
    ("training library ?language", "resources.ResourceIndexPage", "language"),
    ("training library ?page", "resources.ResourceIndexPage", "page"),
    ("kit page ?q", "resources.TrainingKitPage", "q"),
    ("search ?q", "site_search:search", "q"),
    ("search ?page", "site_search:search", "page"),
    ("newsletter ?email", "newsletter:signup", "email"),
    ("trainer request ?kit", "trainers:request", "kit"),
    ("trainer sign-in ?next", "trainers:sign_in", "next"),
    ("trainer sign-in link ?sesame", "trainers:link", "sesame"),
    ("trainer sign-in link ?next", "trainers:link", "next"),
]

# (label, URL name or path with {lang}, form data with "{payload}" where the payload goes,
#  model "app.Model" that must not get a row for hostile input, or None)
FORM_TARGETS = [
    (
        "newsletter signup",
        "newsletter:signup",
        {"email": "{payload}", "name": "{payload}", "consent": "on"},
        "newsletter.Subscriber",
    ),
    ("newsletter resend", "newsletter:resend", {"email": "{payload}"}, "newsletter.Subscriber"),
    (
        "trainer access request",
        "trainers:request",
        {
            "name": "{payload}",
            "organisation": "{payload}",
            "role": "{payload}",
            "email": "{payload}",
            "kits": "{payload}",
            "consent": "on",
        },
        "trainers.AccessRequest",
    ),
    ("trainer sign-in", "trainers:sign_in", {"email": "{payload}", "next": "{payload}"}, None),
]


def _page_path(target, language):
    if target.startswith("/"):
        return target.format(lang=language)
    if ":" in target:
        return _form_url(target, language)
    model = apps.get_model(target)
    page = Page.objects.type(model).live().filter(locale__language_code=language).first()
    assert page is not None, f"the demo content has no live {target} in {language}"
    return page.url


def _form_url(target, language):
    if target.startswith("/"):
        return target.format(lang=language)
    from django.utils import translation

    with translation.override(language):
        return reverse(target)


def assert_safe(response, label):
    assert response.status_code < 500, f"{label}: {response.status_code}"
    body = response.content.decode("utf-8", "replace")
    for forbidden in FORBIDDEN:
        assert forbidden not in body, f"{label}: unescaped {forbidden!r}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "target", "param"), QUERY_TARGETS, ids=[t[0] for t in QUERY_TARGETS]
)
def test_hostile_query_parameters(client, demo, label, target, param):
    paths = {language: _page_path(target, language) for language in ("tr", "en")}
    for language, path in paths.items():
        # The target exists (a sign-in link without its token is a 400, not a 404).
        assert (client.get(path).status_code == 404) == ("no-such" in path), path
        for name, payload in HOSTILE.items():
            response = client.get(path, {param: payload})
            assert_safe(response, f"{label} [{language}] {name}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "target", "data", "model"), FORM_TARGETS, ids=[t[0] for t in FORM_TARGETS]
)
def test_hostile_form_input(client, demo, label, target, data, model):
    url = _form_url(target, "tr")
    assert client.get(url).status_code != 404, url  # (a POST-only form answers GET with 405)
    Model = apps.get_model(model) if model else None
    before = Model.objects.count() if Model else 0
    for name, payload in HOSTILE.items():
        form = {key: value.replace("{payload}", payload) for key, value in data.items()}
        response = client.post(url, form)
        assert_safe(response, f"{label} {name}")
    if Model:
        assert Model.objects.count() == before, "hostile input was stored"


@pytest.mark.django_db
def test_hostile_path_segments_give_404_not_500(client, homes):
    for name, payload in HOSTILE.items():
        if name == "null":
            continue  # not representable in a URL path the client sends
        response = client.get(f"/tr/{payload[:200]}/")
        assert_safe(response, name)
        assert response.status_code == 404


# --- Headers ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_public_pages_carry_a_strict_csp_that_allows_only_the_brand_style(client, homes):
    response = client.get("/tr/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "nonce-" not in policy
    style = re.search(r"<style>(.*?)</style>", response.text, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'self' 'sha256-{digest}'" in policy


@pytest.mark.django_db
def test_the_policy_holds_no_per_response_secret(client, homes):
    """The shared cache replays a stored header: it must hold nothing meant for one response."""
    first, second = client.get("/tr/"), client.get("/tr/")
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "nonce-" not in second["Content-Security-Policy"]


def test_brand_colour_must_be_a_hex_colour():
    from django.core.exceptions import ValidationError

    from home.models import SocialSettings

    field = SocialSettings._meta.get_field("brand_colour")
    field.run_validators("#0b4f8a")
    with pytest.raises(ValidationError):
        field.run_validators("red;}body{display:none")


@pytest.mark.django_db
def test_admin_has_no_site_csp_and_is_never_cached(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_admin_sends_no_staff_address_hash_to_gravatar(client, homes):
    """Staff avatars are not fetched from Gravatar (which would receive a hash of each
    staff address): without an uploaded one, the admin shows Wagtail's default image,
    a file the site itself serves."""
    from django.contrib.auth import get_user_model
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    email = "Editor@Example.org"
    client.force_login(get_user_model().objects.create_superuser("editor", email, "pw"))
    for url in ("/admin/", "/admin/account/"):
        html = client.get(url).content.decode()
        assert "gravatar.com" not in html, url
        assert hashlib.md5(email.lower().encode()).hexdigest() not in html, url
        assert hashlib.sha256(email.lower().encode()).hexdigest() not in html, url
        assert static("wagtailadmin/images/default-user-avatar.png") in html, url
    assert finders.find("wagtailadmin/images/default-user-avatar.png")


def test_production_settings_harden_headers():
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY="k3y-" + "a9Zq" * 15,
        ALLOWED_HOSTS="example.org",
        WAGTAILADMIN_BASE_URL="https://example.org",
        TRUSTED_PROXY_COUNT="2",
    )
    code = (
        "import django;django.setup();from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.X_FRAME_OPTIONS, s.SECURE_CONTENT_TYPE_NOSNIFF, s.SECURE_REFERRER_POLICY,"
        " 'website.security.CSPMiddleware' in s.MIDDLEWARE, s.AXES_ENABLED if hasattr(s,'AXES_ENABLED') else True)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.stdout.split() == [
        "31536000",
        "True",
        "True",
        "DENY",
        "True",
        "strict-origin-when-cross-origin",
        "True",
        "True",
    ], out.stderr


# --- Login rate limiting ----------------------------------------------------------------


@pytest.mark.django_db
def test_admin_login_locks_after_repeated_failures(client, settings, django_user_model):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    django_user_model.objects.create_superuser("editor", "editor@example.org", "right-pass-123")
    for _ in range(2):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    third = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert third.status_code == 429  # the limit is reached: locked
    locked = client.post("/admin/login/", {"username": "editor", "password": "right-pass-123"})
    assert locked.status_code == 429
    assert "Too many failed login attempts" in locked.text or "Çok fazla" in locked.text
    # The address is locked too (guessing many accounts from it), but another account
    # from another address is not locked out.
    django_user_model.objects.create_superuser("other", "other@example.org", "other-pass-123")
    from django.test import Client

    ok = Client(REMOTE_ADDR="192.0.2.77").post(
        "/admin/login/", {"username": "other", "password": "other-pass-123"}
    )
    assert ok.status_code == 302
