"""Browser harness: Debian's Chromium driven by Playwright against pytest-django's live server.

One Chromium for the whole session, a fresh browser context (cookies, language, viewport)
per test. Every page opened through ``open_page`` records Content-Security-Policy
violations and server errors, and the ``page`` fixture fails the test if any occurred.

The live server is transactional: each test starts from the migrated database (restored by
``serialized_rollback``) and builds what it needs, usually with ``site_content``, which
loads the demo content (every app's demo pages) from the session's demo fixture.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM is safe here
# because the loop only drives the browser.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

# Every test in tests/browser: the browser marker, and a transactional database that is
# restored to its migrated state (locales, the Turkish home, the site) before each test.
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            for mark in BROWSER_MARKS:
                item.add_marker(mark)


@pytest.fixture(autouse=True)
def migrated_data(migrated_fixture, transactional_db):
    """Each browser test starts from the migrated data. Django's ``serialized_rollback``
    cannot give it here: once Playwright's event loop runs in this thread, asgiref hands
    out a fresh database connection object that lacks the migrated snapshot, and the flush
    after each test re-runs post_migrate instead. So the rows come from a fixture."""
    from wagtail.models import Locale

    if not Locale.objects.exists():
        migrated_fixture.load()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (run `make browser-deps`)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


class PageRecorder:
    """What went wrong while a page was open: CSP violations, console errors, 5xx."""

    def __init__(self):
        self.csp_violations = []
        self.server_errors = []
        self.console_errors = []

    def attach(self, page):
        page.add_init_script(
            """
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', (e) => {
                window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
            });
            """
        )

        def on_console(message):
            if message.type == "error":
                text = message.text
                self.console_errors.append(text)
                if "Content Security Policy" in text:
                    self.csp_violations.append(text)

        def on_response(response):
            if response.status >= 500:
                self.server_errors.append(f"{response.status} {response.url}")

        page.on("console", on_console)
        page.on("response", on_response)

    def collect(self, page):
        try:
            self.csp_violations.extend(page.evaluate("window.__cspViolations || []"))
        except Exception:  # the page may have navigated to a download or closed
            pass


@pytest.fixture
def open_page(browser, live_server):
    """``open_page(language="tr", width=1280, height=900)`` → a new Playwright page.

    At the end of the test, any CSP violation or 5xx seen by any opened page fails it.

    ``page.goto("/tr/")`` works with paths: the live server's URL is the base URL."""
    contexts = []
    recorder = PageRecorder()

    def _open(language="tr", width=1280, height=900, **options):
        accept = "tr-TR,tr;q=0.9" if language == "tr" else "en-GB,en;q=0.9"
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            locale="tr-TR" if language == "tr" else "en-GB",
            extra_http_headers={"Accept-Language": accept},
            accept_downloads=True,
            **options,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        recorder.attach(page)
        return page

    _open.recorder = recorder
    yield _open
    for context in contexts:
        for page in context.pages:
            recorder.collect(page)
        context.close()
    # Every page the test opened: no CSP violation, no server error.
    assert not recorder.csp_violations, recorder.csp_violations
    assert not recorder.server_errors, recorder.server_errors


@pytest.fixture
def page(open_page):
    """A Turkish-speaking desktop browser page (``open_page`` fails the test on any CSP
    violation or 5xx response)."""
    return open_page()


@pytest.fixture
def site_content(demo_fixture, live_server):
    """All demo pages of every app present, in both languages, keyed by language: the
    demo fixture loaded on top of the migrated data this test's database starts from."""
    from wagtail.models import Page

    demo_fixture.load()
    return {
        code: list(Page.objects.filter(locale__language_code=code, depth__gte=2).live().specific())
        for code in ("tr", "en")
    }


def page_of_type(model_label, language="tr"):
    """The first live page of ``app.Model`` in ``language`` (the test fails if there is none)."""
    from django.apps import apps
    from wagtail.models import Page

    page = (
        Page.objects.type(apps.get_model(model_label))
        .live()
        .filter(locale__language_code=language)
        .order_by("path")
        .first()
    )
    assert page is not None, f"no live {model_label} page in {language}"
    return page.specific


def screenshot(page, name):
    """A full-page screenshot to ``test-artifacts/screenshots/<name>.png`` for people to
    look at, taken only when asked (``SCREENSHOTS=1``, as ``make screenshots`` does): the
    tests assert what they check, and the page-type sweep's 60 took about 17 s."""
    if os.environ.get("SCREENSHOTS") != "1":
        return
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
