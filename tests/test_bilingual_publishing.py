"""Issue 18: each language shows only what was written or translated for it, and a page
reaches readers in any language only through review, its schedule and its privacy.

Driven through the real admin views as each README role (editor, moderator,
translator), in both directions (Turkish source, English source); each test says what
an anonymous reader finds at the page's URL, in the news list, on the home page, in
the feed, the sitemap and the search, and what the page log records."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, PageViewRestriction

from bilingual import publishing
from editorial import roles
from home.models import StandardPage
from news.models import NewsIndexPage, NewsPage
from tests.conftest import add_child_page, publish_translation, refreshed, site_homes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("indexes_built")]

WORD = {"tr": "zeytinyağlısözcük", "en": "marmaladeword"}


@pytest.fixture
def users(make_user):
    return {
        "editor": make_user("editor", roles.EDITORS),
        "moderator": make_user("moderator", roles.MODERATORS),
        "translator": make_user("translator", roles.TRANSLATORS),
    }


@pytest.fixture(autouse=True)
def _commit_callbacks(django_capture_on_commit_callbacks):
    """wagtail-localize publishes a translation once the transaction commits; each
    test runs inside one, so run those callbacks as the request ends."""
    global run_on_commit
    run_on_commit = django_capture_on_commit_callbacks


def committed(call, *args, **kwargs):
    with run_on_commit(execute=True):
        return call(*args, **kwargs)


@pytest.fixture
def as_user(client, users):
    def _as(name):
        client.logout()
        client.force_login(users[name])
        return client

    return _as


@pytest.fixture(scope="module")
def indexes_built(module_data):
    """Both homes (``homes`` finds them) and the news index in each language, built
    once for every test of the module (``pytestmark``); each test adds its own articles."""
    index_tr = add_child_page(site_homes()["tr"], NewsIndexPage, title="Haberler", slug="haberler")
    return {"tr": index_tr, "en": publish_translation(index_tr, "news", title="News")}


@pytest.fixture
def indexes(indexes_built, db):
    return refreshed(indexes_built)


def article(index, title, slug, language, publish=True, **fields):
    page = NewsPage(
        title=title,
        slug=slug,
        summary=f"{title} {WORD[language]}",
        body=[("paragraph", f"<p>{WORD[language]} {title}</p>")],
        live=publish,
        **fields,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def reader_sees(client, language, text):
    """Where an anonymous reader of ``language`` finds ``text``."""
    client.logout()
    prefix = f"/{language}/"
    news = "/tr/haberler/" if language == "tr" else "/en/news/"
    urls = {
        "home": prefix,
        "news list": news,
        "feed": news + "feed/rss/",
        "search": prefix
        + ("ara/" if language == "tr" else "search/")
        + "?q="
        + WORD["tr" if text == WORD["tr"] else "en"],
    }
    found = {name for name, url in urls.items() if text in client.get(url).content.decode()}
    return found


def sitemap_urls(client):
    client.logout()
    return client.get("/sitemap.xml").content.decode()


def log_actions(page):
    return list(
        PageLogEntry.objects.filter(page_id=page.pk)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def submit_translation(client, page, locale):
    return committed(
        client.post,
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale.pk]},
    )


def publish_in_translation_editor(client, page):
    return committed(
        client.post, reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
    )


# --- no language shows another's pages ----------------------------------------------------


class TestNoPageShownAsTheOtherLanguage:
    def test_published_turkish_article_stays_out_of_english(self, client, indexes, locales):
        page = article(indexes["tr"], "Kapanış Toplantısı", "kapanis-toplantisi", "tr")
        assert page.get_translation_or_none(locales["en"]) is None  # no alias made
        assert reader_sees(client, "tr", "Kapanış Toplantısı") >= {"home", "news list", "feed"}
        assert reader_sees(client, "en", "Kapanış Toplantısı") == set()
        sitemap = sitemap_urls(client)
        assert "/tr/haberler/kapanis-toplantisi/" in sitemap
        assert "/en/news/kapanis-toplantisi/" not in sitemap
        assert client.get("/en/news/kapanis-toplantisi/").status_code == 404

        # The switcher on the Turkish page leads to the notice, which marks the text
        # as Turkish, is not indexed and points at the original.
        notice_url = f"/en/untranslated/{page.pk}/"
        assert notice_url in client.get("/tr/haberler/kapanis-toplantisi/").content.decode()
        notice = client.get(notice_url)
        html = notice.content.decode()
        assert notice.status_code == 200
        assert notice["X-Robots-Tag"] == "noindex"
        assert '<main id="main" tabindex="-1" lang="tr">' in html
        assert 'rel="canonical" href="http://testserver/tr/haberler/kapanis-toplantisi/"' in html

    def test_published_english_article_stays_out_of_turkish(self, client, indexes, locales):
        page = article(indexes["en"], "Closing meeting", "closing-meeting", "en")
        assert page.get_translation_or_none(locales["tr"]) is None
        assert "news list" in reader_sees(client, "en", "Closing meeting")
        assert reader_sees(client, "tr", "Closing meeting") == set()
        notice = client.get(f"/tr/untranslated/{page.pk}/")
        assert notice.status_code == 200
        assert 'lang="en"' in notice.content.decode()

    def test_migration_deletes_live_aliases_and_keeps_translated_sections(
        self, client, indexes, locales, homes, add_page, translate
    ):
        from django.apps import apps
        from wagtail_localize.models import LocaleSynchronization

        migration = __import__("bilingual.migrations.0001_no_live_aliases", fromlist=["forwards"])
        LocaleSynchronization.objects.create(locale=locales["en"], sync_from=locales["tr"])
        page = article(indexes["tr"], "Eski Haber", "eski-haber", "tr")
        page.copy_for_translation(locales["en"], alias=True)  # what the sync used to make
        # A section aliased into English whose page was then translated one by one.
        section = add_page(homes["tr"], StandardPage, title="Bölüm", slug="bolum")
        child = add_page(section, StandardPage, title="Alt", slug="alt")
        section_alias = section.copy_for_translation(locales["en"], alias=True)
        translate(child, "sub", title="Sub")
        assert client.get("/en/news/eski-haber/").status_code == 200  # the leak
        assert "Eski Haber" in client.get("/en/news/").content.decode()

        migration.forwards(apps, None)

        assert not LocaleSynchronization.objects.exists()
        assert page.get_translation_or_none(locales["en"]) is None
        assert client.get("/en/news/eski-haber/").status_code == 404
        assert "Eski Haber" not in client.get("/en/news/").content.decode()
        indexes["en"].refresh_from_db()
        assert indexes["en"].numchild == indexes["en"].get_children().count() == 0
        indexes["en"].add_child(instance=NewsPage(title="Later", slug="later"))  # tree intact
        section_alias.refresh_from_db()
        assert section_alias.alias_of_id is None and not section_alias.live
        assert client.get("/en/bolum/").status_code == 404
        assert client.get("/en/bolum/sub/").status_code == 200


# --- translating: drafts, rights in the target tree ----------------------------------------


def test_the_slug_is_beside_the_title_for_editors_and_translators(as_user, indexes, locales):
    """An editor sees the page's address on the Content tab under its title; in
    wagtail-localize's editor the translator finds the slug among the title's strings
    (it groups strings by the edit form's tabs), not on another tab."""
    import html
    import json
    import re

    source = article(indexes["tr"], "Saha Ziyareti", "saha-ziyareti", "tr")
    editor = as_user("editor")
    form = editor.get(reverse("wagtailadmin_pages:edit", args=[source.pk])).text
    panels = form.split('role="tabpanel"')
    assert len(panels) > 2  # Content, then the other tabs
    assert 'name="title"' in panels[1] and 'name="slug"' in panels[1]
    assert 'name="slug"' not in "".join(panels[2:])

    translator = as_user("translator")
    submit_translation(translator, source, locales["en"])
    draft = source.get_translation(locales["en"])
    page = translator.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).text
    props = json.loads(html.unescape(re.search(r'data-props="([^"]+)"', page).group(1)))
    tabs = {
        segment["location"]["field"]: segment["location"]["tab"] for segment in props["segments"]
    }
    assert tabs["Slug"] == tabs["Title"]


class TestTranslatingChecksTheTargetTree:
    def test_translator_journey_turkish_to_english(self, client, as_user, indexes, locales):
        source = article(
            indexes["tr"],
            "Saha Ziyareti",
            "saha-ziyareti",
            "tr",
            date_published=timezone.make_aware(datetime.datetime(2025, 3, 4, 10)),
        )
        translator = as_user("translator")
        submit_translation(translator, source, locales["en"])
        draft = source.get_translation(locales["en"]).specific
        assert not draft.live
        assert "wagtail.publish" not in log_actions(draft)
        assert reader_sees(client, "en", "Saha Ziyareti") == set()

        publish_in_translation_editor(as_user("translator"), draft)
        draft.refresh_from_db()
        assert draft.live
        assert log_actions(draft)[-1] == "wagtail.publish"
        assert draft.date_published == source.date_published
        assert draft.first_published_at == source.first_published_at
        assert "news list" in reader_sees(client, "en", "Saha Ziyareti")
        assert "/en/news/saha-ziyareti/" in sitemap_urls(client)

    def test_translator_cannot_create_turkish_pages(self, as_user, indexes, locales):
        source = article(indexes["en"], "English first", "english-first", "en")
        response = submit_translation(as_user("translator"), source, locales["tr"])
        assert response.status_code == 200
        assert "You may not create or edit pages in this language: Turkish" in (
            response.content.decode()
        )
        assert source.get_translation_or_none(locales["tr"]) is None

    def test_editor_translation_into_turkish_is_a_draft_they_cannot_publish(
        self, client, as_user, indexes, locales
    ):
        source = article(indexes["en"], "English first", "english-first", "en")
        editor = as_user("editor")
        submit_translation(editor, source, locales["tr"])
        draft = source.get_translation(locales["tr"])
        assert not draft.live
        refused = publish_in_translation_editor(editor, draft)
        assert refused.status_code == 302 and refused.url == "/admin/"  # permission denied
        draft.refresh_from_db()
        assert not draft.live
        assert "wagtail.publish" not in log_actions(draft)
        assert reader_sees(client, "tr", "English first") == set()

    @pytest.mark.parametrize("role", ["translator", "editor"])
    @pytest.mark.parametrize("route", ["section sync", "localize update"])
    def test_sync_with_publish_never_publishes_where_the_user_may_not(
        self, client, as_user, indexes, locales, role, route
    ):
        from wagtail_localize.models import TranslationSource

        source = article(indexes["en"], "English first", "english-first", "en")
        submit_translation(as_user("moderator"), source, locales["tr"])
        target = source.get_translation(locales["tr"])
        publish_in_translation_editor(as_user("moderator"), target)
        target.refresh_from_db()
        assert target.live
        published_before = log_actions(target).count("wagtail.publish")

        # The user rewrites the English source (as a draft: only its strings matter)...
        source.title = "Arbitrary text"
        source.body = [("paragraph", "<p>Arbitrary text</p>")]
        source.save_revision().publish()
        client = as_user(role)
        if route == "section sync":
            client.post(reverse("editorial_sync_section", args=[source.pk]), {"publish": "1"})
        else:
            translation_source = TranslationSource.objects.get_for_instance(source)
            committed(
                client.post,
                reverse("wagtail_localize:update_translations", args=[translation_source.pk]),
                {"publish_translations": "on"},
            )
        target.refresh_from_db()
        assert target.live
        assert target.title == "English first"
        assert log_actions(target).count("wagtail.publish") == published_before
        client.logout()
        page = client.get(target.url).content.decode()
        assert "Arbitrary text" not in page
        assert reader_sees(client, "tr", "Arbitrary text") == set()
        if role == "editor":  # may edit the Turkish tree: a draft waits for review
            assert target.get_latest_revision().as_object().title == "Arbitrary text"
        else:  # no rights in the Turkish tree: left alone
            assert target.get_latest_revision().as_object().title == "English first"


# --- go-live, expiry and unpublishing in every language at once ---------------------------


class TestOneScheduleForAllLanguages:
    def test_translation_of_a_scheduled_source_goes_live_with_it(
        self, client, as_user, indexes, locales
    ):
        go_live = timezone.now() + datetime.timedelta(days=2)
        source = article(indexes["tr"], "Planlı Haber", "planli-haber", "tr", publish=False)
        source.go_live_at = go_live
        source.save_revision(user=None).publish()
        source.refresh_from_db()
        assert not source.live

        submit_translation(as_user("moderator"), source, locales["en"])
        target = source.get_translation(locales["en"])
        publish_in_translation_editor(as_user("translator"), target)
        target.refresh_from_db()
        assert not target.live
        assert target.scheduled_revision.approved_go_live_at == go_live
        assert "wagtail.publish.schedule" in log_actions(target)
        assert client.get("/en/news/planli-haber/").status_code == 404
        assert reader_sees(client, "en", "Planlı Haber") == set()
        assert "planli-haber" not in sitemap_urls(client)

        with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
            call_command("publish_scheduled")
        source.refresh_from_db()
        target.refresh_from_db()
        assert source.live and target.live
        assert client.get("/en/news/planli-haber/").status_code == 200
        assert target.first_published_at == source.first_published_at

    @pytest.mark.parametrize("direction", [("tr", "en"), ("en", "tr")])
    def test_translation_of_an_unpublished_source_is_held(
        self, client, as_user, indexes, locales, direction
    ):
        source_language, target_language = direction
        source = article(
            indexes[source_language], "Taslak Kaynak", "taslak", source_language, publish=False
        )
        submit_translation(as_user("moderator"), source, locales[target_language])
        target = source.get_translation(locales[target_language])
        publish_in_translation_editor(as_user("moderator"), target)
        target.refresh_from_db()
        assert not target.live
        assert log_actions(target)[-1] == publishing.HELD
        assert client.get(target.url or "/x/").status_code == 404 if target.url else True
        assert reader_sees(client, target_language, "Taslak Kaynak") == set()

        source.save_revision().publish()
        target.refresh_from_db()
        assert target.live
        assert log_actions(target)[-1] == "wagtail.publish"
        assert "news list" in reader_sees(client, target_language, "Taslak Kaynak")

    def test_unpublishing_the_source_unpublishes_translations(
        self, client, as_user, indexes, locales
    ):
        source = article(indexes["tr"], "Geri Çekilen", "geri-cekilen", "tr")
        submit_translation(as_user("moderator"), source, locales["en"])
        target = source.get_translation(locales["en"])
        publish_in_translation_editor(as_user("moderator"), target)
        target.refresh_from_db()
        assert target.live

        as_user("moderator").post(reverse("wagtailadmin_pages:unpublish", args=[source.pk]))
        source.refresh_from_db()
        target.refresh_from_db()
        assert not source.live and not target.live
        assert log_actions(target)[-2:] == [publishing.UNPUBLISHED_WITH_SOURCE, publishing.HELD]
        assert reader_sees(client, "en", "Geri Çekilen") == set()
        assert client.get("/en/news/geri-cekilen/").status_code == 404

        # Published again, the source brings its translation back.
        source.save_revision().publish()
        target.refresh_from_db()
        assert target.live
        assert "news list" in reader_sees(client, "en", "Geri Çekilen")

    def test_a_translation_cannot_become_an_alias_again(self, as_user, indexes, locales):
        source = article(indexes["tr"], "Takma Ad", "takma-ad", "tr")
        submit_translation(as_user("moderator"), source, locales["en"])
        target = source.get_translation(locales["en"])
        editor = as_user("editor")
        editor.post(reverse("wagtail_localize:convert_to_alias", args=[target.pk]))
        target.refresh_from_db()
        assert target.alias_of_id is None
        edit = editor.get(reverse("wagtailadmin_pages:edit", args=[target.pk])).content.decode()
        assert "cannot be turned back into an alias" in edit
        assert "localize-convert-to-alias" not in edit

    def test_expiry_of_the_source_expires_translations(self, client, indexes, locales, translate):
        source = article(indexes["tr"], "Süreli", "sureli", "tr")
        target = translate(source, "timed", title="Timed")
        source.expire_at = timezone.now() + datetime.timedelta(hours=1)
        source.save_revision().publish()
        with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
            call_command("publish_scheduled")
        target.refresh_from_db()
        assert not target.live and target.expired
        assert client.get("/en/news/timed/").status_code == 404

    def test_translation_keeps_the_date_an_editor_gave_it(self, indexes, locales, translate):
        source = article(indexes["tr"], "Tarihli", "tarihli", "tr")
        own = timezone.make_aware(datetime.datetime(2020, 1, 2, 9))
        target = translate(source, "dated", title="Dated", date_published=own)
        assert target.date_published == own
        assert target.first_published_at == source.first_published_at


# --- privacy across languages -------------------------------------------------------------


def set_privacy(client, page, restriction_type):
    return client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction_type": restriction_type, "password": "", "groups": []},
    )


class TestPrivacyCoversTranslations:
    def test_restricting_a_turkish_page_restricts_its_english_translation(
        self, client, as_user, indexes, translate
    ):
        source = article(indexes["tr"], "Gizli Haber", "gizli-haber", "tr")
        target = translate(source, "secret-news", title="Secret news")
        set_privacy(as_user("moderator"), source, PageViewRestriction.LOGIN)
        assert PageViewRestriction.objects.filter(page=target).exists()
        client.logout()
        assert client.get("/en/news/secret-news/").status_code == 302  # to the login
        assert reader_sees(client, "en", "Secret news") == set()
        assert "secret-news" not in sitemap_urls(client)

    def test_private_page_is_never_shown_by_the_fallback_notice(self, client, as_user, indexes):
        source = article(indexes["tr"], "Yalnız Türkçe", "yalniz", "tr")
        set_privacy(as_user("moderator"), source, PageViewRestriction.LOGIN)
        client.logout()
        assert client.get(f"/en/untranslated/{source.pk}/").status_code == 404

    def test_editor_sync_does_not_lift_a_translations_restriction(
        self, client, as_user, indexes, locales
    ):
        source = article(indexes["en"], "English source", "english-source", "en")
        submit_translation(as_user("moderator"), source, locales["tr"])
        target = source.get_translation(locales["tr"])
        publish_in_translation_editor(as_user("moderator"), target)
        set_privacy(as_user("moderator"), target, PageViewRestriction.LOGIN)
        # Restricting the Turkish page covered its English source too; an editor,
        # refused the privacy dialog, syncs the source's translations.
        editor = as_user("editor")
        assert set_privacy(editor, source, "none").status_code in (302, 403)
        editor.post(reverse("editorial_sync_section", args=[source.pk]))
        assert PageViewRestriction.objects.filter(page=target).exists()
        client.logout()
        target.refresh_from_db()
        assert client.get(target.url).status_code == 302

    def test_restriction_copies_pick_up_the_groups(self, as_user, indexes, translate):
        from django.contrib.auth.models import Group

        source = article(indexes["tr"], "Grup", "grup", "tr")
        target = translate(source, "group", title="Group")
        moderators = Group.objects.get(name=roles.MODERATORS)
        as_user("moderator").post(
            reverse("wagtailadmin_pages:set_privacy", args=[source.pk]),
            {"restriction_type": PageViewRestriction.GROUPS, "groups": [moderators.pk]},
        )
        copy = PageViewRestriction.objects.get(page=target)
        assert list(copy.groups.all()) == [moderators]


def test_live_pages_of_a_language_are_written_in_it(indexes, locales):
    """Nothing in the English tree is an alias of a Turkish page (or the reverse)."""
    article(indexes["tr"], "Bir", "bir", "tr")
    assert not Page.objects.filter(alias_of__isnull=False).exists()


class TestPrivacyReachesEveryRoute:
    def test_newsletter_never_mails_a_restricted_page(self, as_user, indexes, locales):
        from newsletter.emails import featured_items
        from newsletter.models import NewsletterIssue

        public = article(indexes["tr"], "Açık Haber", "acik", "tr")
        private = article(indexes["tr"], "Kapalı Haber", "kapali", "tr")
        set_privacy(as_user("moderator"), private, PageViewRestriction.LOGIN)
        issue = NewsletterIssue.objects.create(
            locale=locales["tr"],
            subject="Bülten",
            featured=[
                ("item", {"page": public, "note": ""}),
                ("item", {"page": private, "note": ""}),
            ],
        )
        titles = [item["title"] for item in featured_items(issue, "https://example.org")]
        assert titles == ["Açık Haber"]

    def test_document_linked_only_from_a_private_page_needs_the_pages_access(
        self, client, as_user, indexes, homes
    ):
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model

        document = get_document_model().objects.create(
            title="Rapor", file=ContentFile(b"%PDF-1.4 report", name="rapor.pdf")
        )
        link = f'<p><a linktype="document" id="{document.pk}">Rapor</a></p>'
        page = StandardPage(title="Üyeler", slug="uyeler", body=[("paragraph", link)])
        homes["tr"].add_child(instance=page)
        page.save_revision().publish()
        client.logout()
        url = document.url
        assert client.get(url).status_code == 200  # linked from a public page
        set_privacy(as_user("moderator"), page, PageViewRestriction.LOGIN)
        client.logout()
        refused = client.get(url)
        assert refused.status_code == 302 and "/login/" in refused.url
        as_user("editor")
        assert client.get(url).status_code == 200


def test_category_choices_follow_the_page_language(admin_client, indexes, locales):
    from news.models import NewsCategory

    tr = NewsCategory.objects.create(locale=locales["tr"], name="Çalıştaylar", slug="calistaylar")
    en = tr.copy_for_translation(locales["en"])
    en.name, en.slug = "Workshops", "workshops"
    en.save()
    add = reverse("wagtailadmin_pages:add", args=["news", "newspage", indexes["tr"].pk])
    form = admin_client.get(add).content.decode()
    assert "Çalıştaylar" in form and "Workshops" not in form
    add = reverse("wagtailadmin_pages:add", args=["news", "newspage", indexes["en"].pk])
    form = admin_client.get(add).content.decode()
    assert "Workshops" in form and "Çalıştaylar" not in form


def test_image_texts_follow_the_page_language(client, indexes, translate):
    from tests.test_news import make_image

    image = make_image()
    image.description, image.caption, image.credit = "Mavi bir dikdörtgen", "Altyazı", "Ekip"
    image.description_en, image.caption_en = "A blue rectangle", ""
    image.save()
    source = article(indexes["tr"], "Resimli", "resimli", "tr", lead_image=image)
    translate(source, "with-image", title="With image", lead_image=image)
    turkish = client.get("/tr/haberler/resimli/").content.decode()
    assert 'alt="Mavi bir dikdörtgen"' in turkish and "A blue rectangle" not in turkish
    english = client.get("/en/news/with-image/").content.decode()
    assert 'alt="A blue rectangle"' in english and "Mavi bir dikdörtgen" not in english
    # No English caption or credit yet: the Turkish ones, marked as Turkish.
    assert '<span lang="tr">Altyazı</span>' in english
    assert '<span class="credit" lang="tr">© Ekip</span>' in english


def test_tags_are_translated_with_the_page(client, as_user, indexes, locales):
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

    source = article(indexes["tr"], "Etiketli", "etiketli", "tr")
    source.tags.set(["göç", "saha çalışması"])
    source.save_revision().publish()
    submit_translation(as_user("translator"), source, locales["en"])
    draft = source.get_translation(locales["en"]).specific

    english = {"göç": "migration", "saha çalışması": "field study", "Etiketli": "Tagged"}
    translation_source = TranslationSource.objects.get_for_instance(source)
    for segment in StringSegment.objects.filter(source=translation_source).select_related(
        "string", "context"
    ):
        if segment.string.data in english:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locales["en"],
                context=segment.context,
                data=english[segment.string.data],
            )
    editor = as_user("translator").get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert editor.status_code == 200
    assert "saha \\u00e7al\\u0131\\u015fmas\\u0131" in editor.content.decode()  # in its props
    publish_in_translation_editor(as_user("translator"), draft)
    draft.refresh_from_db()
    assert sorted(draft.tags.names()) == ["field study", "migration"]
    source.refresh_from_db()
    assert sorted(source.tags.names()) == ["göç", "saha çalışması"]
    client.logout()
    page = client.get(draft.url).content.decode()
    assert "migration" in page and "göç" not in page
    assert client.get("/en/news/etiket/goc/").status_code == 404
    tag_list = client.get("/en/news/").content.decode()
    assert "göç" not in tag_list
