"""Demo content: twenty terms of migration and international protection in both
languages, and the glossary page pair. Idempotent: existing entries are left alone."""

from home.demo import ensure_pair, ensure_snippet_pair

from .models import GlossaryPage, GlossaryTerm

# (Turkish term, Turkish deprecated variants, Turkish note,
#  English term, English deprecated variants, English note)
TERMS = [
    (
        "uluslararası koruma",
        "",
        "Mülteci, şartlı mülteci ve ikincil koruma statülerinin ortak adı (6458 sayılı Kanun).",
        "international protection",
        "",
        "The common name of refugee, conditional refugee and subsidiary protection status (Law No. 6458).",
    ),
    (
        "geçici koruma",
        "",
        "Kitlesel sığınma durumunda acil ve geçici koruma; bireysel uluslararası koruma başvurusundan ayrıdır.",
        "temporary protection",
        "",
        "Urgent, temporary protection in a mass influx, separate from individual international protection applications.",
    ),
    (
        "başvuru sahibi",
        "",
        "Uluslararası koruma başvurusu yapmış ve başvurusu hakkında henüz karar verilmemiş kişi.",
        "applicant",
        "",
        "A person who has applied for international protection and whose application has not yet been decided.",
    ),
    (
        "uluslararası koruma statüsü sahibi",
        "",
        "Mülteci, şartlı mülteci veya ikincil koruma statüsü verilmiş kişi.",
        "beneficiary of international protection",
        "",
        "A person granted refugee, conditional refugee or subsidiary protection status.",
    ),
    (
        "mülteci",
        "",
        "Avrupa ülkelerinde meydana gelen olaylar nedeniyle koruma ihtiyacı doğan kişilere verilen statü.",
        "refugee",
        "",
        "In Turkish law, the status given to people needing protection because of events in European countries.",
    ),
    (
        "şartlı mülteci",
        "",
        "Avrupa dışındaki olaylar nedeniyle koruma ihtiyacı doğan kişilere, üçüncü ülkeye yerleştirilinceye kadar verilen statü.",
        "conditional refugee",
        "",
        "Status for people needing protection because of events outside Europe, until they are resettled to a third country.",
    ),
    (
        "ikincil koruma",
        "",
        "Mülteci veya şartlı mülteci sayılmayan, ancak ülkesine dönerse ciddi zarar görecek kişilere verilen statü.",
        "subsidiary protection",
        "",
        "Status for people who are not refugees or conditional refugees but would face serious harm if returned.",
    ),
    (
        "düzensiz göç",
        "kaçak göç\nyasa dışı göç",
        "“Kaçak” ve “yasa dışı” ifadeleri insanları suçlu gibi gösterir; düzensiz olan kişi değil, durumdur.",
        "irregular migration",
        "illegal migration",
        "“Illegal” criminalises people; it is the situation that is irregular, not the person.",
    ),
    (
        "düzensiz göçmen",
        "kaçak göçmen\nyasa dışı göçmen",
        "Kişiyi değil durumu niteleyin.",
        "irregular migrant",
        "illegal migrant\nillegal immigrant",
        "Describe the situation, not the person.",
    ),
    (
        "geri kabul",
        "",
        "Bir devletin kendi vatandaşlarını veya ülkesinden geçmiş kişileri geri alması; AB-Türkiye Geri Kabul Anlaşması.",
        "readmission",
        "",
        "A state taking back its nationals or people who transited its territory; the EU-Türkiye Readmission Agreement.",
    ),
    (
        "yeniden yerleşim",
        "",
        "Kanunda “üçüncü ülkeye yerleştirme” olarak geçer.",
        "resettlement",
        "",
        "Called “resettlement to a third country” in Turkish law.",
    ),
    (
        "sığınmacı",
        "",
        "Genel metinlerde kullanılabilir; hukuki metinlerde “başvuru sahibi” tercih edilir.",
        "asylum seeker",
        "",
        "Fine in general texts; in legal texts prefer “applicant”.",
    ),
    (
        "geri göndermeme ilkesi",
        "",
        "Kimse işkence veya zulüm göreceği bir yere gönderilemez.",
        "non-refoulement",
        "",
        "No one may be sent back to a place where they would face torture or persecution.",
    ),
    (
        "sivil toplum kuruluşu",
        "",
        "Kısaltması STK.",
        "civil society organisation",
        "civil society organization",
        "EU English spelling; abbreviated CSO.",
    ),
    (
        "refakatsiz çocuk",
        "refakatsiz küçük",
        "Yanında kendisinden sorumlu bir yetişkin bulunmayan 18 yaşından küçük kişi.",
        "unaccompanied minor",
        "",
        "A person under 18 who is not accompanied by an adult responsible for them.",
    ),
    (
        "insan ticareti",
        "",
        "Sömürü amacıyla kişilerin zorla temin edilmesi; göçmen kaçakçılığından ayrıdır.",
        "trafficking in human beings",
        "",
        "Recruiting people by force for exploitation; not the same as migrant smuggling.",
    ),
    (
        "göçmen kaçakçılığı",
        "insan kaçakçılığı",
        "Bir kişinin yasal olmayan yollarla sınırdan geçirilmesi (TCK 79); insan ticaretiyle karıştırılmamalı.",
        "migrant smuggling",
        "human smuggling",
        "Helping a person cross a border irregularly for gain; not to be confused with trafficking.",
    ),
    (
        "idari gözetim",
        "gözaltı",
        "Ceza muhakemesindeki gözaltı değil, idari bir tedbirdir.",
        "administrative detention",
        "",
        "An administrative measure, not detention in criminal proceedings.",
    ),
    (
        "ikamet izni",
        "oturma izni",
        "6458 sayılı Kanun'daki adıyla.",
        "residence permit",
        "",
        "As named in Law No. 6458.",
    ),
    (
        "vatansız kişi",
        "haymatlos",
        "Hiçbir devletin vatandaşı sayılmayan kişi.",
        "stateless person",
        "",
        "A person not considered a national by any state.",
    ),
]


def load(context):
    for tr_term, tr_deprecated, tr_note, en_term, en_deprecated, en_note in TERMS:
        ensure_snippet_pair(
            GlossaryTerm,
            {"term": tr_term},
            {"deprecated_terms": tr_deprecated, "note": tr_note},
            {"term": en_term, "deprecated_terms": en_deprecated, "note": en_note},
            context.locales,
        )
    ensure_pair(
        context,
        context.tr_home,
        GlossaryPage,
        tr={
            "slug": "terimler-sozlugu",
            "title": "Terimler Sözlüğü",
            "summary": "Göç ve uluslararası koruma alanında kullandığımız terimler.",
            "intro": "Göç ve uluslararası koruma alanında metinlerimizde kullandığımız terimler, "
            "İngilizce karşılıkları ve kullanmaktan kaçındığımız ifadeler.",
            "show_in_menus": True,
        },
        en={
            "slug": "glossary",
            "title": "Glossary",
            "summary": "The terms we use on migration and international protection.",
            "intro": "The terms we use on migration and international protection, their Turkish "
            "equivalents and the expressions we avoid.",
        },
        key="glossary",
    )
