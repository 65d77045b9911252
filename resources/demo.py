"""Demo training library, in Turkish and English: the NGO capacity-building kit
(prepared by the partner CEIPES for the "Strong Civil Society for Refugees" project,
seed doc 004) and a kit for public institutions, with small generated PDFs and one
trainers-only facilitator guide kept private in a restricted collection."""

import datetime

from wagtail.models import Collection, CollectionViewRestriction

from home.demo import ensure_document, ensure_pair, ensure_snippet_pair, rich

from .models import ResourceIndexPage, Topic, TrainingKitPage

TOPICS = [
    ("stratejik-planlama", "Stratejik planlama", "strategic-planning", "Strategic planning"),
    ("savunuculuk", "Savunuculuk", "advocacy", "Advocacy"),
    ("finans-yonetimi", "Finans yönetimi", "financial-management", "Financial management"),
    ("insan-kaynaklari", "İnsan kaynakları", "human-resources", "Human resources"),
    (
        "izleme-ve-degerlendirme",
        "İzleme ve değerlendirme",
        "monitoring-and-evaluation",
        "Monitoring and evaluation",
    ),
    ("fon-bulma", "Fon bulma", "fundraising", "Fundraising"),
    ("proje-yonetimi", "Proje yönetimi", "project-management", "Project management"),
    (
        "multeci-hukuku-ve-haklari",
        "Mülteci hukuku ve hakları",
        "refugee-law-and-rights",
        "Refugee law and rights",
    ),
    (
        "psikososyal-yaklasimlar",
        "Psikososyal yaklaşımlar",
        "psychosocial-approaches",
        "Psychosocial approaches",
    ),
    ("cinsiyet-adaleti", "Cinsiyet adaleti", "gender-justice", "Gender justice"),
    ("kamu-stk-diyalogu", "Kamu-STK diyaloğu", "public-ngo-dialogue", "Public-NGO dialogue"),
]

TRAINERS_ONLY = "Trainers only"


def ensure_topics(locales):
    topics = {}
    for tr_slug, tr_name, en_slug, en_name in TOPICS:
        tr, en = ensure_snippet_pair(
            Topic, {"slug": tr_slug}, {"name": tr_name}, {"name": en_name, "slug": en_slug}, locales
        )
        topics[en_slug] = (tr, en)
    return topics


def ensure_trainers_collection():
    """A collection whose documents only logged-in users (registered trainers) can open."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=TRAINERS_ONLY).first()
    if collection is None:
        collection = root.add_child(name=TRAINERS_ONLY)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def pdf(title, filename, language, lines, collection=None):
    return ensure_document(title, filename, lines, language=language, collection=collection)


def module(title, description, duration, objectives, documents):
    return (
        "module",
        {
            "title": title,
            "description": rich(description),
            "duration": duration,
            "learning_objectives": objectives,
            "documents": documents,
        },
    )


NGO_MODULES = [
    # (tr title, en title, tr objectives, en objectives)
    (
        "Stratejik plan oluşturma",
        "Building a strategic plan",
        "Misyon, vizyon ve hedeflerden ölçülebilir bir yol haritasına.",
        "From mission, vision and goals to a measurable road map.",
        ["Kuruluşun misyonunu ve vizyonunu yazmak", "Üç yıllık hedefleri önceliklendirmek"],
        ["Write the organisation's mission and vision", "Prioritise three-year goals"],
    ),
    (
        "Savunuculuk",
        "Advocacy",
        "Mültecilerle ilgili yerel politikalarda kamu kurumlarıyla diyalog ve savunuculuk.",
        "Dialogue and advocacy with public institutions on local refugee policy.",
        ["Bir savunuculuk hedefi belirlemek", "Paydaş haritası çıkarmak"],
        ["Set an advocacy goal", "Map stakeholders"],
    ),
    (
        "Finans yönetimi",
        "Financial management",
        "Bütçeleme, nakit akışı ve hibe raporlaması.",
        "Budgeting, cash flow and grant reporting.",
        ["Proje bütçesi hazırlamak", "Harcamaları belgelemek"],
        ["Prepare a project budget", "Document expenditure"],
    ),
    (
        "İnsan kaynakları yönetimi",
        "Human resources management",
        "Personel ve gönüllülerle çalışma, görev tanımları ve iş sağlığı.",
        "Working with staff and volunteers, job descriptions and well-being at work.",
        ["Görev tanımı yazmak", "Gönüllü yönetim planı hazırlamak"],
        ["Write a job description", "Prepare a volunteer management plan"],
    ),
    (
        "İzleme ve değerlendirme",
        "Monitoring and evaluation",
        "Göstergeler, eğitim öncesi ve sonrası ölçüm ve raporlama.",
        "Indicators, before-and-after measurement and reporting.",
        ["Gösterge tanımlamak", "Ön test ve son test tasarlamak"],
        ["Define indicators", "Design a pre-test and a post-test"],
    ),
]

PUBLIC_MODULES = [
    (
        "Mülteci hukuku ve hakları",
        "Refugee law and rights",
        "Uluslararası koruma mevzuatı ve mültecilerin hakları.",
        "International protection law and the rights of refugees.",
        ["Uluslararası koruma statülerini ayırt etmek", "Temel hakları açıklamak"],
        ["Tell international protection statuses apart", "Explain fundamental rights"],
    ),
    (
        "Mülteci psikolojisi: yaklaşımlar",
        "Refugee psychology: approaches",
        "Travma bilgisine dayalı hizmet sunumu ve psikososyal destek.",
        "Trauma-informed services and psychosocial support.",
        ["Travma belirtilerini tanımak", "Doğru yönlendirme yapmak"],
        ["Recognise signs of trauma", "Refer people to the right service"],
    ),
    (
        "Cinsiyet adaleti",
        "Gender justice",
        "Hizmet sunumunda toplumsal cinsiyete duyarlı yaklaşımlar.",
        "Gender-sensitive approaches in public services.",
        ["Toplumsal cinsiyete duyarlı hizmet ilkelerini uygulamak"],
        ["Apply the principles of gender-sensitive services"],
    ),
]


def build_modules(kit_key, rows, duration, guide=None):
    tr_modules, en_modules = [], []
    for number, (tr_title, en_title, tr_desc, en_desc, tr_obj, en_obj) in enumerate(rows, 1):
        tr_doc = pdf(
            f"{tr_title} — Katılımcı notları",
            f"{kit_key}-{number}-katilimci-notlari.pdf",
            "tr",
            [tr_title, tr_desc, *tr_obj],
        )
        en_doc = pdf(
            f"{en_title} — Participant handout",
            f"{kit_key}-{number}-participant-handout.pdf",
            "en",
            [en_title, en_desc, *en_obj],
        )
        tr_docs, en_docs = [tr_doc], [en_doc]
        if guide is not None and number == 1:
            tr_docs.append(guide)
            en_docs.append(guide)
        tr_modules.append(module(tr_title, tr_desc, duration[0], tr_obj, tr_docs))
        en_modules.append(module(en_title, en_desc, duration[1], en_obj, en_docs))
    return tr_modules, en_modules


def load(context):
    locales = context.locales
    topics = ensure_topics(locales)
    trainers = ensure_trainers_collection()

    index_tr, index_en = ensure_pair(
        context,
        context.tr_home,
        ResourceIndexPage,
        tr={
            "slug": "egitim-kutuphanesi",
            "title": "Eğitim Kütüphanesi",
            "show_in_menus": True,
            "summary": "STK'lar, kamu kurumları ve eğitmenler için indirilebilir eğitim kitleri.",
            "intro": rich(
                "Göç ve uluslararası koruma alanında çalışan STK'lar ve kamu kurumları için "
                "hazırlanmış eğitim kitleri. Konuya, hedef kitleye ya da dile göre süzün, "
                "modülleri tek tek ya da kitin tamamını indirin."
            ),
        },
        en={
            "slug": "training-library",
            "title": "Training Library",
            "summary": "Downloadable training kits for NGOs, public institutions and trainers.",
            "intro": rich(
                "Training kits for NGOs and public institutions working on migration and "
                "international protection. Filter by topic, audience or language, and download "
                "single modules or the whole kit."
            ),
        },
    )
    context.pages["resources_index"] = (index_tr, index_en)

    guide = pdf(
        "Kolaylaştırıcı rehberi / Facilitator guide",
        "kolaylastirici-rehberi-facilitator-guide.pdf",
        "tr-en",
        [
            "Yalnızca kayıtlı eğitmenler için / For registered trainers only",
            "Oturum akışı, zaman planı ve değerlendirme formları.",
            "Session flow, timing and evaluation forms.",
        ],
        collection=trainers,
    )
    ngo_tr, ngo_en = build_modules("stk-kapasite", NGO_MODULES, ("3 saat", "3 hours"), guide=guide)
    ngo_topics = [
        "strategic-planning",
        "advocacy",
        "financial-management",
        "human-resources",
        "monitoring-and-evaluation",
    ]
    ensure_pair(
        context,
        index_tr,
        TrainingKitPage,
        tr={
            "slug": "stk-kapasite-gelistirme-egitim-kiti",
            "title": "STK Kapasite Geliştirme Eğitim Kiti",
            "summary": "Mültecilerle çalışan STK'lar için stratejik planlamadan izleme ve "
            "değerlendirmeye beş modüllük eğitim paketi.",
            "description": rich(
                "Bu kit, İstanbul ve Gaziantep'te mültecilere yönelik çalışan STK'ların "
                "kapasitesini geliştirmek için hazırlandı. Proje süresince verilen eğitimlerde "
                "kullanıldı ve proje bittikten sonra da kullanılabilecek biçimde tasarlandı.",
                "Kit, alanda deneyimli ortak kuruluş CEIPES (İtalya) tarafından hazırlandı; "
                "eğitimler öncesinde ve sonrasında STK'ların kapasitesi bir göstergeyle ölçüldü.",
            ),
            "audience_ngos": True,
            "audience_trainers": True,
            "language_tr": True,
            "language_en": True,
            "author": "CEIPES (İtalya), proje ortağı",
            "publication_date": datetime.date(2020, 1, 31),
            "version": "1.0",
            "licence": "CC-BY-4.0",
            "featured": True,
            "topics": [topics[key][0] for key in ngo_topics],
            "modules": ngo_tr,
        },
        en={
            "slug": "ngo-capacity-building-training-kit",
            "title": "NGO Capacity-Building Training Kit",
            "summary": "Five modules for NGOs working with refugees, from strategic planning "
            "to monitoring and evaluation.",
            "description": rich(
                "This kit was made to build the capacity of NGOs working with refugees in "
                "Istanbul and Gaziantep. It was used in the project's trainings and is designed "
                "to stay useful after the project ends.",
                "It was prepared by the experienced partner organisation CEIPES (Italy); the "
                "NGOs' capacity was measured with an indicator before and after the trainings.",
            ),
            "author": "CEIPES (Italy), project partner",
            "topics": [topics[key][1] for key in ngo_topics],
            "modules": ngo_en,
        },
        key="kit_ngo",
    )

    public_tr, public_en = build_modules("kamu-kurumlari", PUBLIC_MODULES, ("1 gün", "1 day"))
    public_topics = [
        "refugee-law-and-rights",
        "psychosocial-approaches",
        "gender-justice",
        "public-ngo-dialogue",
    ]
    ensure_pair(
        context,
        index_tr,
        TrainingKitPage,
        tr={
            "slug": "kamu-kurumlari-egitim-kiti",
            "title": "Kamu Kurumları için Mülteci Alanı Eğitim Kiti",
            "summary": "Mültecilerle çalışan kamu kurumu personeli için mülteci hukuku, mülteci "
            "psikolojisi ve cinsiyet adaleti modülleri.",
            "description": rich(
                "İhtiyaç belirleme çalıştaylarının sonuçlarına göre hazırlanan bu kit, 30 Eylül ve "
                "3 Ekim 2019'da İstanbul ve Gaziantep'te başlayan ikişer günlük kamu kurumları "
                "eğitimlerinde kullanıldı.",
                "Kaymakamlıklar, belediyeler, il göç idareleri ve sosyal hizmet merkezleri gibi "
                "mültecilerle yakın çalışan kurumlara yöneliktir.",
            ),
            "audience_public_institutions": True,
            "audience_trainers": True,
            "language_tr": True,
            "language_en": True,
            "author": "KADEM (Kadın ve Demokrasi Derneği)",
            "publication_date": datetime.date(2019, 9, 30),
            "version": "1.0",
            "licence": "CC-BY-NC-4.0",
            "featured": True,
            "topics": [topics[key][0] for key in public_topics],
            "modules": public_tr,
        },
        en={
            "slug": "public-institutions-training-kit",
            "title": "Refugee Training Kit for Public Institutions",
            "summary": "Refugee law, refugee psychology and gender justice for public "
            "servants who work with refugees.",
            "description": rich(
                "Built on the findings of the needs-assessment workshops, this kit was used in "
                "the two-day trainings for public institutions that started in Istanbul and "
                "Gaziantep on 30 September and 3 October 2019.",
                "It is meant for institutions that work closely with refugees, such as district "
                "governorates, municipalities, provincial migration directorates and social "
                "service centres.",
            ),
            "author": "KADEM (Women and Democracy Association)",
            "topics": [topics[key][1] for key in public_topics],
            "modules": public_en,
        },
        key="kit_public",
    )
