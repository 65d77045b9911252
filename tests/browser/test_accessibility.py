"""axe-core (WCAG 2.0/2.1 A and AA) on every public page type, in both languages.

axe-playwright-python bundles axe.min.js, so this runs offline. To check a new kind of
page, add its model label (or a path) to AXE_PAGES."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from .conftest import page_of_type

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# ("label", a Wagtail page type "app.Model", a URL name "app:name" (+ "?query"), or a
# URL path with {lang}).
AXE_PAGES = [
    ("home", "home.HomePage"),
    ("standard", "home.StandardPage"),
    ("info-note", "home.InfoNotePage"),
    ("404", "/{lang}/no-such-page-404/"),
    ("news-index", "news.NewsIndexPage"),
    ("news-article", "news.NewsPage"),
    ("event-index", "events.EventIndexPage"),
    ("event", "events.EventPage"),
    ("library", "resources.ResourceIndexPage"),
    ("kit", "resources.TrainingKitPage"),
    ("search", "site_search:search?q=g%C3%B6%C3%A7"),
    ("newsletter", "newsletter:signup"),
    ("trainer-request", "trainers:request"),
    ("trainer-sign-in", "trainers:sign_in"),
]


def _format(violations):
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} → {targets}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe():
    return Axe()


def _path(target, language):
    """The URL path for an AXE_PAGES target."""
    if target.startswith("/"):
        return target.format(lang=language)
    if ":" in target:
        name, _, query = target.partition("?")
        with translation.override(language):
            return reverse(name) + (f"?{query}" if query else "")
    return page_of_type(target, language).url


@pytest.mark.parametrize("language", ["tr", "en"])
def test_no_wcag_violations_on_any_page_type(open_page, site_content, axe, language):
    """One browser session per language visits every page type (faster than one test each)."""
    tab = open_page(language=language)
    found = {}
    for label, target in AXE_PAGES:
        path = _path(target, language)
        assert tab.goto(path).status == (404 if label == "404" else 200), path
        result = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        if result.violations_count:
            found[f"{label} {path}"] = _format(result.response["violations"])
    assert not found, "\n".join(f"{page}:\n{text}" for page, text in found.items())
