"""Signed links and the e-mails the newsletter sends (confirmation and issues).

Every message is rendered in the recipient's language, has an HTML and a plain-text
part with absolute links, and carries a one-click unsubscribe link together with the
``List-Unsubscribe`` / ``List-Unsubscribe-Post`` headers of RFC 8058."""

import html
import re

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page

from home.mail import base_url, privacy_url, sender
from home.models import SiteProfile

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
UNSUBSCRIBE_PLACEHOLDER = "__NEWSLETTER_UNSUBSCRIBE_URL__"


def confirm_max_age():
    """How long a confirmation link stays valid, in seconds (three days by default)."""
    return getattr(settings, "NEWSLETTER_CONFIRM_MAX_AGE", 3 * 24 * 3600)


def make_token(subscriber, salt):
    return signing.dumps([subscriber.pk, subscriber.fingerprint], salt=salt, compress=True)


def read_token(token, salt, subscribers, max_age=None):
    """The subscriber (of the queryset ``subscribers``) a signed link names; raises
    ``signing.BadSignature`` (or its subclass ``SignatureExpired``) when the link is
    tampered with or too old, and ``LookupError`` when the address no longer exists."""
    pk, fingerprint = signing.loads(token, salt=salt, max_age=max_age)
    subscriber = subscribers.filter(pk=pk).first()
    if subscriber is None or subscriber.fingerprint != fingerprint:
        raise LookupError("no such subscriber")
    return subscriber


def absolute(url, base):
    if not url or url.startswith(("http://", "https://", "mailto:")):
        return url
    return base + url


def confirm_url(subscriber, base):
    with translation.override(subscriber.language):
        path = reverse("newsletter:confirm", args=[make_token(subscriber, CONFIRM_SALT)])
    return base + path


def unsubscribe_url(subscriber, base):
    with translation.override(subscriber.language):
        path = reverse("newsletter:unsubscribe", args=[make_token(subscriber, UNSUBSCRIBE_SALT)])
    return base + path


def unsubscribe_headers(url):
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _profile():
    return SiteProfile.objects.for_active_language().first()


def build_message(subject, template, context, to, unsubscribe):
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=sender(),
        to=[to],
        headers=unsubscribe_headers(unsubscribe),
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscriber, request=None, base=None):
    base = base or base_url(request)
    with translation.override(subscriber.language):
        profile = _profile()
        context = {
            "subscriber": subscriber,
            "confirm_url": confirm_url(subscriber, base),
            "unsubscribe_url": unsubscribe_url(subscriber, base),
            "profile": profile,
            "valid_days": max(1, confirm_max_age() // 86400),
            "site_url": base + f"/{subscriber.language}/",
            "privacy_url": privacy_url(base),
            "emblem_url": base + reverse("eu_emblem_png"),
            "LANGUAGE_CODE": subscriber.language,
        }
        site_name = profile.site_name if profile else settings.WAGTAIL_SITE_NAME
        subject = translation.gettext("Confirm your subscription to the %(site)s newsletter") % {
            "site": site_name
        }
        return build_message(
            subject,
            "newsletter/email/confirm",
            context,
            subscriber.email,
            context["unsubscribe_url"],
        )


# --- Issues ---------------------------------------------------------------------


def featured_items(issue, base):
    """The issue's featured pages, live and public ones only (a restricted page is
    never mailed to every subscriber), with absolute links and images.

    The pages are fetched in one query per page type, whatever their number."""
    blocks = [block.value for block in issue.featured]
    ids = [value["page"].pk for value in blocks if value.get("page") is not None]
    pages = {page.pk: page for page in Page.objects.live().public().filter(pk__in=ids).specific()}
    items = []
    for value in blocks:
        page = value.get("page") and pages.get(value["page"].pk)
        if page is None:
            continue
        image = getattr(page, "listing_image", None)
        image_url = ""
        if image is not None:
            rendition = image.get_rendition("fill-560x300")
            image_url = absolute(rendition.url, base)
        items.append(
            {
                "title": page.title,
                "url": absolute(page.get_url(), base),
                "text": value.get("note") or getattr(page, "summary", "") or "",
                "image_url": image_url,
                "image_alt": image.default_alt_text if image else "",
            }
        )
    return items


def issue_context(issue, unsubscribe_url, base=None):
    from wagtail.rich_text import expand_db_html

    base = base or base_url()
    with translation.override(issue.language):
        profile = _profile()
        intro = expand_db_html(issue.intro)
        # Rich text links are site-relative: make them absolute for mail clients.
        intro = intro.replace('href="/', f'href="{base}/').replace('src="/', f'src="{base}/')
        intro_text = html.unescape(
            strip_tags(re.sub(r"</(p|li|h\d)>", "\n\n", intro).replace("<br/>", "\n"))
        ).strip()
        return {
            "issue": issue,
            "intro_html": intro,
            "intro_text": intro_text,
            "items": featured_items(issue, base),
            "profile": profile,
            "unsubscribe_url": unsubscribe_url,
            "site_url": f"{base}/{issue.language}/",
            "privacy_url": privacy_url(base),
            "emblem_url": base + reverse("eu_emblem_png"),
            "LANGUAGE_CODE": issue.language,
        }


class IssueRenderer:
    """Renders an issue once; each recipient's message only swaps in their own
    unsubscribe link, so sending to thousands stays cheap."""

    def __init__(self, issue, base=None):
        self.issue = issue
        self.base = base or base_url()
        self._unsubscribe_pattern = None
        with translation.override(issue.language):
            self.sender = sender()
            context = issue_context(issue, UNSUBSCRIBE_PLACEHOLDER, self.base)
            self.text = render_to_string("newsletter/email/issue.txt", context)
            self.html = render_to_string("newsletter/email/issue.html", context)

    def message(self, to, unsubscribe, subject=None):
        message = EmailMultiAlternatives(
            subject=subject or self.issue.subject,
            body=self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe),
            from_email=self.sender,
            to=[to],
            headers=unsubscribe_headers(unsubscribe),
        )
        message.attach_alternative(
            self.html.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe), "text/html"
        )
        return message

    def for_subscriber(self, subscriber):
        if self._unsubscribe_pattern is None:
            with translation.override(self.issue.language):
                self._unsubscribe_pattern = self.base + reverse(
                    "newsletter:unsubscribe", args=["TOKEN"]
                )
        token = make_token(subscriber, UNSUBSCRIBE_SALT)
        return self.message(subscriber.email, self._unsubscribe_pattern.replace("TOKEN", token))
