"""End-to-end journeys through the real site with the launch content: visitors on a phone and by keyboard
(in English and in Arabic), a news editor and a publications manager in the admin. Screenshots of every
public page type are saved, at 360 and 1280 pixels wide, to $SCREENSHOT_DIR (default: artifacts/screenshots/
in the project); the Arabic keyboard journey's end to artifacts/ar-keyboard-journey.png."""

import datetime
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.utils import translation
from django.utils.translation import gettext, ngettext
from PIL import Image
from playwright.sync_api import expect

from core.models import Theme
from news.forms import NewsFilterForm
from news.models import NewsItem
from pages.roles import NEWS_EDITORS, PUBLICATION_MANAGERS
from pages.seed.generate import text_pdf
from publications.models import Publication
from tests.factories import make_news_item

PROJECT_DIR = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-test-password-1234"
TOOLKIT = "SAMPLE – Toolkit to Combat Trafficking in Persons"  # the launch sample, marked as one
PAGE_HEADINGS = {
    "home": "UNODC and Human Trafficking",
    "section": "Prevention",
    "news": "News and events",
    "search": "Search",
    "publications": "Publications",
    "initiative": "UN.GIFT: the Global Initiative to Fight Human Trafficking",
    "404": "Page not found",
}


# --- Set-up -----------------------------------------------------------------------------------------------


@pytest.fixture
def recent_news(site_url):
    """One item outside the launch content's year (2008), so filtering by year has something to leave out."""
    prevention = Theme.objects.get(slug="prevention")
    return make_news_item(
        title="Regional meeting on victim support",
        date=datetime.date(2024, 3, 12),
        summary="Practitioners met to compare support for survivors.",
        themes=[prevention],
    )


def screenshot(page, page_type):
    folder = Path(os.environ.get("SCREENSHOT_DIR") or PROJECT_DIR / "artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{page_type}-{page.viewport_size['width']}.png", full_page=True)


def h1(page):
    return page.get_by_role("heading", level=1)


def site_words(language):
    """The site's own words the journeys find controls by, as the catalogue has them in ``language``. The
    launch content is not among them: it is English in every language until translated, found by its titles."""
    with translation.override(language):
        return SimpleNamespace(
            language=language,
            home="/" if language == settings.LANGUAGE_CODE else f"/{language}/",
            skip_link=gettext("Skip to main content"),
            main_navigation=gettext("Main"),
            filters=gettext("Filter"),
            year=str(NewsFilterForm.base_fields["year"].label),
            apply_filters=gettext("Apply filters"),
            news_results=gettext("News and events, newest first"),
            back_to_news=gettext("Back to all news and events"),
            search_box=gettext("Search this site"),
            search=gettext("Search"),
            downloads=gettext("Download"),
        )


def search_status(words, count, query):
    """The search page's status line for ``count`` results, in the plural form the language has for it."""
    with translation.override(words.language):
        status = ngettext("%(counter)s result for “%(query)s”", "%(counter)s results for “%(query)s”", count)
    return status % {"counter": count, "query": query}


def staff_user(role, username):
    user = User.objects.create_user(username=username, email=f"{username}@example.org", password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    return user


def png_file(tmp_path, name="photo.png"):
    path = tmp_path / name
    Image.new("RGB", (120, 80), (10, 80, 140)).save(path, format="PNG")
    return path


def pdf_file(tmp_path, title, name):
    path = tmp_path / name
    path.write_bytes(text_pdf(title, ["A test document uploaded through the admin."]))
    return path


def expect_news_of_2008_only(page, recent_news, words):
    """The news filtered by 2008: only that year's items, the active filter shown; returns the first item's link."""
    page.wait_for_url(re.compile(r"/news/\?.*year=2008"))
    assert_listed_years(page, 2008, words)
    expect(page.get_by_role("link", name=f"{words.year}: 2008")).to_be_visible()
    expect(page.get_by_role("link", name=recent_news.title)).to_have_count(0)
    first_item = page.get_by_role("region", name=words.news_results).get_by_role("link").first
    return first_item, first_item.inner_text().strip()


def assert_listed_years(page, year, words):
    """Every date in the news results is in ``year``, and there is at least one."""
    results = page.get_by_role("region", name=words.news_results)
    dates = results.get_by_role("listitem").locator("time")
    expect(dates.first).to_be_visible()
    years = {value[:4] for value in dates.evaluate_all("els => els.map(el => el.getAttribute('datetime'))")}
    assert years == {str(year)}


def assert_download_is_pdf(download):
    assert download.failure() is None
    with open(download.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"


# --- 1. A visitor on a phone --------------------------------------------------------------------------------


def test_phone_visitor_finds_news_and_downloads_a_publication(open_context, site_url, recent_news):
    page = open_context(360, 740, is_mobile=True, has_touch=True).new_page()
    page.goto(site_url + "/")
    expect(h1(page)).to_have_text(PAGE_HEADINGS["home"])
    screenshot(page, "home")

    # The menu is collapsed behind its button until opened.
    nav = page.get_by_role("navigation", name="Main")
    menu = nav.get_by_role("button", name="Menu")
    prevention = nav.get_by_role("link", name="Prevention", exact=True)
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(prevention).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(prevention).to_be_visible()
    prevention.click()
    page.wait_for_url("**/prevention/")
    expect(h1(page)).to_have_text(PAGE_HEADINGS["section"])
    screenshot(page, "section")

    menu.click()
    nav.get_by_role("link", name="News and events").click()
    page.wait_for_url("**/news/")
    expect(h1(page)).to_have_text(PAGE_HEADINGS["news"])
    screenshot(page, "news-index")

    # Filter by a year: only that year's items remain and the active filter is shown.
    expect(page.get_by_role("link", name=recent_news.title)).to_be_visible()
    filters = page.get_by_role("search", name="Filter")
    filters.get_by_label("Year").select_option("2008")
    filters.get_by_role("button", name="Apply filters").click()
    first_item, title = expect_news_of_2008_only(page, recent_news, site_words("en"))
    first_item.click()
    expect(h1(page)).to_have_text(title)
    screenshot(page, "news-item")

    # The header's search form.
    header = page.get_by_role("banner")
    header.get_by_role("searchbox", name="Search this site").fill("toolkit")
    header.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=toolkit")
    expect(h1(page)).to_have_text(PAGE_HEADINGS["search"])
    expect(page.get_by_role("status")).to_contain_text("for “toolkit”")
    screenshot(page, "search-results")

    page.get_by_role("link", name=TOOLKIT, exact=True).click()
    expect(h1(page)).to_have_text(TOOLKIT)
    screenshot(page, "publication-detail")

    download_link = page.get_by_role("region", name="Download").get_by_role("link", name=re.compile(r"English, PDF"))
    with page.expect_download() as download_info:  # the links carry `download`: saved, not viewed
        download_link.click()
    assert_download_is_pdf(download_info.value)


# --- 2. The same journey by keyboard alone ------------------------------------------------------------------

FOCUS_STYLE = """el => {
    const style = getComputedStyle(el);
    const transparent = (colour) => colour === "transparent" || /rgba\\(.*,\\s*0\\)$/.test(colour);
    // The site's outline is transparent (it shows only in forced-colours modes); the box-shadow is what shows.
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
        && !transparent(style.outlineColor);
    return {
        element: el.outerHTML.slice(0, 120),
        focusVisible: el.matches(":focus-visible"),
        indicator: outline || style.boxShadow !== "none",
    };
}"""


def assert_focus_visible(page):
    """The focused element shows a focus indicator (the site's :focus-visible outline or box-shadow)."""
    focused = page.evaluate_handle("document.activeElement")
    if focused.evaluate("el => el === document.body || el === null"):
        return  # focus has left the page's controls (past the last one): nothing to show
    style = focused.evaluate(FOCUS_STYLE)
    assert style["focusVisible"], f"Keyboard focus does not match :focus-visible on {style['element']}"
    assert style["indicator"], f"No visible focus indicator on {style['element']}"


def tab_to(page, target, *, backwards=False, max_presses=60):
    """Presses Tab (or Shift+Tab) until ``target`` has focus, checking focus is visible at every stop."""
    key = "Shift+Tab" if backwards else "Tab"
    target.wait_for(state="attached")
    for _ in range(max_presses):
        page.keyboard.press(key)
        assert_focus_visible(page)
        if target.evaluate("el => el === document.activeElement"):
            return
    focused = page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 120)")
    pytest.fail(f"{target} not reached after {max_presses} presses of {key}; focus is on {focused}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_keyboard_user_finds_news_and_downloads_a_publication(open_context, site_url, recent_news, language):
    """In Arabic the site's own words are Arabic and the launch content is the English, under a notice."""
    words = site_words(language)
    page = open_context(1280, 900).new_page()

    def screenshot_of(page_type):
        # The English journey saves its page types at 1280 px; test_arabic.py saves the Arabic ones.
        if language == settings.LANGUAGE_CODE:
            screenshot(page, page_type)

    page.goto(site_url + words.home)
    expect(h1(page)).to_have_text(PAGE_HEADINGS["home"])
    screenshot_of("home")
    keyboard = page.keyboard
    nav = page.get_by_role("navigation", name=words.main_navigation)

    # The first stop is the skip link; the section link is in the main navigation.
    tab_to(page, page.get_by_role("link", name=words.skip_link), max_presses=1)
    tab_to(page, nav.get_by_role("link", name="Prevention", exact=True))
    keyboard.press("Enter")
    page.wait_for_url(f"**{words.home}prevention/")
    expect(h1(page)).to_have_text(PAGE_HEADINGS["section"])
    screenshot_of("section")

    tab_to(page, nav.get_by_role("link", name="News and events"))
    keyboard.press("Enter")
    page.wait_for_url(f"**{words.home}news/")
    expect(h1(page)).to_have_text(PAGE_HEADINGS["news"])
    screenshot_of("news-index")

    # Choose the year with the arrow keys on the closed select, then submit the form with Space on its button.
    filters = page.get_by_role("search", name=words.filters)
    year = filters.get_by_label(words.year)
    tab_to(page, year)
    for _ in range(5):
        if year.input_value() == "2008":
            break
        keyboard.press("ArrowDown")
    expect(year).to_have_value("2008")
    tab_to(page, filters.get_by_role("button", name=words.apply_filters))
    keyboard.press("Space")
    first_item, title = expect_news_of_2008_only(page, recent_news, words)
    tab_to(page, first_item)
    keyboard.press("Enter")
    expect(h1(page)).to_have_text(title)
    screenshot_of("news-item")

    # Back up from the end of the page to the header's search box.
    tab_to(page, page.get_by_role("link", name=words.back_to_news))
    tab_to(page, page.get_by_role("banner").get_by_role("searchbox", name=words.search_box), backwards=True)
    keyboard.type("toolkit")
    keyboard.press("Enter")
    page.wait_for_url(f"**{words.home}search/?q=toolkit")
    expect(h1(page)).to_have_text(words.search)
    results = page.get_by_role("main").get_by_role("heading", level=2)  # each result's title
    expect(results.first).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(search_status(words, results.count(), "toolkit"))
    screenshot_of("search-results")

    tab_to(page, page.get_by_role("link", name=TOOLKIT, exact=True))
    keyboard.press("Enter")
    expect(h1(page)).to_have_text(TOOLKIT)
    screenshot_of("publication-detail")

    # The file's language is named in itself ("English"), whatever the page's language.
    downloads = page.get_by_role("region", name=words.downloads)
    download_link = downloads.get_by_role("link", name=re.compile(r"English, PDF"))
    tab_to(page, download_link)
    with page.expect_download() as download_info:  # the links carry `download`: saved, not viewed
        keyboard.press("Enter")
    assert_download_is_pdf(download_info.value)
    if language != settings.LANGUAGE_CODE:
        page.screenshot(path=PROJECT_DIR / "artifacts" / f"{language}-keyboard-journey.png", full_page=True)


# --- 3. and 4. Staff in the admin -----------------------------------------------------------------------------


def field(page, label):
    """An admin form field by the start of its label (required fields' labels end with an asterisk)."""
    return page.get_by_role("textbox", name=re.compile(rf"^{re.escape(label)}\*?$"))


def log_in(page, site_url, username):
    page.goto(site_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site_url + "/admin/")


def upload_in_chooser(page, choose_button, path, title):
    """Opens a chooser, uploads ``path`` on its Upload tab, and waits for the chooser to take it."""
    choose_button.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Upload").click()
    upload_form = dialog.get_by_role("tabpanel", name="Upload")
    upload_form.get_by_label("File").set_input_files(path)
    upload_form.get_by_role("textbox", name=re.compile(r"^Title")).fill(title)
    upload_form.get_by_role("button", name="Upload").click()
    expect(dialog).to_be_hidden()


def signed_in_page(open_context, site_url, role, username=None):
    """A page of a new member of ``role``, logged in to the admin."""
    username = username or role.lower().replace(" ", "-")
    staff_user(role, username)
    page = open_context(1280, 900).new_page()
    log_in(page, site_url, username)
    return page


def signed_in_superuser(open_context, site_url, height=900):
    """A page of a superuser (who publishes without clearance), logged in to the admin at 1280 px."""
    User.objects.create_superuser("admin", password=PASSWORD)
    page = open_context(1280, height).new_page()
    log_in(page, site_url, "admin")
    return page


def open_add_form(open_context, site_url, role, snippet, verbose_name):
    """A new member of ``role`` opens the admin's form adding a ``snippet`` ("app/model")."""
    page = signed_in_page(open_context, site_url, role)
    page.goto(f"{site_url}/admin/snippets/{snippet}/add/")
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text(f"New: {verbose_name}")
    return page


def publish(page):
    page.get_by_role("navigation", name="Actions (footer)").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()


@pytest.mark.usefixtures("without_clearance")
def test_news_editor_publishes_an_item_that_leads_the_home_page(open_context, site_url, tmp_path):
    title = "Survivors' advisory council meets for the first time"
    page = open_add_form(open_context, site_url, NEWS_EDITORS, "news/newsitem", "News item")

    field(page, "Title").fill(title)
    field(page, "Date").fill(datetime.date.today().strftime("%d %B %Y"))
    field(page, "Summary").fill("Ten survivors now advise the programme on its work.")
    body = page.get_by_role("region", name="Body", exact=True)
    body.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    body.get_by_role("textbox").fill("The council will meet four times a year.")

    upload_in_chooser(page, page.get_by_role("button", name="Choose an image"), png_file(tmp_path), "Council meeting")
    expect(page.get_by_role("region", name="Image", exact=True)).to_contain_text("Council meeting")
    field(page, "Image alt text").fill("Council members around a table")
    page.get_by_role("region", name="Themes").get_by_label("Protection").check()

    # The preview, opened in a new tab from the preview panel, shows the unpublished item as the site would.
    page.get_by_role("button", name="Toggle preview").click()
    with page.context.expect_page() as preview_tab_info:
        page.get_by_role("link", name="Preview in new tab").click()
    preview_tab = preview_tab_info.value
    expect(h1(preview_tab)).to_have_text(title)
    expect(preview_tab.get_by_role("img", name="Council members around a table")).to_be_visible()
    preview_tab.close()
    assert not NewsItem.objects.filter(title=title, live=True).exists()

    publish(page)
    page.wait_for_url(site_url + "/admin/snippets/news/newsitem/?locale=en")  # the listing of its language
    expect(page.get_by_role("status").filter(has_text=title)).to_contain_text("published")
    item = NewsItem.objects.get(title=title)
    assert item.live and item.image is not None

    visitor = open_context(1280, 900).new_page()
    visitor.goto(site_url + "/")
    latest = visitor.get_by_role("region", name="Latest news")
    expect(latest.get_by_role("listitem").first.get_by_role("link")).to_have_text(title)


@pytest.mark.usefixtures("without_clearance")
def test_publication_manager_publishes_a_publication_visitors_find_by_type(open_context, site_url, tmp_path):
    title = "Handbook for judges on trafficking cases"
    page = open_add_form(open_context, site_url, PUBLICATION_MANAGERS, "publications/publication", "Publication")

    field(page, "Title").fill(title)
    page.get_by_role("combobox", name=re.compile(r"^Type")).select_option(label="Manual")
    field(page, "Publication date").fill(datetime.date.today().strftime("%d %B %Y"))
    field(page, "Summary").fill("How judges can hear trafficking cases without harming survivors.")
    cover = page.get_by_role("region", name="Cover image")
    upload_in_chooser(page, cover.get_by_role("button", name="Choose an image"), png_file(tmp_path), "Handbook cover")
    expect(cover).to_contain_text("Handbook cover")

    # One file, in English, uploaded through the document chooser.
    page.get_by_role("button", name="Add file").click()
    files = page.get_by_role("region", name="File 1")
    files.get_by_role("combobox", name=re.compile(r"^Language")).select_option(label="English")
    pdf = pdf_file(tmp_path, title, "handbook-for-judges.pdf")
    upload_in_chooser(page, files.get_by_role("button", name="Choose a document"), pdf, "Handbook for judges (English)")
    expect(files).to_contain_text("Handbook for judges (English)")
    page.get_by_role("region", name="Themes").get_by_label("Prosecution").check()

    publish(page)
    page.wait_for_url(site_url + "/admin/snippets/publications/publication/?locale=en")
    expect(page.get_by_role("status").filter(has_text=title)).to_contain_text("published")
    publication = Publication.objects.get(title=title)
    assert publication.live and publication.cover_image is not None
    assert [file.language for file in publication.files.all()] == ["en"]

    # A visitor narrows the library to manuals and finds it, with its download.
    visitor = open_context(1280, 900).new_page()
    visitor.goto(site_url + "/publications/")
    expect(h1(visitor)).to_have_text(PAGE_HEADINGS["publications"])
    filters = visitor.get_by_role("search", name="Filter")
    filters.get_by_label("Type").select_option(label="Manual")
    filters.get_by_label("Language").select_option(label="English")
    filters.get_by_role("button", name="Apply filters").click()
    visitor.wait_for_url(re.compile(r"/publications/\?.*publication_type=manual"))
    expect(visitor.get_by_role("link", name="Type: Manual")).to_be_visible()
    expect(visitor.get_by_role("status")).to_contain_text("1 result")
    visitor.get_by_role("link", name=title).click()
    expect(h1(visitor)).to_have_text(title)
    expect(visitor.get_by_role("img", name=f"Cover of {title}")).to_be_visible()
    expect(
        visitor.get_by_role("region", name="Download").get_by_role("link", name=re.compile(r"English, PDF"))
    ).to_be_visible()


def test_preview_panel_shows_the_item(open_context, site_url):
    item = NewsItem.objects.live().first()
    page = signed_in_page(open_context, site_url, NEWS_EDITORS)
    page.goto(f"{site_url}/admin/snippets/news/newsitem/edit/{item.pk}/")
    with page.expect_response(lambda response: "in_preview_panel" in response.url):
        page.get_by_role("button", name="Toggle preview").click()
    # Each refresh loads into a second iframe that then replaces the first: the last one is the newest.
    preview = page.locator("iframe[title='Preview']").last.content_frame
    expect(preview.get_by_role("heading", level=1)).to_have_text(item.title, timeout=5_000)


# --- 5. The page types the journeys do not visit, at both widths ---------------------------------------------


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_of_the_other_page_types(open_context, site_url, width):
    page = open_context(width, 900).new_page()
    for page_type, path, heading in [
        ("publications-index", "/publications/", PAGE_HEADINGS["publications"]),
        ("initiative", "/un-gift/", PAGE_HEADINGS["initiative"]),
        ("404", "/no-such-page/", PAGE_HEADINGS["404"]),
    ]:
        response = page.goto(site_url + path)
        assert response.status == (404 if page_type == "404" else 200)
        expect(h1(page)).to_have_text(heading)
        screenshot(page, page_type)
