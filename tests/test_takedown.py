"""A takedown is final: within 5 seconds of an unpublish, delete or view restriction, no anonymous visitor
gets the content from any layer (the app's cache, nginx, feeds, sitemap, search, menus, document URLs),
and no cache fault or restart brings it back.

The nginx tests run the shipped config (deploy/nginx) in front of a live server; the Redis tests run a
redis-server of our own (deploy/stack.py) that they pause with SIGSTOP, kill and restart from its dump.
"""

import datetime
import os
import signal
import time
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.utils.http import http_date
from wagtail.models import PageViewRestriction, Site

from core.addresses import absolute_url
from deploy import stack
from pages.models import StandardPage
from pages.roles import NEWS_EDITORS, PUBLICATION_MANAGERS
from pages.signals import urls_showing

from .factories import add_page, make_document, make_news_item, make_publication, make_site_tree
from .markup import parse
from .test_sitemap import NAMESPACES, SITEMAP_SECTIONS, local, section_addresses

TAKEDOWN_SECONDS = 5


def wait_until_gone(fetch, urls, text):
    """Seconds until no URL shows ``text`` (asked in turn, every 0.2 s); fails after TAKEDOWN_SECONDS."""
    start = time.monotonic()
    showing = list(urls)
    while showing and time.monotonic() - start < TAKEDOWN_SECONDS:
        showing = [url for url in showing if shows(fetch(url), text)]
        if showing:
            time.sleep(0.2)
    assert not showing, f"still shown {TAKEDOWN_SECONDS} s after the takedown: {showing}"
    return time.monotonic() - start


def shows(response, text):
    status, _, body = response
    return status == 200 and text in body


def assert_never_again(fetch, urls, text, seconds):
    """For ``seconds``, nobody gets ``text`` back (e.g. from a stale copy once the entry expires)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for url in urls:
            assert not shows(fetch(url), text), url
        time.sleep(0.5)


# nginx


def published_everywhere(tree):
    """A news item and a publication (with a document) in every place that lists them; their URLs."""
    theme = tree["themes"]["prevention"]
    document = make_document("Withdrawn report file")
    item = make_news_item(title="Mistaken story", themes=[theme], summary="Names a victim.")
    publication = make_publication(title="Withdrawn report", themes=[theme], document=document, featured=True)
    urls = ["/", "/news/", "/news/feed/", "/news/feed/atom/", "/prevention/", "/publications/", "/sitemap.xml"]
    urls += ["/search/?q=Mistaken", "/search/?q=Withdrawn", "/news/?theme=prevention"]
    return item, publication, document, urls


def purge_reaches_nginx(settings):
    pass


def purge_is_lost(settings):
    """The proxy was unreachable when Wagtail purged: only the shared-cache lifetime bounds the takedown."""
    settings.WAGTAILFRONTENDCACHE = {}


@pytest.mark.parametrize("purge", [purge_reaches_nginx, purge_is_lost], ids=["purged", "purge-lost"])
def test_an_unpublished_news_item_and_publication_leave_every_url_through_nginx(proxy, settings, purge):
    tree = make_site_tree()
    item, publication, document, urls = published_everywhere(tree)
    item_url, publication_url = f"/news/{item.slug}/", f"/publications/{publication.slug}/"
    for _ in range(2):  # cached by nginx and by the app
        for url in urls + SITEMAP_SECTIONS + [item_url, publication_url]:
            assert proxy(url)[0] == 200, url
    assert shows(proxy("/news/"), "Mistaken story") and shows(proxy("/"), "Withdrawn report")
    assert shows(proxy("/sitemap-news.xml"), item_url) and shows(proxy("/sitemap-publications.xml"), publication_url)
    assert proxy(item_url)[1]["X-Cache-Status"] == "HIT"
    assert proxy(document.url)[0] == 200
    purge(settings)

    item.unpublish()
    publication.unpublish()

    wait_until_gone(proxy, urls + [item_url], "Mistaken story")
    wait_until_gone(proxy, urls + [publication_url], "Withdrawn report")
    wait_until_gone(proxy, SITEMAP_SECTIONS, item_url)  # the sitemap names addresses, not titles
    wait_until_gone(proxy, SITEMAP_SECTIONS, publication_url)
    assert proxy(item_url)[0] == 404 and proxy(publication_url)[0] == 404
    assert proxy(document.url)[0] == 404  # used by nothing public any more
    # Past every lifetime nginx was given: a 404 from the app is never answered by a stale copy.
    assert_never_again(proxy, [item_url, publication_url, "/news/", "/"], "Mistaken story", 4)


def test_a_page_made_private_and_a_page_deleted_leave_menus_sitemap_and_search_through_nginx(proxy):
    tree = make_site_tree()
    private = add_page(tree["home"], StandardPage(title="Shelter addresses", slug="shelters", show_in_menus=True))
    deleted = add_page(tree["home"], StandardPage(title="Interview transcript", slug="transcript", show_in_menus=True))
    urls = ["/", "/news/", "/sitemap.xml", "/search/?q=Shelter", "/search/?q=Interview"]
    for _ in range(2):
        for url in urls + SITEMAP_SECTIONS + ["/shelters/", "/transcript/"]:
            assert proxy(url)[0] == 200, url
    assert shows(proxy("/news/"), "Shelter addresses")  # in the main menu of every page
    assert shows(proxy("/sitemap-pages.xml"), "/shelters/") and shows(proxy("/sitemap-pages.xml"), "/transcript/")

    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    deleted.delete()

    wait_until_gone(proxy, urls + ["/shelters/"], "Shelter addresses")
    wait_until_gone(proxy, urls + ["/transcript/"], "Interview transcript")
    wait_until_gone(proxy, SITEMAP_SECTIONS, "/shelters/")
    wait_until_gone(proxy, SITEMAP_SECTIONS, "/transcript/")
    assert proxy("/shelters/")[0] == 302  # to the login page
    assert proxy("/transcript/")[0] == 404
    assert_never_again(proxy, ["/shelters/", "/transcript/", "/"], "Interview transcript", 4)


def test_a_publication_under_a_section_made_private_is_not_served_stale(proxy, settings):
    """Seen: nginx answered 200 STALE for minutes once the app's refresh got a redirect to the login page."""
    tree = make_site_tree()
    publication = make_publication(title="Restricted report")
    url = f"/publications/{publication.slug}/"
    assert proxy(url)[0] == 200 and proxy(url)[1]["X-Cache-Status"] == "HIT"
    settings.WAGTAILFRONTENDCACHE = {}  # not even purged
    PageViewRestriction.objects.create(page=tree["publication_index"], restriction_type=PageViewRestriction.LOGIN)
    wait_until_gone(proxy, [url, "/", "/sitemap.xml", "/search/?q=Restricted"], "Restricted report")
    assert proxy(url)[0] == 302
    assert_never_again(proxy, [url], "Restricted report", 4)


def test_pages_are_revalidated_not_refetched_once_their_shared_lifetime_ends(proxy):
    make_site_tree()
    assert proxy("/news/")[1]["X-Cache-Status"] == "MISS"
    assert proxy("/news/")[1]["X-Cache-Status"] == "HIT"
    time.sleep(4.2)
    assert proxy("/news/")[1]["X-Cache-Status"] == "REVALIDATED"  # a 304 from the app's own cache


def test_the_scheme_a_request_came_with_never_reaches_a_cached_page(proxy, settings):
    """Seen: a request with X-Forwarded-Proto: http stored http:// canonical and JSON-LD URLs for everyone."""
    make_site_tree()
    item = make_news_item(title="Scheme story")
    for url in ("/", f"/news/{item.slug}/", "/news/feed/", "/sitemap.xml", "/sitemap-news.xml"):
        status, _, body = proxy(url, {"X-Forwarded-Proto": "https"})
        assert status == 200
        assert "https://localhost" not in body, url  # SITE_URL is http://localhost in the tests
    settings.SITE_URL = "https://www.example.org"
    _, _, body = proxy(f"/news/{item.slug}/?page=1", {"X-Forwarded-Proto": "http"})
    assert 'rel="canonical" href="https://www.example.org/news/' in body
    assert "http://localhost" not in body and "http://www.example.org" not in body


# The app's cache and Redis


@pytest.mark.django_db
def test_redis_restarted_from_an_older_snapshot_does_not_bring_back_an_unpublished_item(
    client, site_tree, redis_url, tmp_path
):
    """Seen: a Redis restarted from an RDB dump taken before an unpublish served the item again."""
    url, process = redis_url
    item = make_news_item(title="Snapshot story")
    pages = ["/", "/news/", "/news/feed/", f"/news/{item.slug}/"]
    for page in pages:
        client.get(page)
        assert client.get(page)["X-Cache"] == "HIT"
    redis = cache._cache.get_client(write=True)
    redis.save()  # the snapshot, with the item in every cached page
    item.unpublish()
    assert client.get(f"/news/{item.slug}/").status_code == 404

    process.kill()
    process.wait()
    with stack.redis_server(tmp_path / "redis", int(url.rsplit(":", 1)[1].split("/")[0])):
        assert redis.dbsize() > len(pages)  # every page of before the unpublish is back in Redis
        assert client.get(f"/news/{item.slug}/").status_code == 404
        for page in pages[:3]:
            assert "Snapshot story" not in client.get(page).content.decode(), page


@pytest.mark.django_db
def test_a_takedown_made_while_redis_hangs_is_final_when_it_answers_again(client, site_tree, redis_url):
    """Seen: an unpublish while Redis hung never moved the generation on; the menu kept a private page 24 h."""
    _, process = redis_url
    item = make_news_item(title="Hung story")
    menu_page = add_page(site_tree["home"], StandardPage(title="Safe houses", slug="safe-houses", show_in_menus=True))
    for page in ("/news/", f"/news/{item.slug}/", "/prevention/"):
        client.get(page)
        assert client.get(page)["X-Cache"] == "HIT"
    os.kill(process.pid, signal.SIGSTOP)
    try:
        item.unpublish()
        PageViewRestriction.objects.create(page=menu_page, restriction_type=PageViewRestriction.LOGIN)
    finally:
        os.kill(process.pid, signal.SIGCONT)
    assert client.get(f"/news/{item.slug}/").status_code == 404
    assert "Hung story" not in client.get("/news/").content.decode()
    assert "Safe houses" not in client.get("/prevention/").content.decode()


@pytest.mark.django_db
def test_a_worker_serves_its_own_copy_of_a_kept_page_until_the_content_changes(client, site_tree):
    """Each worker keeps a copy of the pages it read from the shared cache, keyed by the same content generation:
    served without the shared cache, and never past a change."""
    item = make_news_item(title="Copied story")
    url = f"/news/{item.slug}/"
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    cache.clear()  # the shared cache loses the page; the worker's copy serves it
    assert client.get(url)["X-Cache"] == "HIT"
    item.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_workers_copy_of_a_page_lasts_no_longer_than_the_shared_one(client, site_tree, settings):
    """Seen in review: a copy made when the shared entry had a moment left lived PAGE_CACHE_SECONDS more, so an event
    that ended yesterday could be shown as upcoming for twice as long after midnight as the README says."""
    settings.PAGE_CACHE_SECONDS = 2
    assert client.get("/news/")["X-Cache"] == "MISS"
    time.sleep(1.5)
    assert client.get("/news/")["X-Cache"] == "HIT"  # the worker's copy made now, from the shared entry
    time.sleep(0.7)
    assert client.get("/news/")["X-Cache"] == "MISS"  # both gone 2 s after the page was rendered


@pytest.mark.django_db
@pytest.mark.parametrize("page_cache_seconds", [0, 300])
def test_a_feed_reader_asking_if_modified_since_gets_the_feed_without_a_taken_down_item(
    client, site_tree, settings, page_cache_seconds
):
    """Seen in review: a feed's Last-Modified was its newest item's date, which a takedown of an older item left as it
    was, so a reader sending only If-Modified-Since was answered 304 and kept showing the item."""
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    older = make_news_item(title="Older story", date=datetime.date(2024, 1, 10))
    make_news_item(title="Newest story", date=datetime.date(2024, 2, 10))
    first = client.get("/news/feed/")
    assert "Older story" in first.content.decode()
    older.unpublish()
    asked_since = first.get("Last-Modified") or http_date(time.time())
    response = client.get("/news/feed/", HTTP_IF_MODIFIED_SINCE=asked_since)
    assert response.status_code == 200
    assert "Older story" not in response.content.decode()


@pytest.mark.django_db
def test_restricted_pages_are_not_in_the_menu_or_footer(client, site_tree):
    from pages.models import SiteLinks

    links = SiteLinks.for_site(site_tree["home"].get_site())
    links.get_help_page = site_tree["get_help"]
    links.save()
    html = client.get("/news/").content.decode()
    assert 'href="/response/"' in html and 'href="/get-help/"' in html
    for page in (site_tree["response"], site_tree["get_help"]):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    html = client.get("/news/").content.decode()
    assert 'href="/response/"' not in html and 'href="/get-help/"' not in html


@pytest.mark.django_db
def test_cache_keys_carry_the_scheme_and_host(client, site_tree):
    assert client.get("/news/")["X-Cache"] == "MISS"
    assert client.get("/news/", secure=True)["X-Cache"] == "MISS"
    assert client.get("/news/", HTTP_HOST="127.0.0.1")["X-Cache"] == "MISS"
    assert client.get("/news/", secure=True)["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_unknown_query_parameters_redirect_to_the_url_without_them(client, site_tree, django_assert_num_queries):
    """Seen: /sitemap.xml?x=1 re-rendered 12,000 URLs, and 500 ?utm_source= variants each filled the cache."""
    for number in range(20):
        with django_assert_num_queries(0):
            response = client.get(f"/sitemap.xml?x={number}")
        assert response.status_code == 301 and response["Location"] == "/sitemap.xml"
    response = client.get("/news/?utm_source=mail&year=2008&theme=prevention")
    assert response.status_code == 301 and response["Location"] == "/news/?year=2008&theme=prevention"
    # The parameters the site reads, in any order, are one cached page.
    assert client.get("/news/?year=2008&theme=prevention")["X-Cache"] == "MISS"
    assert client.get("/news/?theme=prevention&year=2008")["X-Cache"] == "HIT"
    assert client.get("/admin/login/?next=/admin/").status_code == 200  # the admin reads its own


# SITE_URL


@pytest.mark.django_db
def test_migrate_points_the_default_site_at_site_url_and_every_absolute_url_follows(client, site_tree, settings):
    """Seen: the default Site stayed localhost:80, so purges and the sitemap named http://localhost/."""
    settings.SITE_URL = "https://www.example.org"
    settings.ALLOWED_HOSTS = ["www.example.org", "localhost"]
    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("www.example.org", 443, "https://www.example.org")
    item = make_news_item(title="Addressed story")
    publication = make_publication(title="Addressed report")

    index = client.get("/sitemap.xml").content
    sections = [client.get(local(address)).content for address in section_addresses(client)]
    sitemap = b"".join([index, *sections])
    urls = [url for section in sections for url in ElementTree.fromstring(section).iterfind("s:url", NAMESPACES)]
    locations = [url.findtext("s:loc", namespaces=NAMESPACES) for url in urls]
    assert {
        "https://www.example.org/",
        f"https://www.example.org/news/{item.slug}/",
        f"https://www.example.org/publications/{publication.slug}/",
    } <= set(locations)
    feed = client.get("/news/feed/").content
    item_links = [link.text for link in ElementTree.fromstring(feed).iterfind("channel/item/link")]
    assert f"https://www.example.org/news/{item.slug}/" in item_links
    html = client.get(f"/news/{item.slug}/").content.decode()
    head = parse(html).find("head")
    assert [link["href"] for link in head.find_all("link", rel="canonical")] == [
        f"https://www.example.org/news/{item.slug}/"
    ]
    [og_url] = head.find_all("meta", property="og:url")
    assert og_url["content"].startswith("https://www.example.org/")
    assert "localhost" not in sitemap.decode() + feed.decode() + html
    assert urls_showing(item)[0].startswith("https://www.example.org/")
    assert absolute_url("/x/") == "https://www.example.org/x/"


@pytest.mark.slow
def test_production_refuses_to_start_without_a_valid_site_url():
    from .test_production import run_django

    base = {
        "DJANGO_SETTINGS_MODULE": "unodc_site.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "www.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
    }
    code = "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    assert "SITE_URL environment variable is required" in run_django(code, **base).stderr
    assert "SITE_URL must be the site's public address" in run_django(code, **base, SITE_URL="www.example.org").stderr
    assert run_django(code, **base, SITE_URL="https://www.example.org/").stdout.strip() == "https://www.example.org"


# Documents and the admin


@pytest.fixture
def staff_client(client, db):
    def log_in(role):
        user = User.objects.create_user(role.lower().replace(" ", "-"))
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client

    return log_in


@pytest.mark.django_db
def test_a_document_is_public_only_while_a_live_publication_uses_it(client, site_tree, staff_client):
    """Seen: files of draft and unpublished publications were public at /documents/<id>/<filename>."""
    unused = make_document("Unused file")
    document = make_document("Draft report file")
    publication = make_publication(title="Draft report", document=document, live=False)
    for candidate in (unused, document):
        assert client.get(candidate.url).status_code == 404
    publication.save_revision().publish()
    assert client.get(document.url).status_code == 200
    publication.refresh_from_db()
    publication.unpublish()
    assert client.get(document.url).status_code == 404
    assert client.get(document.url)["Cache-Control"] == "no-cache"
    # Those who work with documents still open them; a news editor does not.
    assert staff_client(NEWS_EDITORS).get(document.url).status_code == 404
    assert staff_client(PUBLICATION_MANAGERS).get(document.url).status_code == 200


@pytest.mark.django_db
def test_a_document_linked_from_a_live_public_page_is_public(client, site_tree):
    document = make_document("Linked file")
    page = site_tree["standard"]
    page.body = [("paragraph", f'<p><a linktype="document" id="{document.pk}">the file</a></p>')]
    page.save_revision().publish()
    assert client.get(document.url).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(document.url).status_code == 404


@pytest.mark.django_db
def test_admin_apis_and_choosers_show_only_a_roles_own_models(site_tree, staff_client):
    """Seen: a news editor listed every document and its download URL through /admin/api/main/documents/."""
    make_publication(title="Draft for managers", live=False)
    editor = staff_client(NEWS_EDITORS)
    assert editor.get("/admin/api/main/documents/").json()["items"] == []
    assert editor.get("/admin/snippets/choose/publications/publication/").status_code == 302  # refused, as Wagtail does
    assert editor.get("/admin/snippets/choose/news/newsitem/").status_code == 200
    manager = staff_client(PUBLICATION_MANAGERS)
    assert len(manager.get("/admin/api/main/documents/").json()["items"]) == 1
    assert manager.get("/admin/api/main/images/").json()["meta"]["total_count"] == 1  # the cover
    chooser = manager.get("/admin/snippets/choose/publications/publication/")
    assert chooser.status_code == 200 and "Draft for managers" in chooser.content.decode()
    assert manager.get("/admin/snippets/choose/news/newsitem/").status_code == 302
