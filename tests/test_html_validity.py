"""Every public page type and state is valid HTML, by the Nu HTML Checker.

The checker is npm's vnu-jar at the version of package-lock.json, which `make test` installs into
node_modules/; Java runs it. Without either the test is skipped, or fails when REQUIRE_BROWSER_TESTS is set.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from news.choices import Kind
from news.models import NewsItem
from publications.models import Publication

JAVA = shutil.which("java")
VNU_JAR = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def checker():
    """The command that runs the checker; a missing one skips the test, or fails it when CI requires it."""
    missing = []
    if JAVA is None:
        missing.append("Java (apt-get install -y default-jre-headless)")
    if not VNU_JAR.is_file():
        missing.append(f"the Nu HTML Checker, {VNU_JAR} (make test installs it with npm: apt-get install -y npm)")
    if missing:
        reason = " and ".join(missing) + " not found"
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(f"REQUIRE_BROWSER_TESTS is set but {reason}")
        pytest.skip(f"{reason}: HTML validation skipped")
    return [JAVA, "-jar", str(VNU_JAR)]


@pytest.mark.slow
@pytest.mark.django_db
def test_every_public_page_is_valid_html(client, settings, tmp_path, checker):
    settings.PAGE_CACHE_SECONDS = 0
    call_command("load_seed_content", verbosity=0)
    news_item = NewsItem.objects.live().first()
    event = NewsItem.objects.live().filter(kind=Kind.EVENT).first()
    publication = Publication.objects.live().first()
    paths = [
        "/", "/what-is-human-trafficking/", "/response/", "/prevention/", "/protection/", "/prosecution/",
        "/un-gift/", "/get-help/", "/news/", "/news/?year=2008&theme=prevention", "/news/?year=abc",
        "/news/?kind=event", "/news/?year=2007", f"/news/{event.slug}/",
        f"/news/{news_item.slug}/", "/publications/", "/publications/?publication_type=toolkit",
        "/publications/?q=zzzz", f"/publications/{publication.slug}/", "/search/", "/search/?q=toolkit",
        "/search/?q=zzzz", "/no-such-page/",
    ]  # fmt: skip
    files = {}
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response["Content-Type"].startswith("text/html"), path
        (tmp_path / f"page-{number}.html").write_bytes(response.content)
        files[f"page-{number}.html"] = path

    # One checker run for all pages: the JVM starts once.
    result = subprocess.run(
        [*checker, "--format", "json", *[str(tmp_path / name) for name in files]],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]  # the checker reports in JSON even when all is valid
    problems = [
        (
            files.get(os.path.basename(message.get("url", "")), message.get("url")),
            message.get("lastLine"),
            message["message"],
        )
        for message in messages
        if message["type"] in ("error", "non-document-error") or message.get("subType") == "warning"
    ]
    assert problems == []
