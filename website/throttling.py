"""Limits on guessing, for the views Wagtail provides without one.

Each wraps Wagtail's own view (same URL, same templates) with django-ratelimit, which
counts in the shared cache and reads the client address the one way the whole site
does (``RATELIMIT_IP_META_KEY``, website/client_address.py). The admin login itself is
guarded by django-axes (per account, across addresses: AXES_LOCKOUT_PARAMETERS)."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django_ratelimit.core import is_ratelimited
from wagtail import views as wagtail_views
from wagtail.admin.views.account import PasswordResetView


def _rate(name, default):
    return getattr(settings, name, default)


def _limited(request, group, key, rate):
    return is_ratelimited(
        request, group=group, key=key, rate=rate, method=is_ratelimited.ALL, increment=True
    )


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's "forgot password" form, sending at most a few e-mails per address asked
    about and per client. Over the limit the visitor sees the same "check your inbox"
    page and nothing is sent, so the form still tells nobody whether an account
    exists (PASSWORD_RESET_RATE_PER_EMAIL, PASSWORD_RESET_RATE_PER_CLIENT)."""

    def form_valid(self, form):
        email = form.cleaned_data.get("email", "")

        def email_key(group, request):
            return email.strip().casefold()

        per_client = _rate("PASSWORD_RESET_RATE_PER_CLIENT", "10/h")
        over_client = _limited(self.request, "password-reset-client", "ip", per_client)
        over_email = _limited(
            self.request,
            "password-reset-email",
            email_key,
            _rate("PASSWORD_RESET_RATE_PER_EMAIL", "3/h"),
        )
        if over_client or over_email:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's form for a password-protected page, with tries counted per client and
    restriction (PAGE_PASSWORD_RATE): over the limit the answer is 429 with a message,
    and the password is not even checked."""
    if request.method == "POST":

        def restriction_key(group, req):
            from website.client_address import client_ip

            return f"{client_ip(req)}:{page_view_restriction_id}"

        rate = _rate("PAGE_PASSWORD_RATE", "10/10m")
        if _limited(request, "page-password", restriction_key, rate):
            response = render(request, "too_many_attempts.html", status=429)
            add_never_cache_headers(response)
            return response
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
