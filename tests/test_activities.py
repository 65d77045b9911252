"""Activities and results: tagged content per activity, key figures, the timeline."""

import csv
import datetime
import importlib
import io
import json
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator

from activities.models import Activity, ActivityIndexPage, ActivityLink, KeyFigure, TimelinePage
from editorial import roles
from home.models import StandardPage
from news.models import NewsIndexPage, NewsPage
from tests.conftest import add_child_page, publish_translation, refreshed, site_homes

D = datetime.date
START, END = D(2019, 6, 1), D(2020, 6, 1)


@pytest.fixture(scope="module")
def sections_built(module_data):
    """Built once per module (see ``module_data``): the activities section with its
    timeline, and a news section, in both languages (no test lists the sections
    themselves: they are not tagged)."""
    tr_home = site_homes()["tr"]
    index_tr = add_child_page(tr_home, ActivityIndexPage, title="Faaliyetler", slug="faaliyetler")
    index_en = publish_translation(index_tr, "activities", title="Activities")
    timeline_tr = add_child_page(
        index_tr,
        TimelinePage,
        title="Zaman Çizelgesi",
        slug="zaman-cizelgesi",
        project_start=D(2019, 3, 8),
    )
    publish_translation(timeline_tr, "timeline", title="Timeline")
    news_tr = add_child_page(tr_home, NewsIndexPage, title="Haberler", slug="haberler")
    publish_translation(news_tr, "news", title="News")
    return {"activities": {"tr": index_tr, "en": index_en}, "news": news_tr}


@pytest.fixture
def activity_pages(sections_built, db):
    return refreshed(sections_built["activities"])


def make_activity(locales, number, title, start=START, end=END, en_title=None):
    tr = Activity.objects.create(
        locale=locales["tr"], number=number, title=title, planned_start=start, planned_end=end
    )
    en = tr.copy_for_translation(locales["en"])
    en.title = en_title or f"EN {title}"
    en.save()
    return tr, en


def tagged_pair(homes, add_page, translate, slug, activity):
    tr = add_page(homes["tr"], StandardPage, title=f"Haber {slug}", slug=slug)
    en = translate(tr, f"{slug}-en", title=f"News {slug}")
    ActivityLink.objects.create(activity=activity, page=tr)
    return tr, en


@pytest.mark.django_db
class TestActivityPage:
    def test_lists_exactly_its_tagged_live_content_of_the_language(
        self, client, locales, homes, activity_pages, add_page, translate
    ):
        mapping, _ = make_activity(locales, 1, "Haritalandırma")
        other, _ = make_activity(locales, 2, "Eğitim modülleri")
        tagged_pair(homes, add_page, translate, "saha", mapping)
        tagged_pair(homes, add_page, translate, "kit", other)
        draft_tr, draft_en = tagged_pair(homes, add_page, translate, "taslak", mapping)
        draft_en.unpublish()

        english = client.get("/en/activities/1/").text
        assert "News saha" in english
        assert "Haber saha" not in english
        assert "News kit" not in english
        assert "News taslak" not in english
        turkish = client.get("/tr/faaliyetler/1/").text
        assert "Haber saha" in turkish and "Haber taslak" in turkish
        assert "News saha" not in turkish

    def test_unknown_activity_is_a_localized_404(self, client, locales, activity_pages):
        response = client.get("/tr/faaliyetler/99/")
        assert response.status_code == 404
        assert "Sayfa bulunamadı" in response.text

    def test_queries_do_not_grow_with_tagged_content(
        self, client, locales, homes, activity_pages, add_page, translate
    ):
        activity, _ = make_activity(locales, 1, "Haritalandırma")

        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/en/activities/1/").status_code == 200
            return len(queries)

        client.get("/en/activities/1/")  # warm up the site and locale caches
        for n in range(2):
            tagged_pair(homes, add_page, translate, f"a{n}", activity)
        small = count()
        for n in range(2, 5):
            tagged_pair(homes, add_page, translate, f"a{n}", activity)
        assert count() == small


@pytest.mark.django_db
class TestTimeline:
    def test_every_activity_once_in_order(self, client, locales, activity_pages):
        for number in (3, 1, 2):
            make_activity(locales, number, f"Faaliyet {number}", en_title=f"Activity {number}")
        html = client.get("/en/activities/timeline/").text
        table = html[html.index("<tbody>") : html.index("</tbody>")]
        rows = re.findall(r'<th scope="row">(\d+)\. ([^<]+)</th>', table)
        assert rows == [("1", "Activity 1"), ("2", "Activity 2"), ("3", "Activity 3")]
        assert html.count('class="bar ') == 3
        assert "Faaliyet" not in table

    def test_queries_do_not_grow_with_activities_and_tags(
        self, client, locales, homes, activity_pages, add_page, translate
    ):
        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/tr/faaliyetler/zaman-cizelgesi/").status_code == 200
            return len(queries)

        client.get("/tr/faaliyetler/zaman-cizelgesi/")  # warm up the site and locale caches
        for number in range(1, 3):
            activity, _ = make_activity(locales, number, f"Faaliyet {number}")
            tagged_pair(homes, add_page, translate, f"t{number}", activity)
        small = count()
        for number in range(3, 6):
            activity, _ = make_activity(locales, number, f"Faaliyet {number}")
            tagged_pair(homes, add_page, translate, f"t{number}", activity)
        assert count() == small


def make_figure(locales, source, label="Görüşme", value=117):
    """A Turkish key figure whose source is ``source``."""
    return KeyFigure.objects.create(
        locale=locales["tr"],
        label=label,
        value=Decimal(value),
        date=D(2020, 6, 30),
        source_page=source,
    )


@pytest.mark.django_db
class TestKeyFigures:
    def figures_page(self, homes, add_page, figure):
        body = json.dumps(
            [{"type": "key_figures", "value": {"heading": "Rakamlar", "figures": [figure.pk]}}]
        )
        return add_page(homes["tr"], StandardPage, title="Rakamlar", slug="rakamlar", body=body)

    def test_figure_links_to_its_source(self, client, locales, homes, add_page):
        source = add_page(
            homes["tr"], StandardPage, title="Saha çalışmaları", slug="saha-calismalari"
        )
        figure = make_figure(locales, source)
        self.figures_page(homes, add_page, figure)
        html = client.get("/tr/rakamlar/").text
        assert "117" in html and "Görüşme" in html
        assert 'href="/tr/saha-calismalari/"' in html

    def test_unpublished_source_hides_the_link_not_the_figure(
        self, client, locales, homes, add_page
    ):
        source = add_page(
            homes["tr"], StandardPage, title="Saha çalışmaları", slug="saha-calismalari"
        )
        figure = make_figure(locales, source)
        self.figures_page(homes, add_page, figure)
        source.unpublish()
        html = client.get("/tr/rakamlar/").text
        assert "117" in html and "Görüşme" in html
        assert "saha-calismalari" not in html

    def test_private_source_hides_the_link(self, client, locales, homes, add_page):
        from wagtail.models import PageViewRestriction

        source = add_page(homes["tr"], StandardPage, title="İç rapor", slug="ic-rapor")
        PageViewRestriction.objects.create(page=source, restriction_type="login")
        figure = make_figure(locales, source)
        self.figures_page(homes, add_page, figure)
        html = client.get("/tr/rakamlar/").text
        assert "Görüşme" in html and "ic-rapor" not in html

    def test_queries_do_not_grow_with_figures(self, client, locales, homes, add_page):
        source = add_page(homes["tr"], StandardPage, title="Kaynak", slug="kaynak")
        figures = [make_figure(locales, source, label=f"Rakam {n}", value=n) for n in range(1, 9)]
        page = self.figures_page(homes, add_page, figures[0])

        def queries_with(chosen):
            page.body = json.dumps(
                [
                    {
                        "type": "key_figures",
                        "value": {"heading": "Rakamlar", "figures": [f.pk for f in chosen]},
                    }
                ]
            )
            page.save_revision().publish()
            client.get("/tr/rakamlar/")
            with CaptureQueriesContext(connection) as queries:
                html = client.get("/tr/rakamlar/").text
            assert all(f.label in html for f in chosen)
            return len(queries)

        assert queries_with(figures[:1]) == queries_with(figures)


@pytest.mark.django_db
def test_admin_refuses_end_before_start(client, locales):
    admin = get_user_model().objects.create_superuser("lead", "lead@example.org", "pw")
    client.force_login(admin)
    response = client.post(
        "/admin/snippets/activities/activity/add/?locale=tr",
        {
            "number": "1",
            "title": "Haritalandırma",
            "status": "planned",
            "planned_start": "2020-06-01",
            "planned_end": "2020-01-01",
        },
    )
    assert response.status_code == 200
    # The admin speaks the editor's language (Turkish by default).
    assert "Planlanan bitiş, planlanan başlangıçtan önce olamaz." in response.text
    assert not Activity.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, expected",
    [
        ("tr", {"Dil": "Türkçe", "Faaliyet no.": "7", "Durum": "Planlandı"}),
        ("en", {"Language": "Turkish", "Activity no.": "7", "Status": "Planned"}),
    ],
)
def test_donor_report_csv_opens_cleanly_in_the_admin_language(client, locales, language, expected):
    """Byte-order mark, headings and labels in the user's admin language, and an
    activity title that a spreadsheet would read as a formula kept as text."""
    from wagtail.users.models import UserProfile

    make_activity(locales, 7, "=1+1 Atölye", en_title="@Workshop")
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = language
    profile.save()
    client.force_login(admin)
    response = client.get(
        "/admin/reports/donor-report/", {"start": "2019-06-01", "end": "2020-06-01"}
    )
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    turkish = dict(zip(rows[0], next(row for row in rows if "'=1+1 Atölye" in row), strict=True))
    assert {heading: turkish.get(heading) for heading in expected} == expected, rows
    assert any("'@Workshop" in row for row in rows)
    assert not any("=1+1 Atölye" in row or "planned" in row for row in rows)


# --- tagging on the page's own form ---------------------------------------------------------


@pytest.fixture
def article(sections_built, db):
    """A published Turkish article, in a news section that has its English translation."""
    index = refreshed(sections_built["news"])
    return add_child_page(
        index, NewsPage, title="Saha çalışmaları başladı", slug="saha-calismalari"
    )


def article_form(page, activities):
    """The article's edit form as the admin posts it, with ``activities`` as new rows of
    its "Project activities" panel."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "date_published": "",
            "summary": page.summary,
            "lead_image": "",
            "body": streamfield([]),
            "organisation": "",
            "organisation_url": "",
            "tags": "",
            "activity_links": inline_formset([{"activity": a.pk} for a in activities]),
            "related_links": inline_formset([]),
            "listing_image": "",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )


def tag(page, *activities):
    """Tag ``page`` as its form does: in a new revision, published."""
    draft = page.get_latest_revision_as_object()
    draft.activity_links = [ActivityLink(activity=activity) for activity in activities]
    draft.save_revision().publish()


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.mark.django_db
class TestTaggingOnThePageForm:
    def test_editor_tags_an_article_and_both_languages_list_it(
        self, client, locales, activity_pages, article, translate, make_user
    ):
        mapping, _ = make_activity(locales, 1, "Haritalandırma", en_title="Mapping")
        translate(article, "field-studies", title="Field studies began")
        client.force_login(make_user("editor", roles.EDITORS))

        response = client.post(edit_url(article), article_form(article, [mapping]))

        assert response.status_code == 302, response.context["form"].errors
        # Saved in the article's draft, as its other fields are: live once published.
        assert not ActivityLink.objects.exists()
        article.refresh_from_db()
        revision = article.get_latest_revision()
        assert [link.activity for link in revision.as_object().activity_links.all()] == [mapping]
        revision.publish()  # what the moderator's approval does
        assert list(ActivityLink.objects.values_list("page", "activity")) == [
            (article.pk, mapping.pk)
        ]
        client.logout()
        turkish = client.get("/tr/faaliyetler/1/").text
        assert "Saha çalışmaları başladı" in turkish and "Field studies began" not in turkish
        # Tagged once, on the Turkish page: the English activity page lists its translation.
        english = client.get("/en/activities/1/").text
        assert "Field studies began" in english and "Saha çalışmaları başladı" not in english

    def test_choices_are_the_activities_of_the_page_language(
        self, client, locales, article, translate, make_user
    ):
        mapping, mapping_en = make_activity(locales, 1, "Haritalandırma", en_title="Mapping")
        english = translate(article, "field-studies", title="Field studies began")
        client.force_login(make_user("editor", roles.EDITORS))

        # The new row's template (no row yet) offers the page's language only.
        turkish_form = client.get(edit_url(article)).text
        assert "1. Haritalandırma" in turkish_form and "1. Mapping" not in turkish_form
        english_form = client.get(edit_url(english)).text
        assert "1. Mapping" in english_form and "1. Haritalandırma" not in english_form

        # The other language's activity, or one activity twice, is refused.
        response = client.post(edit_url(article), article_form(article, [mapping_en]))
        rows = response.context["form"].formsets["activity_links"]
        assert "activity" in rows.errors[0]
        response = client.post(edit_url(article), article_form(article, [mapping, mapping]))
        rows = response.context["form"].formsets["activity_links"]
        assert rows.non_form_errors()
        article.refresh_from_db()
        assert article.get_latest_revision_as_object().activity_links.count() == 0

        tag(article, mapping)
        turkish_form = client.get(edit_url(article)).text
        assert re.search(rf'<option value="{mapping.pk}" selected>1. Haritalandırma', turkish_form)

    def test_translation_is_tagged_with_the_activity_translation(
        self, client, locales, activity_pages, article
    ):
        mapping, mapping_en = make_activity(locales, 1, "Haritalandırma", en_title="Mapping")
        training, training_en = make_activity(locales, 3, "Eğitimler", en_title="Trainings")
        tag(article, mapping)

        TranslationCreator(None, [locales["en"]]).create_translations(article)

        english = article.get_translation(locales["en"]).specific
        assert [link.activity for link in english.activity_links.all()] == [mapping_en]
        # Its form shows the latest revision: the English activity is there too.
        draft = english.get_latest_revision_as_object()
        assert [link.activity for link in draft.activity_links.all()] == [mapping_en]
        # The activity itself was not sent for translation (which would have rewritten
        # its English text with the untranslated Turkish strings).
        mapping_en.refresh_from_db()
        assert mapping_en.title == "Mapping"
        assert not TranslationSource.objects.filter(object_id=mapping.translation_key).exists()

        english.get_latest_revision().publish()
        assert "Saha çalışmaları başladı" in client.get("/en/activities/1/").text

        # Tagged with another activity on the Turkish page: the next synchronisation
        # of the translation follows.
        tag(article, training)
        source, _ = TranslationSource.update_or_create_from_instance(article)
        source.create_or_update_translation(locales["en"], fallback=True)
        assert [link.activity for link in english.activity_links.all()] == [training_en]
        assert "Saha çalışmaları başladı" not in client.get("/en/activities/1/").text
        assert "Saha çalışmaları başladı" in client.get("/en/activities/3/").text

    def test_activity_screen_lists_the_tagged_pages_in_both_languages(
        self, client, locales, article, translate
    ):
        mapping, mapping_en = make_activity(locales, 1, "Haritalandırma", en_title="Mapping")
        tag(article, mapping)
        english = translate(article, "field-studies", title="Field studies began")
        # Wagtail's copy for translation carried the link, to the English activity.
        assert [link.activity for link in english.activity_links.all()] == [mapping_en]
        admin = get_user_model().objects.create_superuser("lead", "lead@example.org", "pw")
        client.force_login(admin)

        for activity in (mapping, mapping_en):
            url = reverse("wagtailsnippets_activities_activity:edit", args=[activity.pk])
            screen = client.get(url).text
            assert "Saha çalışmaları başladı" in screen and "Field studies began" in screen
            assert edit_url(article) in screen and edit_url(english) in screen


class RecordingBackend(BaseBackend):
    """A frontend cache that notes what it is asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)

    def ban(self, prefix):
        self.purged.append(prefix)


@pytest.mark.django_db
def test_untagging_a_page_purges_the_activity_pages(
    settings, django_capture_on_commit_callbacks, locales, activity_pages, article
):
    mapping, _ = make_activity(locales, 1, "Haritalandırma")
    tag(article, mapping)
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        tag(article)  # the article published with no activity

    # By then the article lists no activity, yet the pages that listed it are purged.
    assert not ActivityLink.objects.exists()
    assert any(url.endswith("/tr/faaliyetler/1/") for url in RecordingBackend.purged)
    assert any(url.endswith("/en/activities/1/") for url in RecordingBackend.purged)


@pytest.mark.django_db
def test_migration_gives_each_language_version_its_link(locales, homes, add_page, translate):
    migration = importlib.import_module("activities.migrations.0002_tags_in_each_page_language")
    mapping, mapping_en = make_activity(locales, 1, "Haritalandırma")
    training, training_en = make_activity(locales, 3, "Eğitimler")
    untranslated = Activity.objects.create(
        locale=locales["tr"], number=4, title="Konferans", planned_start=START, planned_end=END
    )
    page = add_page(homes["tr"], StandardPage, title="Saha", slug="saha")
    english = translate(page, "field", title="Field")
    # Before: tagged from either activity's screen, once for every language (rows as
    # they were, without ``ActivityLink.save``, which now follows the page's language).
    ActivityLink.objects.bulk_create(
        [
            ActivityLink(page=page, activity=mapping),
            ActivityLink(page=page, activity=mapping_en),  # the same activity again
            ActivityLink(page=english, activity=training),
            ActivityLink(page=english, activity=untranslated),
        ]
    )

    migration.tags_in_each_page_language(apps, None)

    def tags(version):
        return sorted(version.activity_links.values_list("activity__number", "activity__locale"))

    tr, en = locales["tr"].pk, locales["en"].pk
    assert tags(page) == [(1, tr), (3, tr), (4, tr)]
    assert tags(english) == [(1, en), (3, en), (4, tr)]  # 4 has no English version
    assert set(mapping.tagged_pages(locales["en"])) == {english.page_ptr}
