"""axe-core's WCAG 2.2 A and AA rules (and its best practices) on every public page type, phone and desktop."""

import pytest
from django.core.management import call_command
from wagtail.models import Site

from news.models import NewsItem
from publications.models import Publication

# Transactional, so the live server's thread sees the data.
pytestmark = pytest.mark.django_db(transaction=True)

RULES = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}


def test_no_axe_violations_on_any_page_type_or_state(browser, live_server):
    from axe_playwright_python.sync_playwright import Axe

    call_command("load_seed_content", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "127.0.0.1", int(live_server.url.rsplit(":", 1)[1])
    site.save()
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
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for path in paths:
            page.goto(live_server.url + path)
            for violation in axe.run(page, options={"runOnly": RULES}).response["violations"]:
                violations.append((width, path, violation["id"], [node["target"] for node in violation["nodes"]]))
        context.close()
    assert violations == []
