"""What registering, cancelling and erasing do, whichever view or task asks.

Every change to who holds a seat happens with the event's ``Roster`` row locked
(``select_for_update``), so the seats counted are the seats given: two requests for the
last seat are served one after the other, and the second lands on the waiting list."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from home.consent import agreement

from .models import Registration, Roster, email_key
from .tasks import send_registration_email


class RegistrationRefused(Exception):
    """Registration is not possible; ``message`` says why, in the active language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class AlreadyRegistered(RegistrationRefused):
    pass


def refusal(event, roster=None, now=None):
    """Why ``event`` takes no registration now (a sentence), or None when it does."""
    now = now or timezone.now()
    if event.registration_status != "form":
        return _("This event does not take registrations on this site.")
    if event.status == "cancelled":
        return _("This event has been cancelled.")
    if event.timing(now) != "upcoming":
        return _("This event has already started, so registration is closed.")
    if event.registration_deadline and now > event.registration_deadline:
        return _("Registration closed on %(deadline)s.") % {
            "deadline": date_format(
                timezone.localtime(event.registration_deadline), "DATETIME_FORMAT"
            )
        }
    if roster is None:
        roster = Roster.objects.filter(event_key=event.translation_key).first()
    if roster is not None and roster.is_closed:
        return _("The organisers have closed registration for this event.")
    return None


def roster_for(event):
    """The event's roster, made on the first registration (two first registrations at
    once: the unique key makes one insert fail and ``get_or_create`` fetches the row)."""
    roster, _created = Roster.objects.get_or_create(
        event_key=event.translation_key,
        defaults={"title": event.title, "starts_at": event.start},
    )
    return roster


def seats_taken(roster, mode):
    return roster.registrations.filter(status=Registration.Status.CONFIRMED, mode=mode).count()


def availability(event, roster=None):
    """Per offered mode: (mode, capacity or None, seats left or None)."""
    roster = roster or Roster.objects.filter(event_key=event.translation_key).first()
    result = []
    for mode in event.registration_modes:
        capacity = event.capacity_for(mode)
        taken = seats_taken(roster, mode) if roster else 0
        left = None if capacity is None else max(capacity - taken, 0)
        result.append((mode, capacity, left))
    return result


def register(event, data, consent=None, now=None):
    """Give a seat, or a waiting-list place when the mode is full; queue the e-mail.

    ``data``: name, organisation, email, mode, needs, answers (from the form)."""
    now = now or timezone.now()
    mode = data.get("mode") or event.registration_modes[0]
    if mode not in event.registration_modes:
        raise RegistrationRefused(_("Please choose how you will take part."))
    with transaction.atomic():
        roster = roster_for(event)
        roster = Roster.objects.select_for_update().get(pk=roster.pk)
        reason = refusal(event, roster, now)
        if reason:
            raise RegistrationRefused(reason)
        if roster.registrations.filter(
            email_key=email_key(data["email"]),
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
        ).exists():
            raise AlreadyRegistered(
                _(
                    "This e-mail address is already registered for this event. The "
                    "confirmation e-mail we sent has a link to cancel or change it."
                )
            )
        capacity = event.capacity_for(mode)
        full = capacity is not None and seats_taken(roster, mode) >= capacity
        registration = Registration.objects.create(
            roster=roster,
            event=event,
            language=event.locale.language_code,
            mode=mode,
            status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
            name=data["name"],
            organisation=data.get("organisation", ""),
            email=data["email"],
            needs=data.get("needs", ""),
            answers=data.get("answers", []),
            **agreement(consent, now),
            created_at=now,
        )
        if roster.title != event.title or roster.starts_at != event.start:
            Roster.objects.filter(pk=roster.pk).update(title=event.title, starts_at=event.start)
        # Inside the transaction: with the database task backend the task row commits
        # together with the registration, or not at all.
        send_registration_email.enqueue(registration.pk, "confirmation")
    return registration


def event_page_for(roster, preferred=None):
    """A page of the roster's event (the capacity lives there): ``preferred`` if given,
    else the default language's page, else any."""
    from events.models import EventPage

    if preferred is not None:
        return preferred
    pages = list(
        EventPage.objects.filter(translation_key=roster.event_key).select_related("locale")
    )
    pages.sort(key=lambda page: page.locale.language_code != settings.LANGUAGE_CODE)
    return pages[0] if pages else None


def promote_waiting(roster, event, mode, now):
    """Move the first on the mode's waiting list to a free seat, if there is one.
    The caller holds the roster's lock."""
    promoted = []
    capacity = event.capacity_for(mode) if event is not None else None
    while capacity is None or seats_taken(roster, mode) < capacity:
        first = (
            roster.registrations.select_for_update()
            .filter(status=Registration.Status.WAITING, mode=mode)
            .order_by("created_at", "pk")
            .first()
        )
        if first is None:
            break
        first.status = Registration.Status.CONFIRMED
        first.promoted_at = now
        first.save(update_fields=["status", "promoted_at"])
        send_registration_email.enqueue(first.pk, "promotion")
        promoted.append(first)
    return promoted


def cancel(registration, erase=False, now=None):
    """Cancel a seat or waiting-list place (and erase the person's data if asked);
    a freed seat goes to the first on that mode's waiting list, who is told."""
    now = now or timezone.now()
    promoted = []
    with transaction.atomic():
        roster = Roster.objects.select_for_update().get(pk=registration.roster_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        if registration.status != Registration.Status.CANCELLED:
            registration.status = Registration.Status.CANCELLED
            registration.cancelled_at = now
            registration.save(update_fields=["status", "cancelled_at"])
        if was_confirmed:
            event = event_page_for(roster, registration.event)
            if event is None or event.timing(now) == "upcoming":
                promoted = promote_waiting(roster, event, registration.mode, now)
        if erase:
            erase_personal_data(registration, now)
    return registration, promoted


def fill_free_seats(roster, now=None):
    """After the organisers add seats: give them to the waiting list, in order."""
    now = now or timezone.now()
    with transaction.atomic():
        roster = Roster.objects.select_for_update().get(pk=roster.pk)
        event = event_page_for(roster)
        promoted = []
        for mode in event.registration_modes if event else []:
            promoted += promote_waiting(roster, event, mode, now)
    return promoted


def erase_personal_data(registration, now=None):
    """Blank everything that names the person; status, mode, language and attendance
    stay, so every count stays the same."""
    registration.name = registration.organisation = registration.email = ""
    registration.needs = ""
    registration.answers = []
    registration.erased_at = now or timezone.now()
    registration.save()
