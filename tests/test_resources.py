"""The training library: filters with counts, search, counted and private downloads,
the streamed whole-kit zip, upload limits, bad input, the report and query counts."""

import csv
import datetime
import functools
import io
import zipfile
from html import unescape

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Collection, CollectionViewRestriction

from home.models import SiteDocument
from home.pdf import make_pdf
from resources.models import DocumentDownload, ResourceIndexPage, Topic, TrainingKitPage
from tests.conftest import (
    add_child_page,
    publish_translation,
    refreshed,
    site_homes,
    site_locales,
)
from tests.support.bilingual import snippet_pair

# --- Builders ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_document(title, language="tr", collection=None, padding=0):
    document = SiteDocument(title=title, language=language)
    if collection is not None:
        document.collection = collection
    slug = title.lower().replace(" ", "-")
    document.file.save(f"{slug}.pdf", ContentFile(make_pdf(title, [title], padding)), save=False)
    document.save()
    return document


def modules(*documents, title="Modül"):
    return [
        (
            "module",
            {
                "title": title,
                "description": "<p>Açıklama</p>",
                "duration": "3 saat",
                "learning_objectives": ["Hedef"],
                "documents": list(documents),
            },
        )
    ]


def build_topics(locales):
    rows = {}
    for tr_slug, tr_name, en_slug, en_name in [
        ("savunuculuk", "Savunuculuk", "advocacy", "Advocacy"),
        ("finans-yonetimi", "Finans yönetimi", "financial-management", "Financial management"),
        ("cinsiyet-adaleti", "Cinsiyet adaleti", "gender-justice", "Gender justice"),
    ]:
        rows[en_slug], _ = snippet_pair(
            Topic, locales, {"name": tr_name, "slug": tr_slug}, {"name": en_name, "slug": en_slug}
        )
    return rows


def build_library(homes):
    existing = homes["tr"].get_children().filter(slug="egitim-kutuphanesi").first()
    if existing is not None:  # a transactional test may start from the demo snapshot
        tr = existing.specific
        en = tr.get_translations().filter(locale__language_code="en", alias_of__isnull=True)
        return {"tr": tr, "en": en.first().specific}
    tr = add_child_page(
        homes["tr"], ResourceIndexPage, title="Eğitim Kütüphanesi", slug="egitim-kutuphanesi"
    )
    en = publish_translation(tr, "training-library", title="Training Library")
    return {"tr": tr, "en": en}


def add_kit(
    library, title, slug, topics=(), documents=(), en_documents=None, translated=True, **fields
):
    kit = TrainingKitPage(title=title, slug=slug, modules=modules(*documents), **fields)
    library["tr"].add_child(instance=kit)
    kit.topics.set(list(topics))
    kit.save_revision().publish()
    if not translated:
        return kit, None
    extra = {}
    if en_documents is not None:
        extra["modules"] = modules(*en_documents, title="Module")
    en = publish_translation(kit, f"{slug}-en", title=f"{title} (EN)", **extra)
    return kit, en


def build_kits(library, topics):
    """Three kits (and their English translations) across the topics, audiences and
    languages that the library's filters count."""
    make_kit = functools.partial(add_kit, library)
    make_kit(
        "Savunuculuk Kiti",
        "savunuculuk-kiti",
        topics=[topics["advocacy"], topics["financial-management"]],
        audience_ngos=True,
        language_tr=True,
        description="<p>Yerel politikalarda savunuculuk.</p>",
    )
    make_kit(
        "Finans Kiti",
        "finans-kiti",
        topics=[topics["financial-management"]],
        audience_ngos=True,
        audience_trainers=True,
        language_tr=True,
        language_en=True,
        description="<p>Bütçeleme ve nakit akışı.</p>",
    )
    make_kit(
        "Cinsiyet Adaleti Kiti",
        "cinsiyet-kiti",
        topics=[topics["gender-justice"]],
        audience_public_institutions=True,
        language_en=True,
        description="<p>Toplumsal cinsiyete duyarlı hizmetler.</p>",
    )


@pytest.fixture(scope="module")
def library_built(module_data):
    """Both homes (``homes`` finds them), the topics, the library in both languages and
    its three kits, built once for every test of the module (``pytestmark``). The other
    tests' kits, documents and downloads are their own (slugs apart from these), and no
    test counts every kit except the empty library's, which removes these first."""
    topics = build_topics(site_locales())
    library = build_library(site_homes())
    build_kits(library, topics)
    return {"topics": topics, "library": library}


pytestmark = pytest.mark.usefixtures("library_built")


@pytest.fixture
def topics(library_built, db):
    return refreshed(library_built["topics"])


@pytest.fixture
def library(library_built, db):
    return refreshed(library_built["library"])


@pytest.fixture
def kits(library):
    """The library with its three kits (see ``build_kits``)."""
    return library


@pytest.fixture
def empty_library(library):
    """The library without kits in either language."""
    TrainingKitPage.objects.all().delete()
    assert not TrainingKitPage.objects.exists()
    return refreshed(library)


@pytest.fixture
def make_kit(library):
    """``make_kit(title, slug, …)`` → ``(kit, english kit)``: see ``add_kit``."""
    return functools.partial(add_kit, library)


@pytest.fixture
def trainers_only():
    collection = Collection.get_first_root_node().add_child(name="Trainers only")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def option(html, value):
    """The visible text of the <option> with ``value``."""
    start = html.index(f'<option value="{value}"')
    return unescape(html[html.index(">", start) + 1 : html.index("</option>", start)])


def kit_titles(html):
    import re

    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)


# --- Library: filters, counts, search ---------------------------------------------------


@pytest.mark.django_db
class TestLibraryFilters:
    def test_library_lists_its_language_kits(self, client, kits):
        tr = client.get("/tr/egitim-kutuphanesi/")
        en = client.get("/en/training-library/")
        assert tr.status_code == en.status_code == 200
        assert sorted(kit_titles(tr.text)) == [
            "Cinsiyet Adaleti Kiti",
            "Finans Kiti",
            "Savunuculuk Kiti",
        ]
        assert sorted(kit_titles(en.text)) == [
            "Cinsiyet Adaleti Kiti (EN)",
            "Finans Kiti (EN)",
            "Savunuculuk Kiti (EN)",
        ]
        assert "3 eğitim kiti" in tr.text
        assert "3 training kits" in en.text

    def test_counts_per_topic_audience_and_language(self, client, kits):
        html = client.get("/tr/egitim-kutuphanesi/").text
        assert option(html, "finans-yonetimi") == "Finans yönetimi (2)"
        assert option(html, "savunuculuk") == "Savunuculuk (1)"
        assert option(html, "ngos") == "STK'lar (2)"
        assert option(html, "public-institutions") == "Kamu kurumları (1)"
        assert option(html, "en") == "İngilizce (2)"
        assert option(html, "ar") == "Arapça (0)"

    def test_english_library_filters_by_english_topic_slugs(self, client, kits):
        # The English kits still point at the Turkish topic rows (wagtail-localize copies
        # many-to-many fields); the library matches them by translation key.
        html = client.get("/en/training-library/?topic=financial-management").text
        assert sorted(kit_titles(html)) == ["Finans Kiti (EN)", "Savunuculuk Kiti (EN)"]
        assert option(html, "financial-management").startswith("Financial management (2)")
        assert (
            "Topics: Advocacy, Financial management" in html
            or "Topics: Financial management, Advocacy" in html
        )

    def test_filters_combine_and_counts_follow_the_other_filters(self, client, kits):
        html = client.get("/tr/egitim-kutuphanesi/?audience=ngos&language=en").text
        assert kit_titles(html) == ["Finans Kiti"]
        # Topic counts are computed among NGO kits in English.
        assert option(html, "finans-yonetimi") == "Finans yönetimi (1)"
        assert option(html, "cinsiyet-adaleti") == "Cinsiyet adaleti (0)"
        # Audience counts ignore the audience filter itself but keep the language one.
        assert option(html, "public-institutions") == "Kamu kurumları (1)"

    def test_unknown_filter_values_give_an_empty_state_not_an_error(self, client, kits):
        for query in ["topic=nope", "audience=aliens", "language=xx", "topic=%00", "q=yokyok"]:
            response = client.get(f"/tr/egitim-kutuphanesi/?{query}")
            assert response.status_code == 200, query
            assert kit_titles(response.text) == [], query
            assert "Bu filtrelere uyan eğitim kiti yok." in response.text
        for query in [
            "page=abc",
            "page=99999",
            "page=-1",
        ]:
            response = client.get(f"/tr/egitim-kutuphanesi/?{query}")
            assert response.status_code == 200, query
            assert len(kit_titles(response.text)) == 3
        # Search syntax and control characters never reach the backend raw.
        for query in ["q=%00", "q=%22", "q=AND%20(OR", "q=%2A", "q=STK%27lar"]:
            assert client.get(f"/tr/egitim-kutuphanesi/?{query}").status_code == 200, query

    def test_search_inside_the_library(self, client, kits):
        html = client.get("/tr/egitim-kutuphanesi/?q=bütçeleme").text
        assert kit_titles(html) == ["Finans Kiti"]
        html = client.get("/tr/egitim-kutuphanesi/?q=zzzyokboylebirsey").text
        assert kit_titles(html) == []
        html = client.get("/tr/egitim-kutuphanesi/?q=STK%27lar%20b%C3%BCt%C3%A7eleme").text
        assert client.get("/tr/egitim-kutuphanesi/?q=%22nakit%22").status_code == 200

    def test_empty_library_says_so(self, client, empty_library):
        html = client.get("/en/training-library/").text
        assert "There are no training kits in the library yet." in html


# --- Downloads ------------------------------------------------------------------------------


@pytest.mark.django_db
class TestDownloads:
    def test_links_show_type_size_and_language(self, client, make_kit):
        document = make_document("Katılımcı notları", language="tr")
        make_kit("Kit", "kit", documents=[document], translated=False)
        html = client.get("/tr/egitim-kutuphanesi/kit/").text
        size = SiteDocument.objects.get(pk=document.pk).file_size
        assert size and size > 0
        assert f'href="/tr/egitim-kutuphanesi/kit/download/{document.pk}/"' in html
        assert "(PDF, " in html and "bayt" in html and "Türkçe)" in html

    def test_a_download_counts_exactly_once_per_request(self, client, make_kit):
        document = make_document("Sunum", language="en")
        kit, _ = make_kit("Kit", "kit", documents=[document], translated=False)
        url = f"/tr/egitim-kutuphanesi/kit/download/{document.pk}/"
        response = client.get(url)
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF")
        assert "no-cache" in response["Cache-Control"]
        assert DocumentDownload.objects.get(kit=kit, document=document).count == 1
        client.get(url)
        client.get(url)
        row = DocumentDownload.objects.get(kit=kit, document=document)
        assert row.count == 3
        assert (
            row.date == datetime.date.today() or abs((row.date - datetime.date.today()).days) <= 1
        )

    def test_rendering_the_kit_page_counts_nothing(self, client, make_kit):
        document = make_document("Sunum")
        make_kit("Kit", "kit", documents=[document], translated=False)
        client.get("/tr/egitim-kutuphanesi/kit/")
        assert not DocumentDownload.objects.exists()

    def test_private_document_is_refused_to_anonymous_visitors(
        self, client, make_kit, trainers_only, django_user_model
    ):
        guide = make_document("Kolaylaştırıcı rehberi", collection=trainers_only)
        make_kit("Kit", "kit", documents=[guide], translated=False)
        url = f"/tr/egitim-kutuphanesi/kit/download/{guide.pk}/"
        response = client.get(url)
        assert response.status_code == 302
        # To the trainers' sign-in (trainers app), never the CMS login.
        assert response["Location"].startswith("/tr/egitmenler/giris/")
        assert not DocumentDownload.objects.exists()
        # Wagtail's own serve URL refuses it too.
        assert client.get(guide.url).status_code == 302
        # Being signed in is not enough: only trainers with access (tests/test_trainers.py)
        # and people who may use the CMS.
        user = django_user_model.objects.create_user("reader", password="x")
        client.force_login(user)
        assert client.get(url).status_code == 403
        editor = django_user_model.objects.create_superuser("editor", password="x")
        client.force_login(editor)
        assert client.get(url).status_code == 200
        assert DocumentDownload.objects.get().count == 1

    def test_kit_page_marks_private_documents(self, client, make_kit, trainers_only):
        guide = make_document("Rehber", collection=trainers_only)
        make_kit("Kit", "kit", documents=[guide], translated=False)
        html = client.get("/en/training-library/").text  # no English kit: not listed
        assert "Rehber" not in html
        html = client.get("/tr/egitim-kutuphanesi/kit/").text
        assert "yalnızca kayıtlı eğitmenler için" in html
        # Only private documents: no whole-kit download offered.
        assert "download-all" not in html

    def test_unknown_document_id_is_a_localized_404(self, client, make_kit):
        document = make_document("Sunum")
        other = make_document("Başka")
        make_kit("Kit", "kit", documents=[document])
        for url in [
            "/tr/egitim-kutuphanesi/kit/download/999999/",
            f"/tr/egitim-kutuphanesi/kit/download/{other.pk}/",  # exists, not in this kit
        ]:
            response = client.get(url)
            assert response.status_code == 404
            assert "Sayfa bulunamadı" in response.text
        response = client.get("/en/training-library/kit-en/download/999999/")
        assert response.status_code == 404
        assert "Page not found" in response.text

    def test_file_deleted_on_disk_is_a_404_and_the_page_still_renders(self, client, make_kit):
        document = make_document("Silinen dosya")
        make_kit("Kit", "kit", documents=[document], translated=False)
        document.file.storage.delete(document.file.name)
        response = client.get(f"/tr/egitim-kutuphanesi/kit/download/{document.pk}/")
        assert response.status_code == 404
        assert "Sayfa bulunamadı" in response.text
        assert client.get("/tr/egitim-kutuphanesi/kit/").status_code == 200
        assert client.get("/tr/egitim-kutuphanesi/kit/download-all/").status_code == 404
        assert not DocumentDownload.objects.exists()

    def test_kit_with_no_documents(self, client, make_kit):
        kit, _ = make_kit("Boş Kit", "bos-kit", translated=False)
        kit.modules = []
        kit.save_revision().publish()
        response = client.get("/tr/egitim-kutuphanesi/bos-kit/")
        assert response.status_code == 200
        assert "Bu kitte henüz modül ya da belge yok." in response.text
        response = client.get("/tr/egitim-kutuphanesi/bos-kit/download-all/")
        assert response.status_code == 404
        assert "Sayfa bulunamadı" in response.text


# --- The whole kit as a zip ------------------------------------------------------------------


@pytest.mark.django_db
class TestZip:
    def test_zip_holds_every_public_document_and_nothing_private(
        self, client, make_kit, trainers_only
    ):
        public = [make_document(f"Belge {n}") for n in range(3)]
        private = make_document("Eğitmen rehberi", collection=trainers_only)
        nested = Collection.objects.get(pk=trainers_only.pk).add_child(name="Alt klasör")
        private_nested = make_document("Gizli alt belge", collection=nested)
        make_kit(
            "Kapasite Geliştirme Kiti",
            "kit",
            documents=[public[0], private, public[1], private_nested, public[2], public[0]],
            version="1.2",
            translated=True,
        )
        response = client.get("/tr/egitim-kutuphanesi/kit/download-all/")
        assert response.status_code == 200
        assert response.streaming
        assert response["Content-Type"] == "application/zip"
        assert 'filename="kapasite-gelistirme-kiti-v1.2.zip"' in response["Content-Disposition"]
        body = b"".join(response.streaming_content)
        assert int(response["Content-Length"]) == len(body)
        archive = zipfile.ZipFile(io.BytesIO(body))
        assert archive.testzip() is None
        names = archive.namelist()
        # First a contents file in the kit's language: what it is, licence, source, files.
        assert names[0] == "BENIOKU.txt"
        readme = archive.read("BENIOKU.txt").decode("utf-8-sig")
        assert readme.startswith("Kapasite Geliştirme Kiti\r\n")
        assert "Sürüm: 1.2" in readme
        assert "https://creativecommons.org/licenses/by/4.0/" in readme
        assert "Kaynak: http://testserver/tr/egitim-kutuphanesi/kit/" in readme
        assert "- 01-modul/belge-0.pdf: Belge 0" in readme
        assert "gizli" not in readme.lower() and "rehber" not in readme  # not theirs to have
        names = names[1:]
        assert sorted(names) == [
            "01-modul/belge-0.pdf",
            "01-modul/belge-1.pdf",
            "01-modul/belge-2.pdf",
        ]
        contents = sorted(archive.read(name) for name in names)
        expected = sorted(document.file.open("rb").read() for document in public)
        assert contents == expected
        assert not any("rehber" in name or "gizli" in name for name in names)
        # The English page's zip is named in English.
        en = client.get("/en/training-library/kit-en/download-all/")
        assert 'filename="kapasite-gelistirme-kiti-en-v1.2.zip"' in en["Content-Disposition"]
        assert not DocumentDownload.objects.exists()


# --- Uploads ------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestUploadLimits:
    def upload(self, admin_client, name, content):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return admin_client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Yükleme",
                "file": SimpleUploadedFile(name, content),
                "collection": Collection.get_first_root_node().pk,
                "language": "tr",
            },
        )

    @pytest.mark.parametrize("name", ["setup.exe", "page.html"])
    def test_disallowed_type_is_refused_with_a_message(self, admin_client, name):
        response = self.upload(admin_client, name, b"MZ not a document")
        assert response.status_code == 200
        assert not SiteDocument.objects.exists()
        text = response.content.decode()
        extension = name.rsplit(".", 1)[1]
        assert f"“{extension}”" in text
        assert "pdf, docx, pptx, xlsx, odt, odp, zip" in text

    def test_allowed_type_is_accepted(self, admin_client):
        response = self.upload(admin_client, "notlar.pdf", make_pdf("Notlar", ["x"]))
        assert response.status_code == 302
        assert SiteDocument.objects.get().title == "Yükleme"

    def test_oversized_upload_is_refused_with_a_message(self, admin_client):
        with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=2000):
            response = self.upload(admin_client, "buyuk.pdf", make_pdf("Büyük", ["x"], 5000))
        assert response.status_code == 200
        assert not SiteDocument.objects.exists()
        assert "too big" in response.content.decode() or "çok büyük" in response.content.decode()


# --- Home page, report, queries --------------------------------------------------------------------


@pytest.mark.django_db
class TestHomeAndReport:
    def test_home_shows_featured_kits_of_its_language(self, client, make_kit):
        make_kit("Öne Çıkan Kit", "one-cikan", featured=True)
        make_kit("Sıradan Kit", "siradan")
        tr = client.get("/tr/").text
        en = client.get("/en/").text
        assert "Öne Çıkan Kit" in tr and "Sıradan Kit" not in tr
        assert "Eğitim kitleri" in tr
        assert "Öne Çıkan Kit (EN)" in en and "Sıradan Kit" not in en

    def test_report_per_document_and_per_kit_with_date_range_and_csv(self, admin_client, make_kit):
        first, second = make_document("Birinci"), make_document("İkinci")
        kit, _ = make_kit("Rapor Kiti", "rapor", documents=[first, second], translated=False)
        DocumentDownload.objects.create(
            kit=kit, document=first, date=datetime.date(2026, 1, 5), count=4
        )
        DocumentDownload.objects.create(
            kit=kit, document=first, date=datetime.date(2026, 2, 5), count=3
        )
        DocumentDownload.objects.create(
            kit=kit, document=second, date=datetime.date(2026, 2, 6), count=2
        )
        url = reverse("resources_downloads_report")
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "Rapor Kiti" in response.text and "Birinci" in response.text

        def export(**params):
            response = admin_client.get(url, {"export": "csv", **params})
            assert response.status_code == 200
            return list(
                csv.reader(
                    io.StringIO(
                        b"".join(response.streaming_content).decode("utf-8-sig")
                        if response.streaming
                        else response.content.decode("utf-8-sig")
                    )
                )
            )

        rows = export()
        assert rows[0][-1] in ("Downloads", "İndirmeler")
        assert sorted(row[2:] for row in rows[1:]) == [["Birinci", "7"], ["İkinci", "2"]]
        rows = export(date_from="2026-02-01", date_to="2026-02-28")
        assert sorted(row[2:] for row in rows[1:]) == [["Birinci", "3"], ["İkinci", "2"]]
        rows = export(group_by="kit")
        assert [row[0] for row in rows[1:]] == ["Rapor Kiti"] and rows[1][-1] == "9"
        rows = export(period="month")
        assert sorted((row[3], row[4]) for row in rows[1:]) == [
            ("2026-01-01", "4"),
            ("2026-02-01", "2"),
            ("2026-02-01", "3"),
        ]

    def test_report_exports_open_cleanly_with_real_dates(self, admin_client, make_kit):
        """CSV: byte-order mark, the language's name rather than its code; xlsx: the
        month as a date cell."""
        document = make_document("Birinci")
        kit, _ = make_kit("Rapor Kiti", "rapor", documents=[document], translated=False)
        DocumentDownload.objects.create(
            kit=kit, document=document, date=datetime.date(2026, 1, 5), count=4
        )
        url = reverse("resources_downloads_report")
        body = b"".join(admin_client.get(url, {"export": "csv"}).streaming_content)
        assert body.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert rows[1][:2] == ["Rapor Kiti", "Türkçe"]
        xlsx = admin_client.get(url, {"export": "xlsx", "period": "month"})
        sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
        headings = [cell.value for cell in sheet[1]]
        period = sheet.cell(row=2, column=headings.index("Dönem") + 1)
        assert period.is_date and period.value == datetime.date(2026, 1, 1)


@pytest.mark.django_db
def test_queries_per_library_page_do_not_grow_with_kits(client, library, topics):
    def add_kits(count):
        for number in range(count):
            kit = TrainingKitPage(
                title=f"Kit {number}",
                slug=f"kit-{number}-{TrainingKitPage.objects.count()}",
                audience_ngos=True,
                language_tr=True,
            )
            library["tr"].add_child(instance=kit)
            kit.topics.set([topics["advocacy"], topics["gender-justice"]])
            kit.save()

    def count_queries():
        client.get("/tr/egitim-kutuphanesi/")  # warm caches (site root, locales)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/tr/egitim-kutuphanesi/?topic=savunuculuk&audience=ngos")
        assert response.status_code == 200
        return len(queries)

    add_kits(1)
    few = count_queries()
    add_kits(3)  # three more listed: a query per kit would show
    more = count_queries()
    assert 5 < few == more
    assert more < 40


# --- Admin: page-tree rules and editing ------------------------------------------------------------


@pytest.mark.django_db
class TestAdmin:
    def test_one_library_per_language_home(self, library, homes):
        for home in homes.values():
            home.refresh_from_db()  # numchild changed when the library was added
            assert not ResourceIndexPage.can_create_at(home)
        assert TrainingKitPage.can_create_at(library["tr"])
        assert not TrainingKitPage.can_create_at(homes["tr"])

    def test_editor_creates_a_kit_with_a_module_in_the_admin(self, admin_client, library, topics):
        from wagtail.test.utils.form_data import (
            inline_formset,
            nested_form_data,
            rich_text,
            streamfield,
        )

        document = make_document("Sunum")
        url = reverse(
            "wagtailadmin_pages:add", args=("resources", "trainingkitpage", library["tr"].pk)
        )
        assert admin_client.get(url).status_code == 200
        data = nested_form_data(
            {
                "title": "Yeni Kit",
                "slug": "yeni-kit",
                "summary": "Özet",
                "description": rich_text("<p>Açıklama</p>"),
                "audience_ngos": "on",
                "language_tr": "on",
                "version": "2.0",
                "licence": "CC-BY-4.0",
                "modules": streamfield(
                    [
                        (
                            "module",
                            {
                                "title": "Birinci modül",
                                "description": rich_text("<p>Modül</p>"),
                                "duration": "2 saat",
                                "learning_objectives": streamfield([("item", "Hedef")]),
                                "documents": streamfield([("item", document.pk)]),
                            },
                        )
                    ]
                ),
                "activity_links": inline_formset([]),
                "action-publish": "publish",
            }
        )
        data["topics"] = [topics["advocacy"].pk]
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        kit = TrainingKitPage.objects.get(slug="yeni-kit", alias_of__isnull=True)
        assert kit.live and kit.document_ids() == [document.pk]
        assert list(kit.topics.all()) == [topics["advocacy"]]
        html = admin_client.get("/tr/egitim-kutuphanesi/yeni-kit/").text
        assert "Birinci modül" in html and "Sunum" in html

    def test_topics_snippets_and_report_are_in_the_admin(self, admin_client, topics):
        response = admin_client.get(reverse("wagtailsnippets_resources_topic:list"))
        assert response.status_code == 200
        assert "Savunuculuk" in response.text
        assert reverse("resources_downloads_report") in admin_client.get(
            "/admin/reports/"
        ).text or (admin_client.get(reverse("resources_downloads_report")).status_code == 200)
