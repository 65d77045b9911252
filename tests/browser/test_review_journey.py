"""A review that sends an article back, through the real admin (issue 21): the moderator
requests changes with a comment; the author reads it in their e-mail and on their
dashboard, edits the article and resubmits it; the moderator approves; readers see the
corrected article.

The author's page stays in their "My drafts" while the moderator acts on it, and the
e-mail says "changes requested" (not "rejected") with the moderator's words in it."""

from playwright.sync_api import expect

from editorial import roles

from .conftest import page_of_type, screenshot
from .test_editorial_journey import action_menu, log_in

TITLE = "Hatay'da Gönüllüler Buluştu"
SLUG = "hatayda-gonulluler-bulustu"
SUMMARY = "Gönüllüler Hatay'da bir araya geldi."
REVISED_SUMMARY = "Kırk gönüllü Hatay'da bir araya geldi."
COMMENT = "Kaç gönüllü katıldı? Sayıyı özete ekleyin lütfen."


def article_under_review(news_index, editor):
    """The editor's Turkish article, submitted to the review workflow."""
    from news.models import NewsPage

    page = NewsPage(title=TITLE, slug=SLUG, summary=SUMMARY, live=False, owner=editor)
    news_index.add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


def to(mailoutbox, address):
    return [message for message in mailoutbox if message.to == [address]]


def test_moderator_requests_changes_author_revises_and_resubmits(
    open_page, site_content, make_user, mailoutbox
):
    editor = make_user("editor", roles.EDITORS, password="editor-pw", language="en")
    make_user("moderator", roles.MODERATORS, password="moderator-pw", language="en")
    news_index = page_of_type("news.NewsIndexPage", "tr")
    article = article_under_review(news_index, editor)
    edit_path = f"/admin/pages/{article.pk}/edit/"
    mailoutbox.clear()

    # 1. The moderator asks for changes, with a comment.
    moderator = open_page()
    log_in(moderator, "moderator", "moderator-pw")
    moderator.goto(edit_path)
    action_menu(moderator).get_by_role("button", name="Request changes").click()
    dialog = moderator.get_by_role("dialog")
    dialog.locator("textarea[name=comment]").fill(COMMENT)
    with moderator.expect_navigation():
        dialog.get_by_role("button", name="Request changes").click()
    assert TITLE in moderator.locator(".messages").inner_text()

    # 2. The author's e-mail says what happened, quotes the moderator, links to the editor.
    [message] = to(mailoutbox, "editor@example.org")
    assert message.subject == f'Changes requested: "{TITLE}"'
    assert f"> {COMMENT}" in message.body
    assert edit_path in message.body
    assert "rejected" not in message.body.lower()
    mailoutbox.clear()

    # 3. The author's dashboard shows the article, sent back, with the comment.
    author = open_page()
    log_in(author, "editor", "editor-pw")
    row = author.get_by_role("region", name="My drafts").get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("Changes requested")
    expect(row).to_contain_text(COMMENT)
    screenshot(author, "journey-review-1-changes-requested")

    # 4. The author edits the article and resubmits it.
    row.get_by_role("link", name=TITLE).click()
    author.wait_for_url(f"**{edit_path}")
    author.locator("#id_summary").fill(REVISED_SUMMARY)
    action_menu(author).get_by_role("button", name=f"Resubmit to {roles.TASK_NAME}").click()
    author.wait_for_url(f"**/admin/pages/{news_index.pk}/")
    assert "moderator@example.org" in {a for m in mailoutbox for a in m.to}
    author.goto("/admin/")
    row = author.get_by_role("region", name="My drafts").get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("in review")
    expect(row).not_to_contain_text("Changes requested")

    # 5. The moderator sees the revised article and approves it.
    moderator.goto(edit_path)
    expect(moderator.locator("#id_summary")).to_have_value(REVISED_SUMMARY)
    action_menu(moderator).get_by_role("button", name="Approve and Publish").click()
    moderator.wait_for_url(f"**/admin/pages/{news_index.pk}/")
    [message] = to(mailoutbox, "editor@example.org")
    assert message.subject == f'Published: "{TITLE}" was approved'

    # 6. Readers see the corrected article.
    reader = open_page()
    assert reader.goto(f"{news_index.url}{SLUG}/").status == 200
    main = reader.locator("main")
    expect(main).to_contain_text(REVISED_SUMMARY)
    expect(main).not_to_contain_text(SUMMARY)
    screenshot(reader, "journey-review-2-published")
