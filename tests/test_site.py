"""The foundation: both languages, the switcher and hreflang, footer, errors, demo content."""

import re
import subprocess
import sys

import pytest
from django.db import connection

from home.models import InfoNotePage, StandardPage
from tests.support.bilingual import assert_localized_404


@pytest.fixture
def info_note(homes, add_page, translate):
    tr = add_page(
        homes["tr"],
        InfoNotePage,
        title="Proje Bilgi Notu",
        slug="proje-bilgi-notu",
        background="<p>Türkiye göç alan ve göç veren bir ülkedir.</p>",
    )
    en = translate(
        tr,
        "project-info-note",
        title="Project Info Note",
        background="<p>Türkiye is a country of destination and origin.</p>",
    )
    return {"tr": tr, "en": en}


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


@pytest.mark.django_db
class TestHomes:
    def test_each_home_renders_in_its_language(self, client, homes):
        for code in ("tr", "en"):
            response = client.get(f"/{code}/")
            assert response.status_code == 200
            assert f'<html lang="{code}"' in response.text

    def test_interface_strings_are_translated(self, client, homes):
        assert "Ana içeriğe atla" in client.get("/tr/").text
        assert "Skip to main content" in client.get("/en/").text

    def test_footer_funding_statement_in_each_language(self, client, homes):
        tr = client.get("/tr/").text
        en = client.get("/en/").text
        assert (
            "Bu proje Avrupa Birliği ve Türkiye Cumhuriyeti tarafından finanse edilmektedir" in tr
        )
        assert "funded by the European Union and the Republic of Türkiye" in en
        assert "finanse edilmektedir" not in en

    def test_root_redirects_by_accept_language(self, client, homes):
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="tr-TR,tr;q=0.9")["Location"] == "/tr/"

    def test_root_redirects_to_turkish_when_unsure(self, client, homes):
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")["Location"] == "/tr/"
        assert client.get("/")["Location"] == "/tr/"


@pytest.mark.django_db
class TestLanguageSwitcher:
    def test_switcher_on_turkish_info_note_leads_to_english_info_note(self, client, info_note):
        html = client.get("/tr/proje-bilgi-notu/").text
        switcher = html[html.index('class="language-switcher"') :]
        switcher = switcher[: switcher.index("</nav>")]
        assert 'href="/en/project-info-note/"' in switcher
        english = client.get("/en/project-info-note/")
        assert english.status_code == 200
        assert "Project Info Note" in english.text

    def test_hreflang_links_point_at_each_other(self, client, info_note):
        tr_links = hreflangs(client.get("/tr/proje-bilgi-notu/").text)
        en_links = hreflangs(client.get("/en/project-info-note/").text)
        assert tr_links == en_links
        assert tr_links["tr"].endswith("/tr/proje-bilgi-notu/")
        assert tr_links["en"].endswith("/en/project-info-note/")
        assert tr_links["x-default"] == tr_links["tr"]

    def test_untranslated_page_switches_to_fallback_and_says_so(self, client, homes, add_page):
        # Changed by the bilingual app: an untranslated page's switcher leads to the page
        # itself in the other language's chrome (with a notice), no longer to that home.
        page = add_page(homes["tr"], StandardPage, title="Yalnız Türkçe", slug="yalniz-turkce")
        html = client.get("/tr/yalniz-turkce/").text
        assert f'href="/en/untranslated/{page.pk}/"' in html
        assert "not yet translated" in html
        assert 'hreflang="en"' not in html.split("</head>")[0]

    def test_canonical_is_absolute_and_in_page_language(self, client, info_note):
        html = client.get("/en/project-info-note/").text
        assert '<link rel="canonical" href="http://testserver/en/project-info-note/">' in html


@pytest.mark.django_db
class TestErrors:
    @pytest.mark.parametrize(
        ("url", "lang"), [("/tr/yok-boyle-bir-sayfa/", "tr"), ("/en/no-such-page/", "en")]
    )
    def test_localized_404(self, client, homes, url, lang):
        assert_localized_404(client.get(url), lang)

    @pytest.mark.parametrize(
        ("url", "other", "other_home"),
        [("/tr/yok-boyle-bir-sayfa/", "en", "/en/"), ("/en/no-such-page/", "tr", "/tr/")],
    )
    def test_404_switcher_leads_to_the_other_home_and_claims_no_alternate(
        self, client, homes, url, other, other_home
    ):
        """The same path in the other language would not be found either."""
        html = client.get(url).text
        switch = re.search(rf'<a href="([^"]+)" hreflang="{other}"', html)
        assert switch is not None and switch.group(1) == other_home
        assert client.get(switch.group(1)).status_code == 200
        assert 'rel="alternate" hreflang' not in html

    def test_unprefixed_public_path_leads_to_the_turkish_404(self, client, homes):
        response = client.get("/yok-boyle-bir-sayfa/", follow=True)
        assert response.redirect_chain[0][0] == "/tr/yok-boyle-bir-sayfa/"
        assert response.status_code == 404

    @pytest.mark.parametrize("url", ["/admin/no-such-view/", "/documents/999999/missing.pdf"])
    def test_admin_and_document_typos_stay_404_where_they_are(self, admin_client, homes, url):
        response = admin_client.get(url)
        assert response.status_code == 404  # not a redirect to /tr/admin/... (a public 404)

    def test_info_note_shows_its_structure(self, client, info_note):
        html = client.get("/tr/proje-bilgi-notu/").text
        assert "Geçmiş" in html or "Proje Geçmişi" in html
        assert "Türkiye göç alan" in html


def _run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], capture_output=True, text=True, env=env, timeout=120
    )


PRODUCTION_REQUIRED = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "example.org",
    "WAGTAILADMIN_BASE_URL": "https://example.org",
    "TRUSTED_PROXY_COUNT": "2",
}


@pytest.mark.parametrize("missing", list(PRODUCTION_REQUIRED))
def test_production_without_required_variable_stops_with_one_line(missing):
    import os

    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_REQUIRED}
    env["DJANGO_SETTINGS_MODULE"] = "website.settings.production"
    env.update(PRODUCTION_REQUIRED)
    del env[missing]
    result = _run_manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_production_settings_pass_check_deploy():
    import os

    # The browser tests allow async-unsafe calls in their own process; production never does.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "website.settings.production",
            **PRODUCTION_REQUIRED,
            "SECRET_KEY": "k3y-" + "a9Zq" * 15,
            "REDIS_URL": "redis://127.0.0.1:6379/9",  # not connected to by the checks
        }
    )
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    # Without a shared cache, several workers would each purge and rate-limit alone.
    del env["REDIS_URL"]
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0 and "website.W001" in result.stdout + result.stderr


@pytest.mark.django_db
def test_snippets_of_a_language_fall_back_to_turkish_in_one_query(homes, locales):
    """Site profile and partners: the active language's rows, or Turkish ones when that
    language has none yet (asked in a single query)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from home.models import Partner

    tr = Partner.objects.create(locale=locales["tr"], name="Göç İdaresi", acronym="GİB")
    with translation.override("en"), CaptureQueriesContext(connection) as queries:
        assert list(Partner.objects.for_active_language()) == [tr]
    assert len(queries) == 1
    en = tr.copy_for_translation(locales["en"])
    en.name = "Presidency of Migration Management"
    en.save()
    with translation.override("en"):
        assert list(Partner.objects.for_active_language()) == [en]
    with translation.override("tr"):
        assert list(Partner.objects.for_active_language()) == [tr]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's flush")
def test_flush_deletes_rows_and_truncates_only_where_deleting_cannot_do():
    # website/database/base.py: every transactional test ends with a flush.
    from django.core.management.color import no_style

    ops = connection.ops
    assert ops.sql_flush(no_style(), ["news_newspage", "wagtailcore_page"]) == [
        'DELETE FROM "news_newspage";',
        'DELETE FROM "wagtailcore_page";',
    ]
    assert ops.sql_flush(no_style(), ["news_newspage"], reset_sequences=True) == [
        'TRUNCATE "news_newspage" RESTART IDENTITY;'
    ]
    assert ops.sql_flush(no_style(), ["news_newspage"], allow_cascade=True) == [
        'TRUNCATE "news_newspage" CASCADE;'
    ]
