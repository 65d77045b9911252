"""The newsroom's journey through the real admin: an editor writes a Turkish news draft
and submits it for review, a moderator approves it, and readers find it on the news page.

Each person has their own browser context (their own cookies), as on three different
computers. Editors have no ``publish_page`` permission (``editorial.roles``), so the
review workflow that covers each language's home ("Review before publishing") is the
only way their article reaches readers."""

from django.utils.text import slugify
from playwright.sync_api import expect

from bilingual.text import turkish_slugify
from editorial import roles

from .conftest import page_of_type, screenshot

TITLE = "Gaziantep'te İşbirliği Çalıştayı Düzenlendi"
SUMMARY = "Kamu kurumları ve sivil toplum kuruluşları Gaziantep'te bir araya geldi."
# The address readers see: Turkish letters spelled in ASCII ("ı" kept as "i", not dropped).
SLUG = "gaziantepte-isbirligi-calistayi-duzenlendi"


def log_in(tab, username, password):
    """Fill in the admin's login form and send it, as a person would."""
    tab.goto("/admin/login/")
    form = tab.locator("form.login-form")
    form.locator("input[name=username]").press_sequentially(username)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    tab.wait_for_url("**/admin/")


def action_menu(tab):
    """Open the page editor's footer action menu ("Save draft" and its "More actions")."""
    footer = tab.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    return footer


def test_editor_submits_news_moderator_approves_readers_see_it(
    open_page, site_content, make_user, mailoutbox
):
    assert turkish_slugify(TITLE) == SLUG != slugify(TITLE)  # plain slugify drops the "ı"
    make_user("editor", roles.EDITORS, password="editor-pw", language="en")
    make_user("moderator", roles.MODERATORS, password="moderator-pw", language="en")
    news_index = page_of_type("news.NewsIndexPage", "tr")
    assert news_index.url == "/tr/haberler/"
    article_url = f"{news_index.url}{SLUG}/"

    # 1. The editor writes the article under the Turkish news index and submits it.
    editor = open_page()
    log_in(editor, "editor", "editor-pw")
    editor.goto(f"/admin/pages/{news_index.pk}/")
    editor.get_by_role("link", name="Add child page").first.click()
    # News articles are the only kind of page allowed there: straight to their form.
    editor.wait_for_url("**/add/news/newspage/**")
    editor.locator("#id_title").press_sequentially(TITLE)
    editor.locator("#id_summary").fill(SUMMARY)
    # The admin fills the slug (on the Promote tab) from the title as it is typed.
    expect(editor.locator("#id_slug")).to_have_value(SLUG)
    footer = action_menu(editor)
    submit = footer.get_by_role("button", name=f"Submit to {roles.WORKFLOW_NAME}")
    assert submit.is_visible()
    # Editors may not publish: the menu offers no "Publish", the form no publish action.
    assert footer.get_by_role("button", name="Publish", exact=True).count() == 0
    assert editor.locator("button[name=action-publish]").count() == 0
    submit.click()
    editor.wait_for_url(f"**/admin/pages/{news_index.pk}/")
    assert TITLE in editor.locator(".messages").inner_text()
    row = editor.get_by_role("row").filter(has_text=TITLE)
    assert "in moderation" in row.inner_text().lower()
    screenshot(editor, "journey-editorial-1-editor-submitted")
    assert "moderator@example.org" in {to for message in mailoutbox for to in message.to}
    mailoutbox.clear()

    # Not public yet: neither on the news page nor at its own address.
    reader = open_page()
    reader.goto(news_index.url)
    assert TITLE not in reader.locator("main").inner_text()
    assert reader.goto(article_url).status == 404

    # 2. The moderator finds it on the dashboard and approves it with a comment.
    moderator = open_page()
    log_in(moderator, "moderator", "moderator-pw")
    waiting = moderator.get_by_role("region", name="Waiting for my review")
    waiting.get_by_role("link", name=TITLE).click()
    moderator.wait_for_url("**/edit/")
    footer = action_menu(moderator)
    footer.get_by_role("button", name="Approve with comment and Publish").click()
    dialog = moderator.get_by_role("dialog")
    dialog.locator("textarea[name=comment]").fill("Yayına uygun, teşekkürler.")
    screenshot(moderator, "journey-editorial-2-moderator-approves")
    with moderator.expect_navigation():
        dialog.get_by_role("button", name="Approve with comment").click()
    # Back in the news section, the article's status is now "live".
    moderator.wait_for_url(f"**/admin/pages/{news_index.pk}/")
    assert TITLE in moderator.locator(".messages").inner_text()
    # The approval's publishing may finish just after the listing is drawn on a busy
    # machine: a moderator who reloads sees it live within a few seconds.
    row = moderator.get_by_role("row").filter(has_text=TITLE)
    for _ in range(20):
        if "live" in row.inner_text().lower():
            break
        moderator.wait_for_timeout(500)
        moderator.reload()
    assert "live" in row.inner_text().lower()
    assert "editor@example.org" in {to for message in mailoutbox for to in message.to}

    # 3. A reader sees it on the news page and opens it at its Turkish-correct address.
    # (A new visitor: the first reader's browser may keep the list it saw for the
    # CACHE_BROWSER_SECONDS that public pages allow.)
    reader = open_page()
    reader.goto(news_index.url)
    link = reader.locator("main").get_by_role("link", name=TITLE).first
    assert link.is_visible()
    screenshot(reader, "journey-editorial-3-news-page")
    with reader.expect_navigation() as opened:
        link.click()
    assert opened.value.status == 200
    assert reader.url.endswith(article_url)
    assert reader.locator("h1").first.inner_text().strip() == TITLE
    assert SUMMARY in reader.locator("main").inner_text()
    screenshot(reader, "journey-editorial-4-article")
