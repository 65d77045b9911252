"""The organisers' pages: every event with registrations, and one event's roster
(counts, attendance, closing registration, e-mailing registrants, CSV export)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.log_actions import log

from website.frontend_cache import purge_page_and_what_shows_it

from . import services
from .models import Registration, Roster
from .tasks import send_to_registrants

CONFIRMED, WAITING = Registration.Status.CONFIRMED, Registration.Status.WAITING
# The organisers' pages and their menu items (wagtail_hooks) ask for this one.
PERMISSION = "registrations.change_registration"


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _counted(queryset):
    return queryset.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=WAITING)),
        attended=Count("registrations", filter=Q(registrations__attended=True)),
    )


def roster_list_view(request):
    _require(request)
    rosters = _counted(Roster.objects.all()).order_by("-starts_at", "-pk")
    return TemplateResponse(request, "registrations/admin/roster_list.html", {"rosters": rosters})


class MessageForm(forms.Form):
    RECIPIENTS = [
        ("confirmed", gettext_lazy("Everyone with a seat")),
        ("waiting", gettext_lazy("Everyone on the waiting list")),
        ("active", gettext_lazy("Both")),
    ]
    recipients = forms.ChoiceField(
        label=pgettext_lazy("e-mail recipients", "To"), choices=RECIPIENTS
    )
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    body = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 8}))


def _recipients(roster, which):
    statuses = {"confirmed": [CONFIRMED], "waiting": [WAITING], "active": [CONFIRMED, WAITING]}
    return roster.registrations.filter(status__in=statuses[which], erased_at__isnull=True)


def _purge_event_pages(roster):
    """The event page says whether it takes registrations: the shared cache must drop
    it (and its translations) when the organisers close or reopen."""
    event = services.event_page_for(roster)
    if event is not None:
        purge_page_and_what_shows_it(event)


def roster_view(request, pk):
    _require(request)
    roster = get_object_or_404(_counted(Roster.objects.all()), pk=pk)
    message_form = MessageForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "close":
            Roster.objects.filter(pk=roster.pk).update(
                closed_at=timezone.now(), closed_by=request.user
            )
            log(instance=roster, action="registrations.close", user=request.user)
            _purge_event_pages(roster)
            messages.success(request, _("Registration is closed for this event."))
            return redirect("registrations_admin:roster", pk=roster.pk)
        if action == "reopen":
            Roster.objects.filter(pk=roster.pk).update(closed_at=None, closed_by=None)
            log(instance=roster, action="registrations.reopen", user=request.user)
            _purge_event_pages(roster)
            messages.success(request, _("Registration is open again for this event."))
            return redirect("registrations_admin:roster", pk=roster.pk)
        if action == "fill":
            promoted = services.fill_free_seats(roster)
            messages.success(
                request,
                _("%(count)d people moved from the waiting list to a seat and were told.")
                % {"count": len(promoted)},
            )
            return redirect("registrations_admin:roster", pk=roster.pk)
        if action == "attendance":
            present = {int(value) for value in request.POST.getlist("attended") if value.isdigit()}
            with transaction.atomic():
                seated = roster.registrations.filter(status=CONFIRMED)
                seated.filter(pk__in=present).update(attended=True)
                seated.exclude(pk__in=present).update(attended=False)
            messages.success(
                request, _("Attendance saved: %(count)d present.") % {"count": len(present)}
            )
            return redirect("registrations_admin:roster", pk=roster.pk)
        if action == "message":
            message_form = MessageForm(request.POST)
            if message_form.is_valid():
                data = message_form.cleaned_data
                ids = list(_recipients(roster, data["recipients"]).values_list("pk", flat=True))
                send_to_registrants.enqueue(ids, data["subject"], data["body"])
                log(instance=roster, action="registrations.message", user=request.user)
                messages.success(
                    request,
                    _("Your message is being sent to %(count)d people.") % {"count": len(ids)},
                )
                return redirect("registrations_admin:roster", pk=roster.pk)
    event = services.event_page_for(roster)
    registrations = roster.registrations.exclude(status=Registration.Status.CANCELLED).order_by(
        "status", "created_at", "pk"
    )
    modes = []
    for mode, label in Registration.Mode.choices:
        if event is not None and mode not in event.registration_modes:
            continue
        counts = roster.registrations.aggregate(
            confirmed=Count("pk", filter=Q(status=CONFIRMED, mode=mode)),
            waiting=Count("pk", filter=Q(status=WAITING, mode=mode)),
        )
        modes.append(
            {"label": label, "capacity": event.capacity_for(mode) if event else None, **counts}
        )
    export_url = reverse("registrations_registration:index") + f"?roster={roster.pk}&export=csv"
    return TemplateResponse(
        request,
        "registrations/admin/roster.html",
        {
            "roster": roster,
            "event": event,
            "modes": modes,
            "registrations": registrations,
            "message_form": message_form,
            "export_url": export_url,
            "list_url": reverse("registrations_registration:index") + f"?roster={roster.pk}",
        },
    )
