"""The project's ten activities and its key figures, in both languages, linked to the
demo news, events and training kits of the other apps."""

import datetime
from decimal import Decimal

from wagtail.models import Page

from home.demo import ensure_pair, ensure_snippet_pair

from .models import Activity, ActivityIndexPage, ActivityLink, KeyFigure, TimelinePage

D = datetime.date
# number: (Turkish title, English title, start, end, status, Turkish note, English note)
ACTIVITIES = {
    1: (
        "Göç alanında aktif STK'ların belirlenmesi ve haritalandırılması",
        "Identifying and mapping NGOs active on migration",
        D(2019, 6, 1),
        D(2020, 6, 30),
        "completed",
        "15 ilde 47 STK ile 117 görüşme yapıldı.",
        "117 interviews held with 47 NGOs in 15 provinces.",
    ),
    2: (
        "STK'lar için eğitim modüllerinin tasarımı",
        "Designing training modules for NGOs",
        D(2019, 8, 1),
        D(2019, 12, 31),
        "completed",
        "İhtiyaç analizine dayanan eğitim kiti hazırlandı.",
        "A training kit based on the needs assessment was prepared.",
    ),
    3: (
        "STK'lara yönelik eğitimlerin verilmesi",
        "Delivering trainings to NGOs",
        D(2019, 9, 1),
        D(2020, 12, 31),
        "ongoing",
        "",
        "",
    ),
    4: (
        "Kamu-STK diyaloğuna ilişkin iyi uygulama konferansları",
        "Good-practice conferences on public-NGO dialogue",
        D(2020, 3, 1),
        D(2020, 12, 31),
        "ongoing",
        "",
        "",
    ),
    5: (
        "STK rollerinin ve iş birliği yöntemlerinin belirlenmesi",
        "Defining NGO roles and methods of cooperation",
        D(2020, 1, 1),
        D(2020, 9, 30),
        "completed",
        "Saha bulguları Ağustos 2020'de Göç İdaresi'ne sunuldu.",
        "Field findings were submitted to the DGMM in August 2020.",
    ),
    6: (
        "Protokol modellerinin ve standart çalışma yöntemlerinin belirlenmesi",
        "Defining protocol models and standard operating procedures",
        D(2020, 6, 1),
        D(2021, 1, 31),
        "ongoing",
        "",
        "",
    ),
    7: (
        "STK fon mekanizmalarının araştırılması",
        "Researching NGO funding mechanisms",
        D(2020, 4, 1),
        D(2020, 12, 31),
        "ongoing",
        "",
        "",
    ),
    8: (
        "İletişim ve ağ kurma çalıştayları",
        "Communication and networking workshops",
        D(2019, 12, 1),
        D(2021, 1, 31),
        "ongoing",
        "",
        "",
    ),
    9: (
        "Ulusal STK ağına destek ve çalışma ziyaretleri",
        "Support to the national NGO network and study visits",
        D(2020, 1, 1),
        D(2021, 2, 28),
        "planned",
        "",
        "",
    ),
    10: ("Kapanış etkinliği", "Closing event", D(2021, 2, 1), D(2021, 3, 8), "planned", "", ""),
}
EXPECTED = {
    "tr": {
        1: "Kapasite geliştirme",
        2: "Kapasite geliştirme",
        3: "Kapasite geliştirme",
        4: "Ağ kurma ve iş birliği",
    },
    "en": {
        1: "Capacity building",
        2: "Capacity building",
        3: "Capacity building",
        4: "Networking and cooperation",
    },
}
# The apps whose demo pages are tagged, and the words of a page's Turkish title that
# tell which activity it belongs to (the first that occurs).
TAGGED_APPS = {"news", "events", "resources"}
KEYWORDS = [
    ("saha", 1),
    ("haritalandır", 1),
    ("kit", 2),
    ("eğitim", 3),
    ("konferans", 4),
    ("değerlendirme", 5),
    ("ağ kurma", 8),
    ("istişare", 8),
    ("çalıştay", 8),
    ("ziyaret", 9),
    ("kapanış", 10),
    ("başlangıç", 10),
]
FIGURES = [
    (
        "Yüz yüze ve çevrim içi görüşme",
        "Face-to-face and online interviews",
        117,
        "",
        D(2020, 6, 30),
    ),
    ("Görüşülen STK", "NGOs interviewed", 47, "", D(2020, 6, 30)),
    ("Saha çalışması yapılan il", "Provinces covered by the field studies", 15, "", D(2020, 6, 30)),
    ("Ulaşılan STK (kardeş proje)", "NGOs reached (sister project)", 114, "", D(2020, 3, 31)),
    (
        "Ulaşılan kamu kurumu (kardeş proje)",
        "Public institutions reached (sister project)",
        58,
        "",
        D(2020, 3, 31),
    ),
]


def _activities(locales):
    """The ten activities, ``{number: Turkish activity}``, made in both languages if
    missing."""
    activities = {}
    for number, (tr_title, en_title, start, end, status, tr_note, en_note) in ACTIVITIES.items():
        activities[number], _ = ensure_snippet_pair(
            Activity,
            {"number": number},
            {
                "title": tr_title,
                "planned_start": start,
                "planned_end": end,
                "status": status,
                "completion_note": tr_note,
                "expected_result": EXPECTED["tr"].get(number, "Ağ kurma ve iş birliği"),
            },
            {
                "title": en_title,
                "completion_note": en_note,
                "expected_result": EXPECTED["en"].get(number, "Networking and cooperation"),
            },
            locales,
        )
    return activities


def before_pages(context):
    """Before the other apps add their pages: the activities, and the tagging of each
    new news article, event and kit whose Turkish title names an activity's subject
    (``KEYWORDS``). As an editor tags a page on its form before publishing it, the tag
    is on the Turkish page before its first revision; the translation, copied from it,
    carries it (``ActivityLink.save`` points it at the activity in that language)."""
    context.page_preparers.append(_tagger(_activities(context.locales)))


def _tagger(activities):
    def tag(page, parent):
        # The apps' articles, events and kits, not their index pages (under the home).
        if page._meta.app_label not in TAGGED_APPS or parent.depth < 3:
            return
        title = page.title.lower()
        for word, number in KEYWORDS:
            if word in title:
                page.activity_links.add(ActivityLink(activity=activities[number]))
                return

    return tag


def load(context):
    locales = context.locales
    activities = _activities(locales)

    index_tr, _index_en = ensure_pair(
        context,
        context.tr_home,
        ActivityIndexPage,
        tr={
            "slug": "faaliyetler",
            "title": "Faaliyetler ve Sonuçlar",
            "show_in_menus": True,
            "intro": "<p>Projenin planladığı on faaliyet, durumları ve bugüne kadar yapılanlar.</p>",
        },
        en={
            "slug": "activities",
            "title": "Activities and Results",
            "intro": "<p>The project's ten planned activities, their status and what has been done so far.</p>",
        },
        key="activities_index",
    )
    ensure_pair(
        context,
        index_tr,
        TimelinePage,
        tr={
            "slug": "zaman-cizelgesi",
            "title": "Proje Zaman Çizelgesi",
            "summary": "Projenin faaliyetleri 24 aylık takvim üzerinde: planlanan ve "
            "gerçekleşen dönemler, tamamlanan ve süren işler.",
            "project_start": D(2019, 3, 8),
            "duration_months": 24,
        },
        en={
            "slug": "timeline",
            "title": "Project Timeline",
            "summary": "The project's activities on its 24-month calendar: planned and "
            "actual periods, what is completed and what is under way.",
        },
        key="timeline",
    )

    source = _page_with_title_word("saha çalışmaları") or context.pages.get("info_note", (None,))[0]
    for tr_label, en_label, value, unit, date in FIGURES:
        ensure_snippet_pair(
            KeyFigure,
            {"label": tr_label},
            {
                "value": Decimal(value),
                "unit": unit,
                "date": date,
                "source_page": source,
                "activity": activities[1] if value in (117, 47, 15) else None,
            },
            {
                "label": en_label,
                "activity": _translation(activities[1], locales["en"])
                if value in (117, 47, 15)
                else None,
            },
            locales,
        )

    _key_figures_on_the_homes(context)


HOME_FIGURES_HEADING = {"tr": "Rakamlarla proje", "en": "The project in figures"}


def _key_figures_on_the_homes(context):
    """The home pages show four key figures, each linking to its source: added only
    while a home's body is still empty, so an editor's own body is never touched."""
    for code, home in (("tr", context.tr_home), ("en", context.en_home)):
        if home is None:
            continue
        # Fresh from the database: the context's copy predates the pages added below it,
        # and publishing it would write back its stale tree fields (numchild).
        home = Page.objects.get(pk=home.pk).specific
        if len(home.body):
            continue
        figures = list(
            KeyFigure.objects.filter(locale=context.locales[code]).order_by("-value")[:4]
        )
        if not figures:
            continue
        home.body = [("key_figures", {"heading": HOME_FIGURES_HEADING[code], "figures": figures})]
        home.save_revision().publish()


def _translation(obj, locale):
    return obj.get_translation_or_none(locale) if obj else None


def _page_with_title_word(word):
    return Page.objects.filter(title__icontains=word, live=True).order_by("depth").first()
