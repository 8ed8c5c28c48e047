"""Writes the HTML of every public page type, from the launch content, into a folder, so two versions
of the code can be compared with diff -r:

    .venv/bin/python bench/snapshots.py OUTPUT_FOLDER

Runs on a SQLite database of its own in a temporary folder; times and static-file names are
normalised, so only a change to what visitors are served shows in the diff.
"""

import os
import re
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="unodc-snapshots-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="unodc_site.settings.test",
    DATABASE_URL=f"sqlite:///{WORK / 'db.sqlite3'}",
    PAGE_CACHE_SECONDS="0",
    LOG_LEVEL="ERROR",
)
os.environ.pop("REDIS_URL", None)
sys.path.insert(0, str(PROJECT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402

from news.choices import Kind  # noqa: E402
from news.models import NewsItem  # noqa: E402
from publications.models import Publication  # noqa: E402

# Values that change from one run to the next, not from one version of the code to the next.
VOLATILE = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrfmiddlewaretoken" value=""'),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?"), "<timestamp>"),
    (re.compile(r"<lastBuildDate>[^<]*</lastBuildDate>"), "<lastBuildDate/>"),
    (re.compile(r"/media/images/[^\"' ,]+"), "/media/images/<file>"),
    (re.compile(r"/documents/\d+/"), "/documents/<id>/"),
]


def page_urls():
    urls = {
        page.specific_class.__name__ + "-" + page.slug: page.url for page in Page.objects.live().filter(depth__gt=1)
    }
    for kind in Kind.values:
        item = NewsItem.objects.live().filter(kind=kind).order_by("pk").first()
        if item:
            urls[f"NewsItem-{kind}"] = item.get_url()
    publication = Publication.objects.live().order_by("pk").first()
    urls["Publication"] = publication.get_url()
    news = urls[next(name for name in urls if name.startswith("NewsIndexPage"))]
    publications = urls[next(name for name in urls if name.startswith("PublicationIndexPage"))]
    urls.update(
        {
            "news-filtered": f"{news}?year={NewsItem.objects.live().order_by('date').first().date.year}",
            "news-page-2": f"{news}?page=2",
            "news-rss": f"{news}feed/",
            "news-atom": f"{news}feed/atom/",
            "publications-filtered": f"{publications}?q=report",
            "search": "/search/?q=trafficking",
            "search-empty": "/search/?q=zzzzzz",
            "search-form": "/search/",
            "not-found": "/no-such-page/",
            "sitemap": "/sitemap.xml",
            "sitemap-news": "/sitemap-news.xml",
            "robots": "/robots.txt",
        }
    )
    return urls


def main(output):
    output.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    call_command("load_seed_content", verbosity=0)
    client = Client(HTTP_HOST="localhost")
    for name, url in sorted(page_urls().items()):
        response = client.get(url, follow=True)
        text = response.content.decode()
        for pattern, replacement in VOLATILE:
            text = pattern.sub(replacement, text)
        (output / f"{name}.html").write_text(f"{url} {response.status_code}\n{text}")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
    print(f"Wrote {sys.argv[1]}")
