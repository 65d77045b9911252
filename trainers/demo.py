"""Demo content of trainer access: the consent text of the access request in both
languages, linked to the privacy notice (made by the newsletter's demo)."""

from wagtail.models import Page

from home.demo import ensure_consent_texts

from .models import ConsentText

CONSENT = {
    "tr": "Adımın, kurumumun, görevimin ve e-posta adresimin, eğitmen erişimi talebimin "
    "değerlendirilmesi ve onaylanırsa eğitmenlere özel materyallere erişimim ile kurum bazında "
    "indirme sayımı için işlenmesini kabul ediyorum. Verilerimi hesabımdan istediğim zaman "
    "silebilirim.",
    "en": "I agree that my name, organisation, role and e-mail address are processed to "
    "decide on my request for trainer access and, if it is approved, to give me access to the "
    "trainers-only materials and to count downloads per organisation. I can delete my data "
    "from my account at any time.",
}


def load(context):
    privacy = Page.objects.filter(slug="gizlilik", locale=context.locales["tr"]).first()
    privacy_pages = {
        code: privacy.get_translation_or_none(locale) if privacy else None
        for code, locale in context.locales.items()
    }
    ensure_consent_texts(context, ConsentText, CONSENT, privacy_pages)
