"""Visitor safety: quick exit, help lines, accessible formats and honest dates."""

import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest

from pages.models import HelpLines, SiteLinks

from .factories import make_news_item, make_publication

PAGE_TYPES = ["/", "/what-is-human-trafficking/", "/prevention/", "/un-gift/", "/news/", "/publications/", "/nope/"]


def site_setting(model, site_tree):
    return model.for_site(site_tree["home"].get_site())


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGE_TYPES + ["news_item", "publication"])
def test_exit_link_follows_the_skip_link_on_every_page(client, site_tree, url):
    links = site_setting(SiteLinks, site_tree)
    links.quick_exit_url = "https://weather.example/"
    links.save()
    url = {
        "news_item": lambda: f"/news/{make_news_item().slug}/",
        "publication": lambda: f"/publications/{make_publication().slug}/",
    }.get(url, lambda: url)()
    html = client.get(url).content.decode()
    body = html[html.index("<body") :]
    links_in_order = re.findall(r'<a [^>]*href="([^"]+)"', body)
    assert links_in_order[:2] == ["#main-content", "https://weather.example/"]
    assert "Exit this page" in body
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline_scripts in ([], [' type="application/ld+json"']), "no inline script: the CSP allows none"


@pytest.mark.django_db
def test_help_lines_render_with_tel_links_and_vanish_when_there_are_none(client, site_tree):
    item = make_news_item()
    pages = ["/", "/prevention/", f"/news/{item.slug}/"]
    for url in pages:
        assert "help-lines" not in client.get(url).content.decode(), url

    help_lines = HelpLines()
    help_lines.help_lines = [
        (
            "help_line",
            {"name": "Modern Slavery Helpline", "area": "United Kingdom", "phone": "+44 (0)800 0121 700",
             "text_number": "", "web_url": "https://example.org/report", "hours": "24 hours", "languages": "",
             "description": ""},
        )
    ]  # fmt: skip
    help_lines.save()
    for url in pages:
        html = client.get(url).content.decode()
        assert 'href="tel:+448000121700"' in html, url
        assert "Modern Slavery Helpline" in html


@pytest.mark.django_db
def test_get_help_page_shows_the_help_lines_in_full(client, site_tree):
    links = site_setting(SiteLinks, site_tree)
    links.get_help_page = site_tree["get_help"]
    links.save()
    help_lines = HelpLines()
    help_lines.help_lines = [("help_line", {"name": "Hotline", "area": "International", "phone": "112",
                                            "description": "Free and confidential."})]  # fmt: skip
    help_lines.save()
    html = client.get("/get-help/").content.decode()
    assert "Free and confidential." in html
    assert "Free and confidential." not in client.get("/").content.decode(), "the compact block leaves details out"


@pytest.mark.django_db
def test_accessible_format_request_names_the_publication_and_its_files(client, site_tree):
    links = site_setting(SiteLinks, site_tree)
    links.accessible_formats_email = "formats@example.org"
    links.save()
    publication = make_publication(title="Handbook (2nd edition)")
    html = client.get(f"/publications/{publication.slug}/").content.decode()
    mailto = unescape(re.search(r'href="(mailto:[^"]+)"', html)[1])
    query = parse_qs(urlparse(mailto).query)
    assert mailto.startswith("mailto:formats@example.org?")
    assert query["subject"] == ["Accessible format request: Handbook (2nd edition)"]
    assert "Handbook (2nd edition) (English, PDF)" in query["body"][0]


@pytest.mark.django_db
def test_no_accessible_format_link_without_an_address(client, site_tree):
    publication = make_publication()
    assert "mailto:" not in client.get(f"/publications/{publication.slug}/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["news", "publication", "page"])
def test_last_updated_appears_only_after_an_edit(client, site_tree, kind):
    if kind == "page":
        obj, url = site_tree["standard"], "/what-is-human-trafficking/"
    elif kind == "news":
        obj = make_news_item()
        url = f"/news/{obj.slug}/"
    else:
        obj = make_publication()
        url = f"/publications/{obj.slug}/"
    assert "Last updated" not in client.get(url).content.decode()
    obj.refresh_from_db()
    obj.summary = "Corrected summary."
    obj.save_revision().publish()
    assert "Last updated" in client.get(url).content.decode()
