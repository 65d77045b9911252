"""The e-mails an author gets from the review: "changes requested", "rejected" and
"approved", each saying what happened and what to do next.

Wagtail sends one "rejected" e-mail both when a moderator requests changes and (through
``ReviewTask``'s Reject) when the review ends with a no, and leaves the moderator's
comment for the admin to show. These notifiers are Wagtail's own (``wagtail.admin.mail``)
with more to say: the moderator's name and comment, the link to act on, and whether an
approved page is live, scheduled, or waiting for its source page. Their wording is in
the project's ``wagtailadmin/notifications/workflow_state_*`` templates (``editorial``
comes before ``wagtail.admin`` in ``INSTALLED_APPS``, so they win).

Each e-mail is written in its recipient's admin language. Wagtail does that too, but a
user who never chose one would get the language of whoever acted (the moderator's
request): here they get the site's default language, as the admin would show them."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.mail import (
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected
from wagtail.users.models import UserProfile

from bilingual.publishing import held_revision, scheduled_go_live

from .signals import review_declined

TEMPLATES = "wagtailadmin/notifications/"

# What an approval did to the page, for the "approved" e-mail.
PUBLISHED = "published"
SCHEDULED = "scheduled"
HELD = "held"
APPROVED = "approved"


def recipient_language(user):
    """The language ``user``'s admin speaks: their own choice, else the site's."""
    return UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE


def quoted_lines(comment):
    """The comment's lines, for quoting in a plain-text e-mail (blank lines kept)."""
    return (comment or "").strip().splitlines()


class ReviewEmailMixin:
    """What every review e-mail shares: the reviewer and their comment, the page as it is
    now, and one rendering per recipient in that recipient's language."""

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        task_state = workflow_state.current_task_state
        specific = task_state.specific if task_state else None
        reviewer = task_state.finished_by if task_state else None
        comment = specific.get_comment() if specific else ""
        context.update(
            task_state=specific,
            reviewer=get_user_display_name(reviewer) if reviewer else _("A moderator"),
            comment=comment,
            comment_lines=quoted_lines(comment),
        )
        if isinstance(context["object"], Page):
            # The workflow's copy of the page predates the approval's publishing.
            context["object"] = context["page"] = Page.objects.get(pk=context["object"].pk).specific
        return context

    def send_notifications(self, template_set, context, recipients, **kwargs):
        # Wagtail renders the subject and text in the recipient's language but falls back
        # to the active one (the moderator's), and the HTML part in the active one: so
        # make each recipient's language the active one while their e-mail is rendered.
        sent = True
        for recipient in recipients:
            with translation.override(recipient_language(recipient)):
                sent = (
                    super().send_notifications(template_set, dict(context), {recipient}, **kwargs)
                    and sent
                )
        return sent


class ChangesRequestedEmailNotifier(ReviewEmailMixin, WorkflowStateRejectionEmailNotifier):
    """To the author when a moderator requests changes (Wagtail's ``workflow_rejected``):
    the comment quoted, and the link to the page's editor."""


class ReviewRejectedEmailNotifier(ReviewEmailMixin, WorkflowStateRejectionEmailNotifier):
    """To the author when a moderator rejects the page (``ReviewTask``'s Reject): the
    review is over, the draft is kept. Sent on ``editorial.signals.review_declined``.
    Users who turned off "rejected" notifications in their account get none of these."""

    def get_template_set(self, instance, **kwargs):
        base = TEMPLATES + "workflow_state_declined"
        return {
            "subject": base + "_subject.txt",
            "text": base + ".txt",
            "html": base + ".html",
        }


class ApprovedEmailNotifier(ReviewEmailMixin, WorkflowStateApprovalEmailNotifier):
    """To the author when the review approves the page: live now, scheduled (and when),
    or, for a translation whose source is not live yet, held until the source is."""

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        page = context.get("page")
        context["outcome"] = APPROVED
        if page is not None:
            go_live_at = scheduled_go_live(page)
            if held_revision(page) is not None:
                context["outcome"] = HELD
            elif go_live_at and go_live_at > timezone.now():
                context.update(outcome=SCHEDULED, go_live_at=go_live_at)
            elif page.live:
                context["outcome"] = PUBLISHED
        return context


changes_requested = ChangesRequestedEmailNotifier()
review_rejected = ReviewRejectedEmailNotifier()
approved = ApprovedEmailNotifier()

# Wagtail connects its own notifiers when ``wagtail.admin`` is ready, under these ids.
# Django keeps only the first receiver connected under an id, so ours take the ids:
# Wagtail's are disconnected if they are already there, and not added if they come later.
WAGTAIL_RECEIVERS = [
    (workflow_rejected, "workflow_state_rejected_email_notification", changes_requested),
    (workflow_approved, "workflow_state_approved_email_notification", approved),
]


def connect():
    for signal, dispatch_uid, notifier in WAGTAIL_RECEIVERS:
        signal.disconnect(sender=WorkflowState, dispatch_uid=dispatch_uid)
        signal.connect(notifier, sender=WorkflowState, dispatch_uid=dispatch_uid)
    review_declined.connect(
        review_rejected, sender=WorkflowState, dispatch_uid="editorial_review_rejected_email"
    )
