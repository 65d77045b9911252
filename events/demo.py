"""Demo events in Turkish and English, from the project's own documents.

Dates and places come from the seed documents: the kick-off meeting (8 March 2019,
Ankara) from the project info note; the needs-assessment workshops, trainings,
networking and consultation meetings, the study visit to Sicily and the closing
programme from the sister project's report. That report gives no dates for the study
visit and the closing programme, so those two dates are illustrative. The two future
events are set in the year after the demo is first loaded, so "upcoming" is never empty.
"""

import datetime

from django.utils import timezone

from home.demo import ensure_document, ensure_pair, ensure_snippet_pair, rich

from .models import EventIndexPage, EventPage, EventType

EVENT_TYPES = [
    # (Turkish slug, Turkish name, English slug, English name)
    ("calistay", "Çalıştay", "workshop", "Workshop"),
    ("egitim", "Eğitim", "training", "Training"),
    ("konferans", "Konferans", "conference", "Conference"),
    ("toplanti", "Toplantı", "meeting", "Meeting"),
    ("calisma-ziyareti", "Çalışma ziyareti", "study-visit", "Study visit"),
    ("baslangic-toplantisi", "Başlangıç toplantısı", "kick-off", "Kick-off meeting"),
    ("kapanis-etkinligi", "Kapanış etkinliği", "closing-event", "Closing event"),
]


def _at(day, hour=0, minute=0):
    tz = timezone.get_default_timezone()
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz)


def _days(first, last=None):
    """An all-day event from ``first`` to ``last`` (inclusive)."""
    return {"start": _at(first), "end": _at(last or first), "all_day": True}


def _org(name, role="organiser"):
    return ("organisation", {"name": name, "role": role, "website": ""})


def _session(start, end, title, speakers, day=None):
    return (
        "session",
        {
            "day": day,
            "start_time": start,
            "end_time": end,
            "title": title,
            "description": "",
            "speakers": [{"role": role, "organisation": org} for role, org in speakers],
        },
    )


D = datetime.date
T = datetime.time
SISTER_TR = [_org("Kadın ve Demokrasi Derneği (KADEM)"), _org("CEIPES", "partner")]
SISTER_EN = [_org("Women and Democracy Association (KADEM)"), _org("CEIPES", "partner")]
SISTER_NOTE_TR = (
    "Mülteciler için Güçlü Sivil Toplum Projesi kapsamında, Avrupa Birliği'nin Sivil Toplum "
    "Destek Programı – II desteğiyle düzenlendi."
)
SISTER_NOTE_EN = (
    "Held under the Strong Civil Society for Refugees project, funded by the European Union's "
    "Civil Society Support Programme II."
)


def _past_events():
    """(type key, shared fields, Turkish fields, English fields) of the past events."""
    meeting_tr = "Kamu kurumları ve STK temsilcileri"
    meeting_en = "Representatives of public institutions and NGOs"
    events = [
        (
            "baslangic-toplantisi",
            {**_days(D(2019, 3, 8)), "city": "ankara"},
            {
                "slug": "proje-baslangic-toplantisi",
                "title": "Proje Başlangıç Toplantısı",
                "summary": "Göç ve Sivil Toplum Projesi, 24 ay sürecek uygulamasına Ankara'daki başlangıç toplantısıyla resmen başladı.",
                "target_audience": "Göç ve uluslararası koruma alanında çalışan kamu kurumları ve STK'lar",
                "organisers": [
                    _org("İçişleri Bakanlığı Göç İdaresi Genel Müdürlüğü"),
                    _org("Teknik Destek Ekibi"),
                ],
                "body": [
                    (
                        "paragraph",
                        rich(
                            "Toplantıda projenin amacı, hedef grupları ve 2019-2021 dönemindeki faaliyetleri paydaşlara tanıtıldı."
                        ),
                    )
                ],
                "outcomes": rich(
                    "Proje resmen başladı. Mevcut durumun incelendiği başlangıç döneminin ardından STK haritalandırması ve eğitim ihtiyaç analizi planlandı."
                ),
            },
            {
                "slug": "project-kick-off-meeting",
                "title": "Project Kick-off Meeting",
                "summary": "The Migration & Civil Society Project officially began its 24 months of work with a kick-off meeting in Ankara.",
                "target_audience": "Public institutions and NGOs working on migration and international protection",
                "organisers": [
                    _org("Ministry of Interior, Directorate General of Migration Management"),
                    _org("Technical Assistance Team"),
                ],
                "body": [
                    (
                        "paragraph",
                        rich(
                            "The meeting presented the project's purpose, target groups and 2019-2021 activities to its stakeholders."
                        ),
                    )
                ],
                "outcomes": rich(
                    "The project started officially. After an inception phase reviewing the current situation, the mapping of NGOs and a training needs analysis were planned."
                ),
            },
        ),
    ]
    for city, tr_city, tr_in_city, en_city in [
        ("istanbul", "İstanbul", "İstanbul'da", "Istanbul"),
        ("gaziantep", "Gaziantep", "Gaziantep'te", "Gaziantep"),
    ]:
        events.append(
            (
                "calistay",
                {**_days(D(2019, 8, 21), D(2019, 8, 27)), "city": city},
                {
                    "slug": f"ihtiyac-belirleme-calistaylari-{city}",
                    "title": f"{tr_in_city} İhtiyaç Belirleme Çalıştayları",
                    "summary": f"Mültecilerle çalışan STK'lar ve kamu kurumları {tr_city} çalıştaylarında sahadaki sorunları ve ihtiyaçları belirledi.",
                    "target_audience": "Mülteci alanında çalışan ya da mülteciler tarafından kurulan STK'lar; kaymakamlıklar, belediyeler, il göç idaresi, sosyal hizmet merkezleri ve İŞKUR temsilcileri",
                    "organisers": SISTER_TR,
                    "body": [
                        (
                            "paragraph",
                            rich(
                                "21-27 Ağustos 2019 arasında STK'lar ortak masalarda buluşarak sorunlara çözüm aradı. 22-27 Ağustos'taki kamu kurumları çalıştayında ise STK'larla çalışırken yaşanan başlıca sorunlar ve ihtiyaçlar ele alındı.",
                                SISTER_NOTE_TR,
                            ),
                        )
                    ],
                    "outcomes": rich(
                        "Çalıştay sonuçlarına göre eğitim alanları belirlendi ve alanında uzman eğitmenler davet edildi."
                    ),
                },
                {
                    "slug": f"needs-assessment-workshops-{city}",
                    "title": f"Needs-Assessment Workshops in {en_city}",
                    "summary": f"NGOs and public institutions working with refugees identified problems and needs in the field at workshops in {en_city}.",
                    "target_audience": "NGOs working with or founded by refugees; district governorships, municipalities, the provincial migration directorate, social service centres and the employment agency",
                    "organisers": SISTER_EN,
                    "body": [
                        (
                            "paragraph",
                            rich(
                                "From 21 to 27 August 2019 NGOs met around shared tables to look for solutions. The public institutions' workshop on 22-27 August discussed the main problems and needs in working with NGOs.",
                                SISTER_NOTE_EN,
                            ),
                        )
                    ],
                    "outcomes": rich(
                        "The results set the topics of the trainings, and expert trainers were invited."
                    ),
                },
            )
        )
    for number, (first, tr_day, en_day) in enumerate(
        [(D(2019, 9, 30), "30 Eylül", "30 September"), (D(2019, 10, 3), "3 Ekim", "3 October")],
        start=1,
    ):
        events.append(
            (
                "egitim",
                _days(first, first + datetime.timedelta(days=1)),
                {
                    "slug": f"kamu-kurumlari-egitimi-{number}",
                    "title": f"Kamu Kurumlarına Yönelik Eğitim ({tr_day})",
                    "summary": "Mülteci hukuku ve hakları, mülteci psikolojisi ve cinsiyet adaleti üzerine iki günlük eğitim.",
                    "venue": "İstanbul ve Gaziantep",
                    "target_audience": "Mültecilerle yakın çalışan kamu kurumlarının personeli",
                    "organisers": SISTER_TR,
                    "body": [
                        (
                            "paragraph",
                            rich(
                                f"{tr_day} 2019'da başlayan iki günlük eğitim, çalıştaylarda belirlenen ihtiyaçlara göre hazırlandı.",
                                SISTER_NOTE_TR,
                            ),
                        )
                    ],
                    "agenda": [
                        _session(
                            T(10),
                            T(12, 30),
                            "Mülteci hukuku ve hakları",
                            [("Eğitmen", "")],
                            day=first,
                        ),
                        _session(
                            T(13, 30),
                            T(16, 30),
                            "Mülteci psikolojisi: yaklaşımlar",
                            [("Eğitmen", "")],
                            day=first,
                        ),
                        _session(
                            T(10),
                            T(15),
                            "Cinsiyet adaleti",
                            [("Eğitmen", "")],
                            day=first + datetime.timedelta(days=1),
                        ),
                    ],
                },
                {
                    "slug": f"public-institutions-training-{number}",
                    "title": f"Training for Public Institutions ({en_day})",
                    "summary": "A two-day training on refugee law and rights, refugee psychology and gender justice.",
                    "venue": "Istanbul and Gaziantep",
                    "target_audience": "Staff of public institutions working closely with refugees",
                    "organisers": SISTER_EN,
                    "body": [
                        (
                            "paragraph",
                            rich(
                                f"The two-day training starting on {en_day} 2019 was designed around the needs the workshops identified.",
                                SISTER_NOTE_EN,
                            ),
                        )
                    ],
                    "agenda": [
                        _session(
                            T(10), T(12, 30), "Refugee law and rights", [("Trainer", "")], day=first
                        ),
                        _session(
                            T(13, 30),
                            T(16, 30),
                            "Refugee psychology: approaches",
                            [("Trainer", "")],
                            day=first,
                        ),
                        _session(
                            T(10),
                            T(15),
                            "Gender justice",
                            [("Trainer", "")],
                            day=first + datetime.timedelta(days=1),
                        ),
                    ],
                },
            )
        )
    meetings = [
        (
            D(2019, 12, 10),
            D(2019, 12, 10),
            "stk-ag-kurma-toplantisi-10-aralik",
            "STK Ağ Kurma Toplantısı (10 Aralık)",
            "ngo-networking-meeting-10-december",
            "NGO Networking Meeting (10 December)",
            "network",
        ),
        (
            D(2019, 12, 11),
            D(2019, 12, 11),
            "istisare-mekanizmasi-toplantisi-11-aralik",
            "STK–Kamu İstişare Mekanizması Toplantısı (11 Aralık)",
            "consultation-mechanism-meeting-11-december",
            "NGO–Public Consultation Mechanism Meeting (11 December)",
            "consult",
        ),
        (
            D(2019, 12, 23),
            D(2019, 12, 23),
            "istisare-mekanizmasi-toplantisi-23-aralik",
            "STK–Kamu İstişare Mekanizması Toplantısı (23 Aralık)",
            "consultation-mechanism-meeting-23-december",
            "NGO–Public Consultation Mechanism Meeting (23 December)",
            "consult",
        ),
        (
            D(2019, 12, 24),
            D(2019, 12, 24),
            "stk-ag-kurma-toplantisi-24-aralik",
            "STK Ağ Kurma Toplantısı (24 Aralık)",
            "ngo-networking-meeting-24-december",
            "NGO Networking Meeting (24 December)",
            "network",
        ),
        (
            D(2020, 1, 22),
            D(2020, 1, 23),
            "stk-kamu-is-birligi-toplantisi",
            "STK–Kamu Kurumları İş Birliği Toplantısı",
            "ngo-public-cooperation-meeting",
            "NGO–Public Institutions Cooperation Meeting",
            "cooperation",
        ),
    ]
    texts = {
        "network": (
            "STK'ların kamu kurumlarıyla iş birliğinde eşgüdüm sağlaması, kendi aralarında karar alma süreçlerini hızlandırması ve bilgi ile deneyim paylaşması için ağ kurma toplantısı.",
            "A networking meeting to help NGOs coordinate their cooperation with public institutions, speed up their joint decisions and share knowledge and experience.",
        ),
        "consult": (
            "STK'lar ile kamu kurumları arasında bir istişare ve danışma mekanizması kurmak için iki tarafın temsilcilerinin görüşleri alındı.",
            "Representatives of public institutions and NGOs gave their views on setting up a consultation mechanism between the two sectors.",
        ),
        "cooperation": (
            "Kurulan istişare mekanizmasının uygulanabilirliği ölçüldü ve sürdürülebilirliği için görüşler paylaşıldı.",
            "The meeting measured how well the new consultation mechanism works and gathered views on keeping it going.",
        ),
    }
    for first, last, tr_slug, tr_title, en_slug, en_title, kind in meetings:
        tr_text, en_text = texts[kind]
        events.append(
            (
                "toplanti",
                _days(first, last),
                {
                    "slug": tr_slug,
                    "title": tr_title,
                    "summary": tr_text,
                    "venue": "İstanbul ve Gaziantep",
                    "target_audience": meeting_tr,
                    "organisers": SISTER_TR,
                    "body": [("paragraph", rich(tr_text, SISTER_NOTE_TR))],
                },
                {
                    "slug": en_slug,
                    "title": en_title,
                    "summary": en_text,
                    "venue": "Istanbul and Gaziantep",
                    "target_audience": meeting_en,
                    "organisers": SISTER_EN,
                    "body": [("paragraph", rich(en_text, SISTER_NOTE_EN))],
                },
            )
        )
    events.append(
        (
            "calisma-ziyareti",
            _days(D(2020, 2, 17), D(2020, 2, 21)),
            {
                "slug": "sicilya-iyi-uygulamalar-ziyareti",
                "title": "Sicilya'ya İyi Uygulamalar Ziyareti",
                "summary": "Afrika'dan gelen göçün ilk durağı Sicilya'da, mültecilerin kurduğu STK'ların sosyal hayata katılımı ve kamu kurumlarıyla iletişimi yerinde incelendi.",
                "other_city": "Sicilya, İtalya",
                "organisers": SISTER_TR,
                "body": [
                    (
                        "paragraph",
                        rich("Ziyaretten elde edilen gözlemler raporlandı.", SISTER_NOTE_TR),
                    )
                ],
                "outcomes": rich(
                    "Mültecilerin kurduğu sivil toplum kuruluşlarının entegrasyon ve kamu kurumlarıyla iletişim deneyimleri raporlandı."
                ),
            },
            {
                "slug": "good-practice-study-visit-sicily",
                "title": "Good-Practice Study Visit to Sicily",
                "summary": "In Sicily, the first stop of migration from Africa, participants studied how refugee-led NGOs take part in social life and work with public institutions.",
                "other_city": "Sicily, Italy",
                "organisers": SISTER_EN,
                "body": [
                    (
                        "paragraph",
                        rich(
                            "The observations of the visit were written up in a report.",
                            SISTER_NOTE_EN,
                        ),
                    )
                ],
                "outcomes": rich(
                    "The experience of refugee-led NGOs with integration and with public institutions was documented in a report."
                ),
            },
        )
    )
    return events


def _future_events(year):
    conference_day = D(year, 3, 17)
    return [
        (
            "konferans",
            {
                "start": _at(conference_day, 10),
                "end": _at(conference_day, 16, 30),
                "city": "ankara",
                "format": "hybrid",
                "online_link": "https://meet.example.org/iyi-uygulama-konferansi",
                "registration_status": "open",
                "registration_url": "https://example.org/kayit/iyi-uygulama-konferansi",
                "registration_deadline": _at(D(year, 3, 10), 17),
            },
            {
                "slug": "kamu-stk-diyalogu-iyi-uygulama-konferansi",
                "title": "Kamu-STK Diyaloğu İyi Uygulama Konferansı",
                "summary": "Göç alanında kamu kurumları ile STK'lar arasındaki iş birliğinden iyi uygulamaların paylaşılacağı konferans; Ankara'da ve çevrim içi.",
                "venue": "Konferans salonu (örnek)",
                "address": "Örnek Caddesi 1, Çankaya",
                "target_audience": "Göç ve uluslararası koruma alanında çalışan STK'lar, il göç idaresi müdürlükleri ve diğer kamu kurumları",
                "organisers": [
                    _org("Teknik Destek Ekibi"),
                    _org("İçişleri Bakanlığı Göç İdaresi Genel Müdürlüğü", "partner"),
                ],
                "body": [
                    (
                        "paragraph",
                        rich(
                            "Konferans, projenin 4. faaliyeti olan iyi uygulama konferanslarının bir parçasıdır."
                        ),
                    )
                ],
                "agenda": [
                    _session(
                        T(10),
                        T(10, 30),
                        "Açılış konuşmaları",
                        [("Proje Direktörü", "Teknik Destek Ekibi")],
                    ),
                    _session(
                        T(10, 30),
                        T(12, 30),
                        "Panel: Yerel düzeyde kamu-STK iş birliği",
                        [
                            ("Moderatör", ""),
                            ("STK temsilcisi", ""),
                            ("İl göç idaresi temsilcisi", ""),
                        ],
                    ),
                    _session(
                        T(13, 30),
                        T(16),
                        "Atölyeler: Protokol modelleri ve standart çalışma yöntemleri",
                        [("Proje Koordinatörü", "Teknik Destek Ekibi")],
                    ),
                    _session(T(16), T(16, 30), "Kapanış ve değerlendirme", []),
                ],
            },
            {
                "slug": "public-ngo-dialogue-good-practice-conference",
                "title": "Public-NGO Dialogue Good-Practice Conference",
                "summary": "A conference sharing good practice in cooperation between public institutions and NGOs on migration; in Ankara and online.",
                "venue": "Conference hall (example)",
                "address": "Example Street 1, Çankaya",
                "target_audience": "NGOs working on migration and international protection, provincial migration directorates and other public institutions",
                "organisers": [
                    _org("Technical Assistance Team"),
                    _org(
                        "Ministry of Interior, Directorate General of Migration Management",
                        "partner",
                    ),
                ],
                "body": [
                    (
                        "paragraph",
                        rich(
                            "The conference is part of the project's activity 4, good-practice conferences on public-NGO dialogue."
                        ),
                    )
                ],
                "agenda": [
                    _session(
                        T(10),
                        T(10, 30),
                        "Opening remarks",
                        [("Project Director", "Technical Assistance Team")],
                    ),
                    _session(
                        T(10, 30),
                        T(12, 30),
                        "Panel: public-NGO cooperation at local level",
                        [
                            ("Moderator", ""),
                            ("NGO representative", ""),
                            ("Provincial migration directorate representative", ""),
                        ],
                    ),
                    _session(
                        T(13, 30),
                        T(16),
                        "Workshops: protocol models and standard operating procedures",
                        [("Project Coordinator", "Technical Assistance Team")],
                    ),
                    _session(T(16), T(16, 30), "Closing and evaluation", []),
                ],
            },
        ),
        (
            "egitim",
            {
                "start": _at(D(year, 5, 12), 10),
                "end": _at(D(year, 5, 12), 12, 30),
                "format": "online",
                "online_link": "https://meet.example.org/stk-fon-mekanizmalari",
                "registration_status": "form",
                "online_capacity": 40,
                "registration_deadline": _at(D(year, 5, 8), 17),
            },
            {
                "slug": "stk-fon-mekanizmalari-cevrim-ici-egitim",
                "title": "STK Fon Mekanizmaları: Çevrim İçi Eğitim",
                "summary": "STK'ların sürdürülebilirliği ve bağımsızlığı için fon kaynakları üzerine çevrim içi eğitim.",
                "target_audience": "Göç alanında çalışan STK'ların yöneticileri ve proje ekipleri",
                "organisers": [_org("Teknik Destek Ekibi")],
                "body": [
                    (
                        "paragraph",
                        rich(
                            "Eğitim, projenin 7. faaliyeti olan STK fon mekanizmaları araştırmasının bulgularına dayanır."
                        ),
                    )
                ],
                "agenda": [
                    _session(T(10), T(11), "Fon kaynaklarına genel bakış", [("Eğitmen", "")]),
                    _session(
                        T(11, 15), T(12, 30), "Başvuru hazırlama: uygulama", [("Eğitmen", "")]
                    ),
                ],
            },
            {
                "slug": "ngo-funding-mechanisms-online-training",
                "title": "NGO Funding Mechanisms: Online Training",
                "summary": "An online training on funding sources for the sustainability and independence of NGOs.",
                "target_audience": "Managers and project teams of NGOs working on migration",
                "organisers": [_org("Technical Assistance Team")],
                "body": [
                    (
                        "paragraph",
                        rich(
                            "The training builds on the project's activity 7, research into NGO funding mechanisms."
                        ),
                    )
                ],
                "agenda": [
                    _session(T(10), T(11), "An overview of funding sources", [("Trainer", "")]),
                    _session(
                        T(11, 15),
                        T(12, 30),
                        "Preparing an application: practice",
                        [("Trainer", "")],
                    ),
                ],
            },
        ),
    ]


def load(context):
    locales = context.locales
    types = {}
    for tr_slug, tr_name, en_slug, en_name in EVENT_TYPES:
        types[tr_slug] = ensure_snippet_pair(
            EventType,
            {"slug": tr_slug},
            {"name": tr_name},
            {"name": en_name, "slug": en_slug},
            locales,
        )

    index_tr, index_en = ensure_pair(
        context,
        context.tr_home,
        EventIndexPage,
        tr={
            "slug": "etkinlikler",
            "title": "Etkinlikler",
            "show_in_menus": True,
            "summary": "Çalıştaylar, eğitimler, toplantılar ve konferanslar: yaklaşan ve geçmiş etkinlikler.",
            "intro": "Projenin ve paydaşlarının çalıştayları, eğitimleri, toplantıları ve konferansları. Takvime abone olarak yeni etkinliklerden haberdar olabilirsiniz.",
        },
        en={
            "slug": "events",
            "title": "Events",
            "summary": "Workshops, trainings, meetings and conferences: upcoming and past events.",
            "intro": "Workshops, trainings, meetings and conferences of the project and its stakeholders. Subscribe to the calendar to hear about new ones.",
        },
        key="events_index",
    )

    closing_report = ensure_document(
        "Kapanış programı: proje çıktıları (özet)",
        "kapanis-programi-proje-ciktilari.pdf",
        [
            "Mülteciler için Güçlü Sivil Toplum Projesi",
            "İstanbul ve Gaziantep'te 58 kamu kurumuna ve 114 sivil toplum kuruluşuna ulaşıldı.",
            "Saha araştırması: 122 STK'ya anket ulaştırıldı, 70'inden dönüş alındı, 54'ü analiz edildi.",
        ],
        language="tr",
    )
    closing = (
        "kapanis-etkinligi",
        {**_days(D(2020, 3, 3)), "city": "istanbul"},
        {
            "slug": "kapanis-programi",
            "title": "Kapanış Programı: Proje Çıktıları Kamuoyuyla Paylaşıldı",
            "summary": "Çalıştay, saha araştırması ve toplantıların sonuçları kapanış programında kamuoyuyla paylaşıldı.",
            "organisers": SISTER_TR,
            "body": [
                (
                    "paragraph",
                    rich(
                        "Değerlendirmelere projenin nihai raporunda yer verildi ve rapor basıldı.",
                        SISTER_NOTE_TR,
                    ),
                )
            ],
            "documents": [("document", {"document": closing_report, "title": ""})],
            "outcomes": rich(
                "Proje, İstanbul ve Gaziantep'te 58 kamu kurumuna ve 114 sivil toplum kuruluşuna ulaştı."
            ),
        },
        {
            "slug": "closing-programme",
            "title": "Closing Programme: Project Results Shared with the Public",
            "summary": "The results of the workshops, field research and meetings were shared with the public at the closing programme.",
            "organisers": SISTER_EN,
            "body": [
                (
                    "paragraph",
                    rich(
                        "The evaluations went into the project's final report, which was printed.",
                        SISTER_NOTE_EN,
                    ),
                )
            ],
            "documents": [
                (
                    "document",
                    {
                        "document": closing_report,
                        "title": "Closing programme: project results (summary, in Turkish)",
                    },
                )
            ],
            "outcomes": rich(
                "The project reached 58 public institutions and 114 civil society organisations in Istanbul and Gaziantep."
            ),
        },
    )

    future_year = timezone.localdate().year + 1
    for type_key, shared, tr, en in [*_past_events(), closing, *_future_events(future_year)]:
        # ensure_pair leaves existing pages (and editors' changes) alone.
        tr_type, en_type = types[type_key]
        ensure_pair(
            context,
            index_tr,
            EventPage,
            tr={**shared, **tr, "event_type": tr_type},
            en={**en, "event_type": en_type},
        )
