"""Demo content of the newsletter: the privacy notice pages, consent text v1 in both
languages and one draft issue per language. Creates only what is missing."""

from wagtail.models import Page

from home.demo import ensure_consent_texts, ensure_pair, rich
from home.models import StandardPage

from .models import ConsentText, NewsletterIssue

CONSENT = {
    "tr": "E-bülteni e-postayla almayı kabul ediyorum. E-posta adresim, adım ve kurumum "
    "yalnızca e-bülten gönderimi için işlenir; her e-bültendeki bağlantıyla istediğim zaman "
    "aboneliğimi sonlandırabilirim.",
    "en": "I agree to receive the newsletter by e-mail. My e-mail address, name and "
    "organisation are processed only to send the newsletter; I can unsubscribe at any time "
    "with the link in every issue.",
}


def ensure_privacy_pages(context):
    return ensure_pair(
        context,
        context.tr_home,
        StandardPage,
        tr={
            "slug": "gizlilik",
            "title": "Kişisel Verilerin Korunması ve Gizlilik",
            "summary": "E-bülten ve iletişim için kişisel verilerinizi nasıl işlediğimiz.",
            "intro": "6698 sayılı Kişisel Verilerin Korunması Kanunu (KVKK) ve Avrupa Birliği "
            "Genel Veri Koruma Tüzüğü (GDPR) kapsamında aydınlatma metni.",
            "body": [
                (
                    "paragraph",
                    rich(
                        "<b>Hangi verileri işliyoruz?</b> E-bültene abone olduğunuzda e-posta "
                        "adresinizi, tercih ettiğiniz dili ve isteğe bağlı olarak adınızı ve "
                        "kurumunuzu; ayrıca onay verdiğiniz metnin sürümünü ve zamanını kaydederiz.",
                        "<b>Hangi amaçla?</b> Yalnızca e-bülteni göndermek için. Verileriniz "
                        "üçüncü kişilerle paylaşılmaz ve başka bir amaçla kullanılmaz.",
                        "<b>Hukuki sebep:</b> Açık rızanız. Onayınızı, e-posta adresinize "
                        "gönderdiğimiz bağlantıyla teyit edersiniz.",
                        "<b>Haklarınız:</b> Her e-bültendeki bağlantıyla tek tıkla abonelikten "
                        "çıkabilir, verilerinizin silinmesini ya da size ne kaydettiğimizi "
                        "info@example.org adresine yazarak isteyebilirsiniz.",
                    ),
                )
            ],
        },
        en={
            "slug": "privacy",
            "title": "Personal Data Protection and Privacy",
            "summary": "How we process your personal data for the newsletter and contact.",
            "intro": "Privacy notice under Türkiye's Personal Data Protection Law No. 6698 "
            "(KVKK) and the EU General Data Protection Regulation (GDPR).",
            "body": [
                (
                    "paragraph",
                    rich(
                        "<b>What we process:</b> when you subscribe to the newsletter we keep "
                        "your e-mail address, your preferred language and, if you give them, your "
                        "name and organisation, with the version and time of the consent text you "
                        "agreed to.",
                        "<b>What for:</b> only to send you the newsletter. Your data is not "
                        "shared with third parties or used for anything else.",
                        "<b>Legal basis:</b> your explicit consent, which you confirm with the "
                        "link we send to your address.",
                        "<b>Your rights:</b> unsubscribe with one click from any issue, or write "
                        "to info@example.org to see what we hold or to have it erased.",
                    ),
                )
            ],
        },
        key="privacy",
    )


def _featured_pages(context):
    """A few recent news, event and training-kit pages of the Turkish tree."""
    pages = []
    for app_label in ("news", "events", "resources"):
        page = (
            Page.objects.live()
            .descendant_of(context.tr_home)
            .filter(content_type__app_label=app_label, depth__gte=4)
            .order_by("-first_published_at")
            .first()
        )
        if page is not None:
            pages.append(page)
    return pages


def ensure_issues(context):
    if NewsletterIssue.objects.exists():
        return
    tr_pages = _featured_pages(context)
    en_pages = [p.get_translation_or_none(context.locales["en"]) for p in tr_pages]
    tr_issue = NewsletterIssue.objects.create(
        locale=context.locales["tr"],
        subject="Göç ve Sivil Toplum: saha çalışmaları tamamlandı",
        intro=rich(
            "Aralık 2019 ile Haziran 2020 arasında 15 ilde 47 STK ile 117 görüşme yaptık. "
            "Bu sayıda saha çalışmalarının sonuçlarını, yaklaşan etkinlikleri ve yeni eğitim "
            "setlerini bulacaksınız."
        ),
        featured=[("item", {"page": page, "note": ""}) for page in tr_pages],
    )
    en_issue = tr_issue.copy_for_translation(context.locales["en"])
    en_issue.subject = "Migration & Civil Society: field studies completed"
    en_issue.intro = rich(
        "Between December 2019 and June 2020 we held 117 interviews with 47 NGOs in 15 "
        "provinces. This issue brings the results of the field studies, upcoming events and "
        "new training kits."
    )
    en_issue.featured = [
        ("item", {"page": page, "note": ""}) for page in en_pages if page is not None
    ]
    en_issue.save()


def link_privacy_notice(context, privacy_pages):
    """Each language's site profile names its privacy page (footer of pages and mails),
    unless an editor has chosen one."""
    from home.models import SiteProfile

    for code, page in zip(("tr", "en"), privacy_pages, strict=True):
        SiteProfile.objects.filter(locale=context.locales[code], privacy_page=None).update(
            privacy_page=page
        )


def load(context):
    privacy_pages = ensure_privacy_pages(context)
    link_privacy_notice(context, privacy_pages)
    by_language = dict(zip(("tr", "en"), privacy_pages, strict=True))
    ensure_consent_texts(context, ConsentText, CONSENT, by_language)
    ensure_issues(context)
