import pytest
from wagtail.models import Site

from pages.models import SiteLinks
from tests.factories import make_news_item


@pytest.fixture
def news_page(site_tree_url):
    url, tree = site_tree_url
    links = SiteLinks.for_site(Site.objects.get())
    links.quick_exit_url = f"{url}/robots.txt"  # a neutral page that stays on this machine
    links.save()
    item = make_news_item(title="A news item", themes=[tree["themes"]["prevention"]])
    return f"{url}/news/{item.slug}/", links.quick_exit_url


def test_pressing_shift_three_times_leaves_for_the_neutral_site(page, news_page):
    news_url, exit_url = news_page
    page.goto("about:blank")
    page.goto(news_url)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    # location.replace: the news page is not in the history, so Back does not return to it.
    page.go_back()
    assert page.url != news_url


def test_exit_button_is_the_first_stop_after_the_skip_link(page, news_page):
    news_url, exit_url = news_page
    page.goto(news_url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.keyboard.press("Tab")
    assert "Exit this page" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url(exit_url)
