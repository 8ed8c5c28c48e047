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
def browser_tests_start_from_wagtail_base_rows(wagtail_base_rows):
    """Browser tests are transactional (the live server's thread must see their data): see tests/conftest.py."""


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
