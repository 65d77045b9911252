"""Trainer access to the restricted parts of the training kits.

A reader asks for access (``AccessRequest``); a moderator approves or refuses it.
Approval makes a ``Trainer``: a Django user with no password and no admin permission,
who signs in with one-time e-mail links (django-sesame), plus one ``Grant`` per kit,
which expires and can be revoked. ``TrainerDownload`` records what trainers
downloaded, per organisation, under a random reader id that means nothing once the
trainer is erased, so the counts outlive the personal data."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import TranslatableMixin

from bilingual.text import fold
from home.consent import ConsentTextBase


def normalise_email(address):
    """Trim the address and lower-case its domain (the local part is kept as typed)."""
    address = (address or "").strip()
    local, at, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}" if at else address


def email_key(address):
    """The case-insensitive identity of an address: what requests and trainers match on."""
    return normalise_email(address).lower()


def organisation_key(name):
    """Organisations counted once whatever the spelling of case and spaces ("İHD", "ihd ")."""
    return " ".join(fold(name or "", "tr").split())[:200]


def access_days():
    return getattr(settings, "TRAINER_ACCESS_DAYS", 365)


def language_choices():
    return list(settings.LANGUAGES)


class ConsentText(ConsentTextBase):
    """The consent wording of the access-request form, one per language."""

    text = models.TextField(
        _("consent text"), help_text=_("Shown next to the consent box of the access request.")
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("trainer access consent text")
        verbose_name_plural = _("trainer access consent texts")


class Person(models.Model):
    """A request and the trainer it makes are the same person: one rule for the address
    they are matched on (``email_key``) and for how they are named in the admin."""

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        self.email_key = email_key(self.email)
        super().save(*args, **kwargs)


class Trainer(Person):
    """An approved requester: the person behind a passwordless Django user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trainer"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254)
    email_key = models.CharField(max_length=254, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=language_choices, default="tr")
    # Put on each download record instead of the trainer: once the trainer is erased it
    # points at nobody, yet still counts distinct trainers reached.
    reader_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("approved at"), default=timezone.now)
    link_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
        ordering = ["name"]

    def active_grants(self, now=None):
        return self.grants.active(now)

    @property
    def has_access(self):
        return self.active_grants().exists()


class AccessRequest(Person):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    name = models.CharField(pgettext_lazy("person", "name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(_("role"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254)
    email_key = models.CharField(max_length=254, db_index=True, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=language_choices, default="tr")
    kits = models.ManyToManyField(
        "resources.TrainingKitPage", verbose_name=_("training kits"), related_name="+"
    )
    consent_version = models.PositiveIntegerField(_("consent text version"), null=True)
    consent_language = models.CharField(_("consent text language"), max_length=8, blank=True)
    consented_at = models.DateTimeField(_("consent given at"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    trainer = models.ForeignKey(
        Trainer, null=True, blank=True, on_delete=models.CASCADE, related_name="requests"
    )

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at"]


class GrantQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)

    def ended(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(revoked_at__isnull=False) | Q(expires_at__lte=now))


class Grant(models.Model):
    """One trainer's access to one kit (in every language of that kit)."""

    trainer = models.ForeignKey(Trainer, on_delete=models.CASCADE, related_name="grants")
    kit = models.ForeignKey(
        "resources.TrainingKitPage",
        verbose_name=_("training kit"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("kit access")
        verbose_name_plural = _("kit access")
        constraints = [
            models.UniqueConstraint(fields=["trainer", "kit"], name="trainers_grant_per_kit")
        ]

    def __str__(self):
        return f"{self.trainer_id} → {self.kit_id}"

    @staticmethod
    def default_expiry(now=None):
        return (now or timezone.now()) + timedelta(days=access_days())

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state(self):
        if self.revoked_at:
            return _("Revoked")
        if self.expires_at <= timezone.now():
            return _("Expired")
        return _("Active")


class TrainerDownload(models.Model):
    """One download by a trainer: a module document, a kit's zip or a direct document URL."""

    class Route(models.TextChoices):
        MODULE = "module", _("Module document")
        ZIP = "zip", _("Whole kit (ZIP)")
        DIRECT = "direct", _("Document link")

    kit = models.ForeignKey(
        "resources.TrainingKitPage",
        verbose_name=_("training kit"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    route = models.CharField(_("route"), max_length=8, choices=Route.choices)
    trainer = models.ForeignKey(
        Trainer, null=True, blank=True, on_delete=models.SET_NULL, related_name="downloads"
    )
    reader_id = models.UUIDField(db_index=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    organisation_key = models.CharField(max_length=200, db_index=True)
    downloaded_at = models.DateTimeField(_("downloaded at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("trainer download")
        verbose_name_plural = _("trainer downloads")
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"{self.organisation}: {self.kit_id}/{self.document_id} ({self.route})"
