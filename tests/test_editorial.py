"""Editorial roles, the review workflow, scheduling and translation status, driven
through the real Wagtail admin views with a user of each role."""

import csv
import datetime
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import (
    GroupPagePermission,
    Page,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.operations import TranslationCreator

from editorial import roles, translation_status
from editorial.demo import ensure_demo_users
from home.models import StandardPage
from tests.conftest import add_child_page, publish_translation, refreshed, site_homes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pairs_built")]


# --- builders -------------------------------------------------------------------------


@pytest.fixture
def users(make_user):  # make_user (tests/conftest.py): the admin speaks English
    return {
        "editor": make_user("editor", roles.EDITORS),
        "moderator": make_user("moderator", roles.MODERATORS),
        "translator": make_user("translator", roles.TRANSLATORS),
        "newsletter": make_user("newsletter", roles.NEWSLETTER_MANAGERS),
    }


@pytest.fixture
def as_user(client, users):
    def _as(name):
        client.force_login(users[name])
        return client

    return _as


def page_form(title, slug, **extra):
    data = {
        "title": title,
        "slug": slug,
        "intro": "",
        "summary": "",
        "body": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def submit_new_page(client, parent, title="Saha Çalışmaları", slug="saha-calismalari"):
    client.post(add_url(parent), page_form(title, slug, **{"action-submit": "Submit"}))
    return StandardPage.objects.get(slug=slug, locale=parent.locale)


def current_task_state(page):
    return WorkflowState.objects.active().get(object_id=str(page.pk)).current_task_state


# --- roles ------------------------------------------------------------------------------


class TestRoles:
    def test_groups_come_from_the_migration(self, db):
        names = set(Group.objects.values_list("name", flat=True))
        assert set(roles.ROLES) <= names

    def test_page_permissions_sit_on_each_language_home(self, homes):
        def perms(group, home):
            return set(
                GroupPagePermission.objects.filter(group__name=group, page=home).values_list(
                    "permission__codename", flat=True
                )
            )

        assert perms(roles.EDITORS, homes["tr"]) == {"add_page", "change_page"}
        assert perms(roles.EDITORS, homes["en"]) == {"add_page", "change_page"}
        assert "publish_page" in perms(roles.MODERATORS, homes["tr"])
        assert "publish_page" in perms(roles.MODERATORS, homes["en"])
        assert perms(roles.TRANSLATORS, homes["tr"]) == set()
        # The English home is made after migrate; the post_save handler set it up.
        assert perms(roles.TRANSLATORS, homes["en"]) == {"change_page", "publish_page"}
        assert not GroupPagePermission.objects.filter(page__depth=1).exists()

    def test_review_workflow_covers_both_trees(self, homes):
        review = Workflow.objects.get(name=roles.WORKFLOW_NAME)
        for home in homes.values():
            assert WorkflowPage.objects.get(page=home).workflow == review
            child = StandardPage(title="x", slug=f"x-{home.locale.language_code}")
            home.add_child(instance=child)
            assert child.get_workflow() == review

    def test_newsletter_permissions_granted_by_app_label(self, db):
        # The newsletter app's models are built elsewhere; the same code grants any
        # app's permissions, checked here with an app that has models.
        from django.apps import apps

        roles.grant_app_permissions(apps, roles.NEWSLETTER_MANAGERS, app_label="taggit")
        group = Group.objects.get(name=roles.NEWSLETTER_MANAGERS)
        expected = set(
            Permission.objects.filter(content_type__app_label="taggit").values_list("pk", flat=True)
        )
        assert expected and expected <= set(group.permissions.values_list("pk", flat=True))
        assert group.permissions.filter(codename="access_admin").exists()
        assert not GroupPagePermission.objects.filter(group=group).exists()

    def test_demo_users_have_their_roles(self, db):
        accounts = ensure_demo_users()
        assert [a[0] for a in accounts] == ["editor", "moderator", "translator", "newsletter"]
        assert ensure_demo_users() == accounts  # second run: same users, nothing new
        User = get_user_model()
        assert User.objects.filter(username__in=[a[0] for a in accounts]).count() == 4
        for username, password, _label in accounts:
            assert User.objects.get(username=username).check_password(password)
        assert User.objects.get(username="moderator").groups.filter(name=roles.MODERATORS)


# --- the review workflow -----------------------------------------------------------------


class TestReviewWorkflow:
    def test_editor_cannot_publish(self, as_user, homes, client):
        client = as_user("editor")
        form = client.get(add_url(homes["tr"])).text
        assert 'name="action-publish"' not in form
        assert 'name="action-submit"' in form
        client.post(add_url(homes["tr"]), page_form("Taslak", "taslak", **{"action-publish": "1"}))
        page = StandardPage.objects.get(slug="taslak", locale=homes["tr"].locale)
        assert not page.live
        assert client.get("/tr/taslak/").status_code == 404

    def test_new_turkish_page_waits_in_the_report_until_a_translator_starts_it(
        self, as_user, homes, locales, add_page
    ):
        page = add_page(homes["tr"], StandardPage, title="Saha Çalışmaları", slug="saha")
        assert page.get_translation_or_none(locales["en"]) is None  # no alias, nothing in /en/
        client = as_user("translator")
        status = client.get(reverse("editorial_page_translation_status", args=[page.pk]))
        submit = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        assert submit in status.text
        client.post(submit, {"locales": [locales["en"].pk]})
        draft = page.get_translation(locales["en"])
        assert draft.alias_of_id is None and not draft.live
        assert draft.get_parent().pk == homes["en"].pk
        assert client.get(edit_url(draft)).status_code == 200

    def test_editor_submits_and_moderators_are_emailed(self, as_user, homes):
        client = as_user("editor")
        page = submit_new_page(client, homes["tr"])
        assert page.workflow_in_progress
        assert not page.live
        recipients = {address for message in mail.outbox for address in message.to}
        assert "moderator@example.org" in recipients
        assert "editor@example.org" not in recipients

    def test_moderator_approves_and_page_goes_live(self, as_user, homes, client):
        page = submit_new_page(as_user("editor"), homes["tr"])
        mail.outbox.clear()
        client = as_user("moderator")
        assert "Saha Çalışmaları" in client.get(reverse("wagtailadmin_home")).text
        task_state = current_task_state(page)
        response = client.post(action_url(page, "approve", task_state), {"comment": ""})
        assert response.status_code in (200, 302)
        page.refresh_from_db()
        assert page.live
        client.logout()
        assert client.get("/tr/saha-calismalari/").status_code == 200
        assert "editor@example.org" in {a for m in mail.outbox for a in m.to}

    def test_request_changes_sends_it_back_with_the_comment(self, as_user, homes):
        page = submit_new_page(as_user("editor"), homes["tr"])
        mail.outbox.clear()
        client = as_user("moderator")
        task_state = current_task_state(page)
        client.post(
            action_url(page, "reject", task_state),
            {"comment": "Lütfen il sayısını kontrol edin."},
        )
        page.refresh_from_db()
        assert not page.live
        state = WorkflowState.objects.get(object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
        to_editor = [m for m in mail.outbox if "editor@example.org" in m.to]
        assert to_editor and "Lütfen il sayısını kontrol edin." in to_editor[0].body
        # The editor sees the comment in the page's workflow history.
        editor = as_user("editor")
        history = editor.get(
            reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk])
        )
        assert "Lütfen il sayısını kontrol edin." in history.text
        # ... edits, and submits again: the review starts over.
        editor.post(
            edit_url(page),
            page_form("Saha Çalışmaları (düzeltildi)", page.slug, **{"action-submit": "1"}),
        )
        assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS

    def test_comment_box_speaks_the_moderators_admin_language(self, as_user, homes):
        page = submit_new_page(as_user("editor"), homes["tr"])
        task_state = current_task_state(page)
        response = as_user("moderator").get(action_url(page, "reject", task_state))
        assert response.status_code == 200
        assert "Comment" in response.text and "Yorum" not in response.text

    def test_reject_ends_the_review_and_keeps_the_draft(self, as_user, homes):
        page = submit_new_page(as_user("editor"), homes["tr"])
        client = as_user("moderator")
        task_state = current_task_state(page)
        client.post(action_url(page, "decline", task_state), {"comment": "Yayımlanmayacak."})
        page.refresh_from_db()
        assert not page.live
        assert not page.workflow_in_progress
        state = WorkflowState.objects.get(object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_CANCELLED
        task_state.refresh_from_db()
        assert task_state.status == TaskState.STATUS_REJECTED
        assert task_state.comment == "Yayımlanmayacak."
        assert page.get_latest_revision().as_object().title == "Saha Çalışmaları"

    def test_approving_twice_is_refused_with_a_message(self, as_user, homes):
        page = submit_new_page(as_user("editor"), homes["tr"])
        client = as_user("moderator")
        task_state = current_task_state(page)
        client.post(action_url(page, "approve", task_state), {"comment": ""})
        revisions = page.revisions.count()
        response = client.post(
            action_url(page, "approve", task_state), {"comment": ""}, follow=True
        )
        assert response.status_code == 200
        assert "is not currently awaiting moderation" in response.text
        page.refresh_from_db()
        assert page.live and page.revisions.count() == revisions

    def test_workflow_action_without_permission_is_refused(self, as_user, homes):
        page = submit_new_page(as_user("editor"), homes["tr"])
        task_state = current_task_state(page)
        for role in ("editor", "translator", "newsletter"):
            client = as_user(role)
            response = client.post(action_url(page, "approve", task_state), {"comment": ""})
            assert response.status_code in (302, 403)
        page.refresh_from_db()
        assert not page.live
        assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS

    def test_dashboard_panels(self, as_user, homes):
        page = submit_new_page(as_user("editor"), homes["tr"])
        editor_home = as_user("editor").get(reverse("wagtailadmin_home")).text
        assert "My drafts" in editor_home and page.title in editor_home
        assert "Upcoming events" in editor_home
        moderator_home = as_user("moderator").get(reverse("wagtailadmin_home")).text
        assert "Waiting for my review" in moderator_home
        panel = moderator_home[moderator_home.index("Waiting for my review") :]
        assert page.title in panel[: panel.index("</table>")]
        assert "Missing translations" in moderator_home


# --- translators and newsletter managers -------------------------------------------------


class TestTranslator:
    def test_translator_edits_and_publishes_the_english_translation(
        self, as_user, homes, add_page, translate
    ):
        tr = add_page(homes["tr"], StandardPage, title="Hakkımızda", slug="hakkimizda")
        en = translate(tr, "about-us", title="About us")
        client = as_user("translator")
        response = client.post(
            edit_url(en), page_form("About the project", "about-us", **{"action-publish": "1"})
        )
        assert response.status_code == 302
        client.logout()
        assert "About the project" in client.get("/en/about-us/").text

    def test_translator_cannot_publish_turkish_source_pages(self, as_user, homes, add_page):
        tr = add_page(homes["tr"], StandardPage, title="Hakkımızda", slug="hakkimizda")
        client = as_user("translator")
        assert client.get(edit_url(tr)).status_code == 302
        client.post(edit_url(tr), page_form("Değişti", "hakkimizda", **{"action-publish": "1"}))
        unpublish = client.post(reverse("wagtailadmin_pages:unpublish", args=[tr.pk]))
        assert unpublish.status_code == 302
        tr.refresh_from_db()
        assert tr.live and tr.title == "Hakkımızda"
        assert not tr.permissions_for_user(
            client.session and as_user_obj(tr, "translator")
        ).can_publish()

    def test_translator_translates_with_wagtail_localize(self, as_user, homes, add_page, locales):
        tr = add_page(homes["tr"], StandardPage, title="Eğitim Kiti", slug="egitim-kiti")
        client = as_user("translator")
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[tr.pk]),
            {"locales": [locales["en"].pk]},
        )
        assert response.status_code == 302
        en = tr.get_translation(locales["en"])
        editor = client.get(edit_url(en))
        assert editor.status_code == 200
        assert "Eğitim Kiti" in editor.text  # the source strings shown for translation


def as_user_obj(page, username):
    return get_user_model().objects.get(username=username)


class TestNewsletterManager:
    def test_admin_access_but_no_pages(self, as_user, homes):
        client = as_user("newsletter")
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        assert client.get(edit_url(homes["tr"])).status_code == 302
        assert client.get(add_url(homes["tr"])).status_code == 302
        response = client.post(add_url(homes["en"]), page_form("Spam", "spam"))
        assert response.status_code == 302
        assert not StandardPage.objects.filter(slug="spam").exists()


# --- scheduling ------------------------------------------------------------------------------


class TestScheduling:
    def test_future_go_live_waits_for_publish_scheduled(self, as_user, homes):
        client = as_user("moderator")
        go_live = timezone.localtime() + datetime.timedelta(days=2)
        expire = go_live + datetime.timedelta(days=5)
        client.post(
            add_url(homes["tr"]),
            page_form(
                "Kapanış Toplantısı",
                "kapanis-toplantisi",
                go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
                expire_at=expire.strftime("%Y-%m-%d %H:%M"),
                **{"action-publish": "1"},
            ),
        )
        page = StandardPage.objects.get(slug="kapanis-toplantisi", locale=homes["tr"].locale)
        assert not page.live
        client.logout()
        assert client.get("/tr/kapanis-toplantisi/").status_code == 404
        call_command("publish_scheduled")
        assert client.get("/tr/kapanis-toplantisi/").status_code == 404
        with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
            call_command("publish_scheduled")
            assert client.get("/tr/kapanis-toplantisi/").status_code == 200
        with time_machine.travel(expire + datetime.timedelta(minutes=1), tick=False):
            call_command("publish_scheduled")
            assert client.get("/tr/kapanis-toplantisi/").status_code == 404


# --- translation status ------------------------------------------------------------------------


def build_pairs(homes):
    """current: translated after its source; missing: never translated; outdated: source
    published again after its translation; draft_only: the translation is a draft."""
    add_page = add_child_page
    current = add_page(homes["tr"], StandardPage, title="Güncel", slug="guncel")
    publish_translation(current, "current", title="Current")
    missing = add_page(homes["tr"], StandardPage, title="Eksik", slug="eksik")
    outdated = add_page(homes["tr"], StandardPage, title="Eski", slug="eski", intro="İlk")
    publish_translation(outdated, "old", title="Old", intro="First")
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
        outdated.intro = "İkinci sürüm"
        outdated.save_revision().publish()
    draft_only = add_page(homes["tr"], StandardPage, title="Taslak çeviri", slug="taslak-ceviri")
    draft = draft_only.copy_for_translation(homes["en"].locale)
    draft.slug = "draft-translation"
    draft.save_revision()
    unpublished = StandardPage(title="Yayımlanmamış", slug="yayimlanmamis", live=False)
    homes["tr"].add_child(instance=unpublished)
    return {"current": current, "missing": missing, "outdated": outdated, "draft": draft_only}


@pytest.fixture(scope="module")
def pairs_built(module_data):
    """Both homes (``homes`` finds them) and the translation-status pairs, built once
    for every test of the module (``pytestmark``): the other tests' pages have slugs of
    their own, and only the pairs' tests count what the report lists."""
    return build_pairs(site_homes())


@pytest.fixture
def pairs(pairs_built, db):
    return refreshed(pairs_built)


class TestTranslationStatus:
    def statuses(self):
        return {
            (row.source.slug, row.locale.language_code): row for row in translation_status.compute()
        }

    def test_each_status(self, pairs):
        rows = self.statuses()
        assert rows[("guncel", "en")].status == translation_status.CURRENT
        assert rows[("eksik", "en")].status == translation_status.MISSING
        assert rows[("eski", "en")].status == translation_status.OUTDATED
        assert rows[("taslak-ceviri", "en")].status == translation_status.MISSING
        assert rows[("taslak-ceviri", "en")].draft_only
        assert ("yayimlanmamis", "en") not in rows  # unpublished sources need no translation
        outdated = rows[("eski", "en")]
        with translation.override("en"):
            assert outdated.changed_fields == ["introduction"]
        assert len(outdated.changed_revisions) == 1

    def test_republishing_the_translation_makes_it_current(self, pairs, locales):
        en = pairs["outdated"].get_translation(locales["en"])
        with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
            en.specific.save_revision().publish()
        assert self.statuses()[("eski", "en")].status == translation_status.CURRENT

    def test_alias_left_by_tree_sync_counts_as_missing(self, homes, add_page, locales):
        page = add_page(homes["tr"], StandardPage, title="Takma ad", slug="takma-ad")
        page.copy_for_translation(locales["en"], alias=True)
        assert self.statuses()[("takma-ad", "en")].status == translation_status.MISSING

    def test_machine_translated_strings_are_flagged(self, homes, add_page, locales, users):
        from wagtail_localize.models import (
            StringSegment,
            StringTranslation,
            TranslationSource,
        )

        page = add_page(homes["tr"], StandardPage, title="Makine", slug="makine", intro="Metin")
        TranslationCreator(users["translator"], [locales["en"]]).create_translations(page)
        source = TranslationSource.objects.get_for_instance(page)
        page.get_translation(locales["en"]).specific.save_revision().publish()
        for segment in StringSegment.objects.filter(source=source):
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locales["en"],
                context=segment.context,
                data="Machine text",
                translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
            )
        assert self.statuses()[("makine", "en")].status == translation_status.MACHINE

    def test_report_lists_exactly_the_pages_needing_work(self, pairs, as_user):
        client = as_user("moderator")
        response = client.get(reverse("editorial_translation_report"))
        assert response.status_code == 200
        table = response.text[response.text.index('id="translation-status-report"') :]
        table = table[: table.index("</table>")]
        for title in ("Eksik", "Eski", "Taslak çeviri"):
            assert f">{title}</a>" in table
        for title in ("Güncel", "Yayımlanmamış"):
            assert f">{title}</a>" not in table
        assert table.count("<tr data-status=") == 3
        only_outdated = client.get(reverse("editorial_translation_report") + "?status=outdated")
        assert only_outdated.text.count('<tr data-status="outdated"') == 1
        assert '<tr data-status="missing"' not in only_outdated.text

    def test_report_export_opens_cleanly_in_the_admin_language(self, pairs, as_user):
        response = as_user("moderator").get(
            reverse("editorial_translation_report"), {"export": "csv"}
        )
        body = b"".join(response.streaming_content)
        assert body.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert rows[0] == ["Source page", "Language", "Status", "Translation"]  # English admin
        assert sorted(row[0] for row in rows[1:]) == ["Eksik", "Eski", "Taslak çeviri"]

    def test_report_hidden_from_newsletter_managers(self, pairs, as_user):
        response = as_user("newsletter").get(reverse("editorial_translation_report"))
        assert response.status_code == 403  # the admin's page that says why

    def test_page_status_view_and_header_button(self, pairs, as_user):
        client = as_user("editor")
        outdated = pairs["outdated"]
        view = client.get(reverse("editorial_page_translation_status", args=[outdated.pk]))
        assert view.status_code == 200
        assert "Translation older than the source" in view.text
        assert "introduction" in view.text
        explorer = client.get(reverse("wagtailadmin_explore", args=[outdated.pk]))
        assert "Translation status (English: Translation older than the source)" in explorer.text

    def test_dashboard_counts_missing_translations(self, pairs, as_user):
        home = as_user("moderator").get(reverse("wagtailadmin_home")).text
        panel = home[home.index("Missing translations") :]
        assert "English: 3 pages" in panel

    def test_deleted_source(self, homes, add_page, locales, as_user):

        tr = add_page(homes["tr"], StandardPage, title="Silinecek", slug="silinecek")
        TranslationCreator(None, [locales["en"]]).create_translations(tr)
        en = tr.get_translation(locales["en"])
        tr_pk = tr.pk
        tr.delete()
        client = as_user("translator")
        response = client.get(edit_url(en), follow=True)
        assert response.status_code == 200
        assert "The page this translation was made from has been deleted" in response.text
        assert Page.objects.filter(pk=en.pk).exists()
        # A publish from a translation editor that was open before the deletion:
        # refused as an incomplete form, the translation stays as it was.
        before = (en.title, en.live, en.revisions.count())
        stale = client.post(edit_url(en), {"action": "publish"}, follow=True)
        assert stale.status_code == 200
        assert "can no longer publish it. Nothing was changed" in stale.text
        en.refresh_from_db()
        assert (en.title, en.live, en.revisions.count()) == before
        # Asking to translate or inspect the deleted page: a clear answer, no crash.
        gone = client.get(
            reverse("wagtail_localize:submit_page_translation", args=[tr_pk]), follow=True
        )
        assert gone.status_code == 404
        status = client.get(reverse("editorial_page_translation_status", args=[tr_pk]), follow=True)
        assert status.status_code == 200
        assert "no longer exists" in status.text

    def test_sync_section_updates_wagtail_localize_translations(
        self, homes, add_page, locales, as_user
    ):
        from wagtail_localize.models import StringSegment, TranslationSource

        tr = add_page(homes["tr"], StandardPage, title="Bölüm", slug="bolum", intro="Eski metin")
        TranslationCreator(None, [locales["en"]]).create_translations(tr)
        source = TranslationSource.objects.get_for_instance(tr)
        with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
            tr.intro = "Yeni metin"
            tr.save_revision().publish()
        client = as_user("moderator")
        response = client.post(reverse("editorial_sync_section", args=[tr.pk]), follow=True)
        assert response.status_code == 200
        assert "Translations synchronised for 1 page" in response.text
        strings = set(
            StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
        )
        assert "Yeni metin" in strings


class TestQueryCounts:
    def test_report_queries_stay_flat(self, homes, add_page, as_user):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = as_user("moderator")

        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("editorial_translation_report")).status_code == 200
            return len(queries)

        for i in range(2):
            add_page(homes["tr"], StandardPage, title=f"Sayfa {i}", slug=f"sayfa-{i}")
        few = count()
        for i in range(2, 5):  # three more rows: a query per row would show
            add_page(homes["tr"], StandardPage, title=f"Sayfa {i}", slug=f"sayfa-{i}")
        many = count()
        assert 0 < many == few


class TestUpcomingEventsPanel:
    def test_the_next_events_first_past_ones_left_out(self, homes, add_page):
        from editorial import wagtail_hooks
        from events.models import EventIndexPage, EventPage

        index = add_page(homes["tr"], EventIndexPage, title="Etkinlikler", slug="etkinlikler")
        now = timezone.now()
        for title, days in [("Geçmiş", -3), ("Sonraki", 20), ("İlk", 2)]:
            start = now + datetime.timedelta(days=days)
            end = start + datetime.timedelta(hours=2)
            add_page(index, EventPage, title=title, slug=f"e{days}", start=start, end=end)
        assert [event.title for event in wagtail_hooks.upcoming_events()] == ["İlk", "Sonraki"]


class TestNewsletterManagerSeesSubscribers:
    def test_subscriber_list(self, as_user, homes):
        from newsletter.models import Subscriber

        group = Group.objects.get(name=roles.NEWSLETTER_MANAGERS)
        assert group.permissions.filter(codename="view_subscriber").exists()
        client = as_user("newsletter")
        url = reverse(f"wagtailsnippets_newsletter_{Subscriber._meta.model_name}:list")
        assert client.get(url).status_code == 200
        assert client.get(edit_url(homes["tr"])).status_code == 302
