"""A trainer's journey, in each language, through the real pages and the real admin:
request access from a kit page → a moderator approves it in the admin → the e-mailed
one-time link signs the trainer in → the restricted module and the kit zip (with that
module) download. Each person has their own browser context."""

import re
import zipfile

import pytest

from editorial import roles
from trainers.models import AccessRequest, TrainerDownload

from .test_editorial_journey import log_in

GUIDE = "Kolaylaştırıcı rehberi / Facilitator guide"

TEXT = {
    "tr": {"request": "Eğitmen erişimi talep edin", "sign_in": "Giriş yap"},
    "en": {"request": "Request trainer access", "sign_in": "Sign in"},
}


@pytest.mark.parametrize("language", ["tr", "en"])
def test_request_approve_sign_in_and_download(
    open_page, site_content, make_user, mailoutbox, language
):
    from home.models import SiteDocument

    guide = SiteDocument.objects.get(title=GUIDE)
    kit = next(
        p
        for p in site_content[language]
        if p.specific_class.__name__ == "TrainingKitPage" and guide.pk in p.specific.document_ids()
    )
    email = f"trainer-{language}@example.org"

    # 1. A reader finds the guide locked on the kit page and asks for access beside it.
    reader = open_page(language=language)
    reader.goto(kit.url)
    assert reader.locator(f"a[href*='download/{guide.pk}/']").count() == 0
    reader.get_by_role("link", name=TEXT[language]["request"]).first.click()
    form = reader.locator("form.trainer-request-form")
    form.locator("input[name=name]").fill("Elif Demir")
    form.locator("input[name=organisation]").fill("Göç Çalışmaları Derneği")
    form.locator("input[name=role]").fill("Eğitmen / Trainer")
    form.locator("input[name=email]").fill(email)
    # The kit the reader came from is already chosen.
    assert form.locator(f"input[name=kits][value='{kit.pk}']").is_checked()
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()
    reader.wait_for_url("**/" + ("talep-alindi" if language == "tr" else "request-received") + "/")
    access_request = AccessRequest.objects.get(email=email)
    assert access_request.language == language

    # 2. A moderator approves it in the admin.
    make_user("moderator", roles.MODERATORS, password="moderator-pw", language="en")
    moderator = open_page()
    log_in(moderator, "moderator", "moderator-pw")
    moderator.goto("/admin/trainers/requests/")
    moderator.get_by_role("link", name="Elif Demir").click()
    moderator.locator("button[value=approve]").click()
    moderator.wait_for_url("**/admin/trainers/requests/")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [email]

    # 3. The e-mailed link signs the trainer in (once).
    link = re.search(r"https?://[^/\s]+(/\S+\?sesame=\S+)", message.body).group(1)
    assert link.startswith(f"/{language}/")
    opened = reader.goto(link)
    assert opened.status == 200, reader.locator("main").inner_text()
    reader.locator("main form button[type=submit]").click()
    reader.wait_for_load_state()
    assert "Elif Demir" in reader.locator("main").inner_text()

    # 4. The restricted module and the whole kit, with it, download.
    reader.goto(kit.url)
    with reader.expect_download() as module_download:
        reader.locator(f"a[href*='download/{guide.pk}/']").first.click()
    assert module_download.value.suggested_filename.endswith(".pdf")
    with reader.expect_download() as kit_download:
        reader.locator("a[href*='download-all']").first.click()
    names = zipfile.ZipFile(kit_download.value.path()).namelist()
    assert any("kolaylastirici-rehberi" in name for name in names), names
    assert TrainerDownload.objects.filter(organisation="Göç Çalışmaları Derneği").count() == 2

    # The link was used once: another browser cannot reuse it.
    other = open_page(language=language)
    response = other.goto(link)
    assert response.status == 400
