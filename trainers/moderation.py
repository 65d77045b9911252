"""Deciding access requests, revoking access and erasing a trainer."""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import emails
from .models import AccessRequest, Grant, Trainer, email_key


def _trainer_for(access_request):
    """The trainer with the request's address, made (with a passwordless user) if new."""
    trainer = Trainer.objects.filter(email_key=email_key(access_request.email)).first()
    if trainer is None:
        user = get_user_model().objects.create_user(
            username=f"trainer-{uuid.uuid4().hex[:20]}",
            email=access_request.email,
            first_name=access_request.name[:150],
        )
        user.set_unusable_password()
        user.save()
        trainer = Trainer(user=user)
    trainer.name = access_request.name
    trainer.organisation = access_request.organisation
    trainer.role = access_request.role
    trainer.email = access_request.email
    trainer.language = access_request.language
    trainer.save()
    return trainer


def approve(access_request, moderator, kits, days):
    now = timezone.now()
    expires_at = now + timedelta(days=days)
    with transaction.atomic():
        trainer = _trainer_for(access_request)
        for kit in kits:
            Grant.objects.update_or_create(
                trainer=trainer,
                kit=kit,
                defaults={
                    "granted_at": now,
                    "expires_at": expires_at,
                    "revoked_at": None,
                    "revoked_reason": "",
                },
            )
        access_request.status = AccessRequest.Status.APPROVED
        access_request.decided_at = now
        access_request.decided_by = moderator
        access_request.trainer = trainer
        access_request.refusal_reason = ""
        access_request.save()
    # Sent once the decision is stored: a mail server that fails leaves it decided, and
    # the trainer can still ask for a sign-in link from the sign-in page.
    emails.send_approved(trainer, kits, expires_at)
    return trainer


def refuse(access_request, moderator, reason):
    access_request.status = AccessRequest.Status.REFUSED
    access_request.refusal_reason = reason
    access_request.decided_at = timezone.now()
    access_request.decided_by = moderator
    access_request.save()
    emails.send_refused(access_request)


def revoke(trainer, reason=""):
    """End every active grant of the trainer now."""
    return trainer.grants.active().update(revoked_at=timezone.now(), revoked_reason=reason)


def erase(trainer):
    """Right to erasure: the trainer, their user, grants and requests go; their download
    records stay, without the link to them (the organisation and a reader id that no
    longer names anyone keep the counts)."""
    with transaction.atomic():
        AccessRequest.objects.filter(email_key=trainer.email_key).delete()
        user = trainer.user
        trainer.delete()  # requests (cascade), grants (cascade); downloads keep counts
        user.delete()


def erase_requests(address):
    """A requester never approved asks to be forgotten: their requests go."""
    return AccessRequest.objects.filter(email_key=email_key(address)).delete()
