"""Builders for the bilingual demo content, and the home app's own demo pages.

Every app may have a ``demo.py`` with a ``load(context)`` function; the
``load_demo_content`` command calls them in order, after each app's
``before_pages(context)``, where there is one. The builders here make a
Turkish page and its English translation once, and leave both alone on every
later run, so editors' changes survive ``make run``.
"""

from dataclasses import dataclass, field
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.models import Locale, Site

from .models import HomePage, InfoNotePage, Partner, SiteDocument, SiteProfile, StandardPage
from .pdf import make_pdf


@dataclass
class DemoContext:
    """What the loaders share: the two homes, and pages later loaders link to."""

    tr_home: HomePage
    en_home: HomePage
    locales: dict
    pages: dict = field(default_factory=dict)
    created: int = 0
    # ``prepare(page, parent)`` for every new Turkish page of ``ensure_pair``, before its
    # first revision: what another app's editors set on the page's form (the activities
    # app tags pages with activities). The translation is copied from the prepared page.
    page_preparers: list = field(default_factory=list)

    def home(self, language):
        return self.tr_home if language == "tr" else self.en_home


def rich(*paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def ensure_page(parent, model, slug, prepare=(), **fields):
    """The child of ``parent`` with ``slug``, created and published if missing. Each of
    ``prepare`` is called with the new page before it is saved: for what a page's form
    sets besides fields (categories, tags, child objects), so that its first revision,
    the one published, has them."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    for step in prepare:
        step(page)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def ensure_translation(source, locale, slug, prepare=(), **fields):
    """The translation of ``source`` into ``locale``, created and published if missing
    (``prepare`` as for ``ensure_page``, called before the translation is saved).

    Made with Wagtail's ``copy_for_translation`` so the pair shares a
    translation_key and the language switcher links them."""
    existing = source.get_translation_or_none(locale)
    if existing is not None and not existing.alias_of_id:
        return existing.specific, False
    if existing is not None:  # an alias left by tree synchronisation: turn it into a real page
        existing.specific.delete()
    translation = source.copy_for_translation(locale)
    translation = translation.specific
    translation.slug = slug
    for name, value in fields.items():
        setattr(translation, name, value)
    for step in prepare:
        step(translation)
    translation.save()
    translation.save_revision().publish()
    return translation, True


def ensure_pair(context, parent_tr, model, tr, en, key=None, prepare=None):
    """A Turkish page under ``parent_tr`` and its English translation.

    ``tr`` and ``en`` are the field values of each language, with ``slug``; ``prepare``,
    if given, ``{"tr": step, "en": step}``: what each new page gets before it is saved
    besides fields (see ``ensure_page``), after the context's ``page_preparers``."""
    tr = dict(tr)
    en = dict(en)
    prepare = prepare or {}
    tr_steps = [partial(step, parent=parent_tr) for step in context.page_preparers]
    tr_steps += filter(None, [prepare.get("tr")])
    en_steps = list(filter(None, [prepare.get("en")]))
    tr_page, created_tr = ensure_page(parent_tr, model, tr.pop("slug"), tr_steps, **tr)
    en_page, created_en = ensure_translation(
        tr_page, context.locales["en"], en.pop("slug"), en_steps, **en
    )
    context.created += int(created_tr) + int(created_en)
    if key:
        context.pages[key] = (tr_page, en_page)
    return tr_page, en_page


def ensure_document(
    title, filename, paragraphs, language="", collection=None, padding_bytes=0, funding=None
):
    """A generated PDF as a Wagtail document, found again by its title. ``funding`` (a
    SiteProfile) prints the EU emblem, statement and disclaimer on it."""
    document = SiteDocument.objects.filter(title=title).first()
    if document is not None:
        return document
    document = SiteDocument(title=title, language=language)
    if collection is not None:
        document.collection = collection
    document.file.save(
        filename,
        ContentFile(
            make_pdf(
                title,
                paragraphs,
                padding_bytes,
                funding=funding.funding_text if funding else "",
                disclaimer=funding.disclaimer if funding else "",
                language=language if language in ("tr", "en") else "",
            )
        ),
        save=False,
    )
    document.save()
    return document


def ensure_snippet_pair(model, lookup, tr, en, locales):
    """A translatable snippet in Turkish and its English translation."""
    tr_obj = model.objects.filter(locale=locales["tr"], **lookup).first()
    if tr_obj is None:
        tr_obj = model.objects.create(locale=locales["tr"], **lookup, **tr)
    en_obj = model.objects.filter(
        locale=locales["en"], translation_key=tr_obj.translation_key
    ).first()
    if en_obj is None:
        en_obj = tr_obj.copy_for_translation(locales["en"])
        for name, value in en.items():
            setattr(en_obj, name, value)
        en_obj.save()
    return tr_obj, en_obj


@transaction.atomic
def prepare():
    """Locales and both homes; safe on a database where they already exist."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("tr", "en")}
    site = Site.objects.get(is_default_site=True)
    tr_home = site.root_page.specific
    context = DemoContext(tr_home=tr_home, en_home=None, locales=locales)
    if not tr_home.hero_text:
        tr_home.title = "Göç ve Sivil Toplum Projesi"
        tr_home.hero_title = "Göç ve Uluslararası Koruma Alanında Sivil Toplumla İş Birliği"
        tr_home.hero_text = (
            "Göç ve uluslararası koruma alanında çalışan sivil toplum kuruluşlarının kapasitesini "
            "ve kamu kurumlarıyla iş birliğini güçlendiriyoruz."
        )
        tr_home.intro = rich(
            "Göç ve Sivil Toplum Projesi, Avrupa Birliği ve Türkiye Cumhuriyeti tarafından "
            "finanse edilmekte ve İçişleri Bakanlığı Göç İdaresi Genel Müdürlüğü'nün "
            "faydalanıcılığında yürütülmektedir."
        )
        tr_home.summary = (
            "Göç ve uluslararası koruma alanında STK'lar ile kamu kurumları arasında iş birliği."
        )
        tr_home.save_revision().publish()
    en_home, created = ensure_translation(
        tr_home,
        locales["en"],
        "home-en",
        title="Migration & Civil Society Project",
        hero_title="Cooperation with Civil Society in Migration and International Protection",
        hero_text=(
            "We strengthen the capacity of civil society organisations working on migration and "
            "international protection, and their cooperation with public institutions."
        ),
        intro=rich(
            "The Migration & Civil Society Project is funded by the European Union and the "
            "Republic of Türkiye; its beneficiary is the Presidency of Migration Management "
            "of the Ministry of Interior."
        ),
        summary="Cooperation between NGOs and public institutions on migration and international protection.",
    )
    context.en_home = en_home
    context.created += int(created)
    return context


def load(context):
    """Site identity, partners, the About page and the project info note."""
    from .demo_identity import load as load_identity

    locales = context.locales
    for code, profile in {
        "tr": {
            "short_name": "Göç ve Sivil Toplum",
            "tagline": "Göç ve uluslararası koruma alanında STK–kamu iş birliği",
            "disclaimer": "Bu internet sitesinin içeriğinden yalnızca proje ekibi sorumludur; "
            "içerik hiçbir şekilde Avrupa Birliği'nin görüşlerini yansıtmaz.",
        },
        "en": {
            "short_name": "Migration & Civil Society",
            "tagline": "NGO–public cooperation on migration and international protection",
            "disclaimer": "The content of this website is the sole responsibility of the project "
            "team and can in no way be taken to reflect the views of the European Union.",
        },
    }.items():
        site_profile = SiteProfile.objects.filter(locale=locales[code]).first()
        if site_profile and not site_profile.tagline:
            site_profile.tagline = profile["tagline"]
            site_profile.short_name = profile["short_name"]
            site_profile.disclaimer = profile["disclaimer"]
            site_profile.contact_address = (
                "Göreme Caddesi 1/9, Kavaklıdere\nÇankaya, Ankara, Türkiye"
            )
            site_profile.contact_email = "info@example.org"
            site_profile.save()

    partners = [
        ("EU", "funder", "Avrupa Birliği", "European Union", "https://europa.eu"),
        ("TC", "funder", "Türkiye Cumhuriyeti", "Republic of Türkiye", ""),
        (
            "GİGM",
            "beneficiary",
            "İçişleri Bakanlığı Göç İdaresi Genel Müdürlüğü",
            "Ministry of Interior, Directorate General of Migration Management",
            "",
        ),
        (
            "MFİB",
            "contracting_authority",
            "Hazine ve Maliye Bakanlığı Merkezi Finans ve İhale Birimi",
            "Ministry of Treasury and Finance, Central Finance and Contracts Unit",
            "",
        ),
        (
            "ICE EEIG",
            "lead",
            "International Consulting Expertise (ICE EEIG)",
            "International Consulting Expertise (ICE EEIG)",
            "",
        ),
        (
            "ICMPD",
            "partner",
            "Uluslararası Göç Politikaları Geliştirme Merkezi (ICMPD)",
            "International Centre for Migration Policy Development (ICMPD)",
            "",
        ),
        ("ESC", "partner", "Eurasia Social Change", "Eurasia Social Change", ""),
        ("FCG Sweden", "partner", "FCG Swedish Development", "FCG Swedish Development", ""),
    ]
    for order, (acronym, role, tr_name, en_name, website) in enumerate(partners):
        ensure_snippet_pair(
            Partner,
            {"acronym": acronym},
            {"name": tr_name, "role": role, "website": website, "sort_order": order},
            {"name": en_name},
            locales,
        )
    load_identity(context)

    ensure_pair(
        context,
        context.tr_home,
        StandardPage,
        tr={
            "slug": "hakkimizda",
            "title": "Proje Hakkında",
            "show_in_menus": True,
            "summary": "Göç ve Sivil Toplum Projesi'nin neden ve nasıl yürütüldüğü.",
            "intro": "Göç alanında sivil toplum ile kamu kurumları arasında bir köprü kurmak için.",
            "body": [
                (
                    "paragraph",
                    rich(
                        "Son yıllarda artan göçmen sayısı, ev sahibi toplum, göçmenler ve idari makamlar "
                        "için hizmetlerin geliştirilmesini zorunlu kıldı. Göç ve uluslararası koruma "
                        "alanında daha etkin rol almak isteyen sivil toplum kuruluşlarının sayısı artsa "
                        "da, hem STK'ların hem de kamu kurumlarının kapasitesi politika süreçlerine "
                        "katılımı sınırlıyordu.",
                        "“Göç ve Uluslararası Koruma Alanında Sivil Toplumla İş Birliği için Teknik "
                        "Destek” Projesi (Göç ve Sivil Toplum Projesi), 2019-2021 döneminde merkezi ve "
                        "yerel düzeydeki STK'lar ile kamu kurumlarının kapasitesini ve iş birliğini "
                        "güçlendirmeyi amaçlıyor.",
                        "Proje, Türkiye Cumhuriyeti ve Avrupa Birliği tarafından ortak finanse "
                        "edilmektedir. Teknik destek, International Consulting Expertise (ICE EEIG) "
                        "liderliğinde ICMPD, Eurasia Social Change ve FCG Swedish Development'tan "
                        "oluşan konsorsiyum tarafından yürütülmektedir.",
                    ),
                ),
            ],
        },
        en={
            "slug": "about",
            "title": "About the Project",
            "summary": "Why and how the Migration & Civil Society Project works.",
            "intro": "Building a bridge between civil society and public institutions on migration.",
            "body": [
                (
                    "paragraph",
                    rich(
                        "In recent years the growing number of migrants has made better services a need "
                        "for host communities, migrants and administrations alike. More and more civil "
                        "society organisations want an active role in migration and international "
                        "protection, yet limited capacity on both sides kept them out of policy making.",
                        "The “Technical Assistance for Cooperation with Civil Society in the Field of "
                        "Migration and International Protection” project (Migration & Civil Society) "
                        "strengthens the capacity and cooperation of central and local NGOs and public "
                        "institutions over 2019-2021.",
                        "The project is co-funded by the Republic of Türkiye and the European Union. "
                        "Technical assistance is provided by a consortium led by International "
                        "Consulting Expertise (ICE EEIG) with ICMPD, Eurasia Social Change and FCG "
                        "Swedish Development.",
                    ),
                ),
            ],
        },
        key="about",
    )
    about_tr, _about_en = context.pages["about"]

    info_pdf = ensure_document(
        "Proje Bilgi Notu (PDF)",
        "proje-bilgi-notu.pdf",
        [
            "Göç ve Uluslararası Koruma Alanında Sivil Toplumla İş Birliği için Teknik Destek Projesi",
            "TR2014/RL/08/A4-01/001",
        ],
        language="tr",
        funding=SiteProfile.objects.filter(locale=locales["tr"]).first(),
    )
    activities_tr = [
        "Göç ve uluslararası koruma alanında araştırma ve savunuculukta aktif STK'ların belirlenmesi ve haritalandırılması",
        "STK'lar için eğitim modüllerinin tasarımı",
        "STK'lara yönelik eğitimlerin verilmesi",
        "Göç konularında kamu-STK diyaloğuna ilişkin iyi uygulama konferanslarının düzenlenmesi",
        "STK rollerinin ve iş birliği yöntemlerinin belirlenmesi",
        "Protokol modellerinin ve standart çalışma yöntemlerinin belirlenmesi",
        "STK'ların sürdürülebilirliği ve bağımsızlığı için fon mekanizmalarının araştırılması",
        "İletişim ve ağ kurma çalıştaylarının düzenlenmesi",
        "Ulusal düzeyde göç alanındaki STK ağına destek ve çalışma ziyaretleri",
        "Kapanış etkinliği",
    ]
    activities_en = [
        "Identifying and mapping NGOs active in research and advocacy on migration and international protection",
        "Designing training modules for NGOs",
        "Delivering trainings to NGOs",
        "Good-practice conferences on public-NGO dialogue on migration",
        "Defining NGO roles and methods of cooperation",
        "Defining protocol models and standard operating procedures",
        "Researching NGO funding mechanisms for their sustainability and independence",
        "Communication and networking workshops",
        "Support to the national NGO network on migration, and study visits",
        "Closing event",
    ]
    import datetime

    ensure_pair(
        context,
        about_tr,
        InfoNotePage,
        tr={
            "slug": "proje-bilgi-notu",
            "title": "Proje Bilgi Notu",
            "summary": "Projenin geçmişi, faydalanıcısı, amaçları, hedef grupları, beklenen sonuçları ve faaliyetleri.",
            "reference": "TR2014/RL/08/A4-01/001",
            "background": rich(
                "Türkiye hem göç alan hem de göç veren bir ülke olarak göç akımlarında transit "
                "ülke konumundadır. İçişleri Bakanlığı'na bağlı Göç İdaresi Genel Müdürlüğü, göç "
                "akımlarının saydam politikalar çerçevesinde tüm aktörlerin iş birliğiyle "
                "yönetilmesi amacıyla kurulmuştur.",
                "Artan göçmen sayısına uygun hizmet sunabilmek için uygulamadaki yöntemlerin "
                "geliştirilmesi, STK'ların kendi aralarında ve kamu kurumlarıyla iletişiminin "
                "teşvik edilmesi gerekmektedir.",
            ),
            "beneficiary": rich(
                "Projenin faydalanıcısı İçişleri Bakanlığı Göç İdaresi Genel Müdürlüğü'dür. "
                "Dış İlişkiler Daire Başkanlığı uygulayıcı birim, Göç Politika ve Projeleri Daire "
                "Başkanlığı koordinatör birimdir."
            ),
            "contracting_authority": "Hazine ve Maliye Bakanlığı Merkezi Finans ve İhale Birimi",
            "overall_objective": rich(
                "Yabancılar ve Uluslararası Koruma Kanunu ile AB-Türkiye Geri Kabul Anlaşması'nın "
                "gereklilikleri doğrultusunda, uluslararası koruma dahil göç yönetimi alanındaki "
                "idari altyapının geliştirilmesi."
            ),
            "purpose": rich(
                "Göç ve uluslararası koruma alanında çalışan STK'ların kapasitesinin ve AB'deki "
                "muadilleri ile kamu kurumlarıyla, karar alma süreçleri dahil, iş birliğinin "
                "geliştirilmesi."
            ),
            "target_groups": rich(
                "Göç ve uluslararası koruma alanında faaliyet gösteren STK'lar ile İl Göç İdaresi "
                "Müdürlükleri."
            ),
            "expected_results": [
                (
                    "result",
                    {
                        "title": "Kapasite geliştirme",
                        "description": "STK'ların göç alanında politika ve karar alma süreçlerine katkı sunma ve uygulamada yer alma konusundaki teknik bilgi ve kapasitesi gelişmiştir.",
                    },
                ),
                (
                    "result",
                    {
                        "title": "Ağ kurma ve iş birliği",
                        "description": "STK'ların ağ oluşturma çalışmaları güçlenmiş, sivil toplum ile kamu otoriteleri arasındaki diyalog ortamı iyileşmiştir.",
                    },
                ),
            ],
            "activities": [
                ("activity", {"title": title, "description": ""}) for title in activities_tr
            ],
            "start_date": datetime.date(2019, 3, 8),
            "duration_months": 24,
            "timeline_note": rich(
                "Proje, 8 Mart 2019'da yapılan başlangıç toplantısıyla resmen başladı ve 24 ay "
                "sürecektir. Mevcut durumun incelendiği başlangıç döneminin ardından aşağıdaki "
                "faaliyetler yürütülmektedir."
            ),
            "contact_point": rich(
                "Teknik Destek Ekibi: Proje Direktörü ve Proje Koordinatörü",
                "Proje Ofisi: Göreme Caddesi 1/9, Kavaklıdere, Çankaya, Ankara",
                'E-posta: <a href="mailto:info@example.org">info@example.org</a>',
            ),
            "pdf_version": info_pdf,
        },
        en={
            "slug": "project-info-note",
            "title": "Project Info Note",
            "summary": "The project's background, beneficiary, objectives, target groups, expected results and activities.",
            "background": rich(
                "Türkiye is a country of destination and of origin, and a transit country on "
                "migration routes. The Directorate General of Migration Management of the "
                "Ministry of Interior was set up to manage migration through transparent "
                "policies, in cooperation with every actor concerned.",
                "Serving a growing number of migrants calls for better methods in practice, and "
                "for more communication among NGOs and between NGOs and public institutions.",
            ),
            "beneficiary": rich(
                "The beneficiary is the Directorate General of Migration Management of the "
                "Ministry of Interior; its Department of Foreign Relations implements the project "
                "and its Department of Migration Policy and Projects coordinates it."
            ),
            "contracting_authority": "Ministry of Treasury and Finance, Central Finance and Contracts Unit",
            "overall_objective": rich(
                "To develop the administrative infrastructure for migration management, "
                "international protection included, as required by the Law on Foreigners and "
                "International Protection and the EU-Türkiye Readmission Agreement."
            ),
            "purpose": rich(
                "To strengthen the capacity of NGOs working on migration and international "
                "protection, and their cooperation with EU counterparts and public institutions, "
                "decision making included."
            ),
            "target_groups": rich(
                "NGOs working on migration and international protection, and the Provincial "
                "Directorates of Migration Management."
            ),
            "expected_results": [
                (
                    "result",
                    {
                        "title": "Capacity building",
                        "description": "NGOs have the technical knowledge and capacity to contribute to migration policy and decision making, and to take part in implementing them.",
                    },
                ),
                (
                    "result",
                    {
                        "title": "Networking and cooperation",
                        "description": "NGOs network more effectively, and dialogue between civil society and public authorities on migration has improved.",
                    },
                ),
            ],
            "activities": [
                ("activity", {"title": title, "description": ""}) for title in activities_en
            ],
            "timeline_note": rich(
                "The project was launched officially at its kick-off meeting on 8 March 2019 and "
                "runs for 24 months. After an inception phase reviewing the current situation, "
                "the following activities are carried out."
            ),
            "contact_point": rich(
                "Technical Assistance Team: Project Director and Project Coordinator",
                "Project Office: Göreme Caddesi 1/9, Kavaklıdere, Çankaya, Ankara",
                'E-mail: <a href="mailto:info@example.org">info@example.org</a>',
            ),
        },
        key="info_note",
    )


def ensure_consent_texts(context, model, texts, privacy_pages):
    """``model``'s consent text (version 1) in each language, ``texts[code]``, linking
    ``privacy_pages[code]`` (the privacy notice in that language, or None): the
    English one translated from the Turkish one, as editors do. A language that has one
    already is left alone."""
    for code in ("tr", "en"):
        locale = context.locales[code]
        if model.objects.filter(locale=locale).exists():
            continue
        source = model.objects.filter(locale=context.locales["tr"]).first()
        if source is not None and code != "tr":
            consent = source.copy_for_translation(locale)
            consent.text = texts[code]
            consent.privacy_page = privacy_pages[code]
            consent.save()
        else:
            model.objects.create(
                locale=locale, version=1, text=texts[code], privacy_page=privacy_pages[code]
            )
