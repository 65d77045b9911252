"""Activities and results: tagged content per activity, key figures, the timeline."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Activity, ActivityIndexPage, ActivityLink, KeyFigure, TimelinePage
from home.models import StandardPage

D = datetime.date
START, END = D(2019, 6, 1), D(2020, 6, 1)


@pytest.fixture
def activity_pages(homes, add_page, translate):
    index_tr = add_page(homes["tr"], ActivityIndexPage, title="Faaliyetler", slug="faaliyetler")
    index_en = translate(index_tr, "activities", title="Activities")
    timeline_tr = add_page(
        index_tr,
        TimelinePage,
        title="Zaman Çizelgesi",
        slug="zaman-cizelgesi",
        project_start=D(2019, 3, 8),
    )
    translate(timeline_tr, "timeline", title="Timeline")
    return {"tr": index_tr, "en": index_en}


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
        for n in range(5):
            tagged_pair(homes, add_page, translate, f"a{n}", activity)
        small = count()
        for n in range(5, 50):
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
        for number in range(1, 6):
            activity, _ = make_activity(locales, number, f"Faaliyet {number}")
            tagged_pair(homes, add_page, translate, f"t{number}", activity)
        small = count()
        for number in range(6, 51):
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
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
            "links-MIN_NUM_FORMS": "0",
            "links-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    # The admin speaks the editor's language (Turkish by default).
    assert "Planlanan bitiş, planlanan başlangıçtan önce olamaz." in response.text
    assert not Activity.objects.exists()
