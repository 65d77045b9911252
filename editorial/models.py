"""The review task of the editorial workflow.

Wagtail's own ``GroupApprovalTask`` offers "Approve" and "Request changes" (which
Wagtail calls *reject*: the page goes back to its author, who edits and resubmits).
A newsroom also needs a final "no": this task adds **Reject**, which records the
reviewer's comment, ends the workflow, and leaves the page unpublished (the draft
is kept, nothing is lost; the author may start a new review later)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


class ReviewTask(AbstractGroupApprovalTask):
    """Group approval with approve / request changes / reject."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions = list(actions) + [("decline", _("Reject"), True)]
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "decline":
            # "Request changes" first (records the comment, e-mails the author),
            # then close the workflow so the revision cannot be approved later.
            task_state.reject(user=user, **kwargs)
            task_state.workflow_state.refresh_from_db()
            task_state.workflow_state.cancel(user=user)
            return
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve, request changes (with a comment) "
            "or reject the page."
        )

    class Meta:
        verbose_name = _("review by moderators")
        verbose_name_plural = _("reviews by moderators")
