"""Smoke test of the production stack exactly as deploy/ describes it: nginx (TLS) in
front of Varnish in front of gunicorn with production settings, and a db_worker, all
started by deploy/stack.py (what `make run-production` runs) on the test database.

A page (through Varnish, cached, and purged), an image (nginx from disk), a private
document refused to a visitor and sent by nginx (X-Accel-Redirect) to an editor, no
way around the serve view, and the client address as the proxies report it."""

import shutil
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from tests.support.media import PDF, make_document, make_image, private_collection

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
from stack import LocalStack, self_signed_client_context  # noqa: E402

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the stack's processes share PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TLS = self_signed_client_context()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(urllib.request.HTTPSHandler(context=TLS), _NoRedirects)


def fetch(url, method="GET", headers=None):
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def database_url():
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    host = s["HOST"] or "127.0.0.1"
    return f"postgres://{s['USER']}{password}@{host}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def stack(settings, tmp_path):
    missing = [tool for tool in ("nginx", "varnishd") if not shutil.which(tool)]
    assert not missing, f"{' and '.join(missing)} not found: `make deploy-deps` installs them"
    env = {
        "DATABASE_URL": database_url(),
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions made here are valid there
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REDIS_URL": "",
        "EMAIL_URL": "consolemail://",
    }
    site = LocalStack(run_dir=tmp_path / "stack", env=env, log=lambda *a: None)
    site.write_configuration()
    site.manage("collectstatic", "--noinput", "-v", "0")
    with site:
        yield site


def test_the_production_stack_serves_pages_media_and_guards_documents(
    stack, homes, client, settings
):
    # A page, through nginx and Varnish; the second answer comes from Varnish.
    status, headers, body = fetch(stack.url + "/tr/")
    assert status == 200 and b"<html" in body
    assert headers["Strict-Transport-Security"] is None  # SECURE_HSTS_SECONDS=0 locally
    status, headers, _ = fetch(stack.url + "/tr/")
    assert headers["X-Cache"] == "hit", "the second request is a cache hit"
    # The application purges (PURGE straight to Varnish): the next answer is fresh.
    status, _, _ = fetch(stack.varnish_url + "/tr/", method="PURGE", headers={"Host": "localhost"})
    assert status == 200
    status, headers, _ = fetch(stack.url + "/tr/")
    assert status == 200 and headers["X-Cache"] == "miss"
    # Nobody outside may purge through nginx.
    assert fetch(stack.url + "/tr/", method="PURGE")[0] == 405

    # Plain HTTP is sent to HTTPS; static files and the health check answer.
    status, headers, _ = fetch(f"http://127.0.0.1:{stack.http_port}/tr/")
    assert status == 301 and headers["Location"].startswith("https://")
    assert fetch(stack.url + "/healthz")[0] == 200

    # An image: nginx sends it from disk.
    image = make_image()
    rendition = image.get_rendition("width-160")
    status, headers, body = fetch(stack.url + rendition.url)
    assert status == 200 and headers["Content-Type"] == "image/jpeg" and body[:2] == b"\xff\xd8"

    # A private document: refused to a visitor, sent (by nginx) to an editor.
    secret = PDF + b"% trainers only\n"
    document = make_document("Eğitmen notları", body=secret, collection=private_collection())
    status, headers, body = fetch(stack.url + document.url)
    assert status == 302 and "/tr/egitmenler/giris/" in headers["Location"] and secret not in body
    # No way around the serve view: not in /media/, not in nginx's internal location.
    file_name = document.file.name
    assert fetch(stack.url + "/media/" + file_name)[0] == 404
    assert fetch(stack.url + "/private-media/" + file_name)[0] == 404

    editor = get_user_model().objects.create_superuser("deploy", "deploy@example.org", "pw")
    client.force_login(editor)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    status, headers, body = fetch(stack.url + document.url, headers={"Cookie": cookie})
    assert status == 200 and body == secret
    assert headers["X-Accel-Redirect"] is None and "private" in headers["Cache-Control"]
    # Varnish did not keep the editor's answer for the next visitor.
    status, _, body = fetch(stack.url + document.url)
    assert status == 302 and secret not in body
