"""Demo news in both languages, drawn from the project's own documents (seed docs 000,
003 and 004) plus a few more items so the index paginates. Idempotent: an item that
exists (found by its Turkish slug) is left exactly as an editor may have changed it."""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from home.demo import ensure_pair, ensure_snippet_pair, rich
from home.models import SiteImage

from .models import NewsCategory, NewsIndexPage, NewsPage

CATEGORIES = {
    # key: (Turkish name, Turkish slug, English name, English slug)
    "workshops": ("Çalıştaylar", "calistaylar", "Workshops", "workshops"),
    "trainings": ("Eğitimler", "egitimler", "Trainings", "trainings"),
    "networking": ("Ağ Kurma", "ag-kurma", "Networking", "networking"),
    "field-research": ("Saha Araştırması", "saha-arastirmasi", "Field research", "field-research"),
    "announcements": ("Duyurular", "duyurular", "Announcements", "announcements"),
}

IMAGES = {
    # key: (title, colour, {field: (Turkish, English)}) for alt text, caption and credit
    "workshop": (
        "Değerlendirme çalıştayı",
        (11, 79, 138),
        {
            "description": (
                "Toplantı salonunda STK'lardan ve kamu kurumlarından katılımcıların oturduğu yuvarlak masalar",
                "Round tables with participants from NGOs and public institutions in a meeting room",
            ),
            "caption": ("Projenin değerlendirme çalıştayı", "Evaluation workshop of the project"),
            "credit": ("Proje ekibi", "Project team"),
        },
    ),
    "field": (
        "Saha çalışmaları",
        (21, 115, 71),
        {
            "description": (
                "Saha çalışmasının yapıldığı 15 ilin işaretlendiği Türkiye haritası",
                "A map of Türkiye with the 15 provinces of the field study marked",
            ),
            "caption": ("15 il, 47 STK, 117 görüşme", "15 provinces, 47 NGOs, 117 interviews"),
            "credit": ("Proje ekibi", "Project team"),
        },
    ),
    "network": (
        "STK ağı toplantısı",
        (138, 60, 11),
        {
            "description": (
                "Küçük gruplar hâlinde konuşan STK temsilcileri",
                "NGO representatives talking in small groups",
            ),
            "caption": ("STK ağ kurma toplantısı", "NGO networking meeting"),
            "credit": ("KADEM", "KADEM"),
        },
    ),
}


def _date(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def ensure_image(key):
    title, colour, texts = IMAGES[key]
    fields = {}
    for name, (turkish, english) in texts.items():
        fields[name] = turkish
        fields[f"{name}_en"] = english
    image = SiteImage.objects.filter(title=title).first()
    if image is not None:
        # Loaded before images had English texts: add them, change nothing else.
        english = {name: value for name, value in fields.items() if name.endswith("_en")}
        if not any(getattr(image, name) for name in english):
            for name, value in english.items():
                setattr(image, name, value)
            image.save(update_fields=list(english))
        return image
    canvas = PILImage.new("RGB", (1200, 675), colour)
    draw = ImageDraw.Draw(canvas)
    for step in range(0, 1200, 120):
        draw.ellipse((step, 300 - step // 6, step + 220, 520 - step // 6), outline=(255, 255, 255))
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=80)
    image = SiteImage(title=title, **fields)
    image.file = ImageFile(buffer, name=f"news-{key}.jpg")
    image.save()
    return image


# Each item: Turkish and English fields, date, category keys, tags per language, image key.
ITEMS = [
    {
        "date": (2020, 8, 14),
        "categories": ["field-research", "announcements"],
        "image": "field",
        "featured": True,
        "tr": {
            "slug": "goc-alaninda-kamu-stk-is-birligi-saha-calismalari-tamamlandi",
            "title": "Göç Alanında Kamu-STK İş Birliği Saha Çalışmaları Tamamlandı",
            "summary": "Aralık 2019'da başlayan saha çalışmalarında 15 ilde 47 STK ile toplam 117 yüz yüze ve çevrim içi görüşme yapıldı.",
            "tags": ["saha çalışması", "kamu-STK iş birliği"],
            "body": [
                (
                    "paragraph",
                    rich(
                        "Göç ve Sivil Toplum Projesi kapsamında, göç ve uluslararası koruma alanında kamu kurumları ile STK'lar arasındaki olası iş birliği alanlarını belirlemek için yürütülen saha çalışmaları tamamlandı.",
                        "Aralık 2019'da başlayan ve Haziran 2020'de sona eren çalışmalarda, başta Göç İdaresi Genel Müdürlüğü olmak üzere kamu kurumlarının ve STK'ların iş birliği ihtiyaçları ile STK'ların kapasiteleri ele alındı.",
                    ),
                ),
                ("heading", "15 ilde 47 STK'yı kapsayan 117 görüşme"),
                (
                    "paragraph",
                    rich(
                        "Görüşmeler STK'ların yanı sıra kamu kurumlarını, meslek örgütlerini, üniversiteleri ve yerel yönetimleri de kapsadı. Bulgular, STK'ların hassas durumdaki mülteci ve göçmenlere önemli hizmetler sunduğunu; bazı illerde acil ihtiyaçların karşılanmasında kamu-STK ortak çalışmasının etkili sonuçlar verdiğini gösterdi.",
                        "Verileri, bulguları ve önerileri içeren rapor Ağustos ayında Göç İdaresi Genel Müdürlüğü'nün değerlendirmesine sunuldu.",
                    ),
                ),
                (
                    "table",
                    {
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "data": [
                            ["Gösterge", "Sayı"],
                            ["Görüşme", "117"],
                            ["STK", "47"],
                            ["İl", "15"],
                        ],
                    },
                ),
            ],
        },
        "en": {
            "slug": "field-studies-on-public-ngo-cooperation-in-migration-completed",
            "title": "Field Studies on Public–NGO Cooperation in Migration Completed",
            "summary": "Field studies that began in December 2019 held 117 face-to-face and online interviews with 47 NGOs in 15 provinces.",
            "tags": ["field study", "public-NGO cooperation"],
            "body": [
                (
                    "paragraph",
                    rich(
                        "The Migration & Civil Society Project has completed its field studies on where public institutions and NGOs can cooperate in migration and international protection.",
                        "Between December 2019 and June 2020 the studies looked at the cooperation needs of public institutions, above all the Directorate General of Migration Management, and of NGOs, and at the capacity of NGOs to take part.",
                    ),
                ),
                ("heading", "117 interviews with 47 NGOs in 15 provinces"),
                (
                    "paragraph",
                    rich(
                        "Besides NGOs, the interviews covered public institutions, professional bodies, universities and local administrations. They showed that NGOs deliver essential services to vulnerable refugees and migrants, and that in some provinces joint public–NGO work met urgent needs effectively.",
                        "The report with the data, findings and recommendations was submitted to the Directorate General of Migration Management in August.",
                    ),
                ),
                (
                    "table",
                    {
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "data": [
                            ["Indicator", "Number"],
                            ["Interviews", "117"],
                            ["NGOs", "47"],
                            ["Provinces", "15"],
                        ],
                    },
                ),
            ],
        },
    },
    {
        "date": (2019, 10, 24),
        "categories": ["workshops"],
        "image": "workshop",
        "source": "International Blue Crescent Relief and Development Foundation (IBC)",
        "tr": {
            "slug": "proje-degerlendirme-calistayi-yapildi",
            "title": "Proje Değerlendirme Çalıştayı Yapıldı",
            "summary": "STK haritalama ve eğitim ihtiyaç analizi sonuçları, kamu kurumları, BM kuruluşları ve STK'ların katıldığı çalıştayda paylaşıldı.",
            "tags": ["çalıştay", "ihtiyaç analizi"],
            "body": [
                (
                    "paragraph",
                    rich(
                        "Göç ve Sivil Toplum Projesi'nin değerlendirme çalıştayı; Sivil Toplumla İlişkiler Genel Müdürlüğü, Avrupa Birliği Başkanlığı, Türk Kızılay, AFAD, Göç İdaresi Genel Müdürlüğü, UNHCR, UNICEF, IOM, GIZ, DRC, WFP ve STK temsilcilerinin katılımıyla gerçekleştirildi.",
                        "Çalıştayda, göç alanında çalışan STK'ların haritalandırılması ile kurumların doldurduğu eğitim ihtiyaç analizi anketinin sonuçları paylaşıldı. Bu sonuçlara göre STK'lara, ihtiyaç duydukları alanlarda uzman ekiplerce eğitim verilmesine karar verildi.",
                    ),
                ),
                (
                    "quote",
                    {
                        "text": "Projenin hedef gruplarını hem göç ve uluslararası koruma alanında çalışan STK'lar hem de İl Göç İdaresi Müdürlükleri oluşturuyor.",
                        "attribution": "Çalıştay sunumundan",
                    },
                ),
                (
                    "paragraph",
                    rich(
                        "Uygulama dönemine ilişkin olarak ulusal düzeyde STK ağının desteklenmesi, çalışma ziyaretleri, STK fon mekanizmalarının araştırılması ve kamu-STK diyaloğu üzerine iyi uygulama konferansları da ele alındı."
                    ),
                ),
            ],
        },
        "en": {
            "slug": "project-evaluation-workshop-held",
            "title": "Project Evaluation Workshop Held",
            "summary": "The results of the NGO mapping and the training needs assessment were shared at a workshop with public institutions, UN agencies and NGOs.",
            "tags": ["workshop", "needs assessment"],
            "body": [
                (
                    "paragraph",
                    rich(
                        "The evaluation workshop of the Migration & Civil Society Project brought together the Directorate General for Relations with Civil Society, the Directorate for EU Affairs, the Turkish Red Crescent, AFAD, the Directorate General of Migration Management, UNHCR, UNICEF, IOM, GIZ, DRC, WFP and NGO representatives.",
                        "The workshop presented the mapping of NGOs working on migration and the results of the training needs survey completed by the organisations. Based on them, expert teams will train NGOs in the fields they need most.",
                    ),
                ),
                (
                    "quote",
                    {
                        "text": "The project's target groups are NGOs working on migration and international protection, and the Provincial Directorates of Migration Management.",
                        "attribution": "From the workshop presentation",
                    },
                ),
                (
                    "paragraph",
                    rich(
                        "For the implementation phase, participants also discussed support to a national NGO network, study visits, research on NGO funding mechanisms and good-practice conferences on public–NGO dialogue."
                    ),
                ),
            ],
        },
    },
    {
        "date": (2020, 1, 30),
        "categories": ["networking", "announcements"],
        "image": "network",
        "source": "KADEM (Kadın ve Demokrasi Derneği)",
        "tr": {
            "slug": "multeciler-icin-guclu-sivil-toplum-projesi-tamamlandi",
            "title": "Mülteciler için Güçlü Sivil Toplum Projesi Tamamlandı",
            "summary": "KADEM'in kardeş projesiyle İstanbul ve Gaziantep'te 58 kamu kurumuna ve 114 STK'ya ulaşıldı.",
            "tags": ["kardeş proje", "kapasite geliştirme"],
            "body": [
                (
                    "paragraph",
                    rich(
                        "KADEM (Kadın ve Demokrasi Derneği), Avrupa Birliği'nin Sivil Toplum Destek Programı – II kapsamında finanse ettiği Mülteciler için Güçlü Sivil Toplum Projesi'ni İtalya'dan CEIPES Derneği ile birlikte tamamladı.",
                        "Proje ile İstanbul ve Gaziantep'te mültecilere yönelik çalışan STK'ların fon bulma, planlama, proje yönetimi ve kamu kurumlarıyla savunuculuk kapasitelerini artıracak eğitimler geliştirildi ve uygulandı.",
                    ),
                ),
                ("heading", "Neler yapıldı?"),
                (
                    "paragraph",
                    "<ul><li>21-27 Ağustos 2019'da STK ve kamu kurumları ihtiyaç belirleme çalıştayları</li><li>54 STK ile kapasite saha araştırması</li><li>Kamu kurumlarına mülteci hukuku, mülteci psikolojisi ve cinsiyet adaleti eğitimleri</li><li>CEIPES tarafından hazırlanan STK Kapasite Geliştirme Eğitim Kiti</li><li>Aralık 2019'da STK ağ kurma ve kamu-STK istişare mekanizması toplantıları</li></ul>",
                ),
                (
                    "paragraph",
                    rich(
                        "Programın teknik uygulamasından Dışişleri Bakanlığı Avrupa Birliği Başkanlığı, sözleşme makamlığından Hazine ve Maliye Bakanlığı Merkezi Finans ve İhale Birimi sorumluydu."
                    ),
                ),
            ],
        },
        "en": {
            "slug": "strong-civil-society-for-refugees-project-completed",
            "title": "“Strong Civil Society for Refugees” Project Completed",
            "summary": "KADEM's sister project reached 58 public institutions and 114 NGOs in Istanbul and Gaziantep.",
            "tags": ["sister project", "capacity building"],
            "body": [
                (
                    "paragraph",
                    rich(
                        "KADEM (Women and Democracy Association) has completed the Strong Civil Society for Refugees project, funded by the European Union under the Civil Society Support Programme II and run with the Italian association CEIPES.",
                        "The project designed and delivered trainings that strengthen how NGOs working with refugees in Istanbul and Gaziantep raise funds, plan, manage projects and advocate with public institutions.",
                    ),
                ),
                ("heading", "What was done?"),
                (
                    "paragraph",
                    "<ul><li>NGO and public-institution needs workshops, 21–27 August 2019</li><li>A capacity field survey of 54 NGOs</li><li>Trainings for public institutions on refugee law, refugee psychology and gender justice</li><li>The NGO Capacity Building Training Kit prepared by CEIPES</li><li>NGO networking and public–NGO consultation meetings in December 2019</li></ul>",
                ),
                (
                    "paragraph",
                    rich(
                        "The Directorate for EU Affairs of the Ministry of Foreign Affairs was responsible for the programme's technical implementation; the Central Finance and Contracts Unit was the contracting authority."
                    ),
                ),
            ],
        },
    },
]

# Shorter items: (date, categories, image, source, tr slug, tr title, tr summary, tr tags,
# en slug, en title, en summary, en tags)
SHORT_ITEMS = [
    (
        (2019, 3, 8),
        ["announcements"],
        None,
        "",
        "proje-baslangic-toplantisi-yapildi",
        "Proje Başlangıç Toplantısı Yapıldı",
        "Göç ve Sivil Toplum Projesi, 8 Mart 2019'daki başlangıç toplantısıyla resmen başladı.",
        ["proje başlangıcı"],
        "project-kick-off-meeting-held",
        "Project Kick-off Meeting Held",
        "The Migration & Civil Society Project was launched officially at its kick-off meeting on 8 March 2019.",
        ["project launch"],
    ),
    (
        (2019, 7, 15),
        ["field-research"],
        None,
        "",
        "goc-alanindaki-stklar-haritalaniyor",
        "Göç Alanındaki STK'lar Haritalanıyor",
        "Göç ve uluslararası koruma alanında araştırma ve savunuculuk yapan STK'ların haritalandırılması başladı.",
        ["haritalama"],
        "mapping-ngos-working-on-migration",
        "Mapping the NGOs Working on Migration",
        "The mapping of NGOs active in research and advocacy on migration and international protection has begun.",
        ["mapping"],
    ),
    (
        (2019, 8, 28),
        ["workshops"],
        "workshop",
        "KADEM (Kadın ve Demokrasi Derneği)",
        "istanbul-ve-gaziantepte-ihtiyac-belirleme-calistaylari",
        "İstanbul ve Gaziantep'te İhtiyaç Belirleme Çalıştayları",
        "21-27 Ağustos 2019'da mülteci alanındaki STK'lar ve kamu kurumları ortak masalarda sorunları ve ihtiyaçları belirledi.",
        ["çalıştay", "kardeş proje"],
        "needs-workshops-in-istanbul-and-gaziantep",
        "Needs Workshops in Istanbul and Gaziantep",
        "From 21 to 27 August 2019 refugee NGOs and public institutions met at joint tables to name problems and needs.",
        ["workshop", "sister project"],
    ),
    (
        (2019, 9, 10),
        ["trainings", "field-research"],
        None,
        "",
        "stk-egitim-ihtiyac-analizi-anketi",
        "STK Eğitim İhtiyaç Analizi Anketi Başladı",
        "STK'lara yönelik eğitim modüllerinin tasarımı için ihtiyaç analizi anketi kurumlarla paylaşıldı.",
        ["ihtiyaç analizi"],
        "ngo-training-needs-survey-launched",
        "NGO Training Needs Survey Launched",
        "A needs survey shared with organisations will shape the design of training modules for NGOs.",
        ["needs assessment"],
    ),
    (
        (2019, 10, 7),
        ["trainings"],
        None,
        "KADEM (Kadın ve Demokrasi Derneği)",
        "kamu-kurumlarina-multeci-hukuku-egitimi",
        "Kamu Kurumlarına Mülteci Hukuku Eğitimi",
        "30 Eylül ve 3 Ekim'de başlayan ikişer günlük eğitimlerde mülteci hukuku, mülteci psikolojisi ve cinsiyet adaleti ele alındı.",
        ["eğitim", "kardeş proje"],
        "refugee-law-training-for-public-institutions",
        "Refugee Law Training for Public Institutions",
        "Two-day trainings starting on 30 September and 3 October covered refugee law, refugee psychology and gender justice.",
        ["training", "sister project"],
    ),
    (
        (2019, 11, 20),
        ["trainings"],
        None,
        "KADEM (Kadın ve Demokrasi Derneği)",
        "stk-kapasite-gelistirme-egitim-kiti-hazirlandi",
        "STK Kapasite Geliştirme Eğitim Kiti Hazırlandı",
        "CEIPES'in hazırladığı eğitim kiti, proje sona erdikten sonra da STK eğitimlerinde kullanılabilecek.",
        ["eğitim kiti", "kapasite geliştirme"],
        "ngo-capacity-building-training-kit-ready",
        "NGO Capacity Building Training Kit Ready",
        "The training kit prepared by CEIPES can be used in NGO trainings after the project ends too.",
        ["training kit", "capacity building"],
    ),
    (
        (2019, 12, 16),
        ["field-research"],
        "field",
        "",
        "kamu-stk-is-birligi-saha-calismalari-basladi",
        "Kamu-STK İş Birliği Saha Çalışmaları Başladı",
        "Kamu kurumları ve STK'lar arasında iş birliği geliştirilebilecek alanları belirlemek için illerde görüşmeler başladı.",
        ["saha çalışması"],
        "field-studies-on-public-ngo-cooperation-begin",
        "Field Studies on Public–NGO Cooperation Begin",
        "Interviews in the provinces have begun to find where public institutions and NGOs can work together.",
        ["field study"],
    ),
    (
        (2019, 12, 24),
        ["networking"],
        "network",
        "KADEM (Kadın ve Demokrasi Derneği)",
        "stk-ag-kurma-toplantilari-yapildi",
        "STK Ağ Kurma Toplantıları Yapıldı",
        "10 ve 24 Aralık'ta yapılan toplantılarda STK'lar bilgi ve deneyim paylaşımı için bir araya geldi.",
        ["ağ kurma", "kardeş proje"],
        "ngo-networking-meetings-held",
        "NGO Networking Meetings Held",
        "At meetings on 10 and 24 December NGOs came together to share knowledge and experience.",
        ["networking", "sister project"],
    ),
    (
        (2019, 12, 27),
        ["networking"],
        None,
        "KADEM (Kadın ve Demokrasi Derneği)",
        "kamu-stk-istisare-mekanizmasi-toplantisi",
        "Kamu-STK İstişare Mekanizması Toplantısı",
        "11 ve 23 Aralık 2019'da kamu kurumları ve STK temsilcileri bir istişare mekanizması için görüş paylaştı.",
        ["kamu-STK iş birliği", "kardeş proje"],
        "public-ngo-consultation-mechanism-meeting",
        "Public–NGO Consultation Mechanism Meeting",
        "On 11 and 23 December 2019 public institutions and NGOs shared their views on a consultation mechanism.",
        ["public-NGO cooperation", "sister project"],
    ),
    (
        (2020, 3, 5),
        ["trainings"],
        None,
        "",
        "stk-egitim-modulleri-tasarlandi",
        "STK Eğitim Modülleri Tasarlandı",
        "İhtiyaç analizinin sonuçlarına göre göç alanındaki STK'lar için eğitim modülleri tasarlandı.",
        ["eğitim"],
        "ngo-training-modules-designed",
        "NGO Training Modules Designed",
        "Training modules for NGOs working on migration were designed from the results of the needs assessment.",
        ["training"],
    ),
    (
        (2020, 6, 30),
        ["announcements", "field-research"],
        None,
        "",
        "saha-calismalarinin-son-gorusmeleri-tamamlandi",
        "Saha Çalışmalarının Son Görüşmeleri Tamamlandı",
        "Salgın döneminde çevrim içi sürdürülen görüşmelerle saha çalışmaları Haziran 2020'de sona erdi.",
        ["saha çalışması"],
        "last-field-study-interviews-completed",
        "Last Field Study Interviews Completed",
        "Continued online during the pandemic, the field studies ended in June 2020.",
        ["field study"],
    ),
]


def _short_item(entry):
    (date, categories, image, source, tr_slug, tr_title, tr_summary, tr_tags) = entry[:8]
    (en_slug, en_title, en_summary, en_tags) = entry[8:]
    return {
        "date": date,
        "categories": categories,
        "image": image,
        "source": source,
        "tr": {
            "slug": tr_slug,
            "title": tr_title,
            "summary": tr_summary,
            "tags": tr_tags,
            "body": [("paragraph", rich(tr_summary))],
        },
        "en": {
            "slug": en_slug,
            "title": en_title,
            "summary": en_summary,
            "tags": en_tags,
            "body": [("paragraph", rich(en_summary))],
        },
    }


def _filed_under(categories, tags):
    """A new page's step before it is saved (``ensure_pair``'s ``prepare``): its
    categories and tags, which modelcluster keeps on the unsaved page, so the first
    revision, the one published, has them."""

    def step(page):
        page.categories.set(categories)
        page.tags.set(tags)

    return step


def load(context):
    locales = context.locales
    categories = {
        key: ensure_snippet_pair(
            NewsCategory,
            {"slug": tr_slug},
            {"name": tr_name},
            {"name": en_name, "slug": en_slug},
            locales,
        )
        for key, (tr_name, tr_slug, en_name, en_slug) in CATEGORIES.items()
    }
    index_tr, index_en = ensure_pair(
        context,
        context.tr_home,
        NewsIndexPage,
        tr={
            "slug": "haberler",
            "title": "Haberler",
            "show_in_menus": True,
            "summary": "Göç ve Sivil Toplum Projesi'nden ve ortaklarından haberler.",
            "intro": "Çalıştaylar, eğitimler, saha çalışmaları ve duyurular.",
        },
        en={
            "slug": "news",
            "title": "News",
            "summary": "News from the Migration & Civil Society Project and its partners.",
            "intro": "Workshops, trainings, field studies and announcements.",
        },
        key="news_index",
    )
    for item in ITEMS + [_short_item(entry) for entry in SHORT_ITEMS]:
        image = ensure_image(item["image"]) if item.get("image") else None
        shared = {
            "date_published": _date(*item["date"]),
            "lead_image": image,
            "organisation": item.get("source", ""),
            "featured": item.get("featured", False),
        }
        tr = {k: v for k, v in item["tr"].items() if k != "tags"} | shared
        en = {k: v for k, v in item["en"].items() if k != "tags"} | shared
        filed = {
            "tr": _filed_under([categories[k][0] for k in item["categories"]], item["tr"]["tags"]),
            "en": _filed_under([categories[k][1] for k in item["categories"]], item["en"]["tags"]),
        }
        ensure_pair(context, index_tr, NewsPage, tr=tr, en=en, prepare=filed)
