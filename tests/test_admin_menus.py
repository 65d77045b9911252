"""The admin's menus offer each role exactly what it can use (issue 21).

Each role logs in, reads the sidebar Wagtail renders for it (the JSON props of
``#wagtail-sidebar-props``: menu items, submenus and their items), and opens every admin
URL the sidebar offers: none may answer with a refusal. A view opened anyway without the
permission answers with the admin's 403 page, in the user's admin language
(website/admin_access.py)."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from editorial import roles

SIDEBAR_PROPS = re.compile(
    r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S
)
DASHBOARD = "/admin/"


def menu_urls(node, found=None):
    """``{url: label}`` of every link in the sidebar's props, submenus included."""
    found = {} if found is None else found
    if isinstance(node, dict):
        if isinstance(node.get("url"), str) and "label" in node:
            found[node["url"]] = node["label"]
        for value in node.values():
            menu_urls(value, found)
    elif isinstance(node, list):
        for value in node:
            menu_urls(value, found)
    return found


def sidebar(client):
    """The admin URLs the sidebar offers the logged-in user (help links to Wagtail's
    guide and the "#" of action items left out)."""
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    props = json.loads(SIDEBAR_PROPS.search(response.content.decode()).group(1))
    return {url: label for url, label in menu_urls(props).items() if url.startswith("/admin/")}


@pytest.fixture
def people(make_user, django_user_model, homes):
    """One user per role, plus a superuser; both language trees exist (``homes``), so
    the roles' page permissions are all in place."""
    users = {
        "editor": make_user("editor", roles.EDITORS),
        "moderator": make_user("moderator", roles.MODERATORS),
        "translator": make_user("translator", roles.TRANSLATORS),
        "newsletter": make_user("newsletter", roles.NEWSLETTER_MANAGERS),
    }
    users["superuser"] = django_user_model.objects.create_superuser(
        "root", "root@example.org", "pw"
    )
    return users


@pytest.fixture
def menus(people, client):
    """``{role: {url: label}}``: what each role's sidebar offers."""
    offered = {}
    for role, user in people.items():
        client.force_login(user)
        offered[role] = sidebar(client)
    client.logout()
    return offered


@pytest.mark.parametrize("role", ["editor", "moderator", "translator", "newsletter", "superuser"])
def test_every_menu_item_opens(role, people, client):
    client.force_login(people[role])
    offered = sidebar(client)
    assert offered
    refused = {}
    for url, label in offered.items():
        response = client.get(url, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        # Wagtail's own refusal sends the user to the dashboard with a message.
        if response.status_code != 200 or (final == DASHBOARD and url != DASHBOARD):
            refused[url] = (label, response.status_code, final)
    assert refused == {}


def test_each_role_sees_what_it_can_use(menus):
    directory_import = reverse("directory_import")
    donor_report = reverse("activities_donor_report")
    reach = reverse("reach_report")
    kit_downloads = reverse("resources_downloads_report")
    missing_translations = reverse("editorial_translation_report")
    rosters = reverse("registrations_admin:rosters")
    registration_consent = reverse("wagtailsnippets_registrations_consenttext:list")
    trainer_requests = reverse("trainers_requests")
    issues = reverse("wagtailsnippets_newsletter_newsletterissue:list")

    editor, moderator = menus["editor"], menus["moderator"]
    translator, newsletter = menus["translator"], menus["newsletter"]

    # The directory import needs add and change on organisations: no role has them.
    for offered in (editor, moderator, translator, newsletter):
        assert directory_import not in offered
    assert directory_import in menus["superuser"]

    # The donor report (and the reach figures that go with it) is the communications
    # lead's: Moderators.
    assert donor_report in moderator and reach in moderator
    for offered in (editor, translator, newsletter):
        assert donor_report not in offered and reach not in offered

    # Page reports for the roles with page permissions; none for newsletter managers.
    for offered in (editor, moderator, translator):
        assert kit_downloads in offered and missing_translations in offered
    assert kit_downloads not in newsletter and missing_translations not in newsletter

    # Registrations and trainer access are the Moderators' (the submenus' items too).
    assert {rosters, registration_consent, trainer_requests} <= moderator.keys()
    for offered in (editor, translator, newsletter):
        assert not {rosters, registration_consent, trainer_requests} & offered.keys()

    # The newsletter is the newsletter managers'.
    assert issues in newsletter
    for offered in (editor, moderator, translator):
        assert issues not in offered


def test_moderators_download_the_donor_report(people, client):
    client.force_login(people["moderator"])
    response = client.get(
        reverse("activities_donor_report"), {"start": "2026-01-01", "end": "2026-12-31"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]


def test_moderators_donor_report_permission_comes_from_the_roles(db):
    app_label, codename = roles.DONOR_REPORT
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    assert permission in Group.objects.get(name=roles.MODERATORS).permissions.all()
    for group in (roles.EDITORS, roles.TRANSLATORS, roles.NEWSLETTER_MANAGERS):
        assert permission not in Group.objects.get(name=group).permissions.all()


class TestRefusal:
    """A view opened without its permission says what was refused, in the admin."""

    def test_in_the_users_admin_language(self, make_user, homes, client):
        client.force_login(make_user("editor_tr", roles.EDITORS, language="tr"))
        response = client.get(reverse("directory_import"))
        assert response.status_code == 403
        text = response.content.decode()
        assert "“Rehber CSV içe/dışa aktarma” sayfasını açmaya çalıştınız" in text
        assert "hesabınızın bunun için gereken izni yok" in text
        assert 'href="/admin/"' in text and "Kontrol paneline dön" in text
        assert 'id="wagtail-sidebar-props"' in text  # a page of the admin, with its menu

    def test_class_based_report(self, make_user, homes, client):
        client.force_login(make_user("letters", roles.NEWSLETTER_MANAGERS, language="tr"))
        response = client.get(reverse("resources_downloads_report"))
        assert response.status_code == 403
        assert "“Eğitim kiti indirmeleri” sayfasını açmaya çalıştınız" in response.content.decode()

    def test_in_english(self, make_user, homes, client):
        client.force_login(make_user("editor_en", roles.EDITORS, language="en"))
        response = client.get(reverse("activities_donor_report"))
        assert response.status_code == 403
        text = response.content.decode()
        assert "You tried to open “Donor report (CSV)”" in text
        assert "does not have the permission it needs" in text
        assert "Back to the dashboard" in text

    def test_post_action(self, make_user, homes, client):
        client.force_login(make_user("translator_tr", roles.TRANSLATORS, language="tr"))
        response = client.post(reverse("trainers_revoke", args=[1]))
        assert response.status_code == 403
        assert "Erişimi sonlandır" in response.content.decode()
