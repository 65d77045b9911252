"""The sender every e-mail of the site goes out under: the address of
``DEFAULT_FROM_EMAIL`` with the site's name in the language the message is written in
(the recipient's), taken from that language's site profile."""

from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.utils import translation

from .models import SiteProfile


def base_url(request=None):
    """Where links in an e-mail point: the host a request came to, else the site's
    public address (``WAGTAILADMIN_BASE_URL``), without a trailing slash."""
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def sender():
    """``"Migration and Civil Society <noreply@…>"`` in English, the Turkish name in
    Turkish: call it inside ``translation.override(recipient's language)``."""
    configured_name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    profile = SiteProfile.objects.for_active_language().first()
    name = profile.site_name if profile is not None and profile.site_name else configured_name
    if not name:
        return address
    username, _at, domain = address.partition("@")
    return str(Address(display_name=name, username=username, domain=domain))


def privacy_url(base):
    """The absolute address of the privacy notice in the active language (the site
    profile's page, or its live public translation), for the footer of every e-mail;
    empty when the site has none."""
    from wagtail.models import Page

    profile = SiteProfile.objects.for_active_language().first()
    if profile is None or profile.privacy_page_id is None:
        return ""
    chosen = Page.objects.filter(pk=profile.privacy_page_id).values("translation_key")[:1]
    candidates = Page.objects.live().public().filter(translation_key=chosen)
    page = (
        candidates.filter(locale__language_code=translation.get_language()).first()
        or candidates.first()
    )
    parts = page.get_url_parts() if page is not None else None
    if parts is None:
        return ""
    return base.rstrip("/") + parts[2]
