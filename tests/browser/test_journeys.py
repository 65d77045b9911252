"""Journeys a visitor makes, in Turkish and English, in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import page_of_type


@pytest.mark.parametrize(
    ("language", "heading_text"),
    [("tr", "Göç ve Uluslararası Koruma"), ("en", "Cooperation with Civil Society")],
)
def test_landing_on_root_follows_accept_language(open_page, site_content, language, heading_text):
    tab = open_page(language=language)
    tab.goto("/")
    assert tab.url.endswith(f"/{language}/")
    assert tab.locator("html").get_attribute("lang") == language
    assert heading_text in tab.locator("h1").first.inner_text()


@pytest.mark.parametrize(
    ("model", "language", "other"),
    [
        ("home.InfoNotePage", "tr", "en"),
        ("home.InfoNotePage", "en", "tr"),
        ("home.StandardPage", "tr", "en"),
    ],
)
def test_language_switcher_leads_to_the_translation(page, site_content, model, language, other):
    source = page_of_type(model, language)
    target = source.get_translation(
        source.get_translations().filter(locale__language_code=other).first().locale
    )
    page.goto(source.url)
    page.locator(".language-switcher").get_by_role("link", name=re.compile(".")).click()
    page.wait_for_url(f"**{target.url}")
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator("h1").first.inner_text().strip() == target.title


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(page, site_content):
    page.goto("/tr/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({cls: document.activeElement.className, text: document.activeElement.innerText})"
    )
    assert "skip-link" in focused["cls"]
    skip = page.locator(".skip-link")
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, "skip link is not on screen when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible_on_links(page, site_content):
    page.goto("/en/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return {tag: document.activeElement.tagName, outline: s.outlineStyle,
                    width: parseFloat(s.outlineWidth), shadow: s.boxShadow};
        }"""
    )
    assert style["tag"] == "A"
    assert style["outline"] != "none" and style["width"] >= 2, style


def test_every_control_is_reachable_by_keyboard(page, site_content):
    """Tabbing through the home page visits every link, button and field once."""
    page.goto("/tr/")
    expected = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')]
            .filter(el => el.offsetParent !== null || el.classList.contains('skip-link')).length"""
    )
    seen = set()
    for _ in range(expected + 5):
        page.keyboard.press("Tab")
        key = page.evaluate(
            "() => { const e = document.activeElement; return e.tagName + '|' + (e.getAttribute('href') || e.name || '') + '|' + [...e.parentNode.children].indexOf(e) + '|' + e.outerHTML.length; }"
        )
        seen.add(key)
    assert len(seen) >= expected


# --- Journeys of the apps --------------------------------------------------------------------


def test_browse_news_by_category(page, site_content):
    index = page_of_type("news.NewsIndexPage", "tr")
    page.goto(index.url)
    categories = page.locator(
        ".news-filters a[href*='/category/'], .news-filters a[href*='/kategori/']"
    )
    first = categories.first
    expect(first).to_be_visible()
    name = first.inner_text().strip()
    first.click()
    page.wait_for_load_state()
    assert "/kategori/" in page.url
    assert name in page.locator("main").inner_text()
    articles = page.locator("main article, main .card")
    assert articles.count() > 0, f"no news in category {name}"


def test_open_event_and_download_ics(page, site_content):
    event = page_of_type("events.EventPage", "en")
    page.goto(event.url)
    link = page.locator(".event-calendar a[download]").first
    with page.expect_download() as download_info:
        link.click()
    path = download_info.value.path()
    text = open(path, encoding="utf-8").read()
    assert "BEGIN:VCALENDAR" in text and "BEGIN:VEVENT" in text


def test_filter_training_library_open_a_kit_and_download(page, site_content):
    """Filter the library by its first topic, open a kit it lists, download a module's
    document and the whole kit."""
    library = page_of_type("resources.ResourceIndexPage", "tr")
    page.goto(library.url)
    form = page.locator("form.library-filters")
    topic = form.locator("select[name=topic]")
    first_topic = topic.locator("option").nth(1)  # (the first is "all topics")
    value = first_topic.get_attribute("value")
    name, count = re.fullmatch(r"(.+) \((\d+)\)", first_topic.inner_text().strip()).groups()
    assert int(count) > 0, f"no kit on {name}"
    topic.select_option(value)
    form.get_by_role("button").click()
    page.wait_for_url(re.compile(f"[?&]topic={re.escape(value)}(&|$)"))
    kits = page.locator(".kit-list .kit-card")
    expect(kits).to_have_count(int(count))
    for kit in kits.all():
        expect(kit.locator(".meta")).to_contain_text(name)
    kit_link = kits.first.locator("h2 a")
    expect(kit_link).to_be_visible()
    title = kit_link.inner_text().strip()
    kit_link.click()
    expect(page.locator("main h1")).to_have_text(title)
    document = page.locator(".kit-documents a[download]").first
    expect(document).to_be_visible()
    with page.expect_download() as module_download:
        document.click()
    assert module_download.value.suggested_filename.endswith(".pdf")
    whole_kit = page.locator("main a.button[href$='/download-all/']")
    expect(whole_kit).to_be_visible()
    with page.expect_download() as kit_download:
        whole_kit.click()
    assert kit_download.value.suggested_filename.endswith(".zip")


@pytest.mark.parametrize(("language", "query"), [("tr", "göç"), ("en", "migration")])
def test_search(open_page, site_content, language, query):
    tab = open_page(language=language)
    tab.goto(f"/{language}/")
    # The desktop header's box (the phone menu holds a second one, hidden here).
    box = tab.locator("header input[type=search]:visible")
    expect(box).to_have_count(1)
    box.first.fill(query)
    box.first.press("Enter")
    tab.wait_for_load_state()
    assert "q=" in tab.url
    expect(tab.locator("main h2 a").first).to_be_visible()  # a result's title links to it


def test_newsletter_signup_and_confirm_by_mail(page, site_content, mailoutbox):
    from newsletter.models import Subscriber

    page.goto("/en/")
    footer_box = page.locator("footer form").first
    footer_box.locator("input[type=email]").fill("reader@example.org")
    footer_box.locator("button").click()
    page.wait_for_load_state()
    # The signup page, with the address carried over; consent is given there.
    form = page.locator("main form.newsletter-form")
    assert form.locator("input[type=email]").input_value() == "reader@example.org"
    consent = form.locator("input[type=checkbox]")
    for index in range(consent.count()):
        consent.nth(index).check()
    form.locator("button, input[type=submit]").first.click()
    expect(page.locator("main h1")).to_have_text("Check your inbox")
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+", mailoutbox[0].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    page.goto(path)
    # The link opens a page with a button; pressing it confirms.
    expect(page.locator("main h1")).to_have_text("Confirm your subscription")
    assert Subscriber.objects.get(email="reader@example.org").confirmed_at is None
    page.locator("main form button").click()
    expect(page.locator("main h1")).to_have_text("Subscription confirmed")
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert subscriber.confirmed_at is not None
