"""The review task of the editorial workflow.

Wagtail's own ``GroupApprovalTask`` offers "Approve" and "Request changes" (which
Wagtail calls *reject*: the page goes back to its author, who edits and resubmits).
A newsroom also needs a final "no": this task adds **Reject**, which records the
reviewer's comment, ends the workflow, and leaves the page unpublished (the draft
is kept, nothing is lost; the author may start a new review later). Each outcome sends
the author its own e-mail (``editorial.notifications``)."""

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, Page

from .signals import review_declined


def translations_not_ready(page):
    """The other languages in which ``page`` has no translation that was saved after
    the page's latest revision (the one under review). An alias does not count."""
    if not isinstance(page, Page):
        return []
    latest = page.latest_revision_created_at
    waiting = []
    translations = {
        p.locale_id: p
        for p in Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    }
    for locale in page.locale.__class__.objects.exclude(pk=page.locale_id):
        translation = translations.get(locale.pk)
        saved = translation and translation.latest_revision_created_at
        if (
            translation is None
            or translation.alias_of_id
            or not saved
            or (latest and saved < latest)
        ):
            waiting.append(locale)
    return waiting


class ReviewCommentForm(TaskStateCommentForm):
    """The comment box of approve / request changes / reject. Wagtail's own translates
    its label once, when it is imported, in the site's default language: English-speaking
    moderators were asked for a "Yorum". This label follows each user's admin language."""

    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea({"rows": 2})
    )


class ReviewTask(AbstractGroupApprovalTask):
    """Group approval with approve / request changes / reject, and optionally
    publishing as a pair."""

    publish_as_pair = models.BooleanField(
        _("publish as a pair"),
        default=False,
        help_text=_(
            "Approve only when every other language has a translation saved after the "
            "version under review; approving then publishes the translations too. Without "
            "it, a page may go live alone and readers of the other language see a notice."
        ),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["publish_as_pair"]

    def get_actions(self, obj, user):
        actions = list(super().get_actions(obj, user))
        if actions and self.publish_as_pair and translations_not_ready(obj):
            # Without "approve" on offer, Wagtail refuses an approve request too.
            actions = [action for action in actions if action[0] != "approve"]
        if actions:
            actions = actions + [("decline", _("Reject"), True)]
        return actions

    def get_form_for_action(self, action):
        return ReviewCommentForm

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "decline":
            # Reject the task (records the comment) without Wagtail's update, which would
            # send the author "changes requested"; close the workflow so the revision
            # cannot be approved later; then tell the author the review is over.
            task_state.reject(user=user, update=False, **kwargs)
            workflow_state = task_state.workflow_state
            workflow_state.refresh_from_db()
            workflow_state.cancel(user=user)
            review_declined.send(sender=type(workflow_state), instance=workflow_state, user=user)
            return
        result = super().on_action(task_state, user, action_name, **kwargs)
        if action_name == "approve" and self.publish_as_pair:
            self.publish_translations(task_state.workflow_state.content_object, user)
        return result

    @staticmethod
    def publish_translations(page, user):
        """Publish the latest saved version of each translation, with the source."""
        page = page.specific if isinstance(page, Page) else page
        for translation in page.get_translations().filter(alias_of__isnull=True).specific():
            revision = translation.get_latest_revision()
            if revision is not None and (
                translation.has_unpublished_changes or not translation.live
            ):
                revision.publish(user=user)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve, request changes (with a comment) "
            "or reject the page."
        )

    class Meta:
        verbose_name = _("review by moderators")
        verbose_name_plural = _("reviews by moderators")
