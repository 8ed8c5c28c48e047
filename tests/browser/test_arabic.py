"""The Arabic site in Chromium: right to left, accessible at phone and desktop widths, with a quick exit
that works as in English; screenshots of each page type in artifacts/screenshots/ (ar-*.png)."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from news.models import NewsItem
from pages.models import SiteLinks
from publications.models import Publication

from .test_accessibility import RULES
from .test_journeys import screenshot

SKIP_LINK = "الانتقال إلى المحتوى الرئيسي"


def arabic_paths():
    news_item = NewsItem.objects.live().first()
    publication = Publication.objects.live().first()
    return {
        "home": "/ar/",
        "section": "/ar/prevention/",
        "initiative": "/ar/un-gift/",
        "get-help": "/ar/get-help/",
        "news-index": "/ar/news/",
        "news-item": f"/ar/news/{news_item.slug}/",
        "publications-index": "/ar/publications/",
        "publication": f"/ar/publications/{publication.slug}/",
        "search": "/ar/search/?q=toolkit",
    }


def test_no_axe_violations_on_the_arabic_pages(open_context, site_url):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    violations = []
    for width in (360, 1280):
        page = open_context(width, 900).new_page()
        for path in arabic_paths().values():
            page.goto(site_url + path)
            for violation in axe.run(page, options={"runOnly": RULES}).response["violations"]:
                violations.append((width, path, violation["id"], [node["target"] for node in violation["nodes"]]))
    assert violations == []


@pytest.mark.parametrize("width", [360, 1280])
def test_arabic_pages_read_right_to_left_and_fit_the_screen(open_context, site_url, width):
    page = open_context(width, 900).new_page()
    for page_type, path in arabic_paths().items():
        assert page.goto(site_url + path).status == 200
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # The header mirrors: the programme's name starts at the right.
        brand = page.locator(".site-header__brand").bounding_box()
        assert brand["x"] + brand["width"] > width * 0.75
        screenshot(page, f"ar-{page_type}")


def test_arabic_quick_exit_is_the_first_stop_after_the_skip_link_and_leaves(page, site_url):
    links = SiteLinks.for_site(Site.objects.get(is_default_site=True))
    links.quick_exit_url = f"{site_url}/robots.txt"  # a neutral page that stays on this machine
    links.save()
    page.goto(site_url + arabic_paths()["news-item"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == SKIP_LINK
    page.keyboard.press("Tab")
    exit_button = page.locator(".quick-exit__button")
    expect(exit_button).to_be_focused()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(links.quick_exit_url)
