"""axe-core's WCAG 2.2 A and AA rules (and its best practices) on every public page type, phone and desktop."""

from news.models import NewsItem
from publications.models import Publication

RULES = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}


def test_no_axe_violations_on_any_page_type_or_state(open_context, site_url):
    from axe_playwright_python.sync_playwright import Axe

    news_item = NewsItem.objects.live().first()
    publication = Publication.objects.live().first()
    paths = [
        "/", "/what-is-human-trafficking/", "/response/", "/prevention/", "/un-gift/", "/get-help/",
        "/news/", "/news/?year=2008&theme=prevention", "/news/?year=abc", f"/news/{news_item.slug}/",
        "/publications/", "/publications/?q=zzzz", f"/publications/{publication.slug}/",
        "/search/", "/search/?q=toolkit", "/search/?q=zzzz", "/no-such-page/",
    ]  # fmt: skip
    axe = Axe()
    violations = []
    for width in (360, 1280):
        page = open_context(width, 900).new_page()
        for path in paths:
            page.goto(site_url + path)
            for violation in axe.run(page, options={"runOnly": RULES}).response["violations"]:
                violations.append((width, path, violation["id"], [node["target"] for node in violation["nodes"]]))
    assert violations == []
