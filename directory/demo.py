"""Thirty fictional organisations across the 15 provinces of the field studies.

Names are invented; contacts use example.org. Idempotent: organisations are found
again by slug and never overwritten."""

from .models import FieldOfWork, Organisation, Province
from .provinces import province_name

FIELD_STUDY_PROVINCES = [
    "istanbul",
    "ankara",
    "izmir",
    "gaziantep",
    "sanliurfa",
    "hatay",
    "kilis",
    "mersin",
    "adana",
    "kahramanmaras",
    "konya",
    "kayseri",
    "bursa",
    "van",
    "mardin",
]

# (Turkish name, acronym, type, fields, Turkish description, English description)
ORGANISATIONS = [
    (
        "Köprü Göç ve Dayanışma Derneği",
        "KÖPRÜ-DER",
        "association",
        ["legal-aid", "protection"],
        "Göçmenlere ücretsiz hukuki danışmanlık ve koruma hizmeti sunar.",
        "Provides free legal counselling and protection services to migrants.",
    ),
    (
        "Umut Eli Vakfı",
        "UMUT",
        "foundation",
        ["humanitarian-aid", "health"],
        "Acil insani yardım ve temel sağlık hizmetlerine erişim sağlar.",
        "Delivers emergency humanitarian aid and access to basic health care.",
    ),
    (
        "Yeni Hayat Mülteci İnisiyatifi",
        "YHMİ",
        "refugee-led",
        ["education", "livelihoods"],
        "Mültecilerin kurduğu, dil kursları ve iş becerisi eğitimleri düzenleyen bir inisiyatif.",
        "A refugee-led initiative running language courses and job-skills training.",
    ),
    (
        "Sınır Tanımayan Öğretmenler Derneği",
        "STÖD",
        "association",
        ["education"],
        "Göçmen çocukların okula uyumunu destekler.",
        "Helps migrant children settle into school.",
    ),
    (
        "Psikososyal Destek Ağı",
        "PSDA",
        "ngo",
        ["psychosocial-support", "women-and-children"],
        "Travma sonrası psikososyal destek ve danışmanlık sunar.",
        "Offers post-trauma psychosocial support and counselling.",
    ),
    (
        "Göç Araştırmaları Merkezi",
        "GAM",
        "university",
        ["research"],
        "Göç ve uluslararası koruma üzerine saha araştırmaları yürütür.",
        "Carries out field research on migration and international protection.",
    ),
]


def load(context):
    provinces = {p.slug: p for p in Province.objects.filter(slug__in=FIELD_STUDY_PROVINCES)}
    fields = {f.code: f for f in FieldOfWork.objects.all()}
    for number in range(30):
        name, acronym, org_type, field_codes, description_tr, description_en = ORGANISATIONS[
            number % len(ORGANISATIONS)
        ]
        province_slug = FIELD_STUDY_PROVINCES[number % len(FIELD_STUDY_PROVINCES)]
        full_name = (
            f"{name} – {province_name(province_slug)} Şubesi"
            if number >= len(ORGANISATIONS)
            else name
        )
        slug = f"demo-{number + 1:02d}-{province_slug}"
        if Organisation.objects.filter(slug=slug).exists():
            continue
        organisation = Organisation.objects.create(
            name=full_name,
            acronym=acronym,
            slug=slug,
            org_type=org_type,
            description_tr=description_tr,
            description_en=description_en,
            target_groups_tr="Mülteciler, uluslararası koruma başvuru sahipleri",
            target_groups_en="Refugees, applicants for international protection",
            website=f"https://{slug}.example.org",
            email=f"info@{slug}.example.org",
            languages_spoken="Türkçe, English, العربية",
            network_memberships="Ulusal Göç STK Ağı" if number % 3 == 0 else "",
            # Every tenth organisation has not (yet) consented: kept, never shown.
            listing_consent=number % 10 != 9,
            status=Organisation.Status.APPROVED,
        )
        organisation.provinces.set(
            [provinces[province_slug]] + ([provinces["istanbul"]] if number % 4 == 1 else [])
        )
        organisation.fields_of_work.set([fields[c] for c in field_codes])
