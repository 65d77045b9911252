"""Demo content of event registration: the consent text of the registration form in
both languages, linked to the privacy notice (made by the newsletter's demo). The
events' demo turns the form on for its online training."""

from wagtail.models import Page

from home.demo import ensure_snippet_pair

from .models import ConsentText

CONSENT = {
    "tr": "Adımın, kurumumun, e-posta adresimin ve belirttiğim ihtiyaçların bu etkinliğin "
    "düzenlenmesi, bana etkinlikle ilgili e-posta gönderilmesi ve katılımcı sayılarının "
    "raporlanması için işlenmesini kabul ediyorum. Kişisel verilerim etkinlikten sonra "
    "silinir; sayılar kalır.",
    "en": "I agree that my name, organisation, e-mail address and the needs I state are "
    "processed to organise this event, to e-mail me about it and to report participant "
    "numbers. My personal data is erased after the event; the counts remain.",
}


def load(context):
    privacy = Page.objects.filter(slug="gizlilik", locale=context.locales["tr"]).first()
    english_privacy = privacy.get_translation_or_none(context.locales["en"]) if privacy else None
    ensure_snippet_pair(
        ConsentText,
        {"version": 1},
        {"text": CONSENT["tr"], "privacy_page": privacy},
        {"text": CONSENT["en"], "privacy_page": english_privacy},
        context.locales,
    )
