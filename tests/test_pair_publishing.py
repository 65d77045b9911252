"""Publishing as a pair: an option of the review task that holds approval until the
other language's translation is ready, then publishes both."""

import pytest

from editorial.models import ReviewTask
from tests.test_editorial import action_url, as_user, current_task_state, submit_new_page, users  # noqa: F401


@pytest.fixture
def paired_review(db):
    ReviewTask.objects.update(publish_as_pair=True)


def save_english_draft(page, locales, title="Field Studies Completed"):
    """A translator's saved (unpublished) English version, replacing any alias."""
    alias = page.get_translation_or_none(locales["en"])
    if alias is not None:
        alias.delete()
    translation = page.copy_for_translation(locales["en"]).specific
    translation.title = title
    translation.slug = "field-studies-completed"
    translation.save_revision()
    return translation


@pytest.mark.django_db
class TestPublishAsPair:
    def test_approval_waits_for_the_translation(self, as_user, homes, paired_review):  # noqa: F811
        page = submit_new_page(as_user("editor"), homes["tr"])
        moderator = as_user("moderator")
        task_state = current_task_state(page)
        edit = moderator.get(f"/admin/pages/{page.pk}/edit/").text
        assert "workflow-action-name" not in edit or 'value="approve"' not in edit
        moderator.post(action_url(page, "approve", task_state), {"comment": ""})
        page.refresh_from_db()
        assert not page.live
        assert current_task_state(page).status == "in_progress"

    def test_approval_publishes_both_languages(self, as_user, homes, locales, paired_review):  # noqa: F811
        page = submit_new_page(as_user("editor"), homes["tr"])
        translation = save_english_draft(page, locales)
        moderator = as_user("moderator")
        moderator.post(action_url(page, "approve", current_task_state(page)), {"comment": ""})
        page.refresh_from_db()
        translation.refresh_from_db()
        assert page.live and translation.live
        moderator.logout()
        assert moderator.get("/tr/saha-calismalari/").status_code == 200
        assert "Field Studies Completed" in moderator.get("/en/field-studies-completed/").text

    def test_without_the_option_a_page_goes_live_alone(self, as_user, homes):  # noqa: F811
        page = submit_new_page(as_user("editor"), homes["tr"])
        moderator = as_user("moderator")
        moderator.post(action_url(page, "approve", current_task_state(page)), {"comment": ""})
        page.refresh_from_db()
        assert page.live
