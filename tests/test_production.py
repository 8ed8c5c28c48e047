"""Production behaviour: deploy checks, security headers, caching, upload limits, login throttling, faults."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.models import NewsItem
from pages.roles import NEWS_EDITORS, PUBLICATION_MANAGERS

from .factories import make_news_item, make_publication

PROJECT = Path(__file__).resolve().parent.parent
PUBLIC_PAGES = [
    "/",
    "/what-is-human-trafficking/",
    "/prevention/",
    "/un-gift/",
    "/news/",
    "/publications/",
    "/search/?q=x",
]


def clean_environment(**env):
    """This process's environment for a child Django, without what the browser tests set for themselves."""
    inherited = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**inherited, **env}


def run_django(code, **env):
    environment = clean_environment(LOG_LEVEL="CRITICAL", **env)
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=environment, capture_output=True, text=True)


def test_production_settings_pass_the_deploy_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=clean_environment(
            DJANGO_SETTINGS_MODULE="unodc_site.settings.production",
            SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
            ALLOWED_HOSTS="www.example.org",
            SITE_URL="https://www.example.org",
            REDIS_URL="redis://127.0.0.1:6379/15",
            EMAIL_URL="smtp://site:password@mail.example.org:587/?tls=True",
        ),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES + ["/no-such-page/"])
@pytest.mark.parametrize("request_number", [1, 2], ids=["rendered", "from-the-app-cache"])
def test_security_headers_on_every_public_page(client, site_tree, url, request_number):
    """Also on a page answered from the app's cache, which is stored with its headers."""
    for _ in range(request_number):
        response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_previews_may_be_framed_by_the_admin_and_public_pages_by_nobody(client, site_tree):
    item = make_news_item(title="Framed in the preview panel")
    preview = item.make_preview_request()  # Wagtail's dummy request for the item's public URL
    assert "Framed in the preview panel" in preview.content.decode()
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    public = client.get(item.get_url())
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_use_no_inline_script_or_style(client, site_tree, url):
    html = client.get(url).content.decode()
    assert not re.search(r"<script(?![^>]*(src=|application/ld\+json))", html)
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html), "event handler attributes would need unsafe-inline"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, fresh_content",
    [
        ("/", "Breaking story"),
        ("/news/", "Breaking story"),
        ("/prevention/", "Breaking story"),
        ("/news/feed/", "Breaking story"),
        ("/sitemap-news.xml", "/news/breaking-story/"),
        ("/publications/", "Breaking report"),
    ],
)
def test_anonymous_pages_are_cached_and_fresh_right_after_a_publish(client, site_tree, url, fresh_content):
    theme = site_tree["themes"]["prevention"]
    make_news_item(title="First story", themes=[theme])
    first = client.get(url)
    assert first["X-Cache"] == "MISS" and "public" in first["Cache-Control"]
    assert client.get(url)["X-Cache"] == "HIT"
    assert fresh_content not in first.content.decode()

    make_news_item(title="Breaking story", slug="breaking-story", themes=[theme])
    make_publication(title="Breaking report", themes=[theme])
    fresh = client.get(url)
    assert fresh["X-Cache"] == "MISS"
    assert fresh_content in fresh.content.decode()


@pytest.mark.django_db
def test_a_page_is_kept_as_one_piece(client, site_tree):
    """A feed is written in hundreds of pieces, which gunicorn sent to the socket one by one (at half the rate of
    any other page from the app's cache): kept and served whole."""
    make_news_item()
    client.get("/news/feed/")
    response = client.get("/news/feed/")
    assert response["X-Cache"] == "HIT"
    assert len(list(response)) == 1


@pytest.mark.django_db
def test_unpublishing_and_deleting_refresh_cached_pages(client, site_tree):
    item = make_news_item(title="Short-lived story")
    assert "Short-lived story" in client.get("/news/").content.decode()
    item.unpublish()
    assert "Short-lived story" not in client.get("/news/").content.decode()
    other = make_news_item(title="Deleted story")
    assert "Deleted story" in client.get("/news/").content.decode()
    other.delete()
    assert "Deleted story" not in client.get("/news/").content.decode()


@pytest.mark.django_db
def test_site_furniture_is_read_once_and_follows_every_change(client, site_tree, settings, django_assert_num_queries):
    """Navigation, site settings and index pages are kept per content generation, never past a change."""
    from wagtail.models import PageViewRestriction

    from pages.models import SiteLinks, StandardPage

    from .factories import add_page

    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    # The content generation alone: the page the address leads to, its view restrictions (core/serving.py), its
    # news and publications are kept per content generation.
    with django_assert_num_queries(1):
        client.get("/")
    # Each change on its own, so each must move the generation by itself.
    add_page(site_tree["home"], StandardPage(title="A new menu page", slug="new-menu-page", show_in_menus=True))
    assert 'href="/new-menu-page/"' in client.get("/").content.decode()
    links = SiteLinks.for_site(site_tree["home"].get_site())
    links.quick_exit_url = "https://weather.example.org/"
    links.save()
    assert 'href="https://weather.example.org/"' in client.get("/").content.decode()
    site_tree["news_index"].title = "Newsroom"
    site_tree["news_index"].save_revision().publish()
    html = client.get("/").content.decode()
    assert "Newsroom" in html
    # A section made private leaves the home page's sections.
    PageViewRestriction.objects.create(page=site_tree["prevention"], restriction_type=PageViewRestriction.LOGIN)
    assert "About Prevention." in html  # its card's summary, from before
    assert "About Prevention." not in client.get("/").content.decode()


@pytest.mark.django_db
def test_drafts_and_autosaves_leave_cached_pages_alone(client, site_tree, django_assert_num_queries):
    """An editor's draft (Wagtail's autosave saves one every few seconds) changes nothing visitors see."""
    item = make_news_item(title="Published wording")
    client.get("/news/")
    item.title = "Draft wording"
    item.save_revision()
    page = site_tree["standard"]
    page.title = "Draft page title"
    page.save_revision()
    with django_assert_num_queries(1):  # the content generation, unchanged: still the cached page
        html = client.get("/news/").content.decode()
    assert "Published wording" in html and "Draft" not in html


@pytest.mark.django_db
def test_a_lost_generation_never_brings_back_an_older_one():
    """A database that lost the generation's row (flushed, restored without it) restarts above every value."""
    from core.cache import content_changed, content_generation
    from core.models import ContentGeneration

    seen = [content_generation()]
    content_changed()
    seen.append(content_generation())
    assert seen[1] > seen[0]
    ContentGeneration.objects.all().delete()
    assert content_generation() > max(seen)


@pytest.mark.django_db
def test_a_change_rolled_back_leaves_the_generation_as_it_was(site_tree):
    from django.db import transaction

    from core.cache import content_generation

    before = content_generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_news_item(title="Never happened")
        raise RuntimeError
    assert content_generation() == before


@pytest.mark.django_db
def test_logged_in_users_and_posts_are_never_cached(client, site_tree):
    editor = User.objects.create_user("editor")
    editor.groups.add(Group.objects.get(name=NEWS_EDITORS))
    client.get("/")  # an anonymous visitor fills the cache
    client.force_login(editor)
    response = client.get("/")
    assert "X-Cache" not in response
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    client.logout()
    assert client.post("/search/", {"q": "x"}).get("X-Cache") is None


@pytest.mark.django_db
def test_site_still_renders_when_redis_is_down(client, site_tree, settings):
    settings.CACHES = {
        alias: {"BACKEND": "core.cache.FaultTolerantRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
        for alias in ("default", "renditions")
    }
    make_news_item(title="Served from the database")
    for url in ("/", "/news/", "/publications/"):
        response = client.get(url)
        assert response.status_code == 200
    assert "Served from the database" in client.get("/news/").content.decode()


@pytest.mark.django_db
def test_cache_uses_real_redis_when_configured(client, site_tree, settings):
    settings.CACHES = {
        alias: {
            "BACKEND": "core.cache.FaultTolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"test-{os.getpid()}",
        }
        for alias in ("default", "renditions")
    }
    from django.core.cache import cache

    cache.clear()
    assert client.get("/")["X-Cache"] == "MISS"
    assert client.get("/")["X-Cache"] == "HIT"
    make_news_item(title="Fresh from Redis")
    assert "Fresh from Redis" in client.get("/").content.decode()
    cache.clear()


def test_healthz_answers_503_when_the_database_is_unreachable():
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client(HTTP_HOST='localhost').get('/healthz'); print(r.status_code, r.content.decode())"
    )
    result = run_django(
        code, DJANGO_SETTINGS_MODULE="unodc_site.settings.test", DATABASE_URL="postgres://nobody@127.0.0.1:1/none"
    )
    status_line = next(line for line in result.stdout.splitlines() if not line.startswith("{"))  # skip JSON logs
    assert status_line == '503 {"database": "unavailable", "cache": "ok"}', result.stderr[-2000:]


def test_visitors_get_a_friendly_503_page_when_the_database_is_down():
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client(HTTP_HOST='localhost', raise_request_exception=False).get('/'); "
        "print(r.status_code); print(r.content.decode())"
    )
    result = run_django(
        code, DJANGO_SETTINGS_MODULE="unodc_site.settings.test", DATABASE_URL="postgres://nobody@127.0.0.1:1/none"
    )
    assert "\n503\n" in result.stdout, result.stderr[-2000:]
    assert "Sorry, the service is unavailable" in result.stdout


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_is_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"database": "ok", "cache": "ok"}


@pytest.fixture
def manager_client(client, db):
    manager = User.objects.create_user("manager")
    manager.groups.add(Group.objects.get(name=PUBLICATION_MANAGERS))
    client.force_login(manager)
    return client


def png_bytes(size):
    output = io.BytesIO()
    Image.new("1", size).save(output, format="PNG", optimize=True)
    return output.getvalue()


def jpeg_bytes(size):
    output = io.BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(output, format="JPEG")
    return output.getvalue()


@pytest.mark.parametrize(
    "name, content, expected_error",
    [
        ("huge.png", png_bytes((10_000, 10_000)), "pixels"),
        ("notes.jpg", b"These are notes, not a picture.", "Upload a valid image"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "svg"),
        ("cut-off.jpg", jpeg_bytes((800, 600))[:2000], "Upload a valid image"),  # an interrupted copy
    ],
)
def test_bad_image_uploads_are_rejected_with_a_form_error(manager_client, name, content, expected_error):
    upload = SimpleUploadedFile(name, content)
    response = manager_client.post(
        reverse("wagtailimages:add"), {"title": name, "file": upload, "collection": Collection.get_first_root_node().pk}
    )
    assert response.status_code == 200
    assert expected_error.lower() in response.content.decode().lower()
    assert not get_image_model().objects.exists()


def test_oversized_and_disallowed_documents_are_rejected(manager_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    collection = Collection.get_first_root_node().pk
    for name, content in [("big.pdf", b"%PDF-1.4" + b"0" * 4096), ("tool.exe", b"MZ executable")]:
        response = manager_client.post(
            reverse("wagtaildocs:add"),
            {"title": name, "file": SimpleUploadedFile(name, content), "collection": collection},
        )
        assert response.status_code == 200
        assert "error" in response.content.decode().lower()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_documents_that_are_not_inline_safe_download_as_attachments(client, site_tree):
    from .factories import make_document

    document = make_document("Data", content=b"a,b\n1,2\n", name="data.csv")
    make_publication(document=document)  # a document is public while a live publication uses it
    response = client.get(document.url)
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.usefixtures("without_clearance")
@pytest.mark.django_db
def test_scripts_and_javascript_links_in_editor_input_never_reach_the_public_page(client, site_tree):
    editor = User.objects.create_user("editor")
    editor.groups.add(Group.objects.get(name=NEWS_EDITORS))
    client.force_login(editor)
    contentstate = {
        "blocks": [
            {"key": "a", "text": "<script>alert(1)</script> Click here", "type": "unstyled", "depth": 0,
             "inlineStyleRanges": [], "entityRanges": [{"offset": 26, "length": 10, "key": 0}]},
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(document.cookie)"}}
        },
    }  # fmt: skip
    data = nested_form_data(
        {
            "title": "Hostile input", "slug": "hostile-input", "kind": "news", "date": "2026-11-20", "end_date": "",
            "location": "", "summary": "<script>alert(2)</script>", "image": "", "image_alt": "",
            "body": streamfield([("paragraph", json.dumps(contentstate))]), "go_live_at": "", "expire_at": "",
            "action-publish": "publish",
        }
    )  # fmt: skip
    client.post("/admin/snippets/news/newsitem/add/", data)
    assert NewsItem.objects.get(slug="hostile-input").live
    client.logout()
    html = client.get("/news/hostile-input/").content.decode()
    assert "Click here" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html


@pytest.mark.django_db
def test_publishing_a_news_item_purges_every_url_that_shows_it(
    site_tree, settings, purge_server, django_capture_on_commit_callbacks
):
    purged = purge_server.purged
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        item = make_news_item(title="Purged story", themes=[site_tree["themes"]["prevention"]])
    assert purged == []  # not before the publish commits: the proxy would fetch the old page again
    for callback in waiting:
        callback()
    expected = {"/", "/news/", f"/news/{item.slug}/", "/news/feed/", "/news/feed/atom/", "/prevention/", "/sitemap.xml"}
    assert expected <= set(purged)
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item.unpublish()
    assert f"/news/{item.slug}/" in purged


@pytest.mark.django_db
def test_making_a_page_private_purges_it(site_tree, settings, purge_server, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    purged = purge_server.purged
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=site_tree["prevention"], restriction_type=PageViewRestriction.LOGIN)
    assert "/prevention/" in purged
