"""Event registration and the month calendar in a real Chromium: register, receive the
e-mail, cancel from its link, and the first on the waiting list gets the seat; the calendar
and the form are axe-clean in both languages and the months can be walked by keyboard."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone, translation

from .conftest import page_of_type, screenshot

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _registration_event():
    """A Turkish event in ten days with one seat, the on-site form and one extra question,
    translated into English."""
    from wagtail.models import Locale

    from events.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.filter(locale__language_code="tr").first()
    start = timezone.localtime() + datetime.timedelta(days=10)
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    event = EventPage(
        title="Kayıtlı Çalıştay",
        slug="kayitli-calistay",
        start=start,
        end=start + datetime.timedelta(hours=6),
        venue="Kültür Merkezi",
        registration_status="form",
        in_person_capacity=1,
        registration_questions=[
            ("short_answer", {"label": "Beslenme tercihi", "help_text": "", "required": True})
        ],
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    english = event.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "Registered Workshop", "registered-workshop"
    english.save_revision().publish()
    return EventPage.objects.get(pk=event.pk), EventPage.objects.get(pk=english.pk)


def _register(tab, event_url, name, email):
    tab.goto(event_url)
    tab.get_by_role("link", name=re.compile("^(Kayıt olun|Register)$")).click()
    tab.get_by_label(re.compile("Ad soyad|Name and surname")).fill(name)
    tab.get_by_label(re.compile("E-posta adresi|E-mail address")).fill(email)
    tab.get_by_label(re.compile("Beslenme tercihi")).fill("Vejetaryen")
    tab.locator("#id_consent").check()
    tab.get_by_role("button", name=re.compile("^(Kayıt olun|Register)$")).click()
    return tab.locator("h1").inner_text()


def test_register_cancel_and_the_waiting_list_moves_up(open_page, site_content, mailoutbox):
    from registrations.models import Registration

    tr_event, en_event = _registration_event()
    first = open_page(language="tr")
    assert _register(first, tr_event.url, "Ayşe Yılmaz", "ayse@example.org") == "Yeriniz onaylandı"
    screenshot(first, "registration-done-tr")
    second = open_page(language="en")
    heading = _register(second, en_event.url, "John Smith", "john@example.org")
    assert heading == "You are on the waiting list"

    assert [m.to for m in mailoutbox] == [["ayse@example.org"], ["john@example.org"]]
    confirmation = mailoutbox[0]
    assert confirmation.subject == "Kayıt onaylandı: Kayıtlı Çalıştay"
    assert confirmation.attachments[0][0].endswith(".ics")
    cancel = re.search(r"https?://\S+/iptal/\S+/", confirmation.body).group(0)

    first.goto(urlsplit(cancel).path)
    first.get_by_role("button", name="Kaydımı iptal et").click()
    assert "Kaydınız iptal edildi." in first.locator("main").inner_text()

    promoted = mailoutbox[-1]
    assert promoted.to == ["john@example.org"]
    assert promoted.subject == "A seat has become free for you: Registered Workshop"
    assert dict(Registration.objects.values_list("email", "status")) == {
        "ayse@example.org": "cancelled",
        "john@example.org": "confirmed",
    }


@pytest.mark.parametrize("language", ["tr", "en"])
def test_calendar_and_form_are_accessible_and_walkable_by_keyboard(
    open_page, site_content, language
):
    tr_event, en_event = _registration_event()
    event = tr_event if language == "tr" else en_event
    index = page_of_type("events.EventIndexPage", language).specific
    local = timezone.localtime(event.start)
    tab = open_page(language=language)
    with translation.override(language):  # the route's words are in the page's language
        calendar_url = index.url + index.reverse_subpage(
            "calendar_month", args=[local.year, f"{local.month:02d}"]
        )
    tab.goto(calendar_url)
    cell = tab.locator(f'td[data-date="{local:%Y-%m-%d}"]')
    assert event.title in cell.inner_text()
    axe = Axe()
    for path in (
        calendar_url,
        f"/{language}/{'etkinlik-kaydi' if language == 'tr' else 'event-registration'}/{event.pk}/",
    ):
        tab.goto(path)
        result = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert not result.violations_count, result.generate_report()
    # Without a mouse or JavaScript: Tab to the next month's link and follow it.
    tab.goto(calendar_url)
    next_link = tab.locator('a[rel~="next"]')
    for _ in range(200):
        tab.keyboard.press("Tab")
        if next_link.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("the next month's link is not reachable by keyboard")
    tab.keyboard.press("Enter")
    following = (local.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    tab.wait_for_url(re.compile(f"/{following:%Y/%m}/$"))
    screenshot(tab, f"calendar-{language}")
