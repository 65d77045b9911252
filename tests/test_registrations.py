"""Event registration: seats per mode and the waiting list, refusals with clear messages,
e-mails (language, .ics, cancel link), promotion on cancel, the reminder sent once,
erasure keeping counts, the organisers' admin and the donor report; and the month
calendar of events."""

import csv
import datetime
import io
import re
import threading
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction
from wagtail.users.models import UserProfile

from activities.models import Activity, ActivityLink
from activities.reporting import report_rows
from events.models import EventIndexPage, EventPage, EventType
from registrations import services, tasks
from registrations.models import ConsentText, Registration, Roster
from registrations.tasks import send_due_reminders, send_reminders
from tests.conftest import add_child_page, publish_translation, refreshed, site_homes

IST = ZoneInfo("Europe/Istanbul")
NOW = datetime.datetime(2027, 3, 17, 12, 0, tzinfo=IST)


def at(*args):
    return datetime.datetime(*args, tzinfo=IST)


@pytest.fixture(autouse=True)
def _frozen():
    """A fixed "now", and rate-limit counters (kept in the cache) from no earlier test."""
    from django.core.cache import cache

    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield
    cache.clear()


def add_indexes(homes):
    tr = add_child_page(homes["tr"], EventIndexPage, title="Etkinlikler", slug="etkinlikler")
    en = publish_translation(tr, "events", title="Events")
    return {code: EventIndexPage.objects.get(pk=page.pk) for code, page in [("tr", tr), ("en", en)]}


_counter = iter(range(1, 10_000))


def make_event(index, title="Göç Çalıştayı", start=None, end=None, publish=False, **fields):
    fields.setdefault("slug", f"kayit-{next(_counter)}")
    fields.setdefault("registration_status", "form")
    page = EventPage(
        title=title,
        start=start or at(2027, 4, 10, 10),
        end=end or at(2027, 4, 10, 17),
        **fields,
    )
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


@pytest.fixture(scope="module")
def events_built(module_data):
    """Built once per module (see ``module_data``): both homes, the event indexes, and
    the event pair (a Turkish event with one in-person seat, on 10 April 2027, and its
    English translation)."""
    indexes = add_indexes(site_homes())
    tr = make_event(
        indexes["tr"],
        venue="Kültür Merkezi",
        in_person_capacity=1,
        registration_questions=[
            ("short_answer", {"label": "Beslenme tercihi", "help_text": "", "required": True})
        ],
        publish=True,
    )
    en = publish_translation(tr, f"{tr.slug}-en", title="Migration Workshop")
    return {"indexes": indexes, "event_pair": {"tr": tr, "en": EventPage.objects.get(pk=en.pk)}}


@pytest.fixture
def indexes(events_built, db):
    return refreshed(events_built["indexes"])


@pytest.fixture
def event_pair(events_built, db):
    return refreshed(events_built["event_pair"])


@pytest.fixture
def consent(locales):
    tr = ConsentText.objects.create(
        locale=locales["tr"],
        version=3,
        text="Verilerimin etkinlik için işlenmesini kabul ediyorum.",
    )
    en = tr.copy_for_translation(locales["en"])
    en.text = "I agree to the processing of my data for this event."
    en.save()
    return tr


def form_url(event):
    return (
        f"/{event.locale.language_code}/"
        + ("etkinlik-kaydi" if event.locale.language_code == "tr" else "event-registration")
        + f"/{event.pk}/"
    )


def answer_field(event):
    return f"q_{event.registration_questions[0].id}"


def post_registration(client, event, email, name="Ayşe Yılmaz", **extra):
    data = {
        "name": name,
        "organisation": "Mülteci Destek Derneği",
        "email": email,
        "needs": "Türkçe–Arapça tercüme",
        "consent": "on",
        answer_field(event): "Vejetaryen",
    }
    data.update(extra)
    return client.post(form_url(event), data, follow=True)


def cancel_link(message):
    return re.search(
        r"https?://testserver(/(?:tr|en)/[^/\s]+/(?:iptal|cancel)/\S+/)", message.body
    ).group(1)


# --- Registering ----------------------------------------------------------------------


@pytest.mark.django_db
class TestRegistering:
    def test_first_gets_the_seat_second_the_waiting_list(self, client, event_pair, consent):
        tr = event_pair["tr"]
        first = post_registration(client, tr, "ayse@example.org")
        assert "Yeriniz onaylandı" in first.content.decode()
        second = post_registration(client, tr, "mehmet@example.org", name="Mehmet Kaya")
        assert "Bekleme listesindesiniz" in second.content.decode()
        statuses = dict(Registration.objects.values_list("email", "status"))
        assert statuses == {"ayse@example.org": "confirmed", "mehmet@example.org": "waiting"}
        ayse = Registration.objects.get(email="ayse@example.org")
        assert ayse.consent_version == 3 and ayse.consent_language == "tr"
        assert ayse.answers == [
            {
                "id": tr.registration_questions[0].id,
                "label": "Beslenme tercihi",
                "answer": "Vejetaryen",
            }
        ]
        assert ayse.needs == "Türkçe–Arapça tercüme"
        assert [m.to for m in mail.outbox] == [["ayse@example.org"], ["mehmet@example.org"]]
        assert mail.outbox[0].subject == "Kayıt onaylandı: Göç Çalıştayı"
        assert mail.outbox[1].subject == "Bekleme listesindesiniz: Göç Çalıştayı"

    def test_both_languages_share_the_seats(self, client, event_pair, consent):
        post_registration(client, event_pair["tr"], "ayse@example.org")
        response = post_registration(client, event_pair["en"], "john@example.org", name="John")
        assert "You are on the waiting list" in response.content.decode()
        john = Registration.objects.get(email="john@example.org")
        assert (john.language, john.status, john.event_id) == ("en", "waiting", event_pair["en"].pk)
        assert Roster.objects.count() == 1

    def test_confirmation_in_registrants_language_with_a_parsable_ics(
        self, client, event_pair, consent
    ):
        post_registration(client, event_pair["en"], "john@example.org", name="John Smith")
        message = mail.outbox[0]
        assert message.subject == "Registration confirmed: Migration Workshop"
        assert "Dear John Smith" in message.body
        assert 'Your seat at "Migration Workshop" is confirmed.' in message.body
        assert "/en/event-registration/cancel/" in message.body
        [(filename, content, mimetype)] = message.attachments
        assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(content)
        [vevent] = calendar.events
        assert str(vevent["summary"]) == "Migration Workshop"
        assert vevent.start == at(2027, 4, 10, 10) and vevent.end == at(2027, 4, 10, 17)
        assert vevent["dtstart"].params["TZID"] == "Europe/Istanbul"
        assert vevent["dtstart"].dt.tzinfo.key == "Europe/Istanbul"
        assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Istanbul"]
        assert str(vevent["url"]).startswith("http://testserver/en/events/")

    def test_hybrid_event_counts_seats_per_mode(self, client, indexes, consent):
        event = make_event(
            indexes["tr"],
            format="hybrid",
            online_link="https://meet.example.org/x",
            in_person_capacity=1,
            online_capacity=2,
            publish=True,
        )
        page = client.get(form_url(event)).content.decode()
        assert "Nasıl katılacaksınız?" in page and 'value="online"' in page
        for email, mode in [
            ("a@x.org", "in_person"),
            ("b@x.org", "in_person"),
            ("c@x.org", "online"),
        ]:
            client.post(
                form_url(event),
                {"name": email, "email": email, "consent": "on", "mode": mode},
            )
        statuses = dict(Registration.objects.values_list("email", "status"))
        assert statuses == {"a@x.org": "confirmed", "b@x.org": "waiting", "c@x.org": "confirmed"}
        missing_mode = client.post(
            form_url(event), {"name": "D", "email": "d@x.org", "consent": "on"}
        )
        assert "Lütfen nasıl katılacağınızı seçin." in missing_mode.content.decode()

    def test_missing_fields_are_explained_in_the_page_language(self, client, event_pair, consent):
        response = client.post(form_url(event_pair["tr"]), {"email": "bozuk"})
        text = response.content.decode()
        assert response.status_code == 200
        assert "Lütfen adınızı yazın." in text
        assert "Lütfen geçerli bir e-posta adresi yazın" in text
        assert "Lütfen bu soruyu yanıtlayın." in text
        assert "Kayıt olmak için lütfen onay kutusunu işaretleyin." in text
        response = client.post(form_url(event_pair["en"]), {"email": "x@example.org"})
        assert "Please enter your name." in response.content.decode()
        assert not Registration.objects.exists()

    def test_the_same_address_twice_is_told_so(self, client, event_pair, consent):
        post_registration(client, event_pair["tr"], "ayse@example.org")
        again = post_registration(client, event_pair["tr"], "AYSE@example.org")
        assert "Bu e-posta adresi bu etkinliğe zaten kayıtlı." in again.content.decode()
        assert Registration.objects.count() == 1

    def test_many_posts_from_one_address_are_slowed_down(
        self, client, event_pair, consent, settings
    ):
        settings.REGISTRATION_RATE = "3/d"
        for n in range(3):
            post_registration(client, event_pair["tr"], f"k{n}@example.org")
        response = client.post(form_url(event_pair["tr"]), {"name": "X", "email": "x@x.org"})
        assert response.status_code == 429
        assert "Lütfen birkaç dakika bekleyip yeniden deneyin." in response.content.decode()
        assert Registration.objects.count() == 3

    def test_pages_with_the_form_are_never_cached_and_the_event_page_has_no_token(
        self, client, event_pair, consent
    ):
        event = client.get(event_pair["tr"].url)
        assert event.status_code == 200
        assert "csrfmiddlewaretoken" not in event.content.decode()
        assert form_url(event_pair["tr"]) in event.content.decode()
        response = client.get(form_url(event_pair["tr"]))
        assert "csrfmiddlewaretoken" in response.content.decode()
        cache_control = response["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control

    def test_only_live_public_events_of_the_language_take_registrations(
        self, client, indexes, event_pair, consent
    ):
        draft = make_event(indexes["tr"], live=False)
        assert client.get(form_url(draft)).status_code == 404
        # The Turkish page's id under /en/ is not the English event.
        assert client.get(f"/en/event-registration/{event_pair['tr'].pk}/").status_code == 404
        PageViewRestriction.objects.create(
            page=event_pair["tr"], restriction_type="password", password="x"
        )
        assert client.get(form_url(event_pair["tr"])).status_code == 404
        linked = make_event(
            indexes["tr"], registration_status="open", registration_url="https://x.org"
        )
        assert client.get(form_url(linked)).status_code == 404


@pytest.mark.django_db
class TestRefusals:
    def test_after_the_deadline(self, client, indexes, consent):
        event = make_event(indexes["tr"], registration_deadline=at(2027, 3, 15, 18), publish=True)
        page = client.get(form_url(event)).content.decode()
        assert "Kayıtlar 15 Mart 2027 18:00 tarihinde kapandı." in page
        assert "csrfmiddlewaretoken" not in page
        response = client.post(form_url(event), {"name": "A", "email": "a@x.org", "consent": "on"})
        assert "Kayıtlar 15 Mart 2027 18:00 tarihinde kapandı." in response.content.decode()
        assert not Registration.objects.exists()

    def test_closed_by_the_organisers(self, client, event_pair, consent):
        post_registration(client, event_pair["tr"], "ayse@example.org")
        Roster.objects.update(closed_at=NOW)
        response = post_registration(client, event_pair["en"], "john@example.org")
        assert (
            "The organisers have closed registration for this event." in response.content.decode()
        )
        assert Registration.objects.count() == 1

    def test_started_event(self, client, indexes, consent):
        event = make_event(
            indexes["tr"], start=at(2027, 3, 17, 9), end=at(2027, 3, 17, 18), publish=True
        )
        page = client.get(form_url(event)).content.decode()
        assert "Bu etkinlik başladı; kayıtlar kapandı." in page


# --- Last seat under concurrency (PostgreSQL) ---------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_registrations_for_the_last_seat_at_once(homes, consent):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    # The threads see committed rows only: indexes of its own, not the module's.
    event = make_event(add_indexes(homes)["tr"], in_person_capacity=2, publish=True)
    # One seat already taken: the roster exists, so nothing but its lock orders the two.
    services.register(event, {"name": "İlk", "email": "ilk@example.org", "mode": "in_person"})
    barrier = threading.Barrier(2)
    results, errors = [], []

    def attempt(n):
        try:
            barrier.wait()
            registration = services.register(
                EventPage.objects.get(pk=event.pk),
                {"name": f"Kişi {n}", "email": f"kisi{n}@example.org", "mode": "in_person"},
            )
            results.append(registration.status)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sorted(results) == ["confirmed", "waiting"]
    assert Registration.objects.filter(status="confirmed").count() == 2


# --- Cancelling, promotion, erasure --------------------------------------------------


@pytest.mark.django_db
class TestCancelling:
    def test_cancel_gives_the_seat_to_the_first_on_the_waiting_list(
        self, client, event_pair, consent
    ):
        post_registration(client, event_pair["tr"], "ayse@example.org")
        post_registration(client, event_pair["en"], "john@example.org", name="John")
        post_registration(client, event_pair["tr"], "zeynep@example.org", name="Zeynep")
        link = cancel_link(mail.outbox[0])
        mail.outbox.clear()
        page = client.get(link)
        assert "Kaydımı iptal et" in page.content.decode()
        assert "no-store" in page["Cache-Control"]
        done = client.post(link, {"action": "cancel"})
        assert "Kaydınız iptal edildi." in done.content.decode()
        statuses = dict(Registration.objects.values_list("email", "status"))
        assert statuses == {
            "ayse@example.org": "cancelled",
            "john@example.org": "confirmed",
            "zeynep@example.org": "waiting",
        }
        [told] = mail.outbox
        assert told.to == ["john@example.org"]
        assert told.subject == "A seat has become free for you: Migration Workshop"
        assert icalendar.Calendar.from_ical(told.attachments[0][1]).events
        # Cancelling twice changes nothing and promotes nobody else.
        client.post(link, {"action": "cancel"})
        assert Registration.objects.get(email="zeynep@example.org").status == "waiting"

    def test_erasure_on_request_from_the_cancel_link(self, client, event_pair, consent):
        post_registration(client, event_pair["tr"], "ayse@example.org")
        post_registration(client, event_pair["tr"], "mehmet@example.org", name="Mehmet")
        link = cancel_link(mail.outbox[0])
        response = client.post(link, {"action": "erase"})
        assert "Kişisel verileriniz silindi." in response.content.decode()
        erased = Registration.objects.get(status="cancelled")
        assert (erased.name, erased.email, erased.organisation, erased.needs, erased.answers) == (
            "",
            "",
            "",
            "",
            [],
        )
        assert erased.erased_at is not None
        assert Registration.objects.get(email="mehmet@example.org").status == "confirmed"
        assert client.get(link).status_code == 400  # the link is dead

    def test_a_tampered_link_is_refused(self, client, event_pair, consent):
        post_registration(client, event_pair["tr"], "ayse@example.org")
        link = cancel_link(mail.outbox[0])
        assert client.get(link[:-3] + "xx/").status_code == 400


@pytest.mark.django_db
def test_erasure_months_after_the_event_keeps_the_counts(client, indexes, consent, settings):
    settings.REGISTRATION_ERASE_AFTER_MONTHS = 6
    old = make_event(
        indexes["tr"], start=at(2027, 3, 20, 10), end=at(2027, 3, 20, 17), publish=True
    )
    recent = make_event(
        indexes["tr"], start=at(2027, 3, 25, 10), end=at(2027, 3, 25, 17), publish=True
    )
    for event in (old, recent):
        for n in range(3):
            services.register(event, {"name": f"K{n}", "email": f"k{n}@x.org", "mode": "in_person"})
    Registration.objects.filter(event=old, name="K0").update(attended=True)
    activity = Activity.objects.create(
        locale=old.locale,
        number=1,
        title="Eğitim",
        planned_start=datetime.date(2027, 1, 1),
        planned_end=datetime.date(2027, 12, 31),
    )
    ActivityLink.objects.create(activity=activity, page=old)

    def counts():
        rows = report_rows(datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))
        row = next(r for r in rows if r["language"] == "tr" and r["number"] == 1)
        return row["registered"], row["attended"]

    with time_machine.travel(at(2027, 9, 21, 12), tick=False):
        before = counts()
        assert tasks.erase_after_event() == 3
        assert before == (3, 1) and counts() == before
    assert not Registration.objects.filter(event=old).exclude(name="").exists()
    assert Registration.objects.filter(event=recent, erased_at__isnull=True).count() == 3


# --- Reminder ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_reminder_goes_out_once_even_when_the_task_runs_twice(
    client, indexes, event_pair, consent
):
    tomorrow = make_event(
        indexes["tr"], start=at(2027, 3, 18, 10), end=at(2027, 3, 18, 12), publish=True
    )
    later = make_event(
        indexes["tr"], start=at(2027, 3, 25, 10), end=at(2027, 3, 25, 12), publish=True
    )
    for email in ("a@x.org", "b@x.org"):
        services.register(tomorrow, {"name": "A", "email": email, "mode": "in_person"})
    services.register(later, {"name": "C", "email": "c@x.org", "mode": "in_person"})
    cancelled, _ = services.cancel(
        services.register(tomorrow, {"name": "D", "email": "d@x.org", "mode": "in_person"})
    )
    mail.outbox.clear()
    first = send_reminders.enqueue()
    second = send_reminders.enqueue()
    assert (first.return_value, second.return_value) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@x.org", "b@x.org"]
    assert mail.outbox[0].subject == f"Hatırlatma: {tomorrow.title} yarın"
    assert icalendar.Calendar.from_ical(mail.outbox[0].attachments[0][1]).events
    assert send_due_reminders() == 0


@pytest.mark.django_db
def test_a_failed_reminder_is_retried_by_the_next_run(indexes, consent, monkeypatch):
    event = make_event(
        indexes["tr"], start=at(2027, 3, 18, 10), end=at(2027, 3, 18, 12), publish=True
    )
    services.register(event, {"name": "A", "email": "a@x.org", "mode": "in_person"})
    mail.outbox.clear()
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages
    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, m: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        send_due_reminders()
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    assert send_due_reminders() == 1


# --- Donor report --------------------------------------------------------------------


@pytest.mark.django_db
def test_donor_report_counts_match_the_registrations(indexes, event_pair, consent, locales):
    tr, en = event_pair["tr"], event_pair["en"]
    EventPage.objects.filter(pk__in=[tr.pk, en.pk]).update(in_person_capacity=10)
    tr.refresh_from_db()
    en.refresh_from_db()
    for n in range(4):
        services.register(tr, {"name": f"T{n}", "email": f"t{n}@x.org", "mode": "in_person"})
    for n in range(2):
        services.register(en, {"name": f"E{n}", "email": f"e{n}@x.org", "mode": "in_person"})
    services.cancel(Registration.objects.get(email="t3@x.org"))
    Registration.objects.filter(email__in=["t0@x.org", "t1@x.org", "e0@x.org"]).update(
        attended=True
    )
    activity = Activity.objects.create(
        locale=locales["tr"],
        number=4,
        title="Çalıştaylar",
        planned_start=datetime.date(2027, 1, 1),
        planned_end=datetime.date(2027, 12, 31),
    )
    en_activity = activity.copy_for_translation(locales["en"])
    en_activity.save()
    ActivityLink.objects.create(activity=activity, page=tr)
    with time_machine.travel(at(2027, 4, 20, 12), tick=False):
        rows = {
            r["language"]: r
            for r in report_rows(datetime.date(2027, 4, 1), datetime.date(2027, 4, 30))
        }
        elsewhere = report_rows(datetime.date(2027, 5, 1), datetime.date(2027, 5, 31))
    assert (rows["tr"]["registered"], rows["tr"]["attended"]) == (3, 2)
    assert (rows["en"]["registered"], rows["en"]["attended"]) == (2, 1)
    assert all(r["registered"] == 0 for r in elsewhere)


# --- Organisers' admin ---------------------------------------------------------------


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("org", "org@example.org", "pw")
    client.force_login(user)
    return client


@pytest.mark.django_db
class TestAdmin:
    def test_csv_export_opens_cleanly_in_spreadsheets(self, admin_client, event_pair, consent):
        services.register(
            event_pair["tr"],
            {
                "name": '=HYPERLINK("http://evil")',
                "organisation": "İğdır Göç Derneği",
                "email": "a@x.org",
                "mode": "in_person",
            },
        )
        roster = Roster.objects.get()
        response = admin_client.get(
            f"/admin/registrations_registration/?roster={roster.pk}&export=csv"
        )
        body = b"".join(response.streaming_content)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert body.startswith("\ufeff".encode())
        text = body.decode("utf-8-sig")
        assert "İğdır Göç Derneği" in text
        assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text

    def registered_late_at_night(self, event_pair):
        """A registration made at 21:30 UTC: 00:30 the next day in Istanbul."""
        registration = services.register(
            event_pair["tr"],
            {"name": "-Ayşe", "email": "a@x.org", "mode": "in_person"},
        )
        Registration.objects.filter(pk=registration.pk).update(
            created_at=datetime.datetime(2027, 3, 17, 21, 30, tzinfo=datetime.UTC),
            attended=True,
        )
        return Roster.objects.get()

    @pytest.mark.parametrize(
        "language, headings, values",
        [
            (
                "tr",
                ["Dil", "Katılım", "Durum", "Katıldı", "Kayıt zamanı"],
                ["Türkçe", "Yüz yüze", "Yeri onaylandı", "Evet", "2027-03-18 00:30"],
            ),
            (
                "en",
                ["Language", "Participation", "Status", "Attended", "Registered at"],
                ["Turkish", "In person", "Seat confirmed", "Yes", "2027-03-18 00:30"],
            ),
        ],
    )
    def test_csv_export_speaks_the_admin_language_in_local_time(
        self, admin_client, event_pair, consent, language, headings, values
    ):
        """Headings are the fields' labels and values the choices' labels, in the
        user's admin language; times are Istanbul's, not UTC; the BOM comes first."""
        roster = self.registered_late_at_night(event_pair)
        profile = UserProfile.get_for_user(get_user_model().objects.get(username="org"))
        profile.preferred_language = language
        profile.save()
        response = admin_client.get(
            f"/admin/registrations_registration/?roster={roster.pk}&export=csv"
        )
        body = b"".join(response.streaming_content)
        assert body.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        row = dict(zip(rows[0], rows[1], strict=True))
        assert [row.get(heading) for heading in headings] == values, rows
        assert "confirmed" not in rows[1] and "in_person" not in rows[1]
        assert "'-Ayşe" in rows[1]  # a name that a spreadsheet would read as a formula

    def test_xlsx_export_has_local_date_cells(self, admin_client, event_pair, consent):
        roster = self.registered_late_at_night(event_pair)
        response = admin_client.get(
            f"/admin/registrations_registration/?roster={roster.pk}&export=xlsx"
        )
        sheet = load_workbook(io.BytesIO(response.getvalue())).active
        headings = [cell.value for cell in sheet[1]]
        registered = sheet.cell(row=2, column=headings.index("Kayıt zamanı") + 1)
        assert registered.is_date
        assert registered.value == datetime.datetime(2027, 3, 18, 0, 30)
        values = [cell.value for cell in sheet[2]]
        assert "'-Ayşe" in values and "Yeri onaylandı" in values

    def test_admin_cannot_add_or_delete_around_the_seat_count(
        self, admin_client, event_pair, consent
    ):
        """A delete in the generic admin would free a seat without promoting the waiting
        list, an add would skip capacity: both are refused, even to a superuser."""
        seated = services.register(
            event_pair["tr"], {"name": "Ayşe", "email": "a@x.org", "mode": "in_person"}
        )
        listing = admin_client.get("/admin/registrations_registration/")
        assert listing.status_code == 200
        assert "/admin/registrations_registration/new/" not in listing.content.decode()
        assert admin_client.get("/admin/registrations_registration/new/").status_code == 302
        delete_url = f"/admin/registrations_registration/delete/{seated.pk}/"
        assert admin_client.post(delete_url).status_code == 302
        seated.refresh_from_db()
        assert seated.status == "confirmed"

    def test_filters_and_search(self, admin_client, event_pair, consent):
        services.register(
            event_pair["tr"], {"name": "Ayşe", "email": "a@x.org", "mode": "in_person"}
        )
        services.register(
            event_pair["tr"], {"name": "Mehmet", "email": "m@x.org", "mode": "in_person"}
        )
        waiting = admin_client.get(
            "/admin/registrations_registration/?status=waiting"
        ).content.decode()
        assert "Mehmet" in waiting and "Ayşe" not in waiting
        found = admin_client.get("/admin/registrations_registration/?q=ayşe").content.decode()
        assert "Ayşe" in found and "Mehmet" not in found

    def test_attendance_closing_and_messages(self, admin_client, client, event_pair, consent):
        a = services.register(
            event_pair["tr"], {"name": "Ayşe", "email": "a@x.org", "mode": "in_person"}
        )
        services.register(
            event_pair["en"], {"name": "John", "email": "j@x.org", "mode": "in_person"}
        )
        roster = Roster.objects.get()
        listing = admin_client.get("/admin/event-registrations/").content.decode()
        assert f'href="/admin/event-registrations/{roster.pk}/"' in listing
        url = f"/admin/event-registrations/{roster.pk}/"
        page = admin_client.get(url).content.decode()
        assert "Ayşe" in page and "John" in page
        admin_client.post(url, {"action": "attendance", "attended": [str(a.pk)]})
        a.refresh_from_db()
        assert a.attended is True
        mail.outbox.clear()
        admin_client.post(
            url,
            {
                "action": "message",
                "recipients": "active",
                "subject": "Salon değişti",
                "body": "B salonu.",
            },
        )
        assert sorted(m.to[0] for m in mail.outbox) == ["a@x.org", "j@x.org"]
        assert (
            "B salonu." in mail.outbox[0].body
            and "/cancel/" in mail.outbox[1].body + mail.outbox[0].body
        )
        admin_client.post(url, {"action": "close"})
        roster.refresh_from_db()
        assert roster.is_closed
        client.logout()
        refused = client.get(form_url(event_pair["tr"])).content.decode()
        assert "Düzenleyiciler bu etkinliğin kayıtlarını kapattı." in refused
        # The event pages say so instead of offering a "Register" button.
        for language, closed in (
            ("tr", "Düzenleyiciler bu etkinliğin kayıtlarını kapattı."),
            ("en", "The organisers have closed registration for this event."),
        ):
            page = client.get(event_pair[language].url).content.decode()
            assert closed in page, language
            assert form_url(event_pair[language]) not in page, language

    def test_raising_seats_then_filling_from_the_waiting_list(
        self, admin_client, event_pair, consent
    ):
        services.register(event_pair["tr"], {"name": "A", "email": "a@x.org", "mode": "in_person"})
        services.register(event_pair["tr"], {"name": "B", "email": "b@x.org", "mode": "in_person"})
        EventPage.objects.filter(translation_key=event_pair["tr"].translation_key).update(
            in_person_capacity=2
        )
        admin_client.post(
            f"/admin/event-registrations/{Roster.objects.get().pk}/", {"action": "fill"}
        )
        assert Registration.objects.get(email="b@x.org").status == "confirmed"

    def test_people_without_the_permission_are_kept_out(self, client, event_pair):
        user = get_user_model().objects.create_user("ed", "ed@example.org", "pw")
        from django.contrib.auth.models import Permission

        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
        assert client.get("/admin/event-registrations/").status_code in (302, 403)


# --- Month calendar ------------------------------------------------------------------


def cells(text):
    return re.findall(r'<td data-date="([\d-]+)"([^>]*)>(.*?)</td>', text, re.S)


@pytest.mark.django_db
class TestCalendar:
    def test_one_cell_per_day_and_multi_day_events_on_each_day(self, client, indexes, translate):
        workshop = make_event(
            indexes["tr"],
            title="Üç Günlük Eğitim",
            start=at(2027, 3, 30, 9),
            end=at(2027, 4, 1, 17),
        )
        translate(workshop, "three-day-training", title="Three-day training")
        make_event(
            indexes["tr"], title="Toplantı", start=at(2027, 3, 17, 14), end=at(2027, 3, 17, 16)
        )
        response = client.get("/tr/etkinlikler/takvim/2027/03/")
        assert response.status_code == 200
        text = response.content.decode()
        days = cells(text)
        assert [d for d, _a, _c in days] == [f"2027-03-{n:02d}" for n in range(1, 32)]
        with_workshop = [d for d, _a, content in days if "Üç Günlük Eğitim" in content]
        assert with_workshop == ["2027-03-30", "2027-03-31"]
        today = [d for d, attrs, _c in days if 'aria-current="date"' in attrs]
        assert today == ["2027-03-17"]
        assert "<caption>Mart 2027: 2 etkinlik</caption>" in text
        assert text.count('<th scope="col">') == 7 and 'title="Pazartesi"' in text
        april = client.get("/tr/etkinlikler/takvim/2027/04/").content.decode()
        assert [d for d, _a, c in cells(april) if "Üç Günlük Eğitim" in c] == ["2027-04-01"]
        english = client.get("/en/events/calendar/2027/03/").content.decode()
        assert [d for d, _a, c in cells(english) if "Three-day training" in c] == [
            "2027-03-30",
            "2027-03-31",
        ]
        assert "Toplantı" not in english and "Üç Günlük" not in english  # no translation, not shown
        assert "<caption>March 2027: 1 event</caption>" in english

    def test_only_live_public_events(self, client, indexes):
        make_event(
            indexes["tr"],
            title="Taslak",
            start=at(2027, 3, 5, 9),
            end=at(2027, 3, 5, 10),
            live=False,
        )
        private = make_event(
            indexes["tr"], title="Özel", start=at(2027, 3, 6, 9), end=at(2027, 3, 6, 10)
        )
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        text = client.get("/tr/etkinlikler/takvim/2027/03/").content.decode()
        assert "Taslak" not in text and "Özel" not in text

    def test_navigation_keeps_filters(self, client, indexes, locales):
        kind = EventType.objects.create(locale=locales["tr"], name="Çalıştay", slug="calistay")
        make_event(
            indexes["tr"],
            title="Ankara çalıştayı",
            city="ankara",
            event_type=kind,
            start=at(2027, 3, 3, 9),
            end=at(2027, 3, 3, 12),
        )
        make_event(
            indexes["tr"],
            title="İzmir toplantısı",
            city="izmir",
            start=at(2027, 3, 4, 9),
            end=at(2027, 3, 4, 12),
        )
        text = client.get("/tr/etkinlikler/takvim/2027/03/?type=calistay&page=3").content.decode()
        assert "Ankara çalıştayı" in text and "İzmir toplantısı" not in text
        assert 'href="/tr/etkinlikler/takvim/2027/02/?type=calistay" rel="prev nofollow"' in text
        assert 'href="/tr/etkinlikler/takvim/2027/04/?type=calistay" rel="next nofollow"' in text
        january = client.get("/tr/etkinlikler/takvim/2027/01/").content.decode()
        assert 'href="/tr/etkinlikler/takvim/2026/12/" rel="prev nofollow"' in january
        assert client.get("/tr/etkinlikler/takvim/").url == "/tr/etkinlikler/takvim/2027/03/"

    def test_impossible_months_are_not_found(self, client, indexes):
        assert client.get("/tr/etkinlikler/takvim/2027/13/").status_code == 404
        assert client.get("/tr/etkinlikler/takvim/1500/01/").status_code == 404
        assert client.get("/tr/etkinlikler/calendar/2027/03/").status_code == 404

    def test_queries_do_not_grow_with_the_number_of_events(self, client, indexes):
        def queries():
            client.get("/tr/etkinlikler/takvim/2027/03/")  # warm what is kept between requests
            with CaptureQueriesContext(connection) as captured:
                response = client.get("/tr/etkinlikler/takvim/2027/03/")
            assert response.status_code == 200
            return len(captured)

        for day in range(1, 3):
            make_event(indexes["tr"], start=at(2027, 3, day, 9), end=at(2027, 3, day + 2, 12))
        few = queries()
        for day in range(3, 8):
            make_event(indexes["tr"], start=at(2027, 3, day, 9), end=at(2027, 3, day + 1, 12))
        assert queries() == few
