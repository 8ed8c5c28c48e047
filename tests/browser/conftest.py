"""Browser tests: Debian's Chromium driven by Playwright against a live server on 127.0.0.1.

Skipped, with a clear reason, when Chromium is not installed; CI installs it and fails
rather than skip (see .ci/run).
"""

import os
import shutil
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER_TESTS"):
        raise pytest.UsageError(f"REQUIRE_BROWSER_TESTS is set but Chromium is not at {CHROMIUM}")
    reason = f"Chromium not found at {CHROMIUM}: browser tests skipped (apt-get install -y chromium)"
    for item in items:
        if "tests/browser/" in str(item.fspath):
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
def wagtail_base_rows(transactional_db):
    """The rows Wagtail's migrations create, which a transactional test's flush removes."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Nothing but the live server on loopback is ever contacted.
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost") else route.abort()
        ),
    )
    page = context.new_page()
    yield page
    context.close()
