"""Newsletter: signup with double opt-in, no address enumeration, abuse protection,
unsubscribe (RFC 8058), admin erasure, and resumable sending."""

import csv
import http.cookiejar
import io
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from home.models import StandardPage
from newsletter.models import (
    ConsentText,
    Delivery,
    ErasureRecord,
    NewsletterIssue,
    Subscriber,
    email_key,
)
from newsletter.tasks import deliver, send_issue
from tests.conftest import add_child_page, publish_translation, refreshed, site_homes

SIGNUP = {"tr": "/tr/bulten/", "en": "/en/newsletter/"}
SENT = {"tr": "/tr/bulten/e-postanizi-kontrol-edin/", "en": "/en/newsletter/check-your-inbox/"}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # the rate limit counts in the cache
    yield
    cache.clear()


def privacy_pages(homes):
    privacy_tr = add_child_page(homes["tr"], StandardPage, title="Gizlilik", slug="gizlilik")
    return privacy_tr, publish_translation(privacy_tr, "privacy", title="Privacy")


@pytest.fixture(scope="module")
def pages_built(module_data):
    """Built once per module (see ``module_data``): both homes, the privacy notice in
    both languages, and the article an issue features."""
    homes = site_homes()
    return {
        "privacy": privacy_pages(homes),
        "article": add_child_page(
            homes["tr"],
            StandardPage,
            title="Saha çalışmaları tamamlandı",
            slug="saha",
            summary="117 görüşme, 47 STK, 15 il.",
        ),
    }


@pytest.fixture
def pages(pages_built, db):
    return refreshed(pages_built)


@pytest.fixture
def consent(pages, locales):
    return consent_texts(locales, *pages["privacy"])


def consent_texts(locales, privacy_tr, privacy_en):
    tr = ConsentText.objects.create(
        locale=locales["tr"],
        version=3,
        text="E-bülteni almayı kabul ediyorum.",
        privacy_page=privacy_tr,
    )
    en = tr.copy_for_translation(locales["en"])
    en.text = "I agree to receive the newsletter."
    en.privacy_page = privacy_en
    en.save()
    return {"tr": tr, "en": en}


def form_data(**overrides):
    data = {
        "email": "ayse@example.org",
        "language": "tr",
        "name": "",
        "organisation": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def link_in(message, kind):
    """The first link of a kind ("onay"/"confirm", "abonelikten-cik"/"unsubscribe")."""
    return re.search(rf"http://testserver(/\w\w/[\w-]+/{kind}/[^/\s]+/)", message.body).group(1)


def make_subscribers(count, status=Subscriber.Status.CONFIRMED, language="tr", prefix="s"):
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"{prefix}{i}@example.org",
                email_key=email_key(f"{prefix}{i}@example.org"),
                language=language,
                status=status,
                consent_version=1,
                consented_at=timezone.now(),
            )
            for i in range(count)
        ],
        batch_size=500,
    )


@pytest.mark.django_db
class TestSignupPages:
    def test_signup_page_in_both_languages(self, client, consent):
        tr = client.get(SIGNUP["tr"])
        en = client.get(SIGNUP["en"])
        assert tr.status_code == en.status_code == 200
        assert "E-bültene abone olun" in tr.text
        assert "E-bülteni almayı kabul ediyorum." in tr.text
        assert 'href="/tr/gizlilik/"' in tr.text
        assert "Subscribe to the newsletter" in en.text
        assert "I agree to receive the newsletter." in en.text
        assert 'href="/en/privacy/"' in en.text
        # The preferred language defaults to the page's language.
        assert '<option value="en" selected>' in en.text
        assert '<option value="tr" selected>' in tr.text
        assert "csrfmiddlewaretoken" in tr.text

    def test_language_switcher_leads_to_the_other_language_signup(self, client, consent):
        html = client.get(SIGNUP["tr"]).text
        switcher = html[html.index('class="language-switcher"') :]
        assert 'href="/en/newsletter/"' in switcher[: switcher.index("</nav>")]

    def test_footer_box_on_pages_and_on_the_404(self, client, consent):
        for url, action in [("/tr/", SIGNUP["tr"]), ("/en/", SIGNUP["en"])]:
            html = client.get(url).text
            footer = html[html.index('id="footer-newsletter"') :]
            assert f'method="get" action="{action}"' in footer
            assert 'type="email" name="email"' in footer
        missing = client.get("/en/no-such-page/")
        assert missing.status_code == 404
        assert f'action="{SIGNUP["en"]}"' in missing.text

    def test_home_call_to_action_links_to_signup(self, client, consent):
        assert f'class="button" href="{SIGNUP["tr"]}"' in client.get("/tr/").text
        assert f'class="button" href="{SIGNUP["en"]}"' in client.get("/en/").text

    def test_footer_box_opens_the_signup_form_with_the_address_filled_in(self, client, consent):
        response = client.get(SIGNUP["tr"], {"email": "ayse@example.org"})
        assert response.status_code == 200
        assert 'value="ayse@example.org"' in response.text
        assert 'type="checkbox" name="consent"' in response.text  # consent is given here
        assert "no-store" in response["Cache-Control"]  # the address is in the URL
        assert Subscriber.objects.count() == 0  # nothing stored before the form is sent
        response = client.post(SIGNUP["en"], form_data(language="en"))
        assert response.status_code == 302
        assert response["Location"] == SENT["en"]
        page = client.get(response["Location"])
        assert "Check your inbox" in page.text


@pytest.mark.django_db
class TestDoubleOptIn:
    def test_signup_confirm_unsubscribe_in_turkish(self, client, consent):
        response = client.post(
            SIGNUP["tr"], form_data(email="  Ayse@Example.ORG ", name="Ayşe", organisation="STK")
        )
        assert response["Location"] == SENT["tr"]
        subscriber = Subscriber.objects.get()
        assert subscriber.email == "Ayse@example.org"
        assert subscriber.status == Subscriber.Status.PENDING
        assert subscriber.consent_version == 3 and subscriber.consent_language == "tr"
        assert subscriber.consented_at is not None
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["Ayse@example.org"]
        assert "aboneliğinizi onaylayın" in message.subject
        assert "Merhaba Ayşe," in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html" and "Aboneliğimi onayla" in html
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/tr/")

        # Opening the link only asks (mail scanners fetch links); the button confirms.
        asked = client.get(link_in(message, "onay"))
        assert asked.status_code == 200 and "Aboneliğinizi onaylayın" in asked.text
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.PENDING
        confirmed = client.post(link_in(message, "onay"))
        assert confirmed.status_code == 200
        assert "Aboneliğiniz onaylandı" in confirmed.text
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.CONFIRMED

        unsubscribe = link_in(message, "abonelikten-cik")
        assert unsubscribe in message.extra_headers["List-Unsubscribe"]
        page = client.get(unsubscribe)
        assert "almayı bırakmak istiyor musunuz" in page.text
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.CONFIRMED  # GET only asks
        done = client.post(unsubscribe)
        assert "Abonelikten çıktınız" in done.text
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

    def test_confirmation_in_the_chosen_language_not_the_page_language(self, client, consent):
        client.post(SIGNUP["tr"], form_data(email="jo@example.org", language="en"))
        message = mail.outbox[0]
        assert "Confirm your subscription" in message.subject
        assert "Hello," in message.body
        assert "http://testserver/en/newsletter/confirm/" in message.body
        assert client.post(link_in(message, "confirm")).status_code == 200
        assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

    def test_sender_name_and_privacy_notice_in_the_recipients_language(
        self, client, consent, locales
    ):
        """The English confirmation goes out under the English site name and links the
        English privacy notice (the footer of every e-mail), the Turkish one in Turkish."""
        from home.models import SiteProfile

        privacy_tr = StandardPage.objects.get(slug="gizlilik")
        privacy_en = StandardPage.objects.get(slug="privacy")
        for code, name, page in (
            ("tr", "Göç ve Sivil Toplum", privacy_tr),
            ("en", "Migration and Civil Society", privacy_en),
        ):
            SiteProfile.objects.update_or_create(
                locale=locales[code], defaults={"site_name": name, "privacy_page": page}
            )
        client.post(SIGNUP["tr"], form_data(email="jo@example.org", language="en"))
        client.post(SIGNUP["tr"], form_data(email="ayse@example.org", language="tr"))
        english, turkish = mail.outbox
        assert english.from_email.startswith("Migration and Civil Society <")
        assert turkish.from_email.startswith("Göç ve Sivil Toplum <")
        assert "Privacy notice: http://testserver/en/privacy/" in english.body
        assert 'href="http://testserver/en/privacy/"' in english.alternatives[0][0]
        assert "Aydınlatma metni: http://testserver/tr/gizlilik/" in turkish.body

    def test_one_click_unsubscribe_post_without_csrf(self, consent):
        client = Client(enforce_csrf_checks=True)
        client.post(SIGNUP["en"], form_data(language="en"))  # refused: no CSRF token
        assert Subscriber.objects.count() == 0
        make_subscribers(1, language="en")
        subscriber = Subscriber.objects.get()
        from newsletter.emails import unsubscribe_url

        url = unsubscribe_url(subscriber, "")
        response = client.post(
            url,
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

    def test_expired_link_offers_a_new_confirmation(self, client, consent):
        client.post(SIGNUP["tr"], form_data())
        link = link_in(mail.outbox[0], "onay")
        with time_machine.travel(timezone.now() + timedelta(days=4)):
            response = client.get(link)
            assert response.status_code == 400
            assert "Bu bağlantı artık geçerli değil" in response.text
            assert 'action="/tr/bulten/yeni-baglanti/"' in response.text
            again = client.post("/tr/bulten/yeni-baglanti/", {"email": "AYSE@example.org"})
            assert again["Location"] == SENT["tr"]
        assert len(mail.outbox) == 2
        assert Subscriber.objects.get().status == Subscriber.Status.PENDING
        # The new link works.
        assert client.post(link_in(mail.outbox[1], "onay")).status_code == 200
        assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

    def test_tampered_link_offers_a_new_confirmation(self, client, consent):
        client.post(SIGNUP["en"], form_data(language="en"))
        link = link_in(mail.outbox[0], "confirm")
        head, token, _ = link.rsplit("/", 2)
        forged = f"{head}/{token[:-3]}{'abc' if not token.endswith('abc') else 'xyz'}/"
        response = client.get(forged)
        assert response.status_code == 400
        assert "This link no longer works" in response.text
        assert "Send me a new confirmation link" in response.text
        assert Subscriber.objects.get().status == Subscriber.Status.PENDING
        assert client.get("/en/newsletter/unsubscribe/nonsense/").status_code == 400

    def test_confirm_link_is_not_a_unsubscribe_link(self, client, consent):
        client.post(SIGNUP["en"], form_data(language="en"))
        confirm_token = link_in(mail.outbox[0], "confirm").rstrip("/").rsplit("/", 1)[1]
        assert client.post(f"/en/newsletter/unsubscribe/{confirm_token}/").status_code == 400


@pytest.mark.django_db
class TestValidation:
    @pytest.mark.parametrize(
        "language, overrides, message, kept",
        [
            (
                "tr",
                {"email": "ayse@", "name": "Ayşe"},
                "Lütfen geçerli bir e-posta adresi yazın",
                'value="ayse@"',
            ),
            (
                "en",
                {"email": "jo at example"},
                "Please enter a valid e-mail address",
                'value="jo at example"',
            ),
            (
                "tr",
                {"consent": None, "organisation": "Göç Derneği"},
                "Abone olmak için lütfen onay kutusunu işaretleyin",
                'value="Göç Derneği"',
            ),
            (
                "en",
                {"consent": None, "name": "Jo"},
                "Please tick the consent box to subscribe",
                'value="Jo"',
            ),
            (
                "tr",
                {"name": "Ş" * 101},
                "Lütfen en fazla 100 karakter yazın (şu an 101 karakter)",
                'value="ayse@example.org"',
            ),
            (
                "en",
                {"name": "x" * 101},
                "Please keep this to at most 100 characters (it has 101 now)",
                "x" * 101,
            ),
        ],
    )
    def test_errors_in_page_language_keep_typed_values(
        self, client, consent, language, overrides, message, kept
    ):
        response = client.post(SIGNUP[language], form_data(language=language, **overrides))
        assert response.status_code == 200
        assert message in response.text
        assert kept in response.text
        assert Subscriber.objects.count() == 0
        assert mail.outbox == []

    def test_unchecked_consent_box_stays_unchecked_and_others_kept(self, client, consent):
        response = client.post(
            SIGNUP["en"], form_data(language="tr", consent=None, email="jo@example.org")
        )
        assert '<option value="tr" selected>' in response.text
        assert 'value="jo@example.org"' in response.text


@pytest.mark.django_db
class TestNoEnumeration:
    def test_same_answer_whatever_the_address_state(self, client, consent):
        make_subscribers(1, status=Subscriber.Status.CONFIRMED, prefix="confirmed")
        make_subscribers(1, status=Subscriber.Status.UNSUBSCRIBED, prefix="gone")
        make_subscribers(1, status=Subscriber.Status.PENDING, prefix="waiting")
        pages = set()
        for address in [
            "new@example.org",
            "confirmed0@example.org",
            "gone0@example.org",
            "waiting0@example.org",
        ]:
            response = client.post(SIGNUP["en"], form_data(email=address, language="en"))
            assert response.status_code == 302
            assert response["Location"] == SENT["en"]
            # Per-response values (CSP nonce, CSRF token) differ by design; the words don't.
            page = client.get(response["Location"]).text
            page = re.sub(r'nonce="[^"]*"', 'nonce=""', page)
            pages.add(re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page))
        assert len(pages) == 1
        recipients = sorted(m.to[0] for m in mail.outbox)
        # The confirmed address gets nothing new; the others get a confirmation.
        assert recipients == ["gone0@example.org", "new@example.org", "waiting0@example.org"]
        assert Subscriber.objects.get(email="gone0@example.org").status == "pending"
        assert Subscriber.objects.get(email="confirmed0@example.org").status == "confirmed"

    def test_two_signups_differing_in_case_leave_one_subscriber(self, client, consent):
        client.post(SIGNUP["tr"], form_data(email="Ali.Veli@Example.org"))
        client.post(SIGNUP["tr"], form_data(email="ali.veli@EXAMPLE.ORG "))
        client.post(SIGNUP["en"], form_data(email="ALI.VELI@example.org", language="en"))
        assert Subscriber.objects.count() == 1
        # A pending address gets the confirmation again only after a few minutes.
        assert len(mail.outbox) == 1
        with time_machine.travel(timezone.now() + timedelta(minutes=6)):
            client.post(SIGNUP["tr"], form_data(email="ali.veli@example.org"))
        assert len(mail.outbox) == 2
        assert Subscriber.objects.count() == 1

    def test_honeypot_refuses_silently(self, client, consent):
        response = client.post(SIGNUP["tr"], form_data(website="http://spam.example"))
        assert response.status_code == 302
        assert response["Location"] == SENT["tr"]
        assert Subscriber.objects.count() == 0
        assert mail.outbox == []

    # The limit counts per clock minute: start at a minute's first second, so that the
    # four posts fall in one window however slow the machine.
    @time_machine.travel(datetime(2027, 3, 1, 9, 0, tzinfo=UTC))
    def test_rate_limit_per_client_address(self, client, consent, settings):
        settings.NEWSLETTER_SIGNUP_RATE = "3/d"
        for i in range(3):
            response = client.post(SIGNUP["tr"], form_data(email=f"a{i}@example.org"))
            assert response.status_code == 302
        limited = client.post(SIGNUP["tr"], form_data(email="confirmed@example.org"))
        assert limited.status_code == 429
        assert "Çok fazla deneme" in limited.text
        assert "confirmed@example.org" not in limited.text
        assert Subscriber.objects.count() == 3
        # Another client address is not affected.
        other = client.post(SIGNUP["en"], form_data(email="b@example.org"), REMOTE_ADDR="10.0.0.9")
        assert other.status_code == 302
        # Reading pages is never limited.
        assert client.get(SIGNUP["tr"]).status_code == 200


class FlakyBackend(LocmemBackend):
    """Sends like the test outbox until ``limit`` messages are out, then the
    server goes away."""

    limit = 20

    def send_messages(self, messages):
        for message in messages:
            if len(mail.outbox) >= self.limit:
                raise SMTPServerDisconnected("connection lost")
            super().send_messages([message])
        return len(messages)


@pytest.fixture
def issue(locales, pages):
    return NewsletterIssue.objects.create(
        locale=locales["tr"],
        subject="Mart bülteni",
        intro='<p>Merhaba &amp; hoş geldiniz. <a href="/tr/saha/">Sonuçlar</a></p>',
        featured=[("item", {"page": pages["article"], "note": ""})],
    )


@pytest.mark.django_db
class TestSending:
    def test_interrupted_send_resumes_and_delivers_exactly_once(self, issue, settings):
        make_subscribers(40)
        make_subscribers(5, status=Subscriber.Status.PENDING, prefix="pending")
        make_subscribers(5, status=Subscriber.Status.UNSUBSCRIBED, prefix="gone")
        make_subscribers(5, language="en", prefix="english")
        settings.EMAIL_BACKEND = "tests.test_newsletter.FlakyBackend"
        with pytest.raises(SMTPServerDisconnected):
            deliver(issue.pk)
        assert len(mail.outbox) == 20
        issue.refresh_from_db()
        assert issue.status == NewsletterIssue.Status.FAILED
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert deliver(issue.pk) == 20
        recipients = [m.to[0] for m in mail.outbox]
        assert len(recipients) == 40
        assert len(set(recipients)) == 40
        assert not any(r.startswith(("pending", "gone", "english")) for r in recipients)
        assert Delivery.objects.filter(issue=issue, status="sent").count() == 40
        issue.refresh_from_db()
        assert issue.status == NewsletterIssue.Status.SENT
        # A third run sends nothing.
        assert deliver(issue.pk) == 0
        assert len(mail.outbox) == 40

    def test_issue_mail_is_complete_and_absolute(self, issue):
        make_subscribers(1)
        send_issue.enqueue(issue.pk)
        message = mail.outbox[0]
        html = message.alternatives[0][0]
        assert message.subject == "Mart bülteni"
        assert 'href="http://testserver/tr/saha/"' in html
        assert "http://testserver/tr/saha/" in message.body
        assert "Merhaba & hoş geldiniz." in message.body
        assert "117 görüşme, 47 STK, 15 il." in message.body
        unsubscribe = message.extra_headers["List-Unsubscribe"][1:-1]
        assert unsubscribe.startswith("http://testserver/tr/bulten/abonelikten-cik/")
        assert unsubscribe in html and unsubscribe in message.body
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "Tek tıkla abonelikten çıkın" in html

    def test_a_translation_of_a_sent_issue_starts_as_a_draft(self, issue, locales):
        make_subscribers(2, language="en")
        deliver(issue.pk)
        issue.refresh_from_db()
        assert issue.status == NewsletterIssue.Status.SENT
        english = issue.copy_for_translation(locales["en"])
        english.subject = "March newsletter"
        english.save()
        assert english.status == NewsletterIssue.Status.DRAFT and english.sent_at is None
        deliver(english.pk)
        assert sorted(m.to[0] for m in mail.outbox) == ["s0@example.org", "s1@example.org"]
        assert mail.outbox[0].subject == "March newsletter"
        assert "/en/newsletter/unsubscribe/" in mail.outbox[0].extra_headers["List-Unsubscribe"]

    def test_unsubscribing_mid_way_is_respected(self, issue):
        make_subscribers(3)
        first = Subscriber.objects.order_by("pk").first()
        first.unsubscribe()
        deliver(issue.pk)
        assert first.email not in [m.to[0] for m in mail.outbox]
        assert len(mail.outbox) == 2


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "password")


@pytest.mark.django_db
class TestAdmin:
    def test_subscriber_listing_filter_search_export(self, client, editor, consent):
        make_subscribers(3, prefix="tr-conf")
        make_subscribers(2, status=Subscriber.Status.PENDING, prefix="tr-pend")
        make_subscribers(2, language="en", prefix="en-conf")
        client.force_login(editor)
        base = "/admin/snippets/newsletter/subscriber/"
        listing = client.get(base, {"status": "pending"})
        assert listing.status_code == 200
        assert "tr-pend0@example.org" in listing.text and "tr-conf0@example.org" not in listing.text
        listing = client.get(base, {"language": "en"})
        assert "en-conf1@example.org" in listing.text and "tr-conf0@example.org" not in listing.text
        search = client.get(base, {"q": "tr-conf2"})
        assert "tr-conf2@example.org" in search.text and "tr-conf1@example.org" not in search.text
        export = client.get(base, {"export": "csv", "status": "confirmed"})
        assert export.status_code == 200
        rows = list(csv.reader(io.StringIO(export.getvalue().decode("utf-8-sig"))))
        emails = sorted(row[0] for row in rows[1:])
        assert emails == sorted(
            [f"tr-conf{i}@example.org" for i in range(3)]
            + ["en-conf0@example.org", "en-conf1@example.org"]
        )
        # Subscribers only come through the form: no "add" in the admin.
        assert client.get(base + "add/").status_code in (302, 403)

    def test_subscriber_exports_read_as_labels_in_local_time(self, client, editor):
        """CSV: byte-order mark, the admin language's headings and labels ("Onaylandı",
        not "confirmed"), Istanbul's time (21:30 UTC is 00:30 the next day); xlsx: the
        same time as a date cell."""
        make_subscribers(1, prefix="gece")
        Subscriber.objects.update(
            confirmed_at=datetime(2026, 5, 4, 21, 30, tzinfo=UTC), consent_language="en"
        )
        client.force_login(editor)
        base = "/admin/snippets/newsletter/subscriber/"
        export = client.get(base, {"export": "csv"})
        assert export["Content-Type"] == "text/csv; charset=utf-8"
        body = export.getvalue()
        assert body.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        row = dict(zip(rows[0], rows[1], strict=True))
        assert row["Durum"] == "Onaylandı"
        assert row["Tercih edilen dil"] == "Türkçe"
        assert row["Açık rıza metni dili"] == "İngilizce"
        assert row["Onaylanma zamanı"] == "2026-05-05 00:30"
        xlsx = client.get(base, {"export": "xlsx"})
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
        headings = [cell.value for cell in sheet[1]]
        confirmed = sheet.cell(row=2, column=headings.index("Onaylanma zamanı") + 1)
        assert confirmed.is_date and confirmed.value == datetime(2026, 5, 5, 0, 30)
        assert sheet.cell(row=2, column=headings.index("Durum") + 1).value == "Onaylandı"

    def test_erase_for_good_leaves_an_audit_entry_without_the_address(self, client, editor):
        make_subscribers(1, prefix="erase-me")
        subscriber = Subscriber.objects.get()
        client.force_login(editor)
        edit_url = f"/admin/snippets/newsletter/subscriber/edit/{subscriber.pk}/"
        client.post(
            edit_url,
            {"name": "Renamed", "organisation": "", "language": "tr", "status": "confirmed"},
        )
        response = client.post(f"/admin/snippets/newsletter/subscriber/delete/{subscriber.pk}/")
        assert response.status_code == 302
        assert not Subscriber.objects.exists()
        record = ErasureRecord.objects.get()
        assert record.erased_by == editor
        assert "erase-me0" not in record.email_hash and len(record.email_hash) == 64
        assert ModelLogEntry.objects.filter(action="newsletter.erase").count() == 1
        assert not ModelLogEntry.objects.filter(label__icontains="erase-me0").exists()

    def test_send_page_sends_a_test_and_queues_the_issue(self, client, editor, issue):
        make_subscribers(4)
        client.force_login(editor)
        url = f"/admin/newsletter-send/{issue.pk}/"
        page = client.get(url)
        assert page.status_code == 200 and "Mart bülteni" in page.text
        client.post(url, {"action": "test"})
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["editor@example.org"]
        assert mail.outbox[0].subject.startswith("[TEST]")
        assert not Delivery.objects.exists()
        client.post(url, {"action": "send"})  # ImmediateBackend: runs at once
        assert len(mail.outbox) == 5
        issue.refresh_from_db()
        assert issue.status == NewsletterIssue.Status.SENT
        client.post(url, {"action": "send"})
        assert len(mail.outbox) == 5

    def test_issue_preview_and_editor_buttons(self, client, editor, issue):
        client.force_login(editor)
        edit = client.get(f"/admin/snippets/newsletter/newsletterissue/edit/{issue.pk}/")
        assert edit.status_code == 200
        assert f"/admin/newsletter-send/{issue.pk}/" in edit.text
        html = issue.serve_preview(_fake_request(editor), "").render().content.decode()
        assert "Mart bülteni" in html and "Saha çalışmaları tamamlandı" in html
        text = issue.serve_preview(_fake_request(editor), "text").render().content.decode()
        assert "<pre" in text and "* Saha çalışmaları tamamlandı" in text


def _fake_request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.mark.django_db
def test_demo_content_is_idempotent(homes):
    from home import demo as home_demo
    from newsletter import demo

    # From a site without the privacy notice (as this module's other tests build it).
    StandardPage.objects.filter(slug__in=["gizlilik", "privacy"]).delete()
    context = home_demo.prepare()
    demo.load(context)
    counts = (
        ConsentText.objects.count(),
        NewsletterIssue.objects.count(),
        StandardPage.objects.filter(slug__in=["gizlilik", "privacy"]).count(),
    )
    assert counts == (2, 2, 2)
    consent = ConsentText.objects.get(locale__language_code="en")
    assert consent.privacy_page.slug == "privacy"
    demo.load(home_demo.prepare())
    assert counts == (
        ConsentText.objects.count(),
        NewsletterIssue.objects.count(),
        StandardPage.objects.filter(slug__in=["gizlilik", "privacy"]).count(),
    )


@pytest.mark.django_db
def test_rate_limit_behind_the_proxy_keys_on_the_forwarded_address(client, consent, settings):
    settings.NEWSLETTER_SIGNUP_RATE = "1/d"
    settings.TRUSTED_PROXY_COUNT = 1
    first = {"HTTP_X_FORWARDED_FOR": "203.0.113.7, 198.51.100.1"}
    assert client.post(SIGNUP["tr"], form_data(email="a@example.org"), **first).status_code == 302
    assert client.post(SIGNUP["tr"], form_data(email="b@example.org"), **first).status_code == 429
    # A forged leftmost entry does not escape the limit; another real client is unaffected.
    forged = {"HTTP_X_FORWARDED_FOR": "192.0.2.99, 198.51.100.1"}
    assert client.post(SIGNUP["tr"], form_data(email="c@example.org"), **forged).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert client.post(SIGNUP["tr"], form_data(email="d@example.org"), **other).status_code == 302


@pytest.mark.django_db
def test_signup_page_shows_the_consent_text_of_its_language(client, consent):
    html = client.get(SIGNUP["en"]).text
    assert "I agree to receive the newsletter." in html and 'href="/en/privacy/"' in html
    # A language without its own text falls back to Turkish.
    ConsentText.objects.filter(locale__language_code="en").delete()
    assert "E-bülteni almayı kabul ediyorum." in client.get(SIGNUP["en"]).text


# --- Load: concurrent signups over real HTTP (PostgreSQL) ------------------------------------
#
# The live server answers each request in its own thread with its own database connection,
# so these tests race real transactions against each other; SQLite serialises its writers
# and would prove nothing, hence PostgreSQL only. The client address is taken the way
# production takes it (the last X-Forwarded-For entry, added by the reverse proxy): over
# loopback every request has REMOTE_ADDR 127.0.0.1, so the header is the only honest way to
# have many clients. The rate limit counts in the default cache, cleared around every test
# by ``_clear_cache`` above.

RESEND = {"tr": "/tr/bulten/yeni-baglanti/", "en": "/en/newsletter/new-link/"}
LIMITED_TEXT = {"tr": "Çok fazla deneme", "en": "Too many attempts"}

load_test = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 302 itself is the answer under test


class HttpVisitor:
    """One visitor's browser, reduced to what the form needs: a cookie jar for the CSRF
    cookie, the form's token, and the address the reverse proxy reports for it."""

    def __init__(self, base_url, client_ip):
        self.base_url = base_url
        self.headers = {"X-Forwarded-For": client_ip}
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _KeepRedirects
        )
        self.token = None

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, headers=self.headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers.get("Location"), response.read().decode()
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx and 5xx
            with error:
                return error.code, error.headers.get("Location"), error.read().decode()

    def open_form(self, language):
        status, _, html = self.request(SIGNUP[language])
        assert status == 200
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post(self, path, data):
        return self.request(path, {**data, "csrfmiddlewaretoken": self.token})


def visit_together(live_server, visits):
    """Each visit -- (client address, form language, [(path, data), ...]) -- in its own
    thread: every visitor first opens the form, then all post at the same moment.
    Returns (data, (status, Location, page)) for every submission."""
    barrier = threading.Barrier(len(visits))

    def visit(spec):
        client_ip, language, submissions = spec
        visitor = HttpVisitor(live_server.url, client_ip)
        visitor.open_form(language)
        barrier.wait(timeout=30)
        return [(data, visitor.post(path, data)) for path, data in submissions]

    with ThreadPoolExecutor(max_workers=len(visits)) as pool:
        return [answer for answers in pool.map(visit, visits) for answer in answers]


def signup_limit():
    from newsletter.views import signup_rate

    return int(signup_rate(None, None).split("/")[0])


def ip_with_a_long_window(prefix):
    """A client address whose rate-limit window does not end in the next minute.

    django-ratelimit counts in fixed windows, staggered per client address; one that
    ended mid-test would let a second batch of signups through."""
    from django.test import RequestFactory
    from django_ratelimit.core import get_usage

    from newsletter.views import signup_rate

    for last in range(1, 255):
        address = f"{prefix}.{last}"
        request = RequestFactory().post("/", HTTP_X_FORWARDED_FOR=address)
        usage = get_usage(
            request, group="newsletter-signup", key="ip", rate=signup_rate, increment=False
        )
        if usage["time_left"] > 60:
            return address
    raise AssertionError("no client address with a long enough window")


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1  # one proxy appends the address, as in production


@pytest.fixture
def slow_resend_decision(monkeypatch):
    """Make "may a confirmation e-mail go out now?" take 20 ms, as on a busy server.

    Two requests for one address race between reading when the last e-mail went out and
    recording the new one; on an idle test machine that window is a fraction of a
    millisecond and unguarded code only sometimes sends twice. Widened, it always would."""
    from newsletter import views

    decide = views._may_resend

    def slow(subscriber, now):
        time.sleep(0.02)
        return decide(subscriber, now)

    monkeypatch.setattr(views, "_may_resend", slow)


@pytest.mark.usefixtures("behind_proxy")
class TestConcurrentSignups:
    pytestmark = load_test

    @pytest.fixture
    def consent(self, homes, locales):
        """The live server's threads see committed rows only: built for each test."""
        return consent_texts(locales, *privacy_pages(homes))

    def test_every_address_from_many_clients_becomes_one_pending_subscriber(
        self, live_server, consent
    ):
        visits, submitted = [], []
        for client in range(20):
            language = ("tr", "en")[client % 2]
            addresses = [f"load{client}-{n}@example.org" for n in range(3)]
            submitted += addresses
            form = [(SIGNUP[language], form_data(email=a, language=language)) for a in addresses]
            visits.append((f"198.51.100.{client + 1}", language, form))
        answers = visit_together(live_server, visits)
        assert len(answers) == len(submitted) == 60
        for data, (status, location, _) in answers:
            assert (status, location) == (302, SENT[data["language"]]), data["email"]
        rows = Subscriber.objects.all()
        assert sorted(row.email for row in rows) == sorted(submitted)
        assert {row.status for row in rows} == {Subscriber.Status.PENDING}
        recipients = Counter(message.to[0] for message in mail.outbox)
        assert recipients == Counter(submitted)  # exactly one confirmation each

    def test_one_address_sent_by_many_at_once_is_one_subscriber_and_one_email(
        self, live_server, consent, slow_resend_decision
    ):
        make_subscribers(1, status=Subscriber.Status.CONFIRMED, prefix="known")
        new = ["deniz@example.org", "ece@example.org", "fikret@example.org"]
        spellings = [str.title, str.upper, lambda address: f" {address} "]
        visits = []
        for client in range(20):
            # Each visitor sends the three new addresses (in its own spelling) and one that
            # is confirmed, starting at a different one: every address is in flight from
            # several visitors at once, and its first insert races its later updates.
            sequence = [spellings[client % 3](address) for address in new]
            sequence.append("known0@example.org")
            sequence = sequence[client % 4 :] + sequence[: client % 4]
            form = [(SIGNUP["tr"], form_data(email=email)) for email in sequence]
            visits.append((f"203.0.113.{client + 1}", "tr", form))
        answers = visit_together(live_server, visits)
        assert len(answers) == 80
        # Every visitor gets the same neutral answer, whatever the address's state.
        assert {(status, location) for _, (status, location, _) in answers} == {(302, SENT["tr"])}
        rows = {row.email_key: row.status for row in Subscriber.objects.all()}
        assert rows == {**dict.fromkeys(new, "pending"), "known0@example.org": "confirmed"}
        # One confirmation per new address (to whichever spelling came first).
        assert sorted(email_key(message.to[0]) for message in mail.outbox) == new
        sent_page = HttpVisitor(live_server.url, "203.0.113.99").request(SENT["tr"])
        assert sent_page[0] == 200 and "E-posta kutunuzu kontrol edin" in sent_page[2]

    def test_many_new_link_requests_at_once_send_one_email(
        self, live_server, consent, slow_resend_decision
    ):
        make_subscribers(3, status=Subscriber.Status.PENDING, prefix="waiting")
        Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(hours=1))
        waiting = [f"waiting{n}@example.org" for n in range(3)]
        visits = []
        for client in range(20):
            sequence = waiting[client % 3 :] + waiting[: client % 3]
            form = [(RESEND["en"], {"email": email, "website": ""}) for email in sequence]
            visits.append((f"192.0.2.{client + 1}", "en", form))
        answers = visit_together(live_server, visits)
        assert {(status, location) for _, (status, location, _) in answers} == {(302, SENT["en"])}
        assert sorted(message.to[0] for message in mail.outbox) == waiting

    def test_one_client_hammering_is_held_to_the_limit_in_its_language(self, live_server, consent):
        limit = signup_limit()
        hammer = ip_with_a_long_window("198.51.100")
        visits = []
        for client in range(20):
            language = ("tr", "en")[client % 2]
            addresses = [f"burst{client}-{n}@example.org" for n in range(2)]
            form = [(SIGNUP[language], form_data(email=a, language=language)) for a in addresses]
            visits.append((hammer, language, form))
        answers = visit_together(live_server, visits)
        assert len(answers) == 40 > limit
        accepted = [data["email"] for data, (status, _, _) in answers if status == 302]
        limited = [(data, html) for data, (status, _, html) in answers if status == 429]
        assert len(accepted) == limit
        assert len(limited) == len(answers) - limit  # nothing else: no 5xx, no 403
        for data, html in limited:
            assert LIMITED_TEXT[data["language"]] in html
            assert data["email"] not in html
        assert sorted(Subscriber.objects.values_list("email", flat=True)) == sorted(accepted)
        assert sorted(message.to[0] for message in mail.outbox) == sorted(accepted)
        # Another client is not affected, and the limited one can still read pages.
        other = HttpVisitor(live_server.url, "192.0.2.200")
        other.open_form("en")
        calm = other.post(SIGNUP["en"], form_data(email="calm@example.org", language="en"))
        assert calm[:2] == (302, SENT["en"])
        assert HttpVisitor(live_server.url, hammer).request(SIGNUP["tr"])[0] == 200


@pytest.mark.django_db
def test_send_page_counts_those_still_to_receive_across_issues(client, editor, issue, locales):
    """A subscriber who received another issue but not this one is still to receive it
    (an ``exclude()`` across the deliveries relation counted them as reached)."""
    make_subscribers(3)
    other = NewsletterIssue.objects.create(locale=locales["tr"], subject="Şubat bülteni")
    deliver(other.pk)
    for subscriber in Subscriber.objects.all():
        Delivery.objects.create(issue=issue, subscriber=subscriber)  # pending: interrupted
    NewsletterIssue.objects.filter(pk=issue.pk).update(status=NewsletterIssue.Status.SENDING)
    client.force_login(editor)
    html = client.get(f"/admin/newsletter-send/{issue.pk}/").text
    counts = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", html))
    assert list(counts.values()) == ["3", "0", "3"]  # audience, delivered, still to receive
    assert 'data-send-state="interrupted"' in html and 'value="send"' in html
