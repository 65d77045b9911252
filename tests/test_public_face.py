"""The public face without a browser: the EU emblem's geometry and where it appears
(pages, e-mails, the info note's PDF), the funding wording per language and variant,
editors' menus, the favicon and share images, and the small fixes (Turkish capitals,
the timeline's numbers in Turkish, the home title, the map key, restricted downloads)."""

import math
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from home import emblem
from home.models import SiteProfile


class TestEmblemGeometry:
    def test_twelve_five_pointed_stars_on_a_circle_of_a_third_of_the_height(self):
        height = 540
        stars = emblem.stars(height)
        assert len(stars) == 12
        centre = (height * 1.5 / 2, height / 2)
        for hour, star in enumerate(stars):
            assert len(star) == 10
            cx = sum(x for x, _ in star[::2]) / 5
            cy = sum(y for _, y in star[::2]) / 5
            assert math.dist((cx, cy), centre) == pytest.approx(height / 3)
            # at the hours of a clock face, starting at twelve
            angle = math.degrees(math.atan2(cx - centre[0], centre[1] - cy)) % 360
            assert angle == pytest.approx(hour * 30, abs=1e-6)
            # points on a circle of 1/18 of the height, the first straight up
            for x, y in star[::2]:
                assert math.dist((x, y), (cx, cy)) == pytest.approx(height / 18)
            assert star[0][0] == pytest.approx(cx) and star[0][1] < cy

    def test_svg_uses_the_official_colours_and_plain_numbers(self):
        svg = emblem.svg_shapes()
        assert 'fill="#003399"' in svg and 'fill="#FFCC00"' in svg
        assert svg.count("<polygon") == 12
        assert not re.search(r"\d,\d+,", svg.replace(" ", ";"))  # no decimal commas

    def test_png_and_pdf_versions(self):
        import io

        from PIL import Image

        image = Image.open(io.BytesIO(emblem.png(80)))
        assert image.size == (120, 80)
        assert image.getpixel((3, 3)) == (0, 51, 153)
        ops = emblem.pdf_operators(56, 746, 40)
        assert ops.count(" h f") == 12 and "60 40 re f" in ops


@pytest.mark.django_db
class TestFundingWording:
    def test_standard_wording_per_language_and_variant(self, homes):
        for profile in SiteProfile.objects.all():
            profile.funding_statement = ""
            profile.funding_variant = "co_funded"
            profile.save()
        tr = SiteProfile.objects.get(locale__language_code="tr")
        en = SiteProfile.objects.get(locale__language_code="en")
        assert en.funding_text == "Co-funded by the European Union"
        assert tr.funding_text == "Avrupa Birliği tarafından eş finanse edilmektedir"
        en.funding_variant = "funded"
        assert en.funding_text == "Funded by the European Union"

    def test_header_and_footer_show_emblem_and_editors_wording(self, client, homes):
        profile = SiteProfile.objects.get(locale__language_code="en")
        profile.funding_statement = "Financed by the Republic of Türkiye and the European Union"
        profile.save()
        html = client.get("/en/").text
        header = html[html.index('<header class="site-header">') : html.index("</header>")]
        footer = html[html.index('<footer class="site-footer">') :]
        for part in (header, footer):
            assert 'class="eu-emblem"' in part
            assert "Financed by the Republic of Türkiye and the European Union" in part
        assert 'aria-label="Flag of the European Union"' in header
        assert 'aria-label="Avrupa Birliği bayrağı"' in client.get("/tr/").text


@pytest.mark.django_db
class TestEmblemInPublications:
    def test_newsletter_confirmation_mail_carries_emblem_and_statement(self, client, homes):
        from newsletter.emails import confirmation_message
        from newsletter.models import Subscriber

        subscriber = Subscriber.objects.create(email="reader@example.org", language="tr")
        message = confirmation_message(subscriber, base="https://site.example")
        html = message.alternatives[0][0]
        assert '<img src="https://site.example/eu-emblem.png"' in html
        assert "Avrupa Birliği ve Türkiye Cumhuriyeti tarafından finanse edilmektedir" in html
        response = client.get("/eu-emblem.png")
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert mail.outbox == []

    def test_info_note_pdf_has_emblem_statement_and_disclaimer(self):
        from home.pdf import make_pdf

        pdf = make_pdf(
            "Proje Bilgi Notu",
            ["Metin"],
            funding="Bu proje Avrupa Birliği tarafından finanse edilmektedir.",
            disclaimer="Sorumluluk yazarlarındır.",
        )
        assert pdf.count(b" h f") == 12  # twelve stars
        assert b"0.000 0.200 0.600 rg" in pdf  # reflex blue
        assert b"Sorumluluk yazarlar" in pdf
        assert b"Bu proje Avrupa Birli" in pdf

    def test_generated_pdfs_carry_their_title_and_language(self):
        """What a PDF reader's title bar and a search engine show (issue 24)."""
        from home.pdf import make_pdf

        pdf = make_pdf("Proje Bilgi Notu – Göç", ["Metin"], language="tr")
        title = ("\ufeff" + "Proje Bilgi Notu – Göç").encode("utf-16-be").hex().upper()
        assert f"/Title <{title}>".encode() in pdf
        assert b"/Lang <FEFF00740072>" in pdf
        assert b"/Info 6 0 R" in pdf


@pytest.mark.django_db
class TestNavigation:
    def test_demo_menus_reach_every_section_in_each_language(self, client, demo):
        for language, expected in {
            "tr": [
                "/tr/stk-rehberi/",
                "/tr/bulten/",
                "/tr/ara/",
                "/tr/terimler-sozlugu/",
                "/tr/hakkimizda/proje-bilgi-notu/",
            ],
            "en": [
                "/en/ngo-directory/",
                "/en/newsletter/",
                "/en/search/",
                "/en/glossary/",
                "/en/about/project-info-note/",
            ],
        }.items():
            html = client.get(f"/{language}/").text
            for path in expected:
                assert f'href="{path}"' in html, (language, path)

    def test_menu_leaves_out_pages_not_live_in_the_language(self, client, demo):
        from wagtail.models import Page

        glossary = Page.objects.get(locale__language_code="en", slug="glossary")
        glossary.unpublish()
        assert 'href="/en/glossary/"' not in client.get("/en/").text
        assert 'href="/tr/terimler-sozlugu/"' in client.get("/tr/").text

    def test_english_menu_falls_back_to_turkish_items_in_english(self, client, demo):
        from navigation.models import Menu

        Menu.objects.filter(locale__language_code="en").delete()
        html = client.get("/en/").text
        assert 'href="/en/ngo-directory/">NGO directory<' in html
        assert 'href="/en/about/">About the Project<' in html
        assert "/tr/" not in html[html.index('class="footer-menu"') :].split("</nav>")[0]

    def test_breadcrumbs_on_views_that_are_not_pages(self, client, demo):
        for path in ("/tr/ara/?q=g%C3%B6%C3%A7", "/en/newsletter/", "/en/ngo-directory/propose/"):
            html = client.get(path).text
            assert 'class="breadcrumbs' in html, path


@pytest.mark.django_db
class TestIdentityAndFixes:
    def test_favicon_and_touch_icon(self, client, homes):
        response = client.get("/favicon.ico")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/x-icon"
        html = client.get("/tr/").text
        assert 'rel="apple-touch-icon"' in html and 'rel="icon"' in html

    def test_every_page_and_view_has_a_share_image(self, client, demo):
        from wagtail.models import Page

        paths = [p.url for p in Page.objects.filter(depth__gte=2).live().specific()]
        paths += ["/tr/ara/", "/en/newsletter/", "/tr/stk-rehberi/"]
        missing = [p for p in paths if 'property="og:image"' not in client.get(p).text]
        assert not missing

    def test_home_title_does_not_repeat_the_site_name(self, client, homes):
        html = client.get("/tr/").text
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
        assert " | " not in title

    def test_turkish_form_labels_keep_the_dotted_capital_i(self, client, demo):
        html = client.get("/tr/stk-rehberi/oneri/").text
        assert ">İller" in html and ">İnternet sitesi" in html
        assert ">Iller" not in html and ">Internet sitesi" not in html

    def test_turkish_timeline_coordinates_use_a_decimal_point(self, client, demo):
        from wagtail.models import Page

        for language in ("tr", "en"):
            page = Page.objects.get(
                locale__language_code=language, depth=4, slug__in=["zaman-cizelgesi", "timeline"]
            )
            html = client.get(page.url).text
            svg = html[html.index("<svg") : html.index("</svg>")]
            assert not re.search(r'(x|y|width|viewBox|cx|cy)="[^"]*\d,\d', svg), language

    def test_directory_map_has_a_key(self, client, demo):
        html = client.get("/tr/stk-rehberi/").text
        assert 'class="map-legend"' in html and "yok" in html

    def test_restricted_module_explains_who_may_download(self, rf, homes):
        """A reader without access is told who may download, and led to the trainers'
        sign-in and access request (issue 22), never to the CMS's login."""
        from types import SimpleNamespace

        from django.contrib.auth.models import AnonymousUser
        from django.template.loader import render_to_string

        document = SimpleNamespace(
            is_private=True,
            can_download=False,
            title="Module 3",
            file_extension="pdf",
            display_size=1000,
            language="",
            download_url="/documents/1/module-3.pdf",
        )
        request = rf.get("/en/")
        request.user = AnonymousUser()
        links = {"sign_in": "/en/trainers/sign-in/", "request_access": "/en/trainers/request/"}
        with translation.override("en"):
            html = render_to_string(
                "resources/includes/document_link.html",
                {"document": document, "request": request, "trainer_links": links},
            )
        assert "for registered trainers only" in html
        assert 'href="/en/trainers/sign-in/"' in html
        assert 'href="/en/trainers/request/"' in html
        assert "/documents/1/" not in html and "/admin/" not in html


def test_turkish_capfirst():
    from bilingual.text import capfirst

    with translation.override("tr"):
        assert capfirst("iller") == "İller" and capfirst("ılık") == "Ilık"
    with translation.override("en"):
        assert capfirst("iller") == "Iller"


def test_css_stays_light():
    import gzip
    from pathlib import Path

    css = Path(__file__).resolve().parents[1] / "website" / "static" / "css" / "site.css"
    assert len(gzip.compress(css.read_bytes())) < 60_000
    assert "@import" not in css.read_text() and "url(http" not in css.read_text()
    assert reverse("favicon") == "/favicon.ico"
