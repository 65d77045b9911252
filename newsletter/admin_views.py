"""Admin actions of the newsletter: erase a subscriber for good, and the send page of
an issue (a test to the editor, or the real send in the background)."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from home.mail import base_url

from .emails import IssueRenderer
from .models import ErasureRecord, NewsletterIssue, Subscriber, email_hash
from .tasks import is_running, queue_issue, send_counts


def erase_subscriber(subscriber, user=None):
    with transaction.atomic():
        record = ErasureRecord.objects.create(
            email_hash=email_hash(subscriber.email),
            erased_by=user if user is not None and user.is_authenticated else None,
            subscriber_status=subscriber.status,
        )
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Subscriber),
            object_id=str(subscriber.pk),
        ).delete()
        subscriber.delete()
        log(instance=record, action="newsletter.erase", user=user)
    return record


# The send page, and its "Send…" button in the issue listing (wagtail_hooks), ask for this.
SEND_PAGE_PERMISSION = "newsletter.change_newsletterissue"


def send_issue_view(request, pk):
    issue = get_object_or_404(NewsletterIssue.objects.select_related("locale"), pk=pk)
    if not request.user.has_perm(SEND_PAGE_PERMISSION):
        raise PermissionDenied
    can_send = request.user.has_perm("newsletter.send_newsletterissue")
    running = is_running(issue)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            if not request.user.email:
                messages.error(request, _("Your account has no e-mail address to send a test to."))
            else:
                renderer = IssueRenderer(issue, base_url(request))
                unsubscribe = base_url(request) + reverse("newsletter:signup")
                renderer.message(
                    request.user.email, unsubscribe, subject=_("[TEST] %s") % issue.subject
                ).send()
                log(instance=issue, action="newsletter.send_test", user=request.user)
                messages.success(
                    request, _("A test was sent to %(email)s.") % {"email": request.user.email}
                )
            return redirect("newsletter_admin:send", issue.pk)
        if action == "send":
            if not can_send:
                raise PermissionDenied
            if running and request.POST.get("force") != "1":
                messages.warning(request, _("This issue is already being sent."))
            else:
                queue_issue(issue)
                log(instance=issue, action="newsletter.send", user=request.user)
                messages.success(
                    request,
                    _(
                        "The issue is queued: it goes out in the background to the "
                        "confirmed subscribers who have not received it yet."
                    ),
                )
            return redirect("newsletter_admin:send", issue.pk)
    in_progress = issue.status in (NewsletterIssue.Status.QUEUED, NewsletterIssue.Status.SENDING)
    audience, delivered, remaining = send_counts(issue)
    return TemplateResponse(
        request,
        "newsletter/admin/send.html",
        {
            "issue": issue,
            "audience": audience,
            "delivered": delivered,
            "remaining": remaining,
            "running": running,
            # Queued or sending, but no worker has shown a sign of life for a while.
            "interrupted": (in_progress and not running)
            or issue.status == NewsletterIssue.Status.FAILED,
            "can_send": can_send,
            "edit_url": reverse("wagtailsnippets_newsletter_newsletterissue:edit", args=[pk]),
            "preview_url": reverse(
                "wagtailsnippets_newsletter_newsletterissue:preview_on_edit", args=[pk]
            ),
        },
    )
