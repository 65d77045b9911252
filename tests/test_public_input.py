"""Guessing is throttled and what the public types is bounded, compared, exported and
e-mailed safely (the cases of issue 20)."""

import csv
import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from wagtail.models import PageViewRestriction

from directory.csv_io import export_csv, import_csv
from directory.models import Organisation, Province
from home.models import StandardPage
from newsletter.models import Subscriber, email_key


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()  # rate limits count in the cache
    yield
    cache.clear()


# --- Guessing --------------------------------------------------------------------------


@pytest.mark.django_db
def test_password_reset_sends_a_few_mails_whatever_the_number_of_requests(
    client, django_user_model
):
    django_user_model.objects.create_user("editor", "editor@example.org", "pw-123-abc")
    for _ in range(30):
        response = client.post("/admin/password_reset/", {"email": "editor@example.org"})
        # Always the same answer: the form tells nobody whether an account exists.
        assert response.status_code == 302 and "password_reset/done" in response["Location"]
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_password_reset_is_limited_per_client_across_addresses(client, django_user_model):
    for n in range(12):
        django_user_model.objects.create_user(f"u{n}", f"u{n}@example.org", "pw-123-abc")
        client.post("/admin/password_reset/", {"email": f"u{n}@example.org"})
    assert len(mail.outbox) == 10


@pytest.mark.django_db
def test_guesses_spread_over_addresses_lock_the_account(settings, django_user_model):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.TRUSTED_PROXY_COUNT = 1  # each guess from another client behind the proxy
    django_user_model.objects.create_superuser("editor", "editor@example.org", "right-pass-123")
    client = Client()
    for n in range(3):
        client.post(
            "/admin/login/",
            {"username": "editor", "password": f"guess-{n}"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    locked = client.post(
        "/admin/login/",
        {"username": "editor", "password": "right-pass-123"},
        HTTP_X_FORWARDED_FOR="203.0.113.200",
    )
    assert locked.status_code == 429


@pytest.fixture
def protected_page(homes, add_page):
    page = add_page(homes["tr"], StandardPage, title="Gizli sayfa", slug="gizli")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="dogru-sifre"
    )
    url = f"/tr/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    return page, url


@pytest.mark.django_db
def test_page_passwords_cannot_be_tried_freely(client, protected_page, settings):
    settings.PAGE_PASSWORD_RATE = "5/d"
    page, url = protected_page
    form = client.get("/tr/gizli/")
    assert 'name="password"' in form.text and f'action="{url}"' in form.text
    for n in range(5):
        wrong = client.post(url, {"password": f"tahmin-{n}", "return_url": "/tr/gizli/"})
        assert wrong.status_code == 200
    refused = client.post(url, {"password": "dogru-sifre", "return_url": "/tr/gizli/"})
    assert refused.status_code == 429 and "Çok fazla deneme" in refused.text
    assert 'name="password"' in client.get("/tr/gizli/").text  # still locked out of the page
    # Another visitor with the right password is let in.
    other = Client(REMOTE_ADDR="192.0.2.50")
    answer = other.post(url, {"password": "dogru-sifre", "return_url": "/tr/gizli/"})
    assert answer.status_code == 302
    assert "Gizli sayfa" in other.get("/tr/gizli/").text


# --- Length limits -----------------------------------------------------------------------


@pytest.mark.django_db
def test_proposal_form_refuses_a_megabyte_description_with_a_message(client, homes):
    data = {
        "name": "Yeni Umut Derneği",
        "org_type": "association",
        "provinces": [Province.objects.get(slug="hatay").pk],
        "email": "info@yeni-umut.example.org",
        "consent": "on",
        "description_tr": "a" * 1_000_000,
    }
    response = client.post("/tr/stk-rehberi/oneri/", data)
    assert response.status_code == 200
    assert "en fazla 2000 karakter" in response.text
    assert not Organisation.objects.exists()
    assert 'maxlength="2000"' in client.get("/tr/stk-rehberi/oneri/").text


# --- E-mail identity ---------------------------------------------------------------------


def test_look_alike_addresses_are_one_address():
    assert email_key("\u212aate@example.org") == email_key("kate@EXAMPLE.org")
    assert email_key("Straße@example.org") == email_key("STRASSE@example.org")


SIGNUP = "/tr/bulten/"


def signup(client, email, **extra):
    data = {"email": email, "language": "tr", "consent": "on", "name": "", "organisation": ""}
    return client.post(SIGNUP, {**data, **extra})


@pytest.mark.django_db
def test_a_kelvin_sign_address_neither_makes_a_second_row_nor_gets_mail(client, homes):
    signup(client, "kate@example.org")
    signup(Client(REMOTE_ADDR="192.0.2.9"), "\u212aate@example.org")
    subscriber = Subscriber.objects.get()
    assert subscriber.email.isascii()
    assert all(address.isascii() for message in mail.outbox for address in message.to)


# --- Confirmation and e-mails ------------------------------------------------------------


@pytest.mark.django_db
def test_opening_the_confirmation_link_does_not_confirm(client, homes):
    signup(client, "reader@example.org")
    link = next(word for word in mail.outbox[0].body.split() if "/onay/" in word)
    scanner = Client()
    for _ in range(2):
        page = scanner.get(link)
        assert page.status_code == 200 and 'method="post"' in page.text
        assert "no-store" in page["Cache-Control"]
    scanner.head(link)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert scanner.post(link).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["www.evil.example", "http://evil.example", "evil.example/x"])
def test_a_name_that_reads_as_a_link_is_not_echoed_in_the_email(client, homes, name):
    signup(client, "reader@example.org", name=name)
    message = mail.outbox[0]
    assert "evil" not in message.body and "evil" not in message.alternatives[0][0]
    assert "Merhaba," in message.body


@pytest.mark.django_db
def test_a_plain_name_is_still_greeted(client, homes):
    signup(client, "reader@example.org", name="Ayşe Yılmaz")
    assert "Merhaba Ayşe Yılmaz," in mail.outbox[0].body


# --- Exports -----------------------------------------------------------------------------

HOSTILE = ['=HYPERLINK("http://evil.example")', "+90 555", "-1", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.django_db
def test_subscriber_exports_neutralise_formulas_and_survive_any_character(client, homes):
    from django.contrib.auth import get_user_model

    for n, text in enumerate([*HOSTILE, "bozuk \ufffe ad"]):
        Subscriber.objects.create(email=f"x{n}@example.org", name=text, status="confirmed")
    client.force_login(get_user_model().objects.create_superuser("a", "a@example.org", "pw"))
    base = "/admin/snippets/newsletter/subscriber/"
    response = client.get(base, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    names = {row[1] for row in rows[1:]}
    for text in HOSTILE:
        assert "'" + text in names
    assert "bozuk \ufffd ad" in names
    xlsx = client.get(base, {"export": "xlsx"})
    assert xlsx.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    values = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert '\'=HYPERLINK("http://evil.example")' in values and "bozuk \ufffd ad" in values


@pytest.mark.django_db
def test_directory_export_neutralises_formulas_and_round_trips(homes):
    organisation = Organisation.objects.create(
        name="=cmd|' /C calc'!A0",
        slug="formula",
        org_type="association",
        description_tr="-2+3",
        listing_consent=True,
        status=Organisation.Status.APPROVED,
    )
    organisation.provinces.set([Province.objects.get(slug="hatay")])
    with translation.override("en"):
        rows = list(csv.reader(io.StringIO(export_csv().removeprefix("\ufeff"))))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert row["Short description (Turkish)"] == "'-2+3"
    count, errors = import_csv(export_csv())
    assert (count, errors) == (1, [])
    organisation.refresh_from_db()
    assert organisation.name == "=cmd|' /C calc'!A0" and organisation.description_tr == "-2+3"
