"""Bilingual editing: Turkish-correct slugs, the reader's fallback for untranslated
pages, and the terminology glossary."""

import inspect
import re

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from bilingual.text import collation_key, fold, turkish_slugify
from home.models import StandardPage

TITLES = {
    "Kapanış Toplantısı": "kapanis-toplantisi",
    "İstanbul Çalıştayı": "istanbul-calistayi",
    "Göç ve Uluslararası Koruma": "goc-ve-uluslararasi-koruma",
    "ŞEHİR DIŞI ÜÇ GÜN": "sehir-disi-uc-gun",
}


def standard_page_form(title, slug="", body_text=""):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "",
            "summary": "",
            "body": streamfield([("paragraph", rich_text(body_text))] if body_text else []),
        }
    )


def switcher(html):
    nav = html[html.index('class="language-switcher"') :]
    return nav[: nav.index("</nav>")]


# --- Slugs -------------------------------------------------------------------------


@pytest.mark.parametrize(("title", "slug"), TITLES.items())
def test_turkish_slugify(title, slug):
    assert turkish_slugify(title) == slug


def test_turkish_slugify_falls_back_when_nothing_is_left():
    assert turkish_slugify("!!! 🎉 ???", fallback="sayfa") == "sayfa"
    assert turkish_slugify("Âdet ve îman ûslûbu") == "adet-ve-iman-uslubu"


def test_turkish_fold():
    assert fold("IŞIK", "tr") == fold("ışık", "tr")
    assert fold("İSTANBUL", "tr") == "istanbul"
    assert fold("Illegal Migrant", "en") == "illegal migrant"


def test_turkish_alphabetical_order():
    words = ["Ü", "U", "Ş", "S", "Ö", "O", "İ", "I", "Ğ", "G", "Ç", "C", "Hakkâri"]
    ordered = ["C", "Ç", "G", "Ğ", "Hakkâri", "I", "İ", "O", "Ö", "S", "Ş", "U", "Ü"]
    assert sorted(words, key=collation_key) == ordered
    assert collation_key("Hakkâri") == collation_key("Hakkari")
    assert sorted(["Zeytin", "Çay", "Ceviz"], key=collation_key) == ["Ceviz", "Çay", "Zeytin"]


@pytest.mark.django_db
class TestNewPageSlugs:
    @pytest.mark.parametrize(("title", "slug"), TITLES.items())
    def test_programmatic_page_without_slug(self, tr_home, title, slug):
        page = StandardPage(title=title)
        tr_home.add_child(instance=page)
        assert page.slug == slug
        assert page.url_path.endswith(f"/{slug}/")

    @pytest.mark.parametrize(("title", "slug"), TITLES.items())
    def test_admin_create_view_with_empty_slug(self, admin_client, tr_home, title, slug):
        url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", tr_home.pk))
        response = admin_client.post(url, standard_page_form(title))
        assert response.status_code == 302, response.content[:3000]
        page = Page.objects.child_of(tr_home).get(title=title)
        assert page.slug == slug

    def test_admin_create_keeps_a_typed_slug(self, admin_client, tr_home):
        url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", tr_home.pk))
        admin_client.post(url, standard_page_form("Kapanış Toplantısı", slug="kapanis-2021"))
        assert Page.objects.child_of(tr_home).get(title="Kapanış Toplantısı").slug == "kapanis-2021"

    def test_punctuation_and_emoji_titles_get_unique_slugs(self, tr_home, en_home):
        slugs = []
        for title in ("!!!", "🎉🎉", "— … —"):
            page = StandardPage(title=title)
            tr_home.add_child(instance=page)
            slugs.append(page.slug)
        assert slugs == ["sayfa", "sayfa-2", "sayfa-3"]
        english = StandardPage(title="???")
        en_home.add_child(instance=english)
        assert english.slug == "page"
        assert re.fullmatch(r"[a-z0-9-]+", english.slug)

    def test_emoji_title_through_admin(self, admin_client, tr_home):
        url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", tr_home.pk))
        admin_client.post(url, standard_page_form("🎉"))
        admin_client.post(url, standard_page_form("🎉"))
        assert sorted(Page.objects.child_of(tr_home).values_list("slug", flat=True)) == [
            "sayfa",
            "sayfa-2",
        ]

    def test_existing_slug_is_not_changed_on_edit(self, admin_client, tr_home, add_page):
        page = add_page(tr_home, StandardPage, title="Eski Başlık", slug="eski-baslik")
        url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        response = admin_client.post(
            url, standard_page_form("Yeni Çalıştay Başlığı", slug="eski-baslik")
        )
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.slug == "eski-baslik"
        assert page.get_latest_revision_as_object().slug == "eski-baslik"

    def test_allow_unicode_slugs_is_off_for_the_admin_widget(self, admin_client, tr_home):
        url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", tr_home.pk))
        html = admin_client.get(url).content.decode()
        assert 'data-controller="w-slug"' in html
        # Django leaves a False boolean attribute out; the script then transliterates.
        assert "data-w-slug-allow-unicode-value" not in html


@pytest.mark.django_db
class TestTranslatedSlugs:
    def _translate(self, page, locale, strings):
        source, _created = TranslationSource.get_or_create_from_instance(page)
        for segment in StringSegment.objects.filter(source=source).select_related(
            "string", "context"
        ):
            if segment.context.path in strings:
                StringTranslation.objects.create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    data=strings[segment.context.path],
                )
        translation, _created = source.create_or_update_translation(
            locale, fallback=True, publish=False
        )
        return translation

    def test_wagtail_localize_still_reslugs_where_we_expect(self):
        # The patch in bilingual.apps replaces this call's ``slugify``.
        code = inspect.getsource(TranslationSource.create_or_update_translation)
        assert "slugify(translation.slug)" in code
        from wagtail_localize import models as localize_models

        from bilingual.text import localize_slugify

        assert localize_models.slugify is localize_slugify

    @pytest.mark.parametrize(
        ("translated_slug", "expected"),
        [
            ("kapanış-toplantısı", "kapanis-toplantisi"),
            ("Kapanış Toplantısı", "kapanis-toplantisi"),
            ("İstanbul Çalıştayı", "istanbul-calistayi"),
            ("göç-şöleni", "goc-soleni"),
        ],
    )
    def test_translated_slug_segment_keeps_turkish_letters(
        self, homes, locales, add_page, translated_slug, expected
    ):
        english = add_page(homes["en"], StandardPage, title="Closing Meeting", slug="closing")
        translation = self._translate(
            english, locales["tr"], {"title": "Kapanış Toplantısı", "slug": translated_slug}
        )
        translation.refresh_from_db()
        assert translation.locale == locales["tr"]
        assert translation.slug == expected
        assert translation.title == "Kapanış Toplantısı"

    def test_emoji_slug_segment_falls_back_to_the_title(self, homes, locales, add_page):
        english = add_page(homes["en"], StandardPage, title="Closing Meeting", slug="closing")
        translation = self._translate(
            english, locales["tr"], {"title": "Kapanış Toplantısı", "slug": "🎉"}
        )
        translation.refresh_from_db()
        assert translation.slug == "kapanis-toplantisi"

    def test_admin_translate_action(self, admin_client, homes, locales, add_page):
        page = add_page(homes["tr"], StandardPage, title="Kapanış Toplantısı")
        assert page.slug == "kapanis-toplantisi"
        url = reverse("wagtail_localize:submit_page_translation", args=(page.pk,))
        response = admin_client.post(url, {"locales": [locales["en"].pk]})
        assert response.status_code == 302
        english = page.get_translation(locales["en"])
        assert english.slug == "kapanis-toplantisi"


@pytest.mark.django_db
class TestCopiedSlugs:
    def test_programmatic_copy_with_empty_slug(self, tr_home, add_page):
        page = add_page(tr_home, StandardPage, title="Açılış", slug="acilis")
        copy = page.copy(update_attrs={"title": "İstanbul Çalıştayı", "slug": ""})
        assert copy.slug == "istanbul-calistayi"

    def test_admin_copy_with_empty_slug(self, admin_client, tr_home, add_page):
        page = add_page(tr_home, StandardPage, title="Açılış", slug="acilis")
        response = admin_client.post(
            reverse("wagtailadmin_pages:copy", args=(page.pk,)),
            {"new_title": "Kapanış Toplantısı", "new_slug": "", "new_parent_page": tr_home.pk},
        )
        assert response.status_code == 302, response.content[:2000]
        assert Page.objects.child_of(tr_home).get(title="Kapanış Toplantısı").slug == (
            "kapanis-toplantisi"
        )

    def test_admin_copy_with_untouched_source_slug_takes_the_new_title(
        self, admin_client, tr_home, add_page
    ):
        page = add_page(tr_home, StandardPage, title="Açılış", slug="acilis")
        admin_client.post(
            reverse("wagtailadmin_pages:copy", args=(page.pk,)),
            {
                "new_title": "İstanbul Çalıştayı",
                "new_slug": "acilis",
                "new_parent_page": tr_home.pk,
            },
        )
        assert Page.objects.child_of(tr_home).get(title="İstanbul Çalıştayı").slug == (
            "istanbul-calistayi"
        )

    def test_admin_copy_keeps_a_typed_slug(self, admin_client, tr_home, add_page):
        page = add_page(tr_home, StandardPage, title="Açılış", slug="acilis")
        admin_client.post(
            reverse("wagtailadmin_pages:copy", args=(page.pk,)),
            {"new_title": "Kapanış", "new_slug": "kapanis-2021", "new_parent_page": tr_home.pk},
        )
        assert Page.objects.child_of(tr_home).get(title="Kapanış").slug == "kapanis-2021"

    def test_copy_of_emoji_title_gets_unique_slug(self, admin_client, tr_home, add_page):
        page = add_page(tr_home, StandardPage, title="🎉")
        admin_client.post(
            reverse("wagtailadmin_pages:copy", args=(page.pk,)),
            {"new_title": "🎉!", "new_slug": "", "new_parent_page": tr_home.pk},
        )
        assert sorted(Page.objects.child_of(tr_home).values_list("slug", flat=True)) == [
            "sayfa",
            "sayfa-2",
        ]


# --- Fallback for readers ----------------------------------------------------------


@pytest.fixture
def turkish_only(homes, add_page):
    return add_page(
        homes["tr"],
        StandardPage,
        title="Yalnız Türkçe Duyuru",
        slug="yalniz-turkce",
        intro="Bu duyuru yalnızca Türkçe yayımlandı.",
    )


@pytest.mark.django_db
class TestFallback:
    def test_switcher_on_untranslated_page_says_so(self, client, turkish_only):
        html = client.get("/tr/yalniz-turkce/").text
        nav = switcher(html)
        assert f'href="/en/untranslated/{turkish_only.pk}/"' in nav
        assert "(not yet translated)" in nav
        assert 'hreflang="en"' not in html.split("</head>")[0]

    def test_english_fallback_shows_original_with_english_notice(self, client, turkish_only):
        response = client.get(f"/en/untranslated/{turkish_only.pk}/")
        assert response.status_code == 200
        html = response.text
        assert '<html lang="en"' in html
        assert "This page is not yet available in English." in html
        assert "Bu sayfa henüz" not in html
        assert 'href="/tr/yalniz-turkce/"' in html
        assert '<main id="main" tabindex="-1" lang="tr">' in html
        assert "Bu duyuru yalnızca Türkçe yayımlandı." in html
        assert '<link rel="canonical" href="http://testserver/tr/yalniz-turkce/">' in html
        assert '<meta name="robots" content="noindex, follow">' in html
        assert response["X-Robots-Tag"] == "noindex"
        # English chrome: English interface strings, the English home as brand link.
        assert "Skip to main content" in html
        nav = switcher(html)
        assert 'href="/tr/yalniz-turkce/"' in nav

    def test_turkish_fallback_for_english_only_page(self, client, homes, add_page):
        english = add_page(homes["en"], StandardPage, title="English Only", slug="english-only")
        assert f'href="/tr/untranslated/{english.pk}/"' in switcher(
            client.get("/en/english-only/").text
        )
        response = client.get(f"/tr/untranslated/{english.pk}/")
        html = response.text
        assert '<html lang="tr"' in html
        assert "Bu sayfa henüz Türkçe değil." in html
        assert "İngilizce sürümüne git" in html
        assert 'href="/en/english-only/"' in html
        assert '<link rel="canonical" href="http://testserver/en/english-only/">' in html

    def test_fallback_redirects_once_translated(self, client, turkish_only, translate):
        translate(turkish_only, "english-notice", title="English Notice")
        response = client.get(f"/en/untranslated/{turkish_only.pk}/")
        assert response.status_code == 302
        assert response["Location"] == "/en/english-notice/"
        same = client.get(f"/tr/untranslated/{turkish_only.pk}/")
        assert same["Location"] == "/tr/yalniz-turkce/"

    def test_fallback_404_for_draft_or_missing_pages(self, client, homes):
        draft = StandardPage(title="Taslak", slug="taslak", live=False)
        homes["tr"].add_child(instance=draft)
        assert client.get(f"/en/untranslated/{draft.pk}/").status_code == 404
        assert client.get("/en/untranslated/999999/").status_code == 404

    def test_fallback_menu_is_the_english_one(self, client, homes, add_page, translate):
        menu_tr = add_page(
            homes["tr"], StandardPage, title="Hakkında", slug="hakkinda", show_in_menus=True
        )
        translate(menu_tr, "about", title="About")
        only = add_page(homes["tr"], StandardPage, title="Yalnız", slug="yalniz")
        html = client.get(f"/en/untranslated/{only.pk}/").text
        assert 'href="/en/about/"' in html
        assert 'href="/tr/hakkinda/"' not in html


# --- Glossary ----------------------------------------------------------------------

from glossary.models import GlossaryPage, GlossaryTerm  # noqa: E402


@pytest.fixture
def glossary(locales):
    def pair(tr_term, en_term, tr_deprecated="", en_deprecated=""):
        tr = GlossaryTerm.objects.create(
            locale=locales["tr"], term=tr_term, deprecated_terms=tr_deprecated
        )
        en = tr.copy_for_translation(locales["en"])
        en.term = en_term
        en.deprecated_terms = en_deprecated
        en.save()
        return tr, en

    return pair


def add_term_url(locale):
    return reverse("wagtailsnippets_glossary_glossaryterm:add") + f"?locale={locale}"


@pytest.mark.django_db
class TestGlossaryTerms:
    def test_duplicate_term_refused_in_admin_with_message(self, admin_client, glossary):
        glossary("düzensiz göç", "irregular migration")
        response = admin_client.post(
            add_term_url("tr"), {"term": "DÜZENSİZ GÖÇ", "deprecated_terms": "", "note": ""}
        )
        assert response.status_code == 200
        html = response.content.decode()
        # The admin speaks Turkish by default; the message names the existing term.
        assert "“DÜZENSİZ GÖÇ” bu dilde sözlükte zaten var (“düzensiz göç” olarak)." in html
        assert GlossaryTerm.objects.filter(folded_term="düzensiz göç").count() == 1

    def test_turkish_folding_in_uniqueness(self, admin_client, glossary):
        glossary("ışık", "light")
        response = admin_client.post(add_term_url("tr"), {"term": "IŞIK", "note": ""})
        assert response.status_code == 200
        # "ISIK" (no Turkish letters) is a different word.
        response = admin_client.post(add_term_url("tr"), {"term": "isik", "note": ""})
        assert response.status_code == 302
        assert GlossaryTerm.objects.filter(locale__language_code="tr").count() == 2

    def test_same_term_in_other_language_is_fine(self, admin_client, glossary):
        glossary("mülteci", "refugee")
        response = admin_client.post(add_term_url("en"), {"term": "mülteci", "note": ""})
        assert response.status_code == 302

    def test_deprecated_variant_given_twice_is_refused(self, admin_client, locales):
        response = admin_client.post(
            add_term_url("tr"),
            {"term": "düzensiz göç", "deprecated_terms": "kaçak göç\nKaçak  göç", "note": ""},
        )
        assert response.status_code == 200
        assert not GlossaryTerm.objects.exists()

    def test_database_refuses_duplicates_too(self, glossary, locales):
        from django.db import IntegrityError, transaction

        glossary("geri kabul", "readmission")
        with pytest.raises(IntegrityError), transaction.atomic():
            GlossaryTerm.objects.create(locale=locales["tr"], term="Geri Kabul")


@pytest.mark.django_db
class TestGlossaryPage:
    def test_turkish_alphabetical_order(self, client, homes, glossary, add_page, translate):
        for tr_term, en_term in [
            ("ılımlı", "moderate"),
            ("çocuk", "child"),
            ("cezaevi", "prison"),
            ("iade", "extradition"),
            ("şartlı mülteci", "conditional refugee"),
            ("sığınma", "asylum"),
            ("öncelik", "priority"),
            ("ortak", "partner"),
            ("ücret", "fee"),
            ("uyum", "harmonisation"),
            ("göç", "migration"),
            ("ğ harfi", "letter soft g"),
            ("geri kabul", "readmission"),
            ("Zaman", "time"),
        ]:
            glossary(tr_term, en_term)
        page = add_page(homes["tr"], GlossaryPage, title="Terimler Sözlüğü", slug="terimler")
        translate(page, "glossary", title="Glossary")
        html = client.get("/tr/terimler/").text
        terms = re.findall(r'<dt class="glossary-term">([^<]+)</dt>', html)
        assert terms == [
            "cezaevi",
            "çocuk",
            "geri kabul",
            "göç",
            "ğ harfi",
            "ılımlı",
            "iade",
            "ortak",
            "öncelik",
            "sığınma",
            "şartlı mülteci",
            "uyum",
            "ücret",
            "Zaman",
        ]
        assert '<span lang="en">readmission</span>' in html
        english = client.get("/en/glossary/").text
        en_terms = re.findall(r'<dt class="glossary-term">([^<]+)</dt>', english)
        assert en_terms == sorted(en_terms, key=str.casefold)
        assert '<span lang="tr">geri kabul</span>' in english

    def test_collation_key_puts_dotless_i_before_i(self):
        words = ["iş", "ırmak", "ılık", "İzmir", "Irak"]
        assert sorted(words, key=collation_key) == ["ılık", "Irak", "ırmak", "iş", "İzmir"]

    def test_glossary_page_queries_stay_flat(
        self, client, homes, glossary, add_page, django_assert_max_num_queries
    ):
        page = add_page(homes["tr"], GlossaryPage, title="Sözlük", slug="sozluk")
        for number in range(10):
            glossary(f"terim {number}", f"term {number}")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(page.url)  # warm the site and locale caches
        with CaptureQueriesContext(connection) as ten:
            client.get(page.url)
        for number in range(10, 60):
            glossary(f"terim {number}", f"term {number}")
        client.get(page.url)  # new terms forget the cached chrome (website.chrome): warm it
        with CaptureQueriesContext(connection) as sixty:
            assert "terim 59" in client.get(page.url).text
        assert len(sixty) == len(ten), [q["sql"][:120] for q in sixty.captured_queries]


@pytest.mark.django_db
class TestDeprecatedTermWarning:
    def _edit(self, admin_client, page, body):
        return admin_client.post(
            reverse("wagtailadmin_pages:edit", args=(page.pk,)),
            standard_page_form(page.title, slug=page.slug, body_text=body),
            follow=True,
        )

    def test_deprecated_term_in_draft_warns_with_preferred_term(
        self, admin_client, tr_home, add_page, glossary
    ):
        glossary("düzensiz göç", "irregular migration", tr_deprecated="kaçak göç\nyasa dışı göç")
        page = add_page(tr_home, StandardPage, title="Haber", slug="haber")
        response = self._edit(admin_client, page, "Kaçak göçle mücadele semineri yapıldı.")
        messages = [str(m) for m in response.context["messages"]]
        assert any("kaçak göç" in m and "düzensiz göç" in m for m in messages), messages
        assert "düzensiz göç" in response.content.decode()

    def test_preferred_term_gives_no_warning(self, admin_client, tr_home, add_page, glossary):
        glossary("düzensiz göç", "irregular migration", tr_deprecated="kaçak göç")
        page = add_page(tr_home, StandardPage, title="Haber", slug="haber")
        response = self._edit(admin_client, page, "Düzensiz göç üzerine bir seminer yapıldı.")
        messages = [str(m) for m in response.context["messages"]]
        assert not any("düzensiz göç" in m for m in messages), messages

    def test_english_page_checked_against_english_terms(
        self, admin_client, en_home, add_page, glossary
    ):
        glossary("düzensiz göçmen", "irregular migrant", en_deprecated="illegal migrant")
        page = add_page(en_home, StandardPage, title="News", slug="news-item")
        response = self._edit(admin_client, page, "Support for Illegal Migrants in Ankara.")
        messages = [str(m) for m in response.context["messages"]]
        assert any("illegal migrant" in m and "irregular migrant" in m for m in messages)

    def test_new_page_through_admin_create_warns(self, admin_client, tr_home, glossary):
        glossary("düzensiz göç", "irregular migration", tr_deprecated="kaçak göç")
        url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", tr_home.pk))
        response = admin_client.post(url, standard_page_form("Kaçak göç raporu"), follow=True)
        messages = [str(m) for m in response.context["messages"]]
        assert any("düzensiz göç" in m for m in messages), messages

    def test_a_longer_deprecated_term_gives_one_warning_not_two(
        self, admin_client, tr_home, add_page, glossary
    ):
        """The text "Kaçak göçmenlere" holds "kaçak göç" and "kaçak göçmen": one warning, the
        longer term's."""
        glossary("düzensiz göç", "irregular migration", tr_deprecated="kaçak göç")
        glossary("düzensiz göçmen", "irregular migrant", tr_deprecated="kaçak göçmen")
        page = add_page(tr_home, StandardPage, title="Haber", slug="haber")
        response = self._edit(admin_client, page, "Kaçak göçmenlere hukuki destek verildi.")
        warnings = [str(m) for m in response.context["messages"] if "düzensiz göç" in str(m)]
        assert len(warnings) == 1 and "düzensiz göçmen" in warnings[0], warnings


@pytest.mark.django_db
class TestDeprecatedTermMatches:
    """``deprecated_terms_in``: each piece of text is reported once, by the longest
    glossary term that matches it."""

    def test_longest_term_wins_where_terms_overlap(self, glossary, locales):
        from glossary.checks import deprecated_terms_in

        glossary("düzensiz göç", "irregular migration", tr_deprecated="kaçak göç\nyasa dışı göç")
        glossary(
            "düzensiz göçmen", "irregular migrant", tr_deprecated="kaçak göçmen\nyasa dışı göçmen"
        )
        tr = locales["tr"]
        migrant = ("kaçak göçmen", "düzensiz göçmen")
        migration = ("kaçak göç", "düzensiz göç")
        assert deprecated_terms_in("KAÇAK GÖÇMENLERE destek", tr) == [migrant]
        assert deprecated_terms_in("Kaçak göçle mücadele", tr) == [migration]
        # Each piece of text once; a term used twice is one warning.
        assert deprecated_terms_in("Kaçak göç ve kaçak  göçmenler; yine kaçak göç.", tr) == [
            migration,
            migrant,
        ]
        assert deprecated_terms_in("yasa dışı göçmenler", tr) == [
            ("yasa dışı göçmen", "düzensiz göçmen")
        ]

    def test_variant_inside_a_longer_preferred_term_is_not_reported(self, glossary, locales):
        from glossary.checks import deprecated_terms_in

        glossary("Göç İdaresi Başkanlığı", "Presidency of Migration Management")
        glossary("göç yönetimi", "migration management", tr_deprecated="göç idaresi")
        tr = locales["tr"]
        assert deprecated_terms_in("Göç İdaresi Başkanlığı ile görüşüldü.", tr) == []
        assert deprecated_terms_in("Göç idaresi konusunda bir atölye.", tr) == [
            ("göç idaresi", "göç yönetimi")
        ]

    def test_a_variant_listed_under_two_terms_is_one_warning(self, glossary, locales):
        from glossary.checks import deprecated_terms_in

        glossary("geçici barınma merkezi", "temporary accommodation centre", "mülteci kampı")
        glossary("kamp", "camp", "mülteci kampı")
        found = deprecated_terms_in("Mülteci kampında çalışma", locales["tr"])
        assert found == [("mülteci kampı", "geçici barınma merkezi")]
