"""The NGO directory: consent, filters and counts, the province map, proposals, CSV."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.users.models import UserProfile

from directory.csv_io import export_csv, import_csv
from directory.models import FieldOfWork, Organisation, Province

SVG_NS = "{http://www.w3.org/2000/svg}"


def make_org(name, provinces=("istanbul",), fields=("legal-aid",), consent=True, **extra):
    slug = extra.pop("slug", re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"))
    organisation = Organisation.objects.create(
        name=name,
        slug=slug,
        org_type=extra.pop("org_type", "ngo"),
        listing_consent=consent,
        **extra,
    )
    organisation.provinces.set(Province.objects.filter(slug__in=provinces))
    organisation.fields_of_work.set(FieldOfWork.objects.filter(code__in=fields))
    return organisation


@pytest.fixture
def orgs(homes):
    return {
        "a": make_org(
            "Alpha Göç Derneği", provinces=("istanbul", "gaziantep"), org_type="association"
        ),
        "b": make_org(
            "Beta Vakfı", provinces=("istanbul",), fields=("education",), org_type="foundation"
        ),
        "c": make_org("Gamma Initiative", provinces=("igdir",), fields=("education", "legal-aid")),
        "hidden": make_org("Gizli Dernek", provinces=("istanbul", "van"), consent=False),
        "proposed": make_org(
            "Önerilen Dernek", provinces=("van",), status=Organisation.Status.PROPOSED
        ),
    }


def svg_of(html):
    """The province map's SVG (the page's chrome holds other pictures, such as the emblem)."""
    start = html.rindex("<svg", 0, html.index('aria-labelledby="map-caption"'))
    end = html.index("</svg>", start) + len("</svg>")
    return html[start:end]


def map_counts(html):
    return {
        slug: int(count)
        for slug, count in re.findall(r'data-province="([^"]+)" data-count="(\d+)"', html)
    }


def option_count(html, select_name, value):
    select = html[html.index(f'name="{select_name}"') :]
    match = re.search(rf'<option value="{re.escape(value)}"[^>]*>[^<]*\((\d+)\)</option>', select)
    return int(match.group(1))


@pytest.mark.django_db
class TestPublicDirectory:
    def test_lists_only_consenting_approved_organisations(self, client, orgs):
        html = client.get("/en/ngo-directory/").text
        assert "Alpha Göç Derneği" in html and "Gamma Initiative" in html
        assert "Gizli Dernek" not in html and "Önerilen Dernek" not in html
        assert client.get(f"/en/ngo-directory/{orgs['hidden'].slug}/").status_code == 404
        assert client.get(f"/tr/stk-rehberi/{orgs['proposed'].slug}/").status_code == 404
        assert client.get(f"/tr/stk-rehberi/{orgs['a'].slug}/").status_code == 200

    def test_map_counts_exclude_unconsented(self, client, orgs):
        counts = map_counts(client.get("/tr/stk-rehberi/").text)
        assert counts["istanbul"] == 2
        assert counts["van"] == 0
        assert counts["igdir"] == 1

    def test_filter_counts_agree_with_map_shading(self, client, orgs):
        html = client.get("/en/ngo-directory/?field=education").text
        counts = map_counts(html)
        for slug in ("istanbul", "gaziantep", "igdir", "van"):
            assert option_count(html, "province", slug) == counts[slug]
        assert counts == {**counts, "istanbul": 1, "gaziantep": 0, "igdir": 1}

    def test_filters_narrow_results(self, client, orgs):
        html = client.get("/en/ngo-directory/?province=istanbul&type=foundation").text
        assert "Beta Vakfı" in html and "Alpha Göç Derneği" not in html
        assert "1 organisation" in html
        assert "Clear filters" in html

    def test_turkish_case_folding_in_name_search(self, client, orgs):
        make_org("Iğdır Dayanışma Derneği", provinces=("igdir",), slug="igdir-dd")
        html = client.get("/tr/stk-rehberi/?q=IĞDIR").text
        assert "Iğdır Dayanışma Derneği" in html
        assert "Iğdır Dayanışma Derneği" in client.get("/tr/stk-rehberi/?q=igdir").text

    @pytest.mark.parametrize(
        "query",
        ["?province=nowhere", "?type=alien", "?field=x&page=abc", "?page=99999", "?q=" + "x" * 500],
    )
    def test_bad_filters_never_500(self, client, orgs, query):
        assert client.get("/en/ngo-directory/" + query).status_code == 200

    def test_map_is_valid_small_svg_with_81_named_provinces(self, client, orgs):
        for url, word in (("/tr/stk-rehberi/", "kuruluş"), ("/en/ngo-directory/", "organisation")):
            html = client.get(url).text
            svg = svg_of(html)
            assert len(svg.encode()) < 150 * 1024
            root = ET.fromstring(svg)
            links = root.findall(f"{SVG_NS}a")
            assert len(links) == 81
            labels = [link.get("aria-label") for link in links]
            assert all(word in label for label in labels)
            assert any(label.startswith("İstanbul: 2") for label in labels)
            assert "<table>" in html  # the screen-reader alternative


@pytest.mark.django_db
class TestProposals:
    form = {
        "name": "Yeni Umut Derneği",
        "org_type": "association",
        "provinces": [],
        "email": "info@yeni-umut.example.org",
        "consent": "on",
    }

    def post(self, client, **changes):
        data = {**self.form, "provinces": [Province.objects.get(slug="hatay").pk], **changes}
        return client.post("/tr/stk-rehberi/oneri/", data)

    def test_proposal_waits_for_moderator(self, client, homes):
        cache.clear()
        response = self.post(client)
        assert response.status_code == 302
        organisation = Organisation.objects.get(name="Yeni Umut Derneği")
        assert organisation.status == Organisation.Status.PROPOSED
        assert "Yeni Umut" not in client.get("/tr/stk-rehberi/").text
        organisation.status = Organisation.Status.APPROVED
        organisation.save()
        assert "Yeni Umut" in client.get("/tr/stk-rehberi/").text

    def test_missing_consent_keeps_input_and_explains_in_turkish(self, client, homes):
        cache.clear()
        data = {**self.form, "provinces": [Province.objects.get(slug="hatay").pk]}
        del data["consent"]
        response = client.post("/tr/stk-rehberi/oneri/", data)
        assert response.status_code == 200
        assert "onay verin" in response.text
        assert 'value="Yeni Umut Derneği"' in response.text
        assert not Organisation.objects.exists()

    def test_honeypot_looks_like_success_but_stores_nothing(self, client, homes):
        cache.clear()
        response = self.post(client, homepage="http://spam.example")
        assert response.status_code == 302
        assert not Organisation.objects.exists()

    def test_rate_limit_refuses_with_a_message(self, client, homes):
        cache.clear()
        for n in range(5):
            self.post(client, name=f"Dernek {n}")
        response = self.post(client, name="Dernek 6")
        assert response.status_code == 429
        assert "bir saat sonra" in response.text
        assert Organisation.objects.count() == 5


CSV_HEADER = "name,acronym,slug,org_type,provinces,fields_of_work,email,listing_consent,status\n"


@pytest.mark.django_db
class TestCsv:
    def test_import_with_a_bad_row_imports_nothing_and_names_the_row(self, homes):
        text = CSV_HEADER + (
            "Bir Dernek,BD,bir-dernek,association,istanbul,legal-aid,a@example.org,yes,approved\n"
            "İki Dernek,İD,iki-dernek,association,atlantis,legal-aid,b@example.org,yes,approved\n"
        )
        count, errors = import_csv(text)
        assert count == 0
        assert len(errors) == 1 and "3" in errors[0] and "atlantis" in errors[0]
        assert not Organisation.objects.exists()

    def test_export_then_import_round_trips(self, homes):
        make_org("Alpha Göç Derneği", provinces=("istanbul", "gaziantep"))
        text = export_csv()
        Organisation.objects.all().delete()
        count, errors = import_csv(text)
        assert (count, errors) == (1, [])
        organisation = Organisation.objects.get()
        assert organisation.name == "Alpha Göç Derneği"
        assert set(organisation.provinces.values_list("slug", flat=True)) == {
            "istanbul",
            "gaziantep",
        }

    @pytest.mark.parametrize(
        "language, expected",
        [
            (
                "tr",
                {
                    "Tür": "Dernek",
                    "Çalışma alanları": "Hukuki yardım",
                    "Listelenmeye onay verdi": "Evet",
                    "Durum": "Onaylandı",
                },
            ),
            (
                "en",
                {
                    "Type": "Association",
                    "Fields of work": "Legal aid",
                    "Consented to be listed": "Yes",
                    "Status": "Approved",
                },
            ),
        ],
    )
    def test_admin_export_reads_in_the_admin_language(self, client, homes, language, expected):
        """Byte-order mark first; headings are the fields' labels and values are names,
        in the user's admin language, not field names and codes."""
        make_org("Alpha Göç Derneği", provinces=("istanbul", "igdir"), org_type="association")
        admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
        profile = UserProfile.get_for_user(admin)
        profile.preferred_language = language
        profile.save()
        client.force_login(admin)
        response = client.get("/admin/directory/export/")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response.content.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        row = dict(zip(rows[0], rows[1], strict=True))
        assert {heading: row.get(heading) for heading in expected} == expected, rows
        provinces = row["İller" if language == "tr" else "Provinces"]
        assert sorted(provinces.split("; ")) == ["Iğdır", "İstanbul"]
        assert rows[1][0] == "Alpha Göç Derneği"
        assert not {"association", "approved", "legal-aid", "yes"} & set(rows[1])

    @pytest.mark.parametrize("written, read", [("tr", "en"), ("en", "tr")])
    def test_an_export_in_one_language_imports_in_the_other(self, homes, written, read):
        make_org(
            "Alpha Göç Derneği",
            provinces=("istanbul", "igdir"),
            fields=("legal-aid", "women-and-children"),
            org_type="refugee-led",
            consent=False,
            status=Organisation.Status.PROPOSED,
        )
        make_org("Beta Vakfı", provinces=("van",), fields=(), org_type="foundation")
        with translation.override(written):
            text = export_csv()
        Organisation.objects.all().delete()
        with translation.override(read):
            assert import_csv(text) == (2, [])
        alpha, beta = Organisation.objects.order_by("name")
        assert (alpha.org_type, alpha.status, alpha.listing_consent) == (
            "refugee-led",
            "proposed",
            False,
        )
        assert set(alpha.provinces.values_list("slug", flat=True)) == {"istanbul", "igdir"}
        assert set(alpha.fields_of_work.values_list("code", flat=True)) == {
            "legal-aid",
            "women-and-children",
        }
        assert (beta.org_type, beta.status) == ("foundation", "approved")
        assert beta.listing_consent is True
        assert not beta.fields_of_work.exists()

    def test_admin_import_view_reports_rows(self, client, homes):
        admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
        client.force_login(admin)
        upload = SimpleUploadedFile(
            "orgs.csv", (CSV_HEADER + "X,,x,bogus,istanbul,,x@example.org,yes,approved\n").encode()
        )
        response = client.post("/admin/directory/import/", {"file": upload})
        assert response.status_code == 200
        assert "Row 2" in response.text or "Satır 2" in response.text
        assert not Organisation.objects.exists()
        export = client.get("/admin/directory/export/")
        assert export["Content-Type"].startswith("text/csv")


def bulk_orgs(count):
    provinces = list(Province.objects.all())
    fields = list(FieldOfWork.objects.all())
    created = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Dernek {n}", slug=f"dernek-{n}", org_type="ngo", listing_consent=True
            )
            for n in range(count)
        ]
    )
    Through = Organisation.provinces.through
    Through.objects.bulk_create(
        [
            Through(organisation_id=o.pk, province_id=provinces[i % 81].pk)
            for i, o in enumerate(created)
        ]
    )
    FieldThrough = Organisation.fields_of_work.through
    FieldThrough.objects.bulk_create(
        [
            FieldThrough(organisation_id=o.pk, fieldofwork_id=fields[i % len(fields)].pk)
            for i, o in enumerate(created)
        ]
    )


@pytest.mark.django_db
def test_queries_per_directory_page_do_not_grow(client, homes):
    client.get("/en/ngo-directory/")  # warm up site and locale lookups
    bulk_orgs(100)
    with CaptureQueriesContext(connection) as small:
        client.get("/en/ngo-directory/?page=2")
    bulk_orgs_offset = Organisation.objects.count()
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Vakıf {n}", slug=f"vakif-{n}", org_type="foundation", listing_consent=True
            )
            for n in range(bulk_orgs_offset, bulk_orgs_offset + 900)
        ]
    )
    with CaptureQueriesContext(connection) as large:
        client.get("/en/ngo-directory/?page=2")
    assert len(large) == len(small)


@pytest.mark.django_db
def test_listed_organisations_are_in_the_sitemap_in_both_languages(client, orgs):
    from tests.test_search import parse_sitemap

    urls = parse_sitemap(client)
    tr = f"http://testserver/tr/stk-rehberi/{orgs['a'].slug}/"
    en = f"http://testserver/en/ngo-directory/{orgs['a'].slug}/"
    assert urls[tr]["alternates"] == {"tr": tr, "en": en, "x-default": tr}
    assert urls[en]["lastmod"]
    assert "http://testserver/tr/stk-rehberi/" in urls
    # Only what the directory shows: no organisation without consent or approval.
    for hidden in ("hidden", "proposed"):
        assert not any(f"/{orgs[hidden].slug}/" in url for url in urls), hidden


@pytest.mark.django_db
def test_site_search_finds_listed_organisations_whatever_the_spelling(client, orgs):
    html = client.get("/tr/ara/", {"q": "ALPHA GOC"}).text
    section = html[html.index('id="search-section-directory"') :]
    assert "STK rehberindeki kuruluşlar" in section
    assert f'href="/tr/stk-rehberi/{orgs["a"].slug}/">Alpha Göç Derneği</a>' in section
    assert "Hiçbir sayfa" not in html and "Nothing on this site" not in html
    english = client.get("/en/search/", {"q": "beta"}).text
    assert "Organisations in the NGO directory" in english and "Beta Vakfı" in english
    # Only organisations the directory shows: not without consent, not merely proposed.
    hidden = client.get("/en/search/", {"q": "dernek"}).text
    assert "Gizli Dernek" not in hidden and "Önerilen Dernek" not in hidden
    assert 'id="search-section-directory"' not in hidden


@pytest.mark.django_db
def test_site_search_links_to_the_directory_when_more_organisations_match(client, homes):
    for number in range(7):
        make_org(f"Göç Dayanışma {number}")
    html = client.get("/en/search/", {"q": "goc dayanisma"}).text
    section = html[html.index('id="search-section-directory"') :]
    assert section.count('<li><a href="/en/ngo-directory/') == 5
    assert 'href="/en/ngo-directory/?q=goc+dayanisma">See all matching organisations' in section
    # The summary counts every organisation found, not only the pages (none here).
    assert "7 results for “goc dayanisma”." in html
    turkish = client.get("/tr/ara/", {"q": "goc dayanisma"}).text
    assert "“goc dayanisma” için 7 sonuç bulundu." in turkish
