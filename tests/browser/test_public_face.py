"""The public face as readers see it, at 1366×900 (laptop) and 375×800 (phone), in both
languages: the EU emblem and funding statement in the first viewport of the home page and
on every page type, the container grid, the compact phone header and its menu without
JavaScript, reachability of every section from the home page, the timeline's bars, tap
targets, the main heading and no sideways scrolling at every width (320 px too). Screenshots
of every page type go to test-artifacts/screenshots/face/ for a designer's look when asked
(``make screenshots``)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation

from .conftest import screenshot
from .test_accessibility import WCAG_TAGS, _format, _path

VIEWPORTS = {"desktop": (1366, 900), "phone": (375, 800)}

PAGE_TYPES = [
    ("home", "home.HomePage"),
    ("standard", "home.StandardPage"),
    ("info-note", "home.InfoNotePage"),
    ("news-index", "news.NewsIndexPage"),
    ("news-article", "news.NewsPage"),
    ("event-index", "events.EventIndexPage"),
    ("event", "events.EventPage"),
    ("library", "resources.ResourceIndexPage"),
    ("kit", "resources.TrainingKitPage"),
    ("activities", "activities.ActivityIndexPage"),
    ("timeline", "activities.TimelinePage"),
    ("glossary", "glossary.GlossaryPage"),
    ("directory", "directory:index"),
    ("directory-propose", "directory:propose"),
    ("search", "site_search:search?q=g%C3%B6%C3%A7"),
    ("newsletter", "newsletter:signup"),
    ("404", "/{lang}/no-such-page-404/"),
]

# Boxes of everything a reader taps in the page chrome and in forms.
TAP_TARGETS_JS = """() => {
    const selector = '.site-header a, .site-header button, .site-header summary, .site-header input,'
        + ' .footer-menu a, main .button, main button, main input, main select, .pagination a';
    return [...document.querySelectorAll(selector)]
        .filter((el) => el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden')
        .filter((el) => !el.closest('.visually-hidden'))
        .filter((el) => !['checkbox', 'radio'].includes(el.type))
        .map((el) => {
            const r = el.getBoundingClientRect();
            return {html: el.outerHTML.slice(0, 80), width: r.width, height: r.height};
        })
        .filter((box) => box.width < 24 || box.height < 24);
}"""


def _box(locator):
    return locator.bounding_box()


def _open(open_page, language, viewport, **options):
    width, height = VIEWPORTS[viewport]
    tab = open_page(language=language, width=width, height=height, **options)
    # The first visit to a page makes its image renditions; on a busy machine that
    # takes longer than the harness's 10 s.
    tab.set_default_timeout(60_000)
    return tab


def _in_first_viewport(box, height):
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def _what_a_reader_misses(tab):
    """What is wrong with the page as ``tab`` shows it at its width: no main heading, no
    EU emblem in the header, or content wider than the window (sideways scrolling)."""
    problems = []
    if not tab.locator("main h1").first.is_visible():
        problems.append("no main heading in view")
    if not tab.locator(".site-header .eu-emblem").is_visible():
        problems.append("no emblem in the header")
    overflow = tab.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(f"scrolls sideways by {overflow}px")
    return problems


@pytest.mark.parametrize("language", ["tr", "en"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_emblem_and_statement_in_the_home_pages_first_viewport(
    open_page, site_content, language, viewport
):
    tab = _open(open_page, language, viewport)
    tab.goto(f"/{language}/")
    _width, height = VIEWPORTS[viewport]
    emblem = tab.locator(".site-header .eu-emblem")
    statement = tab.locator(".site-header .eu-statement")
    assert emblem.is_visible() and statement.is_visible()
    assert _in_first_viewport(_box(emblem), height), _box(emblem)
    assert _in_first_viewport(_box(statement), height), _box(statement)
    expected = (
        "Avrupa Birliği ve Türkiye Cumhuriyeti tarafından finanse edilmektedir"
        if language == "tr"
        else "funded by the European Union and the Republic of Türkiye"
    )
    assert expected in statement.inner_text()
    # The emblem is drawn in its 3:2 ratio, twelve stars, and no other logo is larger.
    box = _box(emblem)
    assert abs(box["width"] / box["height"] - 1.5) < 0.02
    assert emblem.locator("polygon").count() == 12
    logo = tab.locator(".brand-logo")  # the demo's logos (home/demo_identity.py)
    assert logo.is_visible()
    assert _box(logo)["height"] <= box["height"] + 0.5
    footer_emblem = _box(tab.locator(".site-footer .eu-emblem"))
    tab.locator(".site-footer").scroll_into_view_if_needed()
    partners = tab.locator(".partner-logo").all()
    assert partners
    for partner in partners:
        partner_box = _box(partner)
        assert partner_box["height"] <= footer_emblem["height"] + 0.5


@pytest.mark.parametrize("language", ["tr", "en"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_every_page_type_has_emblem_breadcrumbs_share_image_and_fits(
    open_page, site_content, language, viewport
):
    """Each page type: emblem and statement in header and footer (with the disclaimer),
    breadcrumbs below the home, an og:image, tap targets of at least 24×24 px, and the main
    heading and emblem in view without sideways scrolling at this width and at 320 px (and a
    screenshot of each, with ``make screenshots``)."""
    tab = _open(open_page, language, viewport)
    # The narrowest phones (320 px), checked once per language, with the phone runs.
    narrow = None
    if viewport == "phone":
        narrow = _open(open_page, language, "phone")
        narrow.set_viewport_size({"width": 320, "height": 800})
    problems = []
    for label, target in PAGE_TYPES:
        path = _path(target, language)
        tab.goto(path)
        problems += [f"{label}: {problem}" for problem in _what_a_reader_misses(tab)]
        screenshot(tab, f"face/{label}-{language}-{viewport}")
        if not tab.locator(".site-header .eu-statement").inner_text().strip():
            problems.append(f"{label}: no funding statement in the header")
        if tab.locator(".site-footer .eu-emblem").count() != 1:
            problems.append(f"{label}: no emblem in the footer")
        if not tab.locator(".site-footer .disclaimer").count():
            problems.append(f"{label}: no disclaimer in the footer")
        if tab.locator('meta[property="og:image"]').count() != 1:
            problems.append(f"{label}: no og:image")
        if label != "home" and not tab.locator("nav.breadcrumbs li").count() >= 2:
            problems.append(f"{label}: no breadcrumbs")
        small = tab.evaluate(TAP_TARGETS_JS)
        if small:
            problems.append(f"{label}: tap targets under 24×24 px: {small[:3]}")
        if narrow is None:
            continue
        narrow.goto(path)
        problems += [f"{label}: {problem} at 320 px" for problem in _what_a_reader_misses(narrow)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["tr", "en"])
def test_menu_and_content_share_the_containers_left_edge(open_page, site_content, language):
    tab = _open(open_page, language, "desktop")
    for path in (_path("home.InfoNotePage", language), _path("directory:index", language)):
        tab.goto(path)
        brand = _box(tab.locator(".brand"))["x"]
        menu = _box(tab.locator(".main-menu .menu-list li:visible a").first)["x"]
        crumbs = _box(tab.locator("nav.breadcrumbs ol"))["x"]
        heading = _box(tab.locator("main h1"))["x"]
        footer = _box(tab.locator(".site-footer .container").first)
        edges = {"brand": brand, "menu": menu, "breadcrumbs": crumbs, "heading": heading}
        assert all(abs(x - brand) <= 1 for x in edges.values()), (path, edges)
        # The menu bar is not flush with the window: it sits in the container.
        assert menu > 50
        assert abs(footer["x"] + 20 - brand) <= 1  # the footer's container padding


@pytest.mark.parametrize("language", ["tr", "en"])
def test_phone_header_is_compact_and_its_menu_opens_without_javascript(
    open_page, site_content, language
):
    tab = _open(open_page, language, "phone", java_script_enabled=False)
    tab.goto(f"/{language}/")
    header = _box(tab.locator(".site-header"))
    assert header["height"] <= 200, header
    assert tab.locator(".site-header .eu-emblem").is_visible()
    menu_link = tab.locator(".menu-panel .menu-list a").nth(1)
    assert not menu_link.is_visible()
    tab.locator(".menu-toggle summary").click()
    assert menu_link.is_visible()
    menu_link.click()
    tab.wait_for_load_state()
    assert tab.locator("main h1").is_visible()


SECTIONS = [
    "home.StandardPage",
    "home.InfoNotePage",
    "news.NewsIndexPage",
    "events.EventIndexPage",
    "resources.ResourceIndexPage",
    "activities.ActivityIndexPage",
    "activities.TimelinePage",
    "glossary.GlossaryPage",
    "directory:index",
    "newsletter:signup",
    "site_search:search",
]


@pytest.mark.parametrize("language", ["tr", "en"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_every_section_is_reachable_from_the_home_page(open_page, site_content, language, viewport):
    """Following the menu and footer links of the home page (the phone's menu opened by
    its button) reaches every section, in the page's own language."""
    tab = _open(open_page, language, viewport)
    tab.goto(f"/{language}/")
    if viewport == "phone":
        tab.locator(".menu-toggle summary").click()
    # The menus, not the language switcher (which rightly leads to the other language).
    menus = ".site-header nav:not(.language-switcher) a:visible, .footer-menu a:visible"
    links = tab.locator(menus).evaluate_all("(els) => els.map((a) => new URL(a.href).pathname)")
    missing = []
    for target in SECTIONS:
        path = _path(target, language).split("?")[0]
        if path not in links:
            missing.append(f"{target} ({path})")
    assert not missing, (missing, links)
    assert all(link.startswith(f"/{language}/") for link in links), links


@pytest.mark.parametrize("language", ["tr", "en"])
def test_timeline_draws_one_bar_per_activity(open_page, site_content, language):
    from activities.models import Activity

    tab = _open(open_page, language, "desktop")
    tab.goto(_path("activities.TimelinePage", language))
    activities = Activity.objects.filter(locale__language_code=language).count()
    assert activities >= 10
    widths = tab.locator(".timeline-chart rect.bar").evaluate_all(
        "(bars) => bars.map((bar) => bar.getBoundingClientRect().width)"
    )
    assert len(widths) == activities
    assert all(width > 1 for width in widths), widths
    assert "," not in tab.locator(".timeline-chart svg").get_attribute("viewBox")


@pytest.mark.parametrize("language", ["tr", "en"])
def test_phone_pages_and_open_menu_have_no_axe_violations(open_page, site_content, language):
    axe = Axe()
    tab = _open(open_page, language, "phone")
    found = {}
    for label in ("home", "directory", "directory-propose", "timeline"):
        target = dict(PAGE_TYPES)[label]
        tab.goto(_path(target, language))
        if label == "home":
            tab.locator(".menu-toggle summary").click()
        result = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        if result.violations_count:
            found[label] = _format(result.response["violations"])
    assert not found, found


def test_failed_proposal_shows_an_error_summary_linking_to_each_field(open_page, site_content):
    tab = _open(open_page, "tr", "desktop")
    with translation.override("tr"):
        tab.goto(_path("directory:propose", "tr"))
    assert tab.locator("legend", has_text="Çalışma alanları").count() == 1
    assert tab.locator("label", has_text="İller").count() == 1
    assert tab.locator("label", has_text="İnternet sitesi").count() == 1
    tab.locator("main button[type=submit]").click()
    summary = tab.locator(".error-summary")
    assert summary.is_visible()
    links = summary.locator("a")
    assert links.count() >= 2
    for href in links.evaluate_all("(els) => els.map((a) => a.getAttribute('href'))"):
        assert tab.locator(href).count() == 1, href
    target = links.first.get_attribute("href")
    links.first.click()
    assert tab.evaluate("() => location.hash") == target
    assert tab.locator(target).is_visible()
