"""Issue 21: the admin in the editors' language.

Two kinds of check. The catalogues: every project message has a Turkish translation,
one message means one thing (Django merges every catalogue, so a message id that two
apps, or an app and Wagtail, translate differently shows one of the translations in
the other's screens: Wagtail's workflow timeline said "Yayın tarihi" for "Published"),
and Turkish labels start with a letter that Django's ``capfirst`` capitalises
correctly. Then the screens: every admin view of the project's apps, rendered for a
user whose admin speaks Turkish, must show no English string of the project or of the
packages' catalogues that has gone untranslated."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from editorial import roles

ROOT = Path(settings.BASE_DIR)
PROJECT_CATALOGUES = sorted(ROOT.glob("*/locale/tr/LC_MESSAGES/django.po")) + [
    ROOT / "locale/tr/LC_MESSAGES/django.po"
]
OVERRIDES = ROOT / "locale/overrides/tr/LC_MESSAGES/django.po"
SITE_PACKAGES = Path(polib.__file__).parent
# The packages whose screens the editors use; their English catalogues list every
# message id they have.
PACKAGES = ["django", "wagtail", "wagtail_localize", "taggit", "axes"]


def entries(path):
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def package_messages(language):
    """{(context, message id): translation} of the packages' catalogues in ``language``."""
    messages = {}
    for package in PACKAGES:
        for path in (SITE_PACKAGES / package).rglob(f"locale/{language}/LC_MESSAGES/django.po"):
            for entry in entries(path):
                messages.setdefault((entry.msgctxt, entry.msgid), entry.msgstr)
    return messages


def effective_package_messages():
    """The packages' Turkish as the site shows it: with the override catalogue's
    corrections."""
    messages = package_messages("tr")
    messages.update({(e.msgctxt, e.msgid): e.msgstr for e in entries(OVERRIDES)})
    return messages


def project_entries():
    for path in PROJECT_CATALOGUES:
        for entry in entries(path):
            yield path.relative_to(ROOT), entry


def test_every_project_message_has_a_turkish_translation():
    missing = [
        f"{path}: {entry.msgid!r}"
        for path, entry in project_entries()
        if "fuzzy" in entry.flags
        or not (entry.msgstr or all(entry.msgstr_plural.values()) and entry.msgstr_plural)
    ]
    assert missing == []


def test_one_message_id_has_one_meaning():
    """Within the project, a message id has one Turkish translation; and it never
    changes what a package's own message of the same id says (nor gives a package's
    untranslated message a project meaning). Where one English word has two Turkish
    meanings, the project uses a context (``pgettext``)."""
    seen = {}
    clashes = []
    packages_en = package_messages("en")
    packages_tr = effective_package_messages()
    for path, entry in project_entries():
        key = (entry.msgctxt, entry.msgid)
        if key in seen and seen[key][1] != entry.msgstr:
            clashes.append(f"{entry.msgid!r}: {seen[key]} vs {path} {entry.msgstr!r}")
        seen.setdefault(key, (str(path), entry.msgstr))
        if key in packages_en and packages_tr.get(key, "") != entry.msgstr:
            clashes.append(
                f"{path}: {entry.msgid!r} is also a package message "
                f"({packages_tr.get(key) or 'untranslated there'}); give it a context"
            )
    assert clashes == []


def test_overrides_are_package_messages():
    """The override catalogue only corrects or completes the packages' Turkish."""
    packages_en = package_messages("en")
    strays = [e.msgid for e in entries(OVERRIDES) if (e.msgctxt, e.msgid) not in packages_en]
    assert strays == []
    assert entries(OVERRIDES), "the override catalogue is empty"


def test_turkish_labels_capitalise_correctly():
    """Django capitalises a label's first letter with ``str.upper``: "içerik" became
    "Içerik". Labels starting with "i" are written with "İ" in the catalogue."""
    wrong = [
        f"{path}: {entry.msgstr!r}"
        for path, entry in project_entries()
        if entry.msgstr.startswith("i") and not entry.msgctxt == "URL"
    ]
    assert wrong == []


# --- the screens --------------------------------------------------------------------


class VisibleText(HTMLParser):
    """Text nodes and the attributes people read (titles, labels, placeholders), and
    the labels of the sidebar's menu (rendered from JSON)."""

    ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
    SKIPPED = {"script", "style", "textarea", "option"}

    def __init__(self):
        super().__init__()
        self.texts = []
        self.skipping = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIPPED:
            self.skipping.append(tag)
        if tag == "script" and attrs.get("id") == "wagtail-sidebar-props":
            self.skipping[-1] = "sidebar"
        for name in self.ATTRIBUTES & attrs.keys():
            self.texts.append(attrs[name] or "")
        if tag == "a" and attrs.get("href", "").startswith("/admin/"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if self.skipping and tag in ("script", "style", "textarea", "option"):
            self.skipping.pop()

    def handle_data(self, data):
        if self.skipping and self.skipping[-1] == "sidebar":
            self.texts.extend(sidebar_labels(json.loads(data)))
            self.links.extend(sidebar_urls(json.loads(data)))
        elif not self.skipping:
            self.texts.append(data)


def walk(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def sidebar_labels(props):
    return [d["label"] for d in walk(props) if isinstance(d.get("label"), str)]


def sidebar_urls(props):
    return [d["url"] for d in walk(props) if str(d.get("url", "")).startswith("/admin/")]


# Words that mark a text as English (none of them is a Turkish word).
ENGLISH_WORDS = set("the and of to for with this your are not yet from by".split())
# Package messages that read the same in Turkish.
SAME_IN_TURKISH = {"URL", "CSV", "XLSX", "PDF", "Wagtail", "E-posta"}
# Package texts no catalogue can reach: Wagtail's group form labels its page field
# when the module is imported (a screen-reader-only label), and wagtail-localize's
# Translation model has no translatable name; Wagtail's snippet views translate their
# "Home" breadcrumb once, in whatever language is active when the URLs are loaded.
UNREACHABLE = {"Page", "Translation", "Home"}


def english_messages():
    """Texts that, seen in the Turkish admin, are untranslated: project messages with a
    different Turkish translation, and package messages no catalogue translates."""
    texts = {e.msgid for _path, e in project_entries() if e.msgstr and e.msgstr != e.msgid}
    packages_tr = package_messages("tr")
    with translation.override("tr"):
        texts |= {
            msgid
            for (context, msgid) in package_messages("en")
            if not packages_tr.get((context, msgid))
            and (translation.pgettext(context, msgid) if context else translation.gettext(msgid))
            == msgid
        }
    return {
        text
        for text in texts - SAME_IN_TURKISH - UNREACHABLE
        if re.search(r"[A-Za-z]{3}", text) and "%" not in text and "{" not in text
    }


def looks_english(text):
    words = re.findall(r"[A-Za-z]+", text)
    return len(words) >= 3 and len(ENGLISH_WORDS & {w.lower() for w in words}) >= 2


FOLLOWED = re.compile(r"/(add|\d+/edit|edit/\d+)/$")


def admin_urls(get):
    """The sidebar's addresses (listings limited to Turkish entries), the first add and
    edit forms each of them links to, and the edit form of each Turkish page."""
    parser = VisibleText()
    parser.feed(get("/admin/").content.decode())
    menu = sorted({url for url in parser.links if not url.startswith("/admin/pages/")})
    found = list(menu)
    for url in menu:
        page = VisibleText()
        page.feed(get(url).content.decode())
        found.extend(sorted({link for link in page.links if FOLLOWED.search(link)})[:2])
    pages = Page.objects.filter(locale__language_code="tr", depth__gt=2)
    by_type = {}
    for page in pages.order_by("path"):
        by_type.setdefault(page.content_type_id, page.pk)
    found.extend(f"/admin/pages/{pk}/edit/" for pk in by_type.values())
    return list(dict.fromkeys(found))


@pytest.fixture
def turkish_admin(client, demo):
    user = get_user_model().objects.create_superuser("yonetici", "y@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "tr"
    profile.save()
    client.force_login(user)
    return client


def content_texts():
    """What editors wrote (page titles, snippets' texts, in every language): the admin
    shows it as it is."""
    from django.db import models
    from wagtail.snippets.models import get_snippet_models

    texts = set(Page.objects.values_list("title", flat=True))
    for model in get_snippet_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        for row in model.objects.values_list(*fields):
            texts.update(value for value in row if value)
        texts.update(str(obj) for obj in model.objects.all())
    return {" ".join(text.split()) for text in texts if len(text) > 3}


def is_content(text, content):
    return text in content or any(len(c) > 12 and c[:60] in text for c in content)


def test_the_turkish_admin_shows_no_english(turkish_admin):
    english = english_messages()
    content = content_texts()
    problems = {}
    responses = {}

    def get(url):  # each address is read once: the crawl reads the menu's pages too
        if url not in responses:
            responses[url] = turkish_admin.get(url)
        return responses[url]

    for url in admin_urls(get):
        response = get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = VisibleText()
        parser.feed(response.content.decode())
        shown = {" ".join(text.split()) for text in parser.texts} - {""}
        wrong = sorted(
            text
            for text in (shown & english) | {text for text in shown if looks_english(text)}
            if not is_content(text, content)
        )
        if wrong:
            problems[url] = wrong
    assert problems == {}


@pytest.mark.parametrize(
    "language, shown, hidden",
    [
        ("tr", "Yayın öncesi inceleme", "Review before publishing"),
        ("en", "Review before publishing", "Yayın öncesi inceleme"),
    ],
)
def test_the_workflow_is_named_in_the_authors_language(
    language, shown, hidden, make_user, homes, client
):
    from home.models import StandardPage

    page = homes["tr"].add_child(instance=StandardPage(title="Taslak", slug="taslak"))
    client.force_login(make_user("yazar", roles.EDITORS, language=language))
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert shown in body  # the "Submit to …" action
    assert hidden not in body


def test_group_names_follow_the_admin_language_and_stay_stored_in_english(
    make_user, homes, client, django_user_model
):
    admin = django_user_model.objects.create_superuser("kok", "kok@example.org", "pw")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "tr"
    profile.save()
    client.force_login(admin)
    listing = client.get("/admin/groups/").content.decode()
    assert "Moderatörler" in listing and "Bülten yöneticileri" in listing
    assert "Newsletter managers" not in listing

    moderators = Group.objects.get(name=roles.MODERATORS)
    form = client.get(f"/admin/groups/edit/{moderators.pk}/").content.decode()
    assert 'value="Moderatörler"' in form
    with translation.override("tr"):
        moderators = Group.objects.get(pk=moderators.pk)
        assert str(moderators.name) == "Moderatörler"
        # Code and natural keys know the group by its stored name.
        assert moderators.name == roles.MODERATORS
        assert moderators.natural_key() == ("Moderators",)
        # The Turkish form posts the Turkish words back: the stored name is kept.
        moderators.name = "Moderatörler"
        moderators.save()
    assert Group.objects.filter(name=roles.MODERATORS).exists()
    with translation.override("en"):
        assert str(Group.objects.get(pk=moderators.pk).name) == "Moderators"
    # A name an administrator typed is shown as typed, in every language.
    Group.objects.create(name="Saha ekibi")
    with translation.override("en"):
        assert str(Group.objects.get(name="Saha ekibi").name) == "Saha ekibi"


def test_the_dashboard_summary_counts_in_turkish(turkish_admin):
    """Wagtail's Turkish leaves the document count in English and shows the page
    count's screen-reader words on screen ("80 Sayfa içinde oluşturuldu.")."""
    html = turkish_admin.get("/admin/").content.decode()
    section = html[html.index('class="w-summary') :]
    parser = VisibleText()
    parser.feed(section[: section.index("</section>")])
    summary = " ".join(" ".join(parser.texts).split())
    assert re.search(r"\d+ sayfa\b", summary) and re.search(r"\d+ belge\b", summary)
    assert "Documents" not in summary and "içinde oluşturuldu" not in summary


def test_the_admin_scripts_speak_turkish():
    """The admin's scripts (StreamField, comments, wagtail-localize's editor) read their
    texts from the packages' ``djangojs`` catalogues, which the Turkish ones leave
    incomplete ("Collapse all"); ``locale/overrides`` completes them with package
    message ids only."""
    overrides = {e.msgid: e for e in entries(OVERRIDES.with_name("djangojs.po"))}
    english, turkish = set(), set()
    for package in ["wagtail", "wagtail_localize"]:
        for language, found in (("en", english), ("tr", turkish)):
            for path in (SITE_PACKAGES / package).rglob(
                f"locale/{language}/LC_MESSAGES/djangojs.po"
            ):
                found.update(
                    e.msgid
                    for e in entries(path)
                    if language == "en" or e.msgstr or any(e.msgstr_plural.values())
                )
    assert english - turkish - overrides.keys() == set()
    assert overrides.keys() <= english
    from django.utils.translation.trans_real import DjangoTranslation

    catalogue = DjangoTranslation("tr", domain="djangojs")
    assert catalogue.gettext("Collapse all") == "Tümünü daralt"
