"""A translator's whole journey through the real admin (issue 18): a Turkish article is
reviewed and published; English readers see nothing of it; a translator starts its
translation from the "Missing translations" report and translates it in wagtail-localize's
editor; a moderator reviews it there and publishes it; only then do the English home and
news list show it, under the Turkish article's date."""

from playwright.sync_api import expect

from editorial import roles

from .conftest import page_of_type, screenshot
from .test_editorial_journey import action_menu, log_in

TITLE_TR = "Mersin'de Göç Buluşması Yapıldı"
SUMMARY_TR = "Sivil toplum kuruluşları Mersin'de göç konusunu görüştü."
BODY_TR = "Buluşmaya otuz kuruluştan temsilciler katıldı."
ENGLISH = {
    TITLE_TR: "Migration Meeting Held in Mersin",
    SUMMARY_TR: "Civil society organisations discussed migration in Mersin.",
    BODY_TR: "Representatives of thirty organisations attended the meeting.",
}


def draft_under_review(news_index, editor):
    """The editor's Turkish article, submitted to the review workflow."""
    from news.models import NewsPage

    page = NewsPage(
        title=TITLE_TR,
        slug="mersinde-goc-bulusmasi-yapildi",
        summary=SUMMARY_TR,
        body=[("paragraph", f"<p>{BODY_TR}</p>")],
        live=False,
        owner=editor,
    )
    news_index.add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


def translate_segments(tab):
    """Translate each string wagtail-localize shows, as the translator reads it: a
    segment's row is ``li.incomplete`` until its translation is saved."""
    rows = tab.locator("li.incomplete")
    expect(rows.first).to_be_visible()
    for remaining in range(rows.count(), 0, -1):
        row = rows.first
        source = next((t for t in ENGLISH if t in row.inner_text()), None)
        row.get_by_role("button", name="Translate", exact=True).click()
        row.locator("textarea").fill(ENGLISH.get(source, "Mersin"))
        row.get_by_role("button", name="Save", exact=True).click()
        expect(rows).to_have_count(remaining - 1)


def test_turkish_article_reviewed_translated_reviewed_then_in_english(
    open_page, site_content, make_user
):
    editor = make_user("editor", roles.EDITORS, password="editor-pw")
    make_user("moderator", roles.MODERATORS, password="moderator-pw")
    make_user("translator", roles.TRANSLATORS, password="translator-pw")
    news_tr = page_of_type("news.NewsIndexPage", "tr")
    news_en = page_of_type("news.NewsIndexPage", "en")
    article = draft_under_review(news_tr, editor)
    reader = open_page(language="en")

    # 1. The moderator approves the Turkish article: it is live in Turkish only.
    moderator = open_page()
    log_in(moderator, "moderator", "moderator-pw")
    moderator.goto(f"/admin/pages/{article.pk}/edit/")
    action_menu(moderator).get_by_role("button", name="Approve and Publish").click()
    moderator.wait_for_url(f"**/admin/pages/{news_tr.pk}/")
    reader.goto(news_tr.url)
    assert TITLE_TR in reader.locator("main").inner_text()
    for url in ("/en/", news_en.url):
        reader.goto(url)
        assert TITLE_TR not in reader.content(), url
    assert reader.goto(news_en.url + "mersinde-goc-bulusmasi-yapildi/").status == 404

    # 2. The translator finds it among the missing translations and starts one.
    translator = open_page()
    log_in(translator, "translator", "translator-pw")
    translator.goto("/admin/reports/translations/?status=missing&language=en")
    row = translator.get_by_role("row").filter(has_text=TITLE_TR)
    row.get_by_role("link", name="Translate this page").click()
    translator.get_by_role("button", name="Submit").click()
    translator.wait_for_url("**/admin/pages/*/edit/")
    screenshot(translator, "journey-translation-1-editor")
    translate_segments(translator)
    screenshot(translator, "journey-translation-2-translated")
    translation = article.get_translation(news_en.locale).specific
    assert not translation.live
    # A draft: English readers still see nothing.
    for url in ("/en/", news_en.url):
        reader.goto(url)
        assert ENGLISH[TITLE_TR] not in reader.content(), url

    # 3. The moderator reviews the English translation and publishes it.
    moderator.goto(f"/admin/pages/{translation.pk}/edit/")
    expect(moderator.get_by_text(ENGLISH[SUMMARY_TR]).first).to_be_visible()
    moderator.get_by_role("button", name="Publish in English").click()
    moderator.wait_for_load_state()
    translation.refresh_from_db()
    assert translation.live
    assert (
        translation.first_published_at
        == type(article).objects.get(pk=article.pk).first_published_at
    )

    # 4. English readers find it on the home page and the news list, in English. (A new
    # visitor: the first reader's browser may keep its copies for CACHE_BROWSER_SECONDS.)
    reader = open_page(language="en")
    for url in ("/en/", news_en.url):
        reader.goto(url)
        expect(
            reader.locator("main").get_by_role("link", name=ENGLISH[TITLE_TR]).first
        ).to_be_visible()
    reader.locator("main").get_by_role("link", name=ENGLISH[TITLE_TR]).first.click()
    main = reader.locator("main").inner_text()
    assert ENGLISH[BODY_TR] in main and BODY_TR not in main
    screenshot(reader, "journey-translation-3-english-article")
