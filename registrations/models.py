"""Registrations for events: who asked for a seat, in which mode, and what became of it.

A ``Roster`` stands for one event in every language (its translation key): the Turkish
and the English page of an event share one set of seats, one waiting list and one
"closed" switch. Registering locks the roster's row, so two people asking for the last
seat at the same moment get one seat and one waiting-list place (``services.register``).

Personal data (name, organisation, e-mail, needs, answers) is erased some months after
the event or on request; the row itself stays, with its status, mode, language and
attendance, so the donor report's counts do not change."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import TranslatableMixin

from home.consent import ConsentTextBase


def email_key(address):
    """The case-insensitive identity of an address, for "already registered"."""
    return (address or "").strip().lower()


class ConsentText(ConsentTextBase):
    """The consent wording under the registration form, one per language."""

    text = models.TextField(
        _("consent text"), help_text=_("Shown next to the consent box of registration forms.")
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("registration consent text")
        verbose_name_plural = _("registration consent texts")


class Roster(models.Model):
    """One event's registrations in all its languages; its row is the lock."""

    event_key = models.UUIDField(_("event (translation key)"), unique=True)
    title = models.CharField(_("event"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("starts"), null=True)
    closed_at = models.DateTimeField(_("registration closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("event roster")
        verbose_name_plural = _("event rosters")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title or str(self.event_key)

    @property
    def is_closed(self):
        return self.closed_at is not None


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Seat confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    roster = models.ForeignKey(
        Roster, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page (and so the language) the registration came through."),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    mode = models.CharField(_("participation"), max_length=16, choices=Mode.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    email_key = models.CharField(max_length=254, blank=True, editable=False)
    needs = models.TextField(_("accessibility or interpretation needs"), blank=True)
    answers = models.JSONField(_("answers"), default=list, blank=True)
    consent_version = models.PositiveIntegerField(_("consent text version"), null=True)
    consent_language = models.CharField(_("consent text language"), max_length=8, blank=True)
    consented_at = models.DateTimeField(_("consent given at"), null=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved from the waiting list at"), null=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["roster", "email_key"],
                condition=Q(status__in=["confirmed", "waiting"]) & ~Q(email_key=""),
                name="registrations_one_active_per_address",
            )
        ]
        indexes = [models.Index(fields=["roster", "status", "mode", "created_at"])]

    def __str__(self):
        return self.name or _("Registration #%(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        self.email_key = email_key(self.email)
        super().save(*args, **kwargs)

    @property
    def fingerprint(self):
        """Binds the cancel link to this person: after an erasure the link is dead."""
        raw = f"{self.pk}:{self.email_key}:{self.created_at.isoformat()}"
        return hashlib.sha256(raw.encode()).hexdigest()[:12]

    @property
    def is_erased(self):
        return self.erased_at is not None

    @property
    def answers_text(self):
        return "; ".join(f"{item['label']}: {item['answer']}" for item in self.answers or [])
