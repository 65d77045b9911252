"""The public side of trainer access, in the reader's language: the access request,
sign-in by one-time e-mail link, and the trainer's account (kits, downloads, sign out,
delete my data).

Every response here is personal or holds a form token: never cached, by anyone
(``never_cache`` sends ``Cache-Control: private, no-store``). Forms answer the same
whatever the address, so they never tell who is a trainer."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit
from sesame.utils import get_user

from home.consent import agreement

from . import emails, moderation
from .access import is_cms_user, trainer_of
from .forms import AccessRequestForm, SignInForm
from .models import AccessRequest, ConsentText, Trainer, email_key


def request_rate(group, request):
    return getattr(settings, "TRAINER_REQUEST_RATE", "5/h")


def sign_in_rate(group, request):
    return getattr(settings, "TRAINER_SIGN_IN_RATE", "10/h")


def link_interval():
    """The shortest time between two sign-in e-mails to one trainer, in seconds."""
    return getattr(settings, "TRAINER_LINK_INTERVAL", 60)


def safe_next(request, value):
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def rate_limited(request):
    return render(request, "trainers/rate_limited.html", status=429)


@never_cache
@ratelimit(group="trainers-request", key="ip", rate=request_rate, method="POST", block=False)
@require_http_methods(["GET", "HEAD", "POST"])
def request_access(request):
    language = translation.get_language()
    consent = ConsentText.current()
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited(request)
        form = AccessRequestForm(request.POST, language=language)
        if form.is_bot:
            return redirect("trainers:request_received")
        if form.is_valid():
            data = form.cleaned_data
            access_request = AccessRequest.objects.create(
                name=data["name"],
                organisation=data["organisation"],
                role=data["role"],
                email=data["email"],
                language=language,
                **agreement(consent, timezone.now()),
            )
            access_request.kits.set(data["kits"])
            return redirect("trainers:request_received")
    else:
        initial = {}
        kit = request.GET.get("kit", "")
        if kit.isdigit():
            initial["kits"] = [int(kit)]
        form = AccessRequestForm(language=language, initial=initial)
    return render(request, "trainers/request.html", {"form": form, "consent": consent})


@never_cache
def request_received(request):
    return render(request, "trainers/request_received.html")


@never_cache
@ratelimit(group="trainers-sign-in", key="ip", rate=sign_in_rate, method="POST", block=False)
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request):
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited(request)
        form = SignInForm(request.POST)
        if form.is_bot:
            return redirect("trainers:link_sent")
        if form.is_valid():
            send_link(form.cleaned_data["email"], next_url)
            return redirect("trainers:link_sent")
    else:
        form = SignInForm()
    return render(request, "trainers/sign_in.html", {"form": form, "next": next_url})


def send_link(address, next_url=""):
    """A sign-in link for a trainer's address; nothing for any other address, and at
    most one e-mail per ``link_interval()``."""
    now = timezone.now()
    trainer = Trainer.objects.filter(email_key=email_key(address)).select_related("user").first()
    if trainer is None or not trainer.user.is_active or is_cms_user(trainer.user):
        return
    since = now - timedelta(seconds=link_interval())
    # One UPDATE decides: two requests at once still send one e-mail.
    claimed = (
        Trainer.objects.filter(pk=trainer.pk)
        .exclude(link_sent_at__gt=since)
        .update(link_sent_at=now)
    )
    if claimed:
        emails.send_sign_in_link(trainer, next_url)


@never_cache
def link_sent(request):
    minutes = max(1, int(getattr(settings, "SESAME_MAX_AGE", 900)) // 60)
    return render(request, "trainers/link_sent.html", {"minutes": minutes})


def _link_user(request, consume):
    """The trainer user a sign-in link names, or None (used, expired, tampered with, or
    not a trainer's). Consuming it makes it, and every older link, unusable."""
    welcome = request.GET.get("welcome") == "1"
    scope = emails.WELCOME_SCOPE if welcome else emails.SIGN_IN_SCOPE
    max_age = emails.welcome_max_age() if welcome else None
    user = get_user(request, scope=scope, max_age=max_age, update_last_login=consume)
    if user is None or not user.is_active or is_cms_user(user) or trainer_of(user) is None:
        return None
    return user


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def link(request):
    """GET shows a button; only the POST signs in. Mail scanners that open links would
    otherwise use up a one-time link before the trainer clicks it."""
    next_url = safe_next(request, request.GET.get("next"))
    if request.method == "POST":
        user = _link_user(request, consume=True)
        if user is None:
            return render(request, "trainers/link_invalid.html", status=400)
        login(request, user)
        return redirect(next_url or reverse("trainers:account"))
    if _link_user(request, consume=False) is None:
        return render(request, "trainers/link_invalid.html", status=400)
    return render(request, "trainers/link.html", {"next": next_url})


def _signed_in_trainer(request):
    user = request.user
    if not user.is_authenticated or is_cms_user(user):
        return None
    return trainer_of(user)


@never_cache
def account(request):
    trainer = _signed_in_trainer(request)
    if trainer is None:
        return redirect(reverse("trainers:sign_in") + "?next=" + request.path)
    from .account import account_context

    return render(request, "trainers/account.html", account_context(request, trainer))


@never_cache
@require_POST
def sign_out(request):
    logout(request)
    return redirect("trainers:signed_out")


@never_cache
def signed_out(request):
    return render(request, "trainers/signed_out.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def erase(request):
    trainer = _signed_in_trainer(request)
    if trainer is None:
        return redirect(reverse("trainers:sign_in") + "?next=" + request.path)
    if request.method == "POST":
        logout(request)
        moderation.erase(trainer)
        return redirect("trainers:erased")
    return render(request, "trainers/erase.html", {"trainer": trainer})


@never_cache
def erased(request):
    return render(request, "trainers/erased.html")
