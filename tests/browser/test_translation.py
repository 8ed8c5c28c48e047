"""A news editor translates a news item into French in the admin (wagtail-localize's editor), publishes
it, and a French visitor finds it in the French listing and feed, while the English is unchanged."""

import pytest
from playwright.sync_api import expect

from news.models import NewsItem
from pages.roles import NEWS_EDITORS

from .test_journeys import h1, signed_in_page

FRENCH = {
    "Title": "Le conseil consultatif des survivants se réunit",
    "Summary": "Dix survivants conseillent le programme.",
}


@pytest.mark.usefixtures("without_clearance")
def test_news_editor_translates_an_item_into_french_for_french_visitors(open_context, site_url):
    item = NewsItem.objects.live().order_by("-date").first()
    english_title = item.title
    page = signed_in_page(open_context, site_url, NEWS_EDITORS)

    page.goto(f"{site_url}/admin/localize/submit/snippet/news/newsitem/{item.pk}/")
    page.get_by_label("French").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("button", name="Publish in French")).to_be_visible()
    # Submitted, not yet translated: a draft, so French visitors still get the English, marked as such.
    assert not NewsItem.objects.filter(locale__language_code="fr", live=True).exists()

    for label, text in FRENCH.items():
        segment = page.locator("li").filter(has_text=label).filter(has=page.get_by_role("button", name="Translate"))
        segment.last.get_by_role("button", name="Translate", exact=True).click()
        page.locator("textarea").fill(text)
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.locator("textarea")).to_have_count(0)
    page.get_by_role("button", name="Publish in French").click()
    expect(page.get_by_text(f"Published '{FRENCH['Title']}' in French")).to_be_visible()

    visitor = open_context(1280, 900).new_page()
    visitor.goto(f"{site_url}/fr/news/")
    expect(visitor.get_by_role("link", name=FRENCH["Title"])).to_be_visible()
    visitor.get_by_role("link", name=FRENCH["Title"]).click()
    expect(h1(visitor)).to_have_text(FRENCH["Title"])
    expect(visitor.get_by_role("note")).to_have_count(0)  # no "not yet available" notice: it is French
    assert FRENCH["Title"] in visitor.request.get(f"{site_url}/fr/news/feed/").text()

    visitor.goto(f"{site_url}/news/{item.slug}/")
    expect(h1(visitor)).to_have_text(english_title)
    assert FRENCH["Title"] not in visitor.request.get(f"{site_url}/news/feed/").text()
