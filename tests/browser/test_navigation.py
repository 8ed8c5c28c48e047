"""The header and main menu at every width, in Chromium, on the launch content: one row of menu labels from
1024 px, a "Menu" button below that which collapses the list before the first paint (no layout shift),
a plain list without JavaScript, and breadcrumbs that keep to one line per crumb on a phone."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from news.models import NewsItem
from publications.models import Publication

WIDTHS = [360, 768, 1024, 1280, 1920]
WIDE = 1024  # from here the menu is one row; below it, a button

# Labels editors give the launch pages whose titles are long (Promote tab).
ENGLISH_LABELS = {"what-is-human-trafficking": "What is trafficking?", "response": "Our response", "un-gift": "UN.GIFT"}
# Longer than the English: what a translator might give each menu page.
TRANSLATED_LABELS = {
    "ru": {
        "what-is-human-trafficking": "Торговля людьми",
        "response": "Наша работа",
        "prevention": "Профилактика",
        "protection": "Защита",
        "prosecution": "Преследование",
        "un-gift": "ЮН.ГИФТ",
        "news": "Новости и события",
        "publications": "Публикации",
    },
    "ar": {
        "what-is-human-trafficking": "ما هو الاتجار بالبشر؟",
        "response": "استجابتنا",
        "prevention": "الوقاية",
        "protection": "الحماية",
        "prosecution": "الملاحقة القضائية",
        "un-gift": "UN.GIFT",
        "news": "الأخبار والفعاليات",
        "publications": "المنشورات",
    },
}

# Sums every layout shift not caused by input since the page started loading, as Lighthouse's CLS does.
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1000);
})"""


def menu_pages():
    home = Page.objects.get(depth=2, locale__language_code="en")
    return {page.slug: page.specific for page in home.get_children().live().in_menu()}


def label_menu(labels):
    pages = menu_pages()
    for slug, label in labels.items():
        page = pages[slug]
        page.menu_label = label
        page.save_revision().publish()


def translate_menu(language, labels):
    """Each menu page translated into ``language`` with its label there (the title stays the English)."""
    locale = Locale.objects.get(language_code=language)
    for slug, page in menu_pages().items():
        page.get_translation(locale).delete()  # the alias, replaced as wagtail-localize does
        translation = page.copy_for_translation(locale)
        translation.menu_label = labels[slug]
        translation.save_revision().publish()


@pytest.fixture
def site_with_labels(site_url):
    label_menu(ENGLISH_LABELS)
    return site_url


def menu_rows(page):
    """The number of rows the visible menu links take."""
    return page.evaluate(
        """() => new Set([...document.querySelectorAll(".main-nav__list a")]
          .filter((link) => link.offsetParent !== null)
          .map((link) => Math.round(link.getBoundingClientRect().top))).size"""
    )


def assert_no_sideways_scroll(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_menu_is_one_row_from_1024_px_and_a_button_below(open_context, site_with_labels):
    for width in WIDTHS:
        page = open_context(width, 900).new_page()
        # English, and French whose pages are still the English ones (aliases), with their labels.
        for path in ["/", "/prevention/", "/news/", "/fr/"]:
            page.goto(site_with_labels + path)
            nav = page.locator(".main-nav")
            button = nav.get_by_role("button")
            links = nav.get_by_role("link")
            assert_no_sideways_scroll(page, width)
            if width >= WIDE:
                expect(button).to_be_hidden()
                expect(links.last).to_be_visible()
                assert menu_rows(page) == 1, (width, path)
            else:
                expect(button).to_be_visible()
                expect(button).to_have_attribute("aria-expanded", "false")
                expect(links.first).to_be_hidden()
                box = button.bounding_box()
                assert box["width"] >= 44 and box["height"] >= 44
            header = page.locator(".site-header").bounding_box()
            assert header["height"] < 300, "the header leaves the page room on a phone and a tablet"


def test_longer_labels_and_right_to_left_menus_fit_one_row_at_1024_px(open_context, site_url):
    page = open_context(WIDE, 900).new_page()
    for language, labels in TRANSLATED_LABELS.items():
        translate_menu(language, labels)
        page.goto(f"{site_url}/{language}/")
        expect(page.locator(".main-nav").get_by_role("link", name=labels["news"])).to_be_visible()
        assert menu_rows(page) == 1, language
        assert_no_sideways_scroll(page, WIDE)


def test_the_menu_button_works_by_mouse_and_keyboard_and_is_not_needed_without_javascript(
    open_context, site_with_labels
):
    page = open_context(360, 900).new_page()
    page.goto(site_with_labels + "/prevention/")
    nav = page.get_by_role("navigation", name="Main")
    button = nav.get_by_role("button", name="Menu")
    news = nav.get_by_role("link", name="News and events")

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(news).to_be_visible()
    assert_no_sideways_scroll(page, 360)
    button.click()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(news).to_be_hidden()

    button.focus()
    page.keyboard.press("Enter")
    expect(news).to_be_visible()
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="Home")).to_be_focused()
    # Focus shows: the site's yellow.
    assert page.evaluate("getComputedStyle(document.activeElement).backgroundColor") == "rgb(255, 221, 0)"
    page.keyboard.press("Escape")
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(news).to_be_hidden()

    # Without JavaScript: no button, the list always shown.
    page = open_context(360, 900, java_script_enabled=False).new_page()
    page.goto(site_with_labels + "/prevention/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
    expect(nav.get_by_role("link", name="News and events")).to_be_visible()
    assert_no_sideways_scroll(page, 360)


def test_nothing_moves_once_the_page_has_loaded(open_context, site_with_labels):
    """Layout shift 0, measured in Chromium as Lighthouse does, on every page type that shows the menu."""
    news_item = NewsItem.objects.live().first()
    publication = Publication.objects.live().first()
    paths = ["/", "/prevention/", "/news/", f"/news/{news_item.slug}/"]
    paths += ["/publications/", f"/publications/{publication.slug}/"]
    shifts = {}
    for width in (360, 1280):
        for path in paths:
            # A new page each time: the observer sees the load from its start.
            page = open_context(width, 800).new_page()
            page.goto(site_with_labels + path, wait_until="load")
            shifts[width, path] = page.evaluate(LAYOUT_SHIFT)
    assert shifts == dict.fromkeys(shifts, 0)


def test_get_help_in_the_header_breadcrumbs_on_a_phone_and_the_favicon(open_context, site_with_labels):
    for width in (360, 1280):
        page = open_context(width, 900).new_page()
        page.goto(site_with_labels + "/news/")
        link = page.locator("header.site-header").get_by_role("link", name="Get help")
        expect(link).to_be_visible()
        help_box, brand_box = link.bounding_box(), page.locator(".site-header__brand").bounding_box()
        assert help_box["y"] < brand_box["y"] + brand_box["height"], "on the programme's name's row"
        assert help_box["height"] >= 44
        # The quick exit stays first and whole above it.
        exit_box = page.locator(".quick-exit__button").bounding_box()
        assert exit_box["y"] + exit_box["height"] <= help_box["y"]
        link.click()
        expect(page).to_have_url(f"{site_with_labels}/get-help/")
        expect(page.locator("header").get_by_role("link", name="Get help")).to_have_attribute("aria-current", "page")

    # An event's 100-character title: one line in the trail, cut visibly, whole in the text screen readers read.
    item = max(NewsItem.objects.live(), key=lambda item: len(item.title))
    assert len(item.title) > 80, "the launch content has a long title to show"
    page = open_context(360, 900).new_page()
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.goto(f"{site_with_labels}/news/{item.slug}/")
    trail = page.get_by_role("navigation", name="Breadcrumb")
    heights = trail.locator("li").evaluate_all("(items) => items.map((item) => item.getBoundingClientRect().height)")
    assert max(heights) == min(heights), "each crumb one line, the long one too"
    current = trail.locator("[aria-current=page]")
    expect(current).to_have_text(item.title)
    assert current.evaluate("(crumb) => crumb.scrollWidth > crumb.clientWidth"), "shortened visibly"
    assert_no_sideways_scroll(page, 360)

    # The icon the pages link to, and the one browsers and audits ask for without a link.
    href = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(site_with_labels + href).ok
    assert page.request.get(site_with_labels + "/favicon.ico").ok
    assert failed == []
