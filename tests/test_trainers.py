"""Trainer access: the request form, the moderators' queue, one-time sign-in links, who
gets which restricted material on every route, the admin kept from trainers, erasure
that keeps anonymous counts, and the donor report's trainers and organisations."""

import datetime
import io
import re
import zipfile

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from activities.models import Activity, ActivityLink
from activities.reporting import kit_rows, report_csv, report_rows
from resources.models import DocumentDownload
from tests.conftest import refreshed, site_homes
from tests.support.media import private_collection
from tests.test_resources import add_kit, build_library, make_document
from trainers import moderation
from trainers.models import AccessRequest, ConsentText, Grant, Trainer, TrainerDownload

User = get_user_model()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consent(locales):
    tr = ConsentText.objects.create(locale=locales["tr"], version=3, text="Onay metni v3")
    en = tr.copy_for_translation(locales["en"])
    en.text = "Consent text v3"
    en.save()
    return tr


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    """One media folder for the module: the kits' documents are built once, in it."""
    return tmp_path_factory.mktemp("trainers-media")


@pytest.fixture(autouse=True)
def media(settings, module_media):
    settings.MEDIA_ROOT = module_media
    return module_media


@pytest.fixture(scope="module")
def kits_built(module_data, module_media):
    """Built once per module (see ``module_data``): the library, kit A (public handout +
    restricted guide) and its English translation, kit B (its own restricted key, no
    translation), and the moderator."""
    with override_settings(MEDIA_ROOT=module_media):
        library = build_library(site_homes())
        trainers_only = private_collection()
        handout = make_document("Katilimci notu")
        guide = make_document("Kolaylastirici rehberi", collection=trainers_only)
        key = make_document("Cevap anahtari", collection=trainers_only)
        kit_a, kit_a_en = add_kit(library, "Kit A", "kit-a", documents=[handout, guide])
        kit_b, _ = add_kit(library, "Kit B", "kit-b", documents=[key], translated=False)
    return {
        "a": kit_a,
        "a_en": kit_a_en,
        "b": kit_b,
        "handout": handout,
        "guide": guide,
        "key": key,
        "moderator": User.objects.create_superuser("mod", "mod@example.org", "x"),
    }


@pytest.fixture
def kits(kits_built, db):
    return refreshed(kits_built)


@pytest.fixture
def moderator(kits):
    return kits["moderator"]


def make_request(kits_, email, language="tr", organisation="Umut Derneği", name="Ayşe Yılmaz"):
    access_request = AccessRequest.objects.create(
        name=name,
        organisation=organisation,
        role="Eğitmen",
        email=email,
        language=language,
        consented_at=timezone.now(),
        consent_version=1,
    )
    access_request.kits.set(kits_)
    return access_request


def approved_trainer(kits_, moderator, email="ayse@example.org", **fields):
    access_request = make_request(kits_, email, **fields)
    return moderation.approve(access_request, moderator, kits_, 30)


@pytest.fixture
def readers(kits, moderator):
    """A client for each kind of reader, keyed by state."""
    clients = {"anonymous": Client()}
    make_request([kits["a"]], "pending@example.org")
    pending = Client()
    clients["pending"] = pending  # no account exists until approval: as anonymous
    for state in ("approved", "expired", "revoked"):
        trainer = approved_trainer([kits["a"]], moderator, email=f"{state}@example.org")
        if state == "expired":
            Grant.objects.filter(trainer=trainer).update(
                expires_at=timezone.now() - datetime.timedelta(minutes=1)
            )
        if state == "revoked":
            moderation.revoke(trainer, "Left the organisation")
        client = Client()
        client.force_login(trainer.user)
        clients[state] = client
    mail.outbox.clear()
    return clients


STATES = ["anonymous", "pending", "approved", "expired", "revoked"]
SIGNED_IN = {"approved", "expired", "revoked"}


def zip_names(response):
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()


# --- Who gets what, on every route -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
def test_each_reader_gets_exactly_their_material_on_every_route(state, readers, kits):
    client = readers[state]
    allowed = state == "approved"
    guide, key, handout = kits["guide"], kits["key"], kits["handout"]

    # The kit page, in both languages: a download link, or the sign-in and request links.
    for url in ("/tr/egitim-kutuphanesi/kit-a/", "/en/training-library/kit-a-en/"):
        html = client.get(url).text
        guide_link = f"download/{guide.pk}/"
        assert (f'href="{url}{guide_link}" download' in html) is allowed, url
        assert ("/trainers/sign-in/" in html or "/egitmenler/giris/" in html) is (not allowed)

    # The module download of the kit's own route.
    response = client.get(f"/tr/egitim-kutuphanesi/kit-a/download/{guide.pk}/")
    direct = client.get(guide.url)  # /documents/<id>/<file>
    for answer in (response, direct):
        if allowed:
            assert answer.status_code == 200
            assert b"".join(answer.streaming_content).startswith(b"%PDF")
        elif state in SIGNED_IN:
            assert answer.status_code == 403
            assert "private" in answer["Cache-Control"] and "no-store" in answer["Cache-Control"]
        else:
            assert answer.status_code == 302
            assert answer["Location"].startswith("/tr/egitmenler/giris/?next=")

    # Kit B was never granted to anyone: refused even to the approved trainer.
    other = client.get(key.url)
    assert other.status_code == (403 if state in SIGNED_IN else 302)

    # The whole-kit zip: the restricted guide only for the approved trainer.
    names = zip_names(client.get("/tr/egitim-kutuphanesi/kit-a/download-all/"))
    assert any("katilimci-notu" in name for name in names)
    assert any("kolaylastirici-rehberi" in name for name in names) is allowed
    # Kit B has nothing public: no zip at all unless one may download its key.
    assert client.get("/tr/egitim-kutuphanesi/kit-b/download-all/").status_code == 404

    # Public documents stay public for everyone.
    assert client.get(handout.url).status_code == 200

    # Search lists pages, never a restricted document's address.
    found = client.get("/tr/ara/", {"q": "Kit"}).text
    assert f"/documents/{guide.pk}/" not in found


@pytest.mark.django_db
def test_downloads_are_recorded_per_organisation_for_trainers_only(readers, kits):
    guide = kits["guide"]
    readers["anonymous"].get(f"/tr/egitim-kutuphanesi/kit-a/download/{kits['handout'].pk}/")
    assert not TrainerDownload.objects.exists()
    readers["approved"].get(f"/tr/egitim-kutuphanesi/kit-a/download/{guide.pk}/")
    readers["approved"].get(guide.url)
    zipped = readers["approved"].get("/tr/egitim-kutuphanesi/kit-a/download-all/")
    b"".join(zipped.streaming_content)
    rows = list(TrainerDownload.objects.order_by("downloaded_at", "pk"))
    assert [row.route for row in rows] == ["module", "direct", "zip"]
    assert {row.organisation for row in rows} == {"Umut Derneği"}
    assert {row.kit_id for row in rows} == {kits["a"].pk}
    assert DocumentDownload.objects.get(document=guide).count == 1


@pytest.mark.django_db
def test_signed_in_pages_are_private_and_anonymous_kit_pages_are_not(readers):
    anonymous = readers["anonymous"].get("/tr/egitim-kutuphanesi/kit-a/")
    assert "private" not in anonymous.get("Cache-Control", "")
    for state in SIGNED_IN:
        response = readers[state].get("/tr/egitim-kutuphanesi/kit-a/")
        assert "private" in response["Cache-Control"], state
        assert "no-store" in response["Cache-Control"], state
        assert "public" not in response["Cache-Control"], state


# --- The request form --------------------------------------------------------------------


@pytest.mark.django_db
class TestRequestForm:
    def form_data(self, kits_, **extra):
        data = {
            "name": "Mehmet Kaya",
            "organisation": "İnsan Hakları Derneği",
            "role": "Eğitmen",
            "email": "Mehmet@Example.ORG",
            "kits": [kits_["a"].pk],
            "consent": "on",
            "website": "",
        }
        data.update(extra)
        return data

    def test_form_in_both_languages_lists_only_kits_with_restricted_material(
        self, client, kits, consent
    ):
        tr = client.get("/tr/egitmenler/erisim-talebi/")
        en = client.get("/en/trainers/request-access/")
        assert tr.status_code == en.status_code == 200
        assert "Onay metni v3" in tr.text and "Consent text v3" in en.text
        assert "Kit A" in tr.text and "Kit B" in tr.text
        assert "Kit A (EN)" in en.text and "Kit B" not in en.text  # no English kit B
        for response in (tr, en):
            assert "private" in response["Cache-Control"]
            assert "no-store" in response["Cache-Control"]

    def test_a_request_is_stored_pending_with_its_consent_version(self, client, kits, consent):
        response = client.post(
            "/en/trainers/request-access/", self.form_data(kits, kits=[kits["a_en"].pk])
        )
        assert response.status_code == 302
        access_request = AccessRequest.objects.get()
        assert access_request.status == AccessRequest.Status.PENDING
        assert access_request.email == "Mehmet@example.org"
        assert access_request.language == "en"
        assert (access_request.consent_version, access_request.consent_language) == (3, "en")
        assert list(access_request.kits.all()) == [kits["a_en"]]
        assert not mail.outbox  # nothing sent until a moderator decides

    def test_missing_fields_are_explained_in_the_readers_language(self, client, kits, consent):
        response = client.post(
            "/tr/egitmenler/erisim-talebi/", self.form_data(kits, consent="", kits=[], name="  ")
        )
        assert response.status_code == 200
        assert "onay kutusunu işaretleyin" in response.text
        assert "Lütfen en az bir kit seçin" in response.text
        assert "Lütfen adınızı yazın" in response.text
        assert not AccessRequest.objects.exists()

    def test_honeypot_and_foreign_kits_store_nothing(self, client, kits, consent):
        client.post("/tr/egitmenler/erisim-talebi/", self.form_data(kits, website="spam"))
        response = client.post("/tr/egitmenler/erisim-talebi/", self.form_data(kits, kits=[999999]))
        assert response.status_code == 200
        assert not AccessRequest.objects.exists()

    def test_rate_limited(self, client, kits, consent, settings):
        settings.TRAINER_REQUEST_RATE = "2/d"
        for _ in range(2):
            assert (
                client.post("/tr/egitmenler/erisim-talebi/", self.form_data(kits)).status_code
                == 302
            )
        assert client.post("/tr/egitmenler/erisim-talebi/", self.form_data(kits)).status_code == 429
        assert AccessRequest.objects.count() == 2


# --- The moderators' queue -----------------------------------------------------------------


@pytest.mark.django_db
class TestQueue:
    def test_moderator_approves_and_the_requester_is_mailed_in_their_language(
        self, client, kits, moderator
    ):
        access_request = make_request([kits["a_en"]], "en@example.org", language="en")
        client.force_login(moderator)
        listing = client.get("/admin/trainers/requests/")
        assert "en@example.org" in listing.text
        response = client.post(
            f"/admin/trainers/requests/{access_request.pk}/",
            {"action": "approve", "kits": [kits["a_en"].pk], "days": 10},
        )
        assert response.status_code == 302
        trainer = Trainer.objects.get()
        grant = trainer.grants.get()
        assert grant.is_active
        assert abs(
            grant.expires_at - (timezone.now() + datetime.timedelta(days=10))
        ) < datetime.timedelta(minutes=1)
        assert not trainer.user.has_perm("wagtailadmin.access_admin")
        assert not trainer.user.has_usable_password()
        message = mail.outbox[-1]
        assert message.to == ["en@example.org"]
        assert "approved" in message.subject
        assert "/en/trainers/sign-in-link/?sesame=" in message.body

    def test_refusal_needs_a_reason_and_sends_it_in_turkish(self, client, kits, moderator):
        access_request = make_request([kits["a"]], "tr@example.org")
        client.force_login(moderator)
        url = f"/admin/trainers/requests/{access_request.pk}/"
        response = client.post(url, {"action": "refuse", "reason": ""})
        assert response.status_code == 200
        assert not mail.outbox
        client.post(url, {"action": "refuse", "reason": "Kurum bilgisi doğrulanamadı."})
        access_request.refresh_from_db()
        assert access_request.status == AccessRequest.Status.REFUSED
        assert "Kurum bilgisi doğrulanamadı." in mail.outbox[-1].body
        assert "talebiniz" in mail.outbox[-1].subject.lower()
        assert not Trainer.objects.exists()

    def test_revoking_ends_access_at_once(self, client, kits, moderator):
        trainer = approved_trainer([kits["a"]], moderator)
        reader = Client()
        reader.force_login(trainer.user)
        assert reader.get(kits["guide"].url).status_code == 200
        client.force_login(moderator)
        client.post(f"/admin/trainers/{trainer.pk}/revoke/", {"reason": "misuse"})
        assert reader.get(kits["guide"].url).status_code == 403

    def test_readers_without_the_permission_cannot_moderate(self, client, kits, moderator):
        trainer = approved_trainer([kits["a"]], moderator)
        client.force_login(trainer.user)
        response = client.get("/admin/trainers/requests/")
        assert response.status_code in (302, 403)


# --- Sign-in links ---------------------------------------------------------------------------


def link_from(message):
    return re.search(r"https?://testserver(/\S+\?sesame=\S+)", message.body).group(1)


@pytest.mark.django_db
class TestSignIn:
    def test_a_link_works_once(self, client, kits, moderator):
        approved_trainer([kits["a"]], moderator, email="ayse@example.org")
        mail.outbox.clear()
        response = client.post("/tr/egitmenler/giris/", {"email": "AYSE@example.org"})
        assert response.status_code == 302
        link = link_from(mail.outbox[-1])
        assert "/tr/egitmenler/giris-baglantisi/" in link
        # Opening the link (as a mail scanner would) does not use it up.
        assert client.get(link).status_code == 200
        assert client.get(link).status_code == 200
        response = client.post(link)
        assert response.status_code == 302
        assert client.get("/tr/egitmenler/hesabim/").status_code == 200
        # Used once: no second sign-in, from this or any browser.
        other = Client()
        assert other.post(link).status_code == 400
        assert other.get("/tr/egitmenler/hesabim/").status_code == 302

    def test_a_link_expires(self, client, kits, moderator, settings):
        approved_trainer([kits["a"]], moderator)
        mail.outbox.clear()
        client.post("/tr/egitmenler/giris/", {"email": "ayse@example.org"})
        link = link_from(mail.outbox[-1])
        with time_machine.travel(
            timezone.now() + datetime.timedelta(seconds=settings.SESAME_MAX_AGE + 5)
        ):
            assert client.post(link).status_code == 400
        assert not client.session.get("_auth_user_id")

    def test_the_approval_link_signs_in_once(self, client, kits, moderator):
        approved_trainer([kits["a"]], moderator)
        link = link_from(mail.outbox[-1])
        assert client.post(link).status_code == 302
        assert Client().post(link).status_code == 400

    def test_links_only_for_trainers(self, client, kits, moderator):
        make_request([kits["a"]], "pending@example.org")
        User.objects.create_superuser("editor", "editor@example.org", "x")
        for address in ("pending@example.org", "editor@example.org", "nobody@example.org"):
            response = client.post("/tr/egitmenler/giris/", {"email": address})
            assert response.status_code == 302  # the same answer for every address
        assert not mail.outbox

    def test_a_tampered_link_is_refused(self, client):
        assert client.get("/en/trainers/sign-in-link/?sesame=forged").status_code == 400

    def test_a_trainer_cannot_reach_the_admin(self, client, kits, moderator):
        trainer = approved_trainer([kits["a"]], moderator)
        client.post(link_from(mail.outbox[-1]))
        assert client.get("/tr/egitmenler/hesabim/").status_code == 200
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert client.get("/admin/documents/").status_code == 302
        # and has no password to try at the admin's login
        assert not Client().login(username=trainer.user.username, password="")


# --- Account and erasure -----------------------------------------------------------------------


@pytest.mark.django_db
class TestAccount:
    def test_account_lists_kits_in_the_readers_language_and_downloads(self, readers, kits):
        client = readers["approved"]
        client.get(f"/tr/egitim-kutuphanesi/kit-a/download/{kits['guide'].pk}/")
        tr = client.get("/tr/egitmenler/hesabim/").text
        en = client.get("/en/trainers/account/").text
        assert "Kit A" in tr and "Kolaylastirici rehberi" in tr
        assert "Kit A (EN)" in en and "open until" in en
        expired = readers["expired"].get("/en/trainers/account/").text
        assert "no active access" in expired

    def test_sign_out(self, readers):
        client = readers["approved"]
        assert client.post("/en/trainers/sign-out/").status_code == 302
        assert client.get("/en/trainers/account/").status_code == 302

    def test_erasure_removes_personal_data_and_keeps_anonymous_counts(self, kits, moderator):
        trainer = approved_trainer(
            [kits["a"]], moderator, email="erase@example.org", name="Zeynep Ak"
        )
        client = Client()
        client.force_login(trainer.user)
        client.get(f"/tr/egitim-kutuphanesi/kit-a/download/{kits['guide'].pk}/")
        make_request([kits["b"]], "erase@example.org", name="Zeynep Ak")  # a later request
        user_id = trainer.user_id

        assert client.get("/tr/egitmenler/verilerimi-sil/").status_code == 200
        response = client.post("/tr/egitmenler/verilerimi-sil/")
        assert response.status_code == 302

        assert not User.objects.filter(pk=user_id).exists()
        assert not Trainer.objects.exists()
        assert not Grant.objects.exists()
        assert not AccessRequest.objects.exists()
        download = TrainerDownload.objects.get()
        assert download.trainer is None
        assert download.organisation == "Umut Derneği"
        values = " ".join(str(v) for v in TrainerDownload.objects.values().get().values())
        assert "Zeynep" not in values and "erase@example.org" not in values
        assert DocumentDownload.objects.get(document=kits["guide"]).count == 1
        assert client.get("/tr/egitmenler/hesabim/").status_code == 302


# --- Donor report ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_donor_report_counts_trainers_and_organisations_per_kit_and_activity(
    kits, moderator, locales
):
    activity = Activity.objects.create(
        locale=locales["tr"],
        number=21,
        title="Eğitimler",
        planned_start=datetime.date(2026, 1, 1),
        planned_end=datetime.date(2026, 12, 31),
    )
    ActivityLink.objects.create(activity=activity, page=kits["a"])
    people = [
        ("a@example.org", "Umut Derneği"),
        ("b@example.org", "umut derneği "),
        ("c@example.org", "İnsan Hakları Derneği"),
    ]
    for email, organisation in people:
        trainer = approved_trainer([kits["a"]], moderator, email=email, organisation=organisation)
        client = Client()
        client.force_login(trainer.user)
        client.get(f"/tr/egitim-kutuphanesi/kit-a/download/{kits['guide'].pk}/")
        client.get(f"/tr/egitim-kutuphanesi/kit-a/download/{kits['guide'].pk}/")
    today = timezone.localdate()

    def counts():
        row = next(
            r for r in report_rows(today, today) if r["number"] == 21 and r["language"] == "tr"
        )
        return row["trainers"], row["organisations"]

    assert counts() == (3, 2)
    assert kit_rows(today, today) == [
        {
            "language": "tr",
            "number": 21,
            "kit": "Kit A",
            "trainers": 3,
            "organisations": 2,
            "downloads": 6,
        }
    ]
    assert "Trainers reached" in report_csv(today, today)
    # Erasing a trainer keeps what was reached.
    moderation.erase(Trainer.objects.get(email_key="a@example.org"))
    assert counts() == (3, 2)
