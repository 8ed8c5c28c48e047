"""Browser tests: Debian's Chromium driven by Playwright against a live server on 127.0.0.1.

Skipped, with a clear reason, when Chromium is not installed; CI installs it and fails
rather than skip (see .ci/run).
"""

import importlib
import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Site

from tests.factories import make_site_tree

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


HERE = Path(__file__).parent
TIMEOUT = 15_000  # ms: generous for a slow machine's first requests after seeding


def pytest_collection_modifyitems(config, items):
    # This hook sees the whole session's items, not only this folder's.
    browser_items = [item for item in items if HERE in item.path.parents]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        # Transactional, so the live server's thread sees the data.
        item.add_marker(pytest.mark.django_db(transaction=True))
    if os.path.exists(CHROMIUM) or not browser_items:
        return
    if os.environ.get("REQUIRE_BROWSER_TESTS"):
        raise pytest.UsageError(f"REQUIRE_BROWSER_TESTS is set but Chromium is not at {CHROMIUM}")
    reason = f"Chromium not found at {CHROMIUM}: browser tests skipped (apt-get install -y chromium)"
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls stay synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(autouse=True)
def expect_timeout():
    """expect() waits longer than its 5 s default in the browser tests, and only there."""
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture(autouse=True)
def autosave_only_where_tested(request, settings):
    """Wagtail's autosave off but in tests marked ``autosave``: a request it sends as a test ends reaches the
    live server while the test's database is being emptied, and leaves the connection the tests share
    outside autocommit, failing every later test."""
    if not request.node.get_closest_marker("autosave"):
        settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture(autouse=True)
def browser_tests_start_from_wagtail_base_rows(wagtail_base_rows):
    """Browser tests are transactional (the live server's thread must see their data): see tests/conftest.py."""


def only_loopback(route):
    """Nothing but the live server on loopback is ever contacted."""
    if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def open_context(browser):
    """Opens browser contexts limited to loopback, at a given viewport size; closes them all afterwards."""
    contexts = []

    def open_(width=1280, height=900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        context.set_default_timeout(TIMEOUT)
        context.set_default_navigation_timeout(30_000)
        context.route("**/*", only_loopback)
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_context):
    """A page at desktop size."""
    return open_context(1280, 900).new_page()


def serve_default_site(live_server):
    """Points the default site at the live server, so the URLs the site makes are the live server's."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "127.0.0.1", int(live_server.url.rsplit(":", 1)[1])
    site.save()
    return site


@pytest.fixture
def site_url(live_server):
    """The launch content, served by the live server; the staff roles exist (a flush removes them)."""
    call_command("load_seed_content", verbosity=0)
    serve_default_site(live_server)
    # The data migration's own function, which only adds what is missing.
    importlib.import_module("pages.migrations.0003_staff_roles").create_roles(apps, None)
    return live_server.url


@pytest.fixture
def site_tree_url(live_server):
    """The small site of tests/factories.py rather than the launch content, served by the live server."""
    tree = make_site_tree()
    serve_default_site(live_server)
    return live_server.url, tree
