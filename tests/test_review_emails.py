"""The review's outcome, told to the author (issue 21): an e-mail for "changes requested",
one for "rejected" and one for "approved", each in the author's admin language; and the
dashboard's "My drafts" keeps the author's page, with the moderator's request, after the
moderator has acted on it."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from editorial import roles
from home.models import StandardPage

from .test_editorial import action_url, add_url, current_task_state, edit_url, page_form

pytestmark = pytest.mark.django_db

TITLE = "Gaziantep'te Saha Çalışması"  # an apostrophe: subjects and bodies are plain text
SLUG = "gaziantepte-saha-calismasi"
COMMENT = "Lütfen il sayısını kontrol edin.\nFotoğrafın kaynağını da ekleyin."


@pytest.fixture
def people(make_user):
    """An editor whose admin speaks ``language`` and a moderator whose admin speaks the
    other one, so an e-mail in the wrong language shows."""

    def _people(language):
        other = "en" if language == "tr" else "tr"
        return (
            make_user("editor", roles.EDITORS, language=language),
            make_user("moderator", roles.MODERATORS, language=other),
        )

    return _people


def under_review(client, editor, home, **fields):
    """``editor``'s new page under ``home``, submitted for review (``fields``: the form's)."""
    client.force_login(editor)
    client.post(add_url(home), page_form(TITLE, SLUG, **{"action-submit": "1"}, **fields))
    mail.outbox.clear()
    return StandardPage.objects.get(slug=SLUG, locale=home.locale)


def act(client, moderator, page, action, comment=""):
    client.force_login(moderator)
    response = client.post(action_url(page, action, current_task_state(page)), {"comment": comment})
    assert response.status_code in (200, 302)


def to_editor():
    messages = [m for m in mail.outbox if m.to == ["editor@example.org"]]
    assert len(messages) == 1, [m.subject for m in mail.outbox]
    return messages[0]


def my_drafts(client):
    """The HTML of the dashboard's "My drafts" panel."""
    home = client.get(reverse("wagtailadmin_home")).text
    panel = home[home.index('id="editorial-my-drafts-content"') :]
    return panel[: panel.index("</section>")]


def assert_quotes_comment(body):
    assert "> Lütfen il sayısını kontrol edin.\n> Fotoğrafın kaynağını da ekleyin." in body


CHANGES_REQUESTED = {
    "tr": {
        "subject": f'Değişiklikler istendi: "{TITLE}"',
        "body": [
            f'Moderator, "{TITLE}" sayfası yayımlanmadan önce değişiklik istedi.',
            "Sayfayı düzenleyin, sonra yeniden incelemeye gönderin:",
            "taslağınız saklanır",
        ],
    },
    "en": {
        "subject": f'Changes requested: "{TITLE}"',
        "body": [
            f'Moderator has asked for changes to the page "{TITLE}" before it can be published.',
            "Edit the page, then submit it for review again:",
            "your draft is kept",
        ],
    },
}

REJECTED = {
    "tr": {
        "subject": f'Reddedildi: "{TITLE}" yayımlanmayacak',
        "body": [
            f'Moderator, "{TITLE}" sayfasını reddetti: sayfa yayımlanmayacak ve incelemesi '
            "sona erdi.",
            "Taslağınız yayımlanmadan saklanıyor; hiçbir şey silinmedi.",
        ],
    },
    "en": {
        "subject": f'Rejected: "{TITLE}" will not be published',
        "body": [
            f'Moderator has rejected the page "{TITLE}": it will not be published, and its '
            "review has ended.",
            "Your draft is kept, unpublished; nothing was deleted.",
        ],
    },
}


class TestReviewEmails:
    @pytest.mark.parametrize("language", ["tr", "en"])
    def test_changes_requested(self, client, homes, people, language):
        editor, moderator = people(language)
        page = under_review(client, editor, homes["tr"])
        act(client, moderator, page, "reject", COMMENT)
        message = to_editor()
        expected = CHANGES_REQUESTED[language]
        assert message.subject == expected["subject"]
        for text in expected["body"]:
            assert text in message.body
        assert_quotes_comment(message.body)
        assert f"http://testserver{edit_url(page)}" in message.body
        # Not the other outcomes' words.
        assert "reddet" not in message.body.lower() and "rejected" not in message.body.lower()

    @pytest.mark.parametrize("language", ["tr", "en"])
    def test_rejected(self, client, homes, people, language):
        editor, moderator = people(language)
        page = under_review(client, editor, homes["tr"])
        act(client, moderator, page, "decline", COMMENT)
        message = to_editor()  # only this one: no "changes requested" on the way
        expected = REJECTED[language]
        assert message.subject == expected["subject"]
        for text in expected["body"]:
            assert text in message.body
        assert_quotes_comment(message.body)
        assert f"http://testserver{edit_url(page)}" in message.body
        assert WorkflowState.objects.get(object_id=str(page.pk)).status == "cancelled"

    @pytest.mark.parametrize(
        "language, subject, body",
        [
            ("tr", f'Yayımlandı: "{TITLE}" onaylandı', "sayfasını onayladı. Sayfa artık yayında:"),
            ("en", f'Published: "{TITLE}" was approved', "It is now published:"),
        ],
    )
    def test_approved_and_published(self, client, homes, people, language, subject, body):
        editor, moderator = people(language)
        page = under_review(client, editor, homes["tr"])
        act(client, moderator, page, "approve", "Teşekkürler.")
        message = to_editor()
        assert message.subject == subject
        assert body in message.body
        page.refresh_from_db()
        assert page.live and f"{page.full_url}\n" in message.body
        assert "> Teşekkürler." in message.body

    @pytest.mark.parametrize(
        "language, subject, body",
        [
            (
                "tr",
                f'Zamanlandı: "{TITLE}" onaylandı, 05 Mart 2099 10:30 tarihinde yayına girecek',
                "Sayfa, zamanlandığı gibi 05 Mart 2099 10:30 tarihinde yayına girecek.",
            ),
            (
                "en",
                f'Scheduled: "{TITLE}" was approved and goes live on March 5, 2099, 10:30 a.m.',
                "It goes live on March 5, 2099, 10:30 a.m., as scheduled.",
            ),
        ],
    )
    def test_approved_and_scheduled(self, client, homes, people, language, subject, body):
        editor, moderator = people(language)
        page = under_review(client, editor, homes["tr"], go_live_at="2099-03-05 10:30")
        act(client, moderator, page, "approve")
        page.refresh_from_db()
        assert not page.live
        message = to_editor()
        assert message.subject == subject
        assert body in message.body  # in the site's time zone (Istanbul), as entered
        assert f"http://testserver{edit_url(page)}" in message.body

    def test_approved_translation_waits_for_its_source(self, client, homes, people, locales):
        editor, moderator = people("en")
        source = StandardPage(title="Taslak kaynak", slug="taslak-kaynak", live=False)
        homes["tr"].add_child(instance=source)
        source.save_revision(user=editor)
        translation = source.copy_for_translation(locales["en"]).specific
        translation.title = "Draft source"
        translation.save_revision(user=editor)
        translation.get_workflow().start(translation, editor)
        mail.outbox.clear()
        act(client, moderator, translation, "approve")
        translation.refresh_from_db()
        assert not translation.live
        message = to_editor()
        assert message.subject == 'Approved: "Draft source" goes live with its source page'
        assert "goes live together with the page it was translated from" in message.body

    def test_without_a_chosen_language_the_site_language(self, client, homes, people):
        editor, moderator = people("tr")  # the moderator's admin, acting, speaks English
        UserProfile.objects.filter(user=editor).update(preferred_language="")
        page = under_review(client, editor, homes["tr"])
        act(client, moderator, page, "reject", COMMENT)
        assert to_editor().subject == CHANGES_REQUESTED["tr"]["subject"]

    @pytest.mark.parametrize(
        "action, text",
        [
            ("reject", "yayımlanmadan önce değişiklik istedi"),
            ("decline", "sayfasını reddetti"),
            ("approve", "Sayfa artık yayında"),
        ],
    )
    def test_html_part_in_the_recipients_language(
        self, client, homes, people, settings, action, text
    ):
        settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True
        editor, moderator = people("tr")
        page = under_review(client, editor, homes["tr"])
        act(client, moderator, page, action, "<b>Hayır</b>")
        html, mimetype = to_editor().alternatives[0]
        assert mimetype == "text/html"
        assert text in html and 'lang="tr"' in html
        assert "&lt;b&gt;Hayır&lt;/b&gt;" in html  # the comment is text, not markup

    def test_authors_who_turned_rejections_off_get_none(self, client, homes, people):
        editor, moderator = people("tr")
        UserProfile.objects.filter(user=editor).update(rejected_notifications=False)
        for action in ("reject", "decline"):
            page = under_review(client, editor, homes["tr"])
            act(client, moderator, page, action, COMMENT)
            assert not [m for m in mail.outbox if "editor@example.org" in m.to]
            page.delete()


class TestMyDrafts:
    def test_page_stays_with_its_author_and_says_what_to_do(self, client, homes, people):
        editor, moderator = people("en")
        older = under_review(client, editor, homes["tr"])
        client.post(add_url(homes["tr"]), page_form("Başka bir taslak", "baska-bir-taslak"))
        newer = StandardPage.objects.get(slug="baska-bir-taslak")
        # The moderator corrects the title while requesting changes: a revision of theirs.
        client.force_login(moderator)
        client.post(
            edit_url(older),
            page_form(
                TITLE + " (düzeltildi)",
                SLUG,
                **{
                    "action-workflow-action": "true",
                    "workflow-action-name": "reject",
                    "workflow-action-extra-data": json.dumps({"comment": COMMENT}),
                },
            ),
        )
        older.refresh_from_db()
        assert older.get_latest_revision().user == moderator
        assert WorkflowState.objects.get(object_id=str(older.pk)).status == "needs_changes"

        client.force_login(editor)
        panel = my_drafts(client)
        # Sent back: first, marked, with the moderator's words; the other draft after it.
        assert panel.index(escape(TITLE + " (düzeltildi)")) < panel.index(newer.title)
        assert "Changes requested" in panel
        assert "Moderator requested changes:" in panel
        assert "Lütfen il sayısını kontrol edin.<br>Fotoğrafın kaynağını da ekleyin." in panel
        # Its author resubmits: "in review", the request gone.
        client.post(
            edit_url(older),
            page_form(TITLE + " (düzeltildi)", SLUG, **{"action-submit": "1"}),
        )
        panel = my_drafts(client)
        assert "in review" in panel and "Changes requested" not in panel

    def test_in_turkish(self, client, homes, people):
        editor, moderator = people("tr")
        page = under_review(client, editor, homes["tr"])
        act(client, moderator, page, "reject", COMMENT)
        client.force_login(editor)
        panel = my_drafts(client)
        assert "Değişiklikler istendi" in panel
        assert "Moderator değişiklik istedi:" in panel
        assert "Sayfayı düzenleyin, sonra yeniden incelemeye gönderin." in panel

    def test_someone_elses_draft_is_not_mine(self, client, homes, people, make_user):
        editor, moderator = people("en")
        other = make_user("other", roles.EDITORS)
        page = under_review(client, other, homes["tr"])
        client.force_login(other)
        assert escape(page.title) in my_drafts(client)
        client.force_login(editor)
        assert escape(page.title) not in my_drafts(client)


@pytest.mark.parametrize(
    "language, task_name", [("tr", "Moderatör incelemesi"), ("en", "Moderators' review")]
)
def test_moderators_read_the_task_in_their_language(client, homes, people, language, task_name):
    """Wagtail's own "submitted" e-mail names the review task in each moderator's
    admin language (the author's admin speaks the other one)."""
    other = "en" if language == "tr" else "tr"
    editor, moderator = people(other)
    client.force_login(editor)
    client.post(add_url(homes["tr"]), page_form(TITLE, SLUG, **{"action-submit": "1"}))
    to_moderator = [m for m in mail.outbox if m.to == ["moderator@example.org"]]
    assert to_moderator, [m.subject for m in mail.outbox]
    text = " ".join(m.subject + m.body for m in to_moderator)
    assert task_name in text.replace("&#x27;", "'")
