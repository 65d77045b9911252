"""The production cache: a real varnishd with the committed VCL in front of the live server.

Each test module run starts ``varnishd`` on a free port with a verbatim copy of
deploy/varnish/site.vcl and a backend.vcl pointing at Django's live server; purges go
through Wagtail's frontend_cache (website/frontend_cache.py) as in production. Tasks run
at once in the test settings, so a change is visible as soon as it is saved.
"""

import datetime
import http.client
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from home.models import StandardPage

VCL_DIR = Path(django_settings.BASE_DIR) / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VARNISHADM = shutil.which("varnishadm") or "/usr/bin/varnishadm"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Varnish:
    """A varnishd of its own (working directory, port) for one live server."""

    def __init__(self, backend_port):
        self.port = free_port()
        # varnishd drops its privileges: the folder and the VCL must be readable by all.
        self.dir = Path(tempfile.mkdtemp(prefix="varnish-test-"))
        self.dir.chmod(0o755)
        shutil.copy(VCL_DIR / "site.vcl", self.dir / "site.vcl")
        backend = (VCL_DIR / "backend.vcl").read_text()
        backend = backend.replace('.port = "8000"', f'.port = "{backend_port}"')
        assert f'.port = "{backend_port}"' in backend
        (self.dir / "backend.vcl").write_text(backend)
        for path in self.dir.iterdir():
            path.chmod(0o644)
        self.process = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-a",
                f"127.0.0.1:{self.port}",
                "-f",
                str(self.dir / "site.vcl"),
                "-n",
                str(self.dir / "work"),
                "-s",
                "malloc,64m",
                "-p",
                "ban_lurker_sleep=0.05",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    "varnishd did not start:\n" + self.process.stdout.read().decode()
                )
            try:
                self.request("GET", "/robots.txt")
                break
            except OSError:
                time.sleep(0.2)
        else:
            self.stop()
            raise RuntimeError("varnishd did not answer within 30 s")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def application_is_sick(self):
        """Whether Varnish's health probe has found the application down
        (``varnishadm backend.list``: the backend's health, "healthy" or "sick")."""
        listing = subprocess.run(
            [VARNISHADM, "-n", str(self.dir / "work"), "backend.list"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
        return any("default" in line and "sick" in line.lower() for line in listing.splitlines())

    def request(self, method, path, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            response.raw_body = response.read()
            response.text = response.raw_body.decode("utf-8", "replace")
            return response
        finally:
            connection.close()

    def get(self, path, cookie=None):
        return self.request("GET", path, {"Cookie": cookie} if cookie else None)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def varnish_server(live_server):
    server = Varnish(int(live_server.url.rsplit(":", 1)[1]))
    yield server
    server.stop()


@pytest.fixture
def varnish(varnish_server, settings):
    """Varnish, with the application purging it as in production (VARNISH_URL)."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "website.frontend_cache.VarnishBackend",
            "LOCATION": varnish_server.url,
        }
    }
    varnish_server.request("BAN", "/")  # each test starts with an empty cache
    return varnish_server


def cached(varnish, path):
    """Fetch twice: the second answer must come from the cache."""
    varnish.get(path)
    response = varnish.get(path)
    assert response.getheader("X-Cache") == "hit", (path, response.status)
    return response


# --- Content ------------------------------------------------------------------------------


@pytest.fixture
def news_site(homes, locales, add_page, translate):
    from news.models import NewsCategory, NewsIndexPage

    index_tr = add_page(homes["tr"], NewsIndexPage, title="Haberler", slug="haberler")
    index_en = translate(index_tr, "news", title="News")
    category_tr = NewsCategory.objects.create(
        locale=locales["tr"], name="Çalıştaylar", slug="calistaylar"
    )
    category_en = category_tr.copy_for_translation(locales["en"])
    category_en.name, category_en.slug = "Workshops", "workshops"
    category_en.save()
    return {"index": {"tr": index_tr, "en": index_en}, "category": category_tr}


def add_article(index, title, slug, category=None, tags=(), day=8):
    from news.models import NewsPage

    page = NewsPage(
        title=title,
        slug=slug,
        summary=f"Özet: {title}",
        date_published=timezone.make_aware(datetime.datetime(2026, 3, day, 10, 0)),
    )
    index.add_child(instance=page)
    if category is not None:
        page.categories.add(category)
    for tag in tags:
        page.tags.add(tag)
    page.save_revision().publish()
    return page


def test_a_new_article_shows_everywhere_once_purged(varnish, news_site, translate):
    index_tr = news_site["index"]["tr"]
    add_article(index_tr, "Eski haber", "eski-haber", news_site["category"], ["goc"], day=1)
    urls = [
        "/tr/haberler/",
        "/tr/haberler/kategori/calistaylar/",
        "/tr/haberler/etiket/goc/",
        "/tr/haberler/2026/",
        "/tr/haberler/feed/rss/",
        "/tr/haberler/feed/atom/",
        "/tr/",
        "/en/",
    ]
    for url in urls:
        assert "Yeni çalıştay" not in cached(varnish, url).text

    article = add_article(
        index_tr, "Yeni çalıştay yapıldı", "yeni-calistay", news_site["category"], ["goc"]
    )
    translate(article, "new-workshop", title="New workshop held")

    for url in urls[:-1]:
        response = varnish.get(url)
        assert response.status == 200, url
        assert "Yeni çalıştay yapıldı" in response.text, url
    assert "New workshop held" in varnish.get("/en/").text
    assert "New workshop held" in varnish.get("/en/news/").text
    assert "New workshop held" in varnish.get("/en/news/category/workshops/").text


def test_an_unpublished_article_leaves_listings_feeds_sitemap_and_search(varnish, news_site):
    index_tr = news_site["index"]["tr"]
    article = add_article(index_tr, "Geri çekilen haber", "geri-cekilen", news_site["category"])
    add_article(index_tr, "Kalan haber", "kalan-haber", day=2)
    urls = [
        "/tr/haberler/",
        "/tr/haberler/?page=1",
        "/tr/haberler/kategori/calistaylar/",
        "/tr/haberler/feed/rss/",
        "/tr/",
        "/sitemap.xml",
        "/tr/haberler/geri-cekilen/",
    ]
    for url in urls:
        assert (
            "geri-cekilen" in cached(varnish, url).text or "Geri çekilen" in varnish.get(url).text
        )

    article.unpublish()

    for url in urls[:-1]:
        response = varnish.get(url)
        assert "Geri çekilen" not in response.text and "geri-cekilen" not in response.text, url
    assert varnish.get("/tr/haberler/geri-cekilen/").status == 404
    search = varnish.get("/tr/ara/?q=haber")
    assert "Kalan haber" in search.text and "Geri çekilen" not in search.text
    assert "private" in search.getheader("Cache-Control")


def test_a_withdrawn_organisation_leaves_the_directory_and_its_filters(varnish, locales):
    from directory.models import Organisation, Province

    organisation = Organisation.objects.create(
        name="Göç Dayanışma Derneği",
        slug="goc-dayanisma",
        org_type="ngo",
        listing_consent=True,
        status=Organisation.Status.APPROVED,
    )
    organisation.provinces.set(Province.objects.filter(slug="hatay"))
    urls = [
        "/tr/stk-rehberi/",
        "/tr/stk-rehberi/?province=hatay",
        "/en/ngo-directory/?province=hatay",
        "/tr/stk-rehberi/goc-dayanisma/",
    ]
    for url in urls:
        assert "Göç Dayanışma Derneği" in cached(varnish, url).text, url

    organisation.listing_consent = False
    organisation.save()

    for url in urls[:-1]:
        assert "Göç Dayanışma Derneği" not in varnish.get(url).text, url
    assert varnish.get("/tr/stk-rehberi/goc-dayanisma/").status == 404


def test_a_moved_page_leaves_its_old_address(varnish, homes, add_page):
    about = add_page(homes["tr"], StandardPage, title="Hakkımızda", slug="hakkimizda")
    team = add_page(about, StandardPage, title="Ekibimiz", slug="ekip")
    assert "Ekibimiz" in cached(varnish, "/tr/hakkimizda/ekip/").text
    cached(varnish, "/tr/hakkimizda/")

    team.move(homes["tr"], pos="last-child")

    old = varnish.get("/tr/hakkimizda/ekip/")
    assert old.status in (301, 302, 404)
    if old.status != 404:
        assert old.getheader("Location").endswith("/tr/ekip/")
    assert "Ekibimiz" in varnish.get("/tr/ekip/").text


# --- What is never stored -------------------------------------------------------------


def test_newsletter_links_are_never_stored(varnish, locales):
    from newsletter.emails import CONFIRM_SALT, UNSUBSCRIBE_SALT, make_token
    from newsletter.models import Subscriber

    subscriber = Subscriber.objects.create(email="okur@example.org", language="tr")
    for salt, name in ((UNSUBSCRIBE_SALT, "unsubscribe"), (CONFIRM_SALT, "confirm")):
        from django.urls import reverse
        from django.utils import translation

        with translation.override("tr"):
            url = reverse(f"newsletter:{name}", args=[make_token(subscriber, salt)])
        first, second = varnish.get(url), varnish.get(url)
        for response in (first, second):
            assert response.getheader("X-Cache") == "miss", url
            assert "no-store" in response.getheader("Cache-Control")
            assert "private" in response.getheader("Cache-Control")


def test_responses_setting_a_cookie_are_never_stored(varnish, locales):
    """The directory's proposal form sets a CSRF cookie: every visitor gets their own."""
    first, second = varnish.get("/tr/stk-rehberi/oneri/"), varnish.get("/tr/stk-rehberi/oneri/")
    for response in (first, second):
        assert response.status == 200
        assert response.getheader("X-Cache") == "miss"
        assert "csrftoken=" in (response.getheader("Set-Cookie") or "")
    assert first.getheader("Set-Cookie") != second.getheader("Set-Cookie")


def test_pages_are_kept_compressed_and_served_plain_to_clients_without_gzip(varnish, homes):
    """Browsers get the stored gzip; a client that does not accept it gets the same page."""
    varnish.get("/tr/")
    zipped = varnish.request("GET", "/tr/", {"Accept-Encoding": "gzip, deflate, br"})
    plain = varnish.get("/tr/")
    assert zipped.getheader("X-Cache") == plain.getheader("X-Cache") == "hit"
    assert zipped.getheader("Content-Encoding") == "gzip"
    assert plain.getheader("Content-Encoding") is None
    assert "<html" in plain.text
    assert len(zipped.raw_body) < len(plain.raw_body) / 3


def test_tracking_parameters_do_not_make_new_entries(varnish, homes):
    varnish.get("/tr/?b=2&a=1")
    response = varnish.get("/tr/?utm_source=bulten&a=1&fbclid=xyz&b=2&gclid=1")
    assert response.getheader("X-Cache") == "hit"


def test_an_editor_is_never_served_from_the_cache_nor_cached_for_others(
    varnish, homes, add_page, admin_user, client
):
    about = add_page(homes["tr"], StandardPage, title="Hakkımızda", slug="hakkimizda")
    cached(varnish, "/tr/hakkimizda/")
    # A change made without a publish (so without a purge): only an editor sees it.
    StandardPage.objects.filter(pk=about.pk).update(title="Taslak başlık")

    client.force_login(admin_user)
    session = f"{django_settings.SESSION_COOKIE_NAME}={client.cookies[django_settings.SESSION_COOKIE_NAME].value}"
    for _ in range(2):
        editor = varnish.get("/tr/hakkimizda/", cookie=session)
        assert editor.getheader("X-Cache") == "miss"
        assert "Taslak başlık" in editor.text
        assert "private" in editor.getheader("Cache-Control")
    reader = varnish.get("/tr/hakkimizda/")
    assert reader.getheader("X-Cache") == "hit"
    assert "Taslak başlık" not in reader.text and "Hakkımızda" in reader.text
    assert varnish.get("/admin/", cookie=session).getheader("X-Cache") == "miss"


def test_purges_are_refused_from_elsewhere_in_the_vcl():
    """Only the addresses in backend.vcl's ACL may PURGE or BAN."""
    vcl = (VCL_DIR / "site.vcl").read_text()
    assert re.search(r"client\.ip !~ purgers", vcl)
    assert '"127.0.0.1";' in (VCL_DIR / "backend.vcl").read_text()


def test_varnish_serves_what_it_holds_while_the_application_is_down():
    """Grace: a page past its s-maxage is still served once the backend stops answering."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Application(BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<h1>Duyuru</h1>"
            self.send_response(200)
            self.send_header("Cache-Control", "public, s-maxage=1, max-age=0")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    application = ThreadingHTTPServer(("127.0.0.1", 0), Application)
    threading.Thread(target=application.serve_forever, daemon=True).start()
    varnish = Varnish(application.server_address[1])
    try:
        assert varnish.get("/tr/duyuru/").text == "<h1>Duyuru</h1>"
        fetched = time.monotonic()
        application.shutdown()
        application.server_close()
        # While the application is healthy a page past its s-maxage is served from what
        # Varnish holds for 10 s at most; once the probe has found it sick (3 of the last
        # 5 probes, 5 s apart), for a day. Both must hold before asking again.
        deadline = fetched + 45
        while not (varnish.application_is_sick() and time.monotonic() > fetched + 12):
            assert time.monotonic() < deadline, "Varnish's probe never found the application down"
            time.sleep(0.5)
        response = varnish.get("/tr/duyuru/")
        assert response.status == 200
        assert response.text == "<h1>Duyuru</h1>"
    finally:
        varnish.stop()
