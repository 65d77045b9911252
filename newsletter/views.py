"""Public newsletter views: signup, the neutral "check your inbox" page, confirmation,
a new confirmation link, and unsubscribe (one-click capable).

Whatever the state of an address (new, pending, confirmed, unsubscribed), a signup
ends on the same page, so the form never tells whether someone is subscribed."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from home.consent import agreement

from .emails import CONFIRM_SALT, UNSUBSCRIBE_SALT, confirm_max_age, read_token
from .forms import ResendForm, SignupForm
from .models import ConsentText, Subscriber, email_key
from .tasks import send_confirmation_email


def signup_rate(group, request):
    return getattr(settings, "NEWSLETTER_SIGNUP_RATE", "10/10m")


def resend_interval():
    """The shortest time between two confirmation e-mails to one address."""
    return timedelta(seconds=getattr(settings, "NEWSLETTER_RESEND_INTERVAL", 300))


def rate_limited(request):
    return render(request, "newsletter/rate_limited.html", status=429)


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def _may_resend(subscriber, now):
    sent_at = subscriber.confirmation_sent_at
    return sent_at is None or now - sent_at >= resend_interval()


def subscribe(data, consent, request):
    """Record a signup and send (or resend, throttled) the confirmation e-mail.

    A confirmed address is left exactly as it is and gets nothing new. The row is
    locked while deciding, so the same address submitted many times at once (a double
    click, a retrying client) still gets one confirmation e-mail: without the lock each
    request could see "nothing sent yet" and send its own."""
    now = timezone.now()
    fields = {
        "email": data["email"],
        "language": data["language"],
        "name": data["name"],
        "organisation": data["organisation"],
        **agreement(consent, now),
    }
    with transaction.atomic():
        # Two first signups of one address at the same moment: the unique email_key
        # makes the second insert fail, and get_or_create then locks the winner's row.
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email_key=email_key(data["email"]), defaults=fields
        )
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return
        if not created:
            for name, value in fields.items():
                setattr(subscriber, name, value)
            subscriber.status = Subscriber.Status.PENDING
        if not _may_resend(subscriber, now):
            subscriber.save()
            return
        subscriber.confirmation_sent_at = now
        subscriber.save()
        # Inside the transaction: with the database task backend the task row commits
        # together with confirmation_sent_at, or not at all.
        send_confirmation_email.enqueue(subscriber.pk, _base_url(request))


def signup_context(form, consent=None):
    return {
        "form": form,
        "consent": consent or ConsentText.current(),
        "hide_footer_signup": True,
        "view_meta": {
            "title": gettext("Newsletter"),
            "description": gettext(
                "Subscribe to the project's newsletter: news, events and new training kits, "
                "in Turkish or English."
            ),
        },
    }


@ratelimit(group="newsletter-signup", key="ip", rate=signup_rate, method="POST", block=False)
def signup(request):
    language = translation.get_language()
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited(request)
        form = SignupForm(request.POST, language=language)
        if form.is_bot:
            return redirect("newsletter:sent")
        consent = ConsentText.current()
        if form.is_valid():
            subscribe(form.cleaned_data, consent, request)
            return redirect("newsletter:sent")
        return render(request, "newsletter/signup.html", signup_context(form, consent))
    if request.method != "GET" and request.method != "HEAD":
        return HttpResponseNotAllowed(["GET", "POST"])
    # The footer's box sends the address here (?email=) to finish the signup.
    form = SignupForm(language=language, initial={"email": request.GET.get("email", "")[:254]})
    response = render(request, "newsletter/signup.html", signup_context(form))
    # Never cached: the address is in the query string, and the form holds a CSRF token.
    add_never_cache_headers(response)
    return response


@never_cache
def sent(request):
    return render(
        request,
        "newsletter/sent.html",
        {"valid_days": max(1, confirm_max_age() // 86400), "hide_footer_signup": True},
    )


def invalid_link(request, form=None, status=400):
    return render(
        request,
        "newsletter/invalid_link.html",
        {"form": form or ResendForm(), "hide_footer_signup": True},
        status=status,
    )


@never_cache
def confirm(request, token):
    """The link in the confirmation e-mail opens a page with a button; only pressing it
    (a POST) confirms. Mail scanners and link previews fetch links with GET, and must
    not confirm an address nobody asked for."""
    try:
        subscriber = read_token(token, CONFIRM_SALT, Subscriber.objects, max_age=confirm_max_age())
    except (signing.BadSignature, LookupError):
        return invalid_link(request)
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return invalid_link(request)
    if request.method == "POST":
        if subscriber.status == Subscriber.Status.PENDING:
            subscriber.confirm()
        return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    response = render(
        request, "newsletter/confirm.html", {"subscriber": subscriber, "hide_footer_signup": True}
    )
    add_never_cache_headers(response)  # it holds a form token
    return response


@require_POST
@ratelimit(group="newsletter-signup", key="ip", rate=signup_rate, method="POST", block=False)
def resend(request):
    if getattr(request, "limited", False):
        return rate_limited(request)
    form = ResendForm(request.POST)
    if form.is_bot:
        return redirect("newsletter:sent")
    if not form.is_valid():
        return invalid_link(request, form, status=200)
    now = timezone.now()
    with transaction.atomic():  # locked, so that requests at the same moment send one e-mail
        subscriber = (
            Subscriber.objects.select_for_update()
            .filter(email_key=email_key(form.cleaned_data["email"]))
            .first()
        )
        if (
            subscriber is not None
            and subscriber.status == Subscriber.Status.PENDING
            and _may_resend(subscriber, now)
        ):
            subscriber.confirmation_sent_at = now
            subscriber.save(update_fields=["confirmation_sent_at"])
            send_confirmation_email.enqueue(subscriber.pk, _base_url(request))
    return redirect("newsletter:sent")


@never_cache
@csrf_exempt  # RFC 8058 one-click: mail providers POST without a CSRF token.
def unsubscribe(request, token):
    try:
        subscriber = read_token(token, UNSUBSCRIBE_SALT, Subscriber.objects)
    except (signing.BadSignature, LookupError):
        return render(request, "newsletter/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        subscriber.unsubscribe()
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "newsletter/unsubscribe_confirm.html",
        {"subscriber": subscriber, "already": subscriber.status == Subscriber.Status.UNSUBSCRIBED},
    )
