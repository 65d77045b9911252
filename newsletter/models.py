"""Newsletter: consent texts, subscribers (double opt-in), issues and per-recipient
delivery records."""

import hashlib
import re
import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.blocks import PageChooserBlock, StructBlock, TextBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PreviewableMixin, TranslatableMixin

from home.consent import ConsentTextBase, privacy_page_field
from home.models import LocalizedSnippetQuerySet

from .emails import issue_context


def normalise_email(address):
    """Trim the address, bring it to Unicode NFKC form and lower-case its domain (the
    local part keeps its case as typed).

    NFKC first: look-alike compatibility characters become the letters they stand for
    (the Kelvin sign U+212A becomes "K"), so the address stored, and written to, is the
    one every comparison sees."""
    address = unicodedata.normalize("NFKC", (address or "").strip())
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    return f"{local}@{domain.lower()}"


def email_key(address):
    """The case-insensitive identity of an address: what uniqueness is checked on
    (NFKC, then Unicode case folding, so "\u212aate@" and "kate@" are one address)."""
    return normalise_email(address).casefold()


# A name that can be greeted by: letters (any script), combining marks, spaces, hyphens
# and apostrophes. Anything else (dots, slashes, colons, digits) could be turned into a
# link by a mail client ("www.example.com"), so such a name is not echoed in e-mails.
GREETABLE_NAME = re.compile(r"^[^\W\d_](?:[^\W\d_]|[\s\-'’])*$")


def email_hash(address):
    """A keyed hash of an address, for audit records that must not hold the address."""
    return salted_hmac("newsletter.erasure", email_key(address), algorithm="sha256").hexdigest()


def language_choices():
    return [(code, name) for code, name in settings.LANGUAGES]


class ConsentText(ConsentTextBase):
    """The consent wording shown next to the signup checkbox, one per language."""

    text = models.TextField(
        _("consent text"),
        help_text=_("Shown next to the consent checkbox of the signup form."),
    )
    privacy_page = privacy_page_field(
        help_text=_("The KVKK / GDPR privacy notice linked from the form.")
    )

    objects = LocalizedSnippetQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("newsletter consent text")
        verbose_name_plural = _("newsletter consent texts")


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("e-mail"), max_length=254)
    email_key = models.CharField(
        _("e-mail (for comparison)"), max_length=254, unique=True, editable=False
    )
    language = models.CharField(
        _("preferred language"), max_length=8, choices=language_choices, default="tr"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100, blank=True)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    consent_version = models.PositiveIntegerField(_("consent text version"), null=True)
    consent_language = models.CharField(_("consent text language"), max_length=8, blank=True)
    consented_at = models.DateTimeField(_("consent given at"), null=True)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "language"])]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        self.email_key = email_key(self.email)
        if kwargs.get("update_fields") is not None and "email" in kwargs["update_fields"]:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"email_key"}
        super().save(*args, **kwargs)

    @property
    def greeting_name(self):
        """The name to greet in e-mails, or "" when it could read as a link."""
        name = " ".join((self.name or "").split())
        return name if GREETABLE_NAME.match(name) else ""

    @property
    def fingerprint(self):
        """Binds signed links to this address: a link outlives neither an erasure
        nor a change of address, even if the row id is reused."""
        return hashlib.sha256(self.email_key.encode()).hexdigest()[:12]

    def confirm(self):
        self.status = self.Status.CONFIRMED
        self.confirmed_at = timezone.now()
        self.unsubscribed_at = None
        self.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])

    def unsubscribe(self):
        if self.status == self.Status.UNSUBSCRIBED:
            return
        self.status = self.Status.UNSUBSCRIBED
        self.unsubscribed_at = timezone.now()
        self.save(update_fields=["status", "unsubscribed_at"])


class ErasureRecord(models.Model):
    """An audit entry for a subscriber erased for good: a keyed hash of the address
    (so a later request about the same address can be answered), never the address."""

    email_hash = models.CharField(_("address hash"), max_length=64, db_index=True)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erased by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subscriber_status = models.CharField(_("status when erased"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")
        ordering = ["-erased_at"]

    def __str__(self):
        return _("Erasure #%(id)s") % {"id": self.pk}


class FeaturedPageBlock(StructBlock):
    page = PageChooserBlock(label=_("page"))
    note = TextBlock(
        label=_("note"),
        required=False,
        help_text=_("Optional: a sentence shown instead of the page's summary."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Featured page")


class NewsletterIssue(TranslatableMixin, PreviewableMixin, models.Model):
    """One newsletter, composed in the admin per language and sent to the confirmed
    subscribers of that language."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Interrupted")

    subject = models.CharField(_("subject"), max_length=200)
    intro = RichTextField(
        _("introduction"), features=["bold", "italic", "link", "ol", "ul"], blank=True
    )
    featured = StreamField(
        [("item", FeaturedPageBlock())],
        blank=True,
        verbose_name=_("featured news, events and training kits"),
    )
    status = models.CharField(
        _("sending status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
    )
    queued_at = models.DateTimeField(_("queued at"), null=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, editable=False)
    # Renewed by the worker while it sends (newsletter.tasks): a recent beat means a
    # send is running, an old one that it was interrupted.
    heartbeat_at = models.DateTimeField(
        _("last sign of the sending worker"), null=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [FieldPanel("subject"), FieldPanel("intro"), FieldPanel("featured")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-updated_at"]
        permissions = [("send_newsletterissue", "Can send newsletter issues to subscribers")]

    def __str__(self):
        return self.subject

    @property
    def language(self):
        return self.locale.language_code

    def copy_for_translation(self, locale, exclude_fields=None):
        """A translation starts as a draft of its own, whatever the source's state."""
        translation = super().copy_for_translation(locale, exclude_fields=exclude_fields)
        translation.status = self.Status.DRAFT
        translation.queued_at = translation.sent_at = translation.heartbeat_at = None
        return translation

    # --- preview ---------------------------------------------------------------

    @property
    def preview_modes(self):
        return [("", _("HTML e-mail")), ("text", _("Plain-text e-mail"))]

    def get_preview_template(self, request, mode_name):
        if mode_name == "text":
            return "newsletter/admin/preview_text.html"
        return "newsletter/email/issue.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context.update(issue_context(self, unsubscribe_url="#unsubscribe"))
        if mode_name == "text":
            from django.template.loader import render_to_string

            context["text_body"] = render_to_string("newsletter/email/issue.txt", context)
        return context


class Delivery(models.Model):
    """One recipient of one issue: the record that keeps a restarted send from
    writing to anyone twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(null=True)
    error = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_one_delivery_per_recipient"
            )
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self):
        return f"{self.issue_id} → {self.subscriber_id}: {self.status}"
