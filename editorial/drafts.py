"""An author's drafts, for the dashboard's "My drafts" panel.

A page is the user's draft while it has unpublished changes and they own it, saved its
latest revision, or submitted it to its latest review. The last one matters because a
moderator who edits the page while acting on the review saves the latest revision: the
page would otherwise leave its author's list just when it came back to them. Pages sent
back with changes requested come first, with the moderator's comment."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, WorkflowState


@dataclass
class Draft:
    """A row of the panel: the page, and where its review stands for its author."""

    page: Page
    in_review: bool = False
    changes_requested: bool = False
    reviewer: str = ""
    comment: str = ""


def for_user(user, limit=10):
    """The user's drafts (``Draft``): changes requested first, then the latest edited."""
    latest_review = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-created_at", "-pk")
    pages = list(
        Page.objects.filter(has_unpublished_changes=True)
        .annotate(
            review_id=Subquery(latest_review.values("pk")[:1]),
            review_status=Subquery(latest_review.values("status")[:1]),
            submitted_by=Subquery(latest_review.values("requested_by")[:1]),
        )
        .filter(Q(owner=user) | Q(latest_revision__user=user) | Q(submitted_by=user.pk))
        .annotate(
            sent_back=Case(
                When(review_status=WorkflowState.STATUS_NEEDS_CHANGES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .select_related("locale")
        .order_by("sent_back", "-latest_revision_created_at")[:limit]
    )
    sent_back = WorkflowState.objects.filter(
        pk__in=[p.review_id for p in pages if p.sent_back == 0]
    ).select_related("current_task_state__finished_by")
    reviews = {state.pk: state.current_task_state for state in sent_back}
    drafts = []
    for page in pages:
        draft = Draft(page, in_review=page.review_status == WorkflowState.STATUS_IN_PROGRESS)
        task_state = reviews.get(page.review_id)
        if task_state is not None:
            draft.changes_requested = True
            draft.comment = task_state.comment
            if task_state.finished_by:
                draft.reviewer = get_user_display_name(task_state.finished_by)
        drafts.append(draft)
    return drafts
