"""Public registration views, on their own URLs (/tr/etkinlik-kaydi/…, /en/event-registration/…).

The event page itself stays the same for every reader and can be cached; only these
pages hold a form token, seat counts or someone's registration, so they are never
cached (``never_cache``: ``Cache-Control: private, no-store``)."""

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from bilingual.languages import active_language
from events.models import EventPage

from . import services
from .emails import read_token
from .forms import CancelForm, RegistrationForm
from .models import ConsentText, Registration

DONE_SALT = "registrations.done"


def registration_rate(group, request):
    return getattr(settings, "REGISTRATION_RATE", "10/10m")


def _event_or_404(event_id):
    """The live, public event of the active language that uses the on-site form."""
    event = (
        EventPage.objects.live()
        .public()
        .filter(pk=event_id, locale__language_code=active_language(), registration_status="form")
        .select_related("locale")
        .first()
    )
    if event is None:
        raise Http404
    return event


def _alternates(event):
    """The same form for the event's translations that take registrations here."""
    alternates = {}
    for translated in event.live_translations().filter(registration_status="form"):
        code = translated.locale.language_code
        with translation.override(code):
            alternates[code] = reverse("registrations:register", args=[translated.pk])
    return alternates


def _context(event, form, consent, refusal=None, roster=None):
    return {
        "language_alternates": _alternates(event),
        "event": event,
        "form": form,
        "consent": consent,
        "refusal": refusal,
        "availability": services.availability(event, roster),
        "hide_footer_signup": True,
    }


@never_cache
@ratelimit(group="event-registration", key="ip", rate=registration_rate, method="POST", block=False)
def register(request, event_id):
    event = _event_or_404(event_id)
    consent = ConsentText.current()
    refusal = services.refusal(event)
    if request.method == "POST":
        if getattr(request, "limited", False):
            return render(request, "registrations/rate_limited.html", {"event": event}, status=429)
        form = RegistrationForm(request.POST, event=event)
        if refusal:
            return render(
                request, "registrations/register.html", _context(event, None, consent, refusal)
            )
        if form.is_bot:
            return redirect("registrations:register", event_id=event.pk)
        if form.is_valid():
            try:
                registration = services.register(event, form.cleaned_data, consent)
            except services.AlreadyRegistered as error:
                form.add_error("email", error.message)
            except services.RegistrationRefused as error:
                return render(
                    request,
                    "registrations/register.html",
                    _context(event, None, consent, error.message),
                )
            else:
                token = signing.dumps(registration.pk, salt=DONE_SALT)
                return redirect("registrations:done", token=token)
        return render(request, "registrations/register.html", _context(event, form, consent))
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = None if refusal else RegistrationForm(event=event)
    return render(request, "registrations/register.html", _context(event, form, consent, refusal))


@never_cache
def done(request, token):
    try:
        pk = signing.loads(token, salt=DONE_SALT, max_age=3600)
    except signing.BadSignature:
        raise Http404 from None
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is None or registration.is_erased:
        raise Http404
    return render(
        request,
        "registrations/done.html",
        {"registration": registration, "event": registration.event, "hide_footer_signup": True},
    )


@never_cache
def cancel(request, token):
    try:
        registration = read_token(token)
    except (signing.BadSignature, LookupError):
        return render(
            request, "registrations/invalid_link.html", {"hide_footer_signup": True}, status=400
        )
    context = {
        "registration": registration,
        "event": registration.event,
        "hide_footer_signup": True,
    }
    if request.method == "POST":
        form = CancelForm(request.POST)
        if not form.is_valid():
            return render(request, "registrations/cancel.html", context, status=400)
        erase = form.cleaned_data["action"] == "erase"
        already = registration.status == Registration.Status.CANCELLED
        services.cancel(registration, erase=erase)
        context.update({"erased": erase, "already": already})
        return render(request, "registrations/cancelled.html", context)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    context["already"] = registration.status == Registration.Status.CANCELLED
    return render(request, "registrations/cancel.html", context)
