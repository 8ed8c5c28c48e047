"""Performance benchmark of the public site, uncached and behind the shipped caching proxy.

    .venv/bin/python bench/run.py            # build the dataset (a few minutes), then measure
    .venv/bin/python bench/run.py --reuse    # keep the dataset of an earlier complete run

Needs PostgreSQL (postgres@127.0.0.1:5432, trust auth), Redis (127.0.0.1:6379), wrk, and nginx
with the cache purge module. Everything runs on 127.0.0.1. The dataset lives in the database
unodc_bench and bench/.data/. Prints a Markdown report, writes it to docs/performance.md (keeping
the hand-written notes below its marker line), and exits 1 when a budget fails.
"""

import argparse
import contextlib
import datetime
import gzip
import io
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import django

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "bench" / ".data"
REPORT_FILE = PROJECT / "docs" / "performance.md"
NOTES_MARKER = "<!-- Above: written by make bench. Below: notes kept by hand, which make bench leaves as they are. -->"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
DATABASE = "unodc_bench"
REDIS_URL = "redis://127.0.0.1:6379/14"  # a database of its own, emptied by every run, see prepare()
HOST = "localhost"  # the seed content's site
WORKERS = 2
LUA = PROJECT / "bench" / "report.lua"

# Production settings, as `make serve` runs them, minus HTTPS (plain HTTP on loopback). The
# in-process measures use them too, so they are set before Django loads.
SETTINGS_ENV = {
    "DJANGO_SETTINGS_MODULE": "unodc_site.settings.production",
    "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SITE_URL": f"http://{HOST}",  # the default Site, so nginx's keys and Wagtail's purges agree
    "SECURE_SSL_REDIRECT": "0",
    "SERVE_MEDIA": "1",
    "MEDIA_ROOT": str(DATA / "media"),
    "STATIC_ROOT": str(DATA / "static"),
    "REDIS_URL": REDIS_URL,  # the cache production requires
    "PAGE_CACHE_SECONDS": "0",
    "LOG_LEVEL": "ERROR",
}
# Inherited settings that would change what is measured.
for name in (
    "FRONTEND_CACHE_PURGE_URL",
    "FRONTEND_CACHE_PURGE_URLS",
    "DEBUG",
    "STATICFILES_BACKEND",
    "AWS_STORAGE_BUCKET_NAME",
):
    os.environ.pop(name, None)
os.environ.update(SETTINGS_ENV)
sys.path.insert(0, str(PROJECT))  # the project's apps, and bench/ and deploy/ as packages
django.setup()

from bench import anchor, dataset, pagecheck  # noqa: E402
from deploy import cluster  # noqa: E402
from deploy.nginx import config as nginx_config  # noqa: E402

# Stored as the database's comment once the dataset is complete, so --reuse never uses half a dataset.
DATASET_MARK = (
    f"unodc bench dataset: {dataset.NEWS_COUNT} news, {dataset.PUBLICATION_COUNT} publications, "
    f"{dataset.EXTRA_PAGE_COUNT} pages, {dataset.FRENCH_NEWS_COUNT} French news, Arabic home"
)

BUDGET_P95_MS = 60
BUDGET_QUERIES = 12
BUDGET_CACHED_SHARE = 1 / 3  # of the static file's rate
BUDGET_WEIGHT = 100_000  # bytes, HTML + CSS + JS, gzip-compressed
# Each page's rate against the anchor's (bench/anchor.py): uncached against the welcome page rendered, from the
# app's cache against the welcome page from Django's cache middleware.
GOAL_RATIO = 1.0
FIRST_PAGE, DEEP_PAGE = "News listing", "News listing, page 500"
PUBLISH_EVERY_SECONDS = 10
PUBLISH_RUN_SECONDS = 30


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", action="store_true", help="keep the dataset if an earlier run completed it")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per URL (default 10)")
    parser.add_argument("--connections", type=int, default=8, help="connections for nginx runs (default 8)")
    args = parser.parse_args()
    # Ctrl+C (even if started with SIGINT ignored, as in a background job), a kill or a closed
    # terminal all unwind through the finally blocks that stop gunicorn and nginx.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda signum, frame: sys.exit(128 + signum))
    load_before = os.getloadavg()[0]
    if load_before > os.cpu_count() / 2:
        step(f"Warning: load average {load_before:.1f} on {os.cpu_count()} cores: other work will skew the figures")
    prepare(args.reuse)
    urls = bench_urls()
    pages = {url: measure_in_process(url) for _, url in urls}
    anchors = run_anchors(args.duration, args.connections)
    uncached = run_uncached(urls, args.duration)
    app_cached = run_app_cache(urls, args.duration, args.connections)
    static, cached = run_cached(urls, args.duration, args.connections, pages[urls[0][1]]["html"])
    publishing = run_publish_under_load(urls, args.connections)
    two_nodes = run_two_nodes(args.duration, args.connections)
    runs = {"uncached": uncached, "app cache": app_cached, "nginx": cached}
    budgets = check_budgets(urls, pages, runs, static, anchors, publishing)
    load_average = (load_before, os.getloadavg()[0])
    report = render_report(urls, pages, runs, static, anchors, budgets, args, load_average)
    report += render_publishing(publishing, urls, args)
    report += render_two_nodes(two_nodes, args)
    print(report)
    REPORT_FILE.parent.mkdir(exist_ok=True)
    notes = REPORT_FILE.read_text().partition(NOTES_MARKER)[2] if REPORT_FILE.exists() else "\n"
    REPORT_FILE.write_text(f"{report}\n{NOTES_MARKER}{notes}")
    print(f"Written to {REPORT_FILE.relative_to(PROJECT)}")
    return 1 if any(not passed for _, passed, _ in budgets) else 0


# --- The dataset ---------------------------------------------------------------------------------


def prepare(reuse):
    import psycopg
    import redis

    # The cache starts empty: a rebuilt dataset counts its content generations from the start again, so
    # entries left by an earlier run (or by other code) would be taken for its own.
    redis.Redis.from_url(REDIS_URL).flushdb()

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        mark = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        rebuild = not (reuse and mark and mark[0] == DATASET_MARK)
        if rebuild:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {DATABASE}")
            shutil.rmtree(DATA / "media", ignore_errors=True)

    from django.core.management import call_command

    # Also on --reuse: the dataset gets any migration added since it was built.
    call_command("migrate", interactive=False, verbosity=0)
    if rebuild:
        step("Building the dataset (launch content, archive, search index)")
        dataset.create(stdout=io.StringIO())
        # Planner statistics for the bulk-loaded tables, as autovacuum would have them in production.
        with psycopg.connect(f"{POSTGRES}/{DATABASE}", autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(f"COMMENT ON DATABASE {DATABASE} IS '{DATASET_MARK}'")
    else:
        step("Reusing the dataset in database unodc_bench")
    step("Collecting static files")
    call_command("collectstatic", interactive=False, verbosity=0)


def bench_urls():
    """(label, path) of the pages measured, picked from the dataset. The first is the English home page,
    whose size the static baseline takes."""
    from django.utils import translation

    from core.models import Theme
    from news.models import NewsItem
    from publications.models import Publication

    theme = Theme.objects.get(slug="prevention")
    year = NewsItem.objects.live().filter(themes=theme).dates("date", "year").last().year
    bench_news = NewsItem.objects.live().filter(slug__startswith="bench-", image__isnull=False).order_by("-date")
    news_item = bench_news.filter(locale__language_code="en")[0]
    publication = Publication.objects.live().filter(slug__startswith="bench-").order_by("-date")[0]
    news = NewsItem.get_index_page().url
    publications = Publication.get_index_page().url
    with translation.override("fr"):  # an item's address is in the active language
        french_news_item = bench_news.filter(locale__language_code="fr")[0].get_url()
    return [
        ("Home", "/"),
        ("Home, Arabic translation", "/ar/"),
        (FIRST_PAGE, news),
        (DEEP_PAGE, f"{news}?page=500"),
        ("News, filtered", f"{news}?year={year}&theme={theme.slug}"),
        # Measured uncached like every row: a combination asked for the first time costs what this row shows.
        ("News, three filters combined", f"{news}?kind=event&theme=protection&year={year - 3}"),
        ("News item", news_item.get_url()),
        ("News item, French translation", french_news_item),
        ("Publications of a type", f"{publications}?publication_type=report"),
        ("Publication", publication.get_url()),
        ("Search", f"/search/?q={dataset.SEARCH_WORD}"),
        ("Search, a word in every text", f"/search/?q={dataset.COMMON_WORD}"),
        ("News feed", f"{news}feed/"),
        *sitemap_urls(),
    ]


def sitemap_urls():
    """The sitemap index and the first and last page of each section it names."""
    from django.test import Client

    index = Client(HTTP_HOST=HOST).get("/sitemap.xml")
    pages = {}
    for location in re.findall(r"<loc>([^<]+)</loc>", index.content.decode()):
        address = urlsplit(location)
        pages.setdefault(address.path, []).append(address.path + (f"?{address.query}" if address.query else ""))
    urls = [("Sitemap index", "/sitemap.xml")]
    for path, section_pages in pages.items():
        section = path.removeprefix("/sitemap-").removesuffix(".xml")
        urls.append((f"Sitemap, {section}", section_pages[0]))
        if len(section_pages) > 1:
            urls.append((f"Sitemap, {section}, last page", section_pages[-1]))
    return urls


# --- In-process measures: queries, sizes, HTML checks ----------------------------------------------


def measure_in_process(url):
    """SQL queries of one request after a warm-up, with the page's sizes and HTML checks."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    client.get(url)  # warm-up: site root paths, renditions, compiled templates
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    html = response.content
    is_html = response["Content-Type"].startswith("text/html")
    checks = pagecheck.check(html.decode()) if is_html else None
    assets = (checks.stylesheets + checks.scripts) if checks else []
    return {
        "queries": len(queries),
        "html": html,
        "html_bytes": len(html),
        "html_gzip": gzipped_size(html),
        "weight": gzipped_size(html) + sum(gzipped_size(static_file(asset).read_bytes()) for asset in assets),
        "checks": checks,
    }


def gzipped_size(data):
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def static_file(url):
    from django.conf import settings

    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        raise RuntimeError(f"Asset outside STATIC_URL, not measured: {url}")
    return Path(settings.STATIC_ROOT) / path.removeprefix(settings.STATIC_URL)


# --- Load runs -------------------------------------------------------------------------------------


def run_uncached(urls, duration):
    """gunicorn alone, the app's page cache off. One connection per worker: gunicorn's sync workers
    serve one request at a time, so more connections would measure queueing, not rendering."""
    step("Uncached: gunicorn, PAGE_CACHE_SECONDS=0")
    port = nginx_config.free_port()
    with gunicorn(port, PAGE_CACHE_SECONDS="0"):
        return {url: load(f"http://127.0.0.1:{port}{url}", WORKERS, duration) for _, url in urls}


def run_anchors(duration, connections):
    """The welcome page of a fresh ``wagtail start`` project (bench/anchor.py), on the same gunicorn, PostgreSQL and
    Redis: rendered on every request (as the uncached run, one connection per worker), and from Django's cache
    middleware (as the app-cache run)."""
    step("Anchors: a fresh wagtail start project's welcome page, rendered and from Django's cache middleware")
    project, environment = anchor.create(DATA / "anchor", POSTGRES, f"{DATABASE}_anchor", dict(os.environ))
    served = {"project": project, "environment": environment, "application": f"{anchor.NAME}.wsgi:application"}
    port = nginx_config.free_port()
    with gunicorn(port, **served):
        rendered = load(f"http://127.0.0.1:{port}/", WORKERS, duration)
    with gunicorn(port, **served, ANCHOR_PAGE_CACHE="1"):
        cached = load(f"http://127.0.0.1:{port}/", connections, duration)
    return {"rendered": rendered, "cached": cached}


def run_app_cache(urls, duration, connections):
    """gunicorn alone with the app's page cache in Redis, as `make run` serves (no nginx): what its cache answers."""
    step("App cache: gunicorn, PAGE_CACHE_SECONDS=300 with Redis, no nginx")
    port = nginx_config.free_port()
    with gunicorn(port, PAGE_CACHE_SECONDS="300"):
        measured = {}
        for _, url in urls:
            full_url = f"http://127.0.0.1:{port}{url}"
            http_get(full_url)  # stores it
            measured[url] = {**load(full_url, connections, duration), "served_by": served_by(http_get(full_url))}
    return measured


def run_publish_under_load(urls, connections):
    """Every page in turn under load from the app's cache (no nginx), while a news item is published every
    PUBLISH_EVERY_SECONDS: each publish moves the content generation on, so every page is rendered again."""
    step(f"Publishing every {PUBLISH_EVERY_SECONDS} s under load: gunicorn, PAGE_CACHE_SECONDS=300, no nginx")
    from news.models import NewsItem

    item = NewsItem.objects.live().filter(slug__startswith="bench-", locale__language_code="en").latest("date")
    port = nginx_config.free_port()
    paths = " ".join(url for _, url in urls)
    with gunicorn(port, PAGE_CACHE_SECONDS="300"):
        for _, url in urls:
            http_get(f"http://127.0.0.1:{port}{url}")
        command = wrk_command(f"http://127.0.0.1:{port}/", connections, PUBLISH_RUN_SECONDS)
        environment = {**os.environ, "WRK_PATHS": paths}
        publishes = 0
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=environment) as process:
            started = time.monotonic()
            while publishes < PUBLISH_RUN_SECONDS // PUBLISH_EVERY_SECONDS:
                time.sleep(max(0, started + (publishes + 1) * PUBLISH_EVERY_SECONDS - 1 - time.monotonic()))
                item.save_revision().publish()
                publishes += 1
            output, _ = process.communicate(timeout=PUBLISH_RUN_SECONDS + 60)
    return {**wrk_result(output), "publishes": publishes}


def run_cached(urls, duration, connections, home_html):
    """nginx with the shipped config in front of gunicorn with the app's Redis page cache; and the
    static baseline, a file the size of the home page, from the same nginx."""
    step("Cached: nginx (deploy/nginx) in front of gunicorn, PAGE_CACHE_SECONDS=300 with Redis")
    prefix = DATA / "nginx"
    shutil.rmtree(prefix, ignore_errors=True)
    (DATA / "baseline").mkdir(parents=True, exist_ok=True)
    (DATA / "baseline" / "index.html").write_bytes(home_html)
    app_port, port, purge_port, static_port = (nginx_config.free_port() for _ in range(4))
    values = {
        "UPSTREAM": f"127.0.0.1:{app_port}",
        "LISTEN": f"127.0.0.1:{port}",
        "SERVER_NAME": "_",
        "PURGE_LISTEN": f"127.0.0.1:{purge_port}",
        "CACHE_DIR": prefix / "cache",
        "STATIC_ROOT": SETTINGS_ENV["STATIC_ROOT"],
        "MEDIA_ROOT": SETTINGS_ENV["MEDIA_ROOT"],
    }
    baseline = f"server {{ listen 127.0.0.1:{static_port}; root {DATA / 'baseline'}; }}\n"
    with (
        gunicorn(app_port, PAGE_CACHE_SECONDS="300"),
        nginx_config.running_nginx(prefix, values, extra_servers=baseline, workers=WORKERS),
    ):
        cached = {}
        for _, url in urls:
            full_url = f"http://127.0.0.1:{port}{url}"
            http_get(full_url)  # fills the caches
            source = served_by(http_get(full_url))  # asked now: query-string pages expire after 5 s
            cached[url] = {**load(full_url, connections, duration), "served_by": source}
        static = load(f"http://127.0.0.1:{static_port}/index.html", connections, duration)
    return static, cached


TWO_NODES_URL = "/news/"


def run_two_nodes(duration, connections):
    """docs/deployment.md's topology on this machine (deploy/cluster.py: nginx balancing two gunicorn nodes, one
    PostgreSQL with pooled connections, Redis, moto's S3, the task worker; launch content on a database of its own).
    Anonymous visitors (nginx's cache answers, revalidating with a node every SHARED_CACHE_SECONDS) and visitors
    past it (a session cookie: every request rendered by a node), with both nodes, then with node A killed."""
    step("Two app nodes: nginx balancing two gunicorn nodes (deploy/cluster.py)")
    visitors = {"anonymous": {}, "past nginx's cache (session cookie)": {"Cookie": "sessionid=bench-visitor"}}
    runs = {}
    with (
        cluster.fresh_database(POSTGRES, f"{DATABASE}_two_nodes") as database,
        open(DATA / "two-nodes.log", "w") as log,
        tempfile.TemporaryDirectory(prefix="unodc-bench-nodes-") as workdir,
        cluster.running(workdir, database, log, ACCESS_LOG="0", PAGE_CACHE_SECONDS="300") as running,
    ):
        url = running.url + TWO_NODES_URL
        for label, headers in visitors.items():
            runs[label] = {"both nodes": load(url, connections, duration, headers)}
        running.nodes[0].kill()
        for label, headers in visitors.items():
            runs[label]["node A killed"] = wrk(url, connections, duration, headers)
    return runs


def render_two_nodes(runs, args):
    lines = [
        "",
        f"## Two app nodes (`{TWO_NODES_URL}` through the balancer)",
        "",
        f"deploy/cluster.py on this machine: nginx (the shipped config) balancing two gunicorn nodes ({WORKERS} "
        "workers each) with folders of their own, PostgreSQL with psycopg's pool (DATABASE_POOL_SIZE=2), Redis, "
        f"moto's S3 and the task worker; launch content. wrk, {args.connections} connections, {args.duration} s "
        "per run. Node A is killed (SIGKILL to gunicorn and its workers) between the runs with both nodes and "
        "those with one. Everything shares 2 cores, so the figures show failover, not what a second machine adds "
        "(docs/deployment.md, Sizes).",
        "",
        "| Visitors | Both nodes req/s | p50 / p95 / p99 ms | Errors | Node A killed req/s | p50 / p95 / p99 ms "
        "| Errors |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]

    def cells(run):
        errors = run["bad_status"] + run["socket_errors"]
        return f"{run['rps']:,.0f} | {run['p50_ms']:.1f} / {run['p95_ms']:.1f} / {run['p99_ms']:.1f} | {errors}"

    for label, run in runs.items():
        lines.append(f"| {label} | {cells(run['both nodes'])} | {cells(run['node A killed'])} |")
    return "\n".join(lines) + "\n"


def served_by(headers):
    if headers.get("X-Cache-Status") == "HIT":
        return "nginx cache"
    if headers.get("X-Cache") == "HIT":
        return "app cache (Redis)"
    return "rendered"


@contextlib.contextmanager
def gunicorn(port, project=PROJECT, environment=None, application="unodc_site.wsgi:application", **env):
    """gunicorn as `make serve` starts it (deploy/gunicorn.conf.py), serving ``application`` from ``project``."""
    # The JSON logs of make serve, without a line per request; the log format is the site's (for the anchor too).
    environment = {**(environment or os.environ), "ACCESS_LOG": "0", **env}
    environment["PYTHONPATH"] = os.pathsep.join(dict.fromkeys([str(project), str(PROJECT)]))
    with open(DATA / "gunicorn.log", "a") as log:
        process = subprocess.Popen(
            [PROJECT / ".venv" / "bin" / "gunicorn", "--config", PROJECT / "deploy" / "gunicorn.conf.py"]
            + [application, "--bind", f"127.0.0.1:{port}"]
            + ["--workers", str(WORKERS), "--log-level", "warning"],
            cwd=project,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # stopped by us, after the load, not by the terminal's Ctrl+C
        )
    try:
        nginx_config.wait_for_port(port, timeout=60, process=process)
        yield process
    finally:
        nginx_config.stop(process)


def http_get(url):
    """GET through no proxy but the one measured; the response headers, after checking for a 200."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(urllib.request.Request(url, headers={"Host": HOST}), timeout=60) as response:
        response.read()
        return response.headers


def load(url, connections, duration, headers=None):
    """wrk against ``url`` after a short warm-up run: requests/s and latency percentiles."""
    http_get(url)
    wrk(url, connections, 2, headers)  # warm-up: every worker's templates, connections and caches
    return wrk(url, connections, duration, headers)


def wrk(url, connections, duration, headers=None):
    command = wrk_command(url, connections, duration, headers)
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration + 60)
    return wrk_result(result.stdout)


def wrk_command(url, connections, duration, headers=None):
    # A 10 s timeout (wrk's default is 2 s), so a slow page is measured rather than dropped as errors.
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    return command + [
        *("-s", LUA, "-H", f"Host: {HOST}"),
        *(f"-H{name}: {value}" for name, value in (headers or {}).items()),
        url,
    ]


def wrk_result(output):
    line = next(line for line in output.splitlines() if line.startswith("WRK_RESULT "))
    return json.loads(line.removeprefix("WRK_RESULT "))


# --- Budgets and report ----------------------------------------------------------------------------


def check_budgets(urls, pages, runs, static, anchors, publishing):
    """(budget, passed, details) for each budget and goal; details name the failing pages."""
    labels = {url: label for label, url in urls}
    uncached, app_cached, cached = runs["uncached"], runs["app cache"], runs["nginx"]

    def budget(name, failures):
        return (name, not failures, ", ".join(failures) or "all pages")

    def html_failures(attribute):
        return [
            f"{labels[url]}: {', '.join(getattr(page['checks'], attribute))}"
            for url, page in pages.items()
            if page["checks"] and getattr(page["checks"], attribute)
        ]

    def ratio_failures(measured, anchor_run):
        floor = anchor_run["rps"] * GOAL_RATIO
        return [
            f"{labels[url]} {run['rps'] / anchor_run['rps']:.2f}×"
            for url, run in measured.items()
            if run["rps"] < floor
        ]

    by_label = {label: uncached[url] for label, url in urls}
    deep, first = by_label[DEEP_PAGE], by_label[FIRST_PAGE]
    floor = static["rps"] * BUDGET_CACHED_SHARE
    app_cached_pages = {url: run for url, run in app_cached.items() if run["served_by"] != "rendered"}
    publish_errors = publishing["bad_status"] + publishing["socket_errors"]
    return [
        budget(
            "Every response under load a 2xx or 3xx, no socket errors",
            [
                f"{labels[url]} ({stage}): {run['bad_status']} bad statuses, {run['socket_errors']} socket errors"
                for stage, measured in runs.items()
                for url, run in measured.items()
                if run["bad_status"] or run["socket_errors"]
            ],
        ),
        budget(
            f"Uncached: every page >= {GOAL_RATIO:.1f}× the welcome page rendered "
            f"({anchors['rendered']['rps']:,.0f} req/s)",
            ratio_failures(uncached, anchors["rendered"]),
        ),
        budget(
            f"From the app's cache: every page it keeps >= {GOAL_RATIO:.1f}× the welcome page from Django's cache "
            f"middleware ({anchors['cached']['rps']:,.0f} req/s)",
            ratio_failures(app_cached_pages, anchors["cached"]),
        ),
        budget(
            f"Uncached p95 < {BUDGET_P95_MS} ms: every page, the worst-case search, page 500, three filters never "
            "combined before and every sitemap section included",
            [
                f"{labels[url]} {run['p95_ms']:.0f} ms"
                for url, run in uncached.items()
                if run["p95_ms"] >= BUDGET_P95_MS
            ],
        ),
        budget(
            "Page 500 of the news listing no slower than page 1 (uncached p95, 1 ms of noise allowed)",
            []
            if deep["p95_ms"] <= first["p95_ms"] + 1
            else [f"{deep['p95_ms']:.1f} ms against {first['p95_ms']:.1f} ms"],
        ),
        budget(
            f"Publishing every {PUBLISH_EVERY_SECONDS} s under load: p95 of all responses < {BUDGET_P95_MS} ms, "
            "no error",
            [f"p95 {publishing['p95_ms']:.1f} ms"] * (publishing["p95_ms"] >= BUDGET_P95_MS)
            + [f"{publish_errors} errors"] * bool(publish_errors),
        ),
        budget(
            f"<= {BUDGET_QUERIES} SQL queries per request",
            [f"{labels[url]} {page['queries']}" for url, page in pages.items() if page["queries"] > BUDGET_QUERIES],
        ),
        budget(
            f"Behind nginx: every page >= 1/3 of the static file's rate ({floor:,.0f} req/s)",
            [f"{labels[url]} {run['rps']:,.0f} req/s" for url, run in cached.items() if run["rps"] < floor],
        ),
        budget(
            f"HTML + CSS + JS, gzip-compressed, < {BUDGET_WEIGHT // 1000} kB",
            [
                f"{labels[url]} {page['weight'] / 1000:.1f} kB"
                for url, page in pages.items()
                if page["weight"] >= BUDGET_WEIGHT
            ],
        ),
        budget("No render-blocking script in <head>", html_failures("blocking_scripts")),
        budget("Every <img> has width and height", html_failures("unsized_images")),
        budget('Images below the fold have loading="lazy"', html_failures("eager_images")),
        budget("Images offered as AVIF or WebP in <picture>, with a fallback", html_failures("legacy_images")),
    ]


def render_report(urls, pages, runs, static, anchors, budgets, args, load_average):
    def rate(run, anchor_run):
        ratio = run["rps"] / anchor_run["rps"]
        # Two significant digits for small ratios (0.00031×), two decimals from 0.1 up (0.79×, 1.02×).
        decimals = max(2, 1 - math.floor(math.log10(ratio))) if ratio else 2
        return f"{run['rps']:,.0f} ({ratio:.{decimals}f}×)"

    def latency(run):
        return f"{run['p50_ms']:.1f} / {run['p95_ms']:.1f} / {run['p99_ms']:.1f}"

    home_bytes = pages[urls[0][1]]["html_bytes"]
    lines = [
        "# Performance at 10,000 news items",
        "",
        f"- Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {cpu_model()}, {os.cpu_count()} cores, {memory_gib():.1f} GiB memory; load average "
        f"{load_average[0]:.1f} before the run, {load_average[1]:.1f} after (other work skews the figures)",
        f"- Software: Python {platform.python_version()}, {versions()}",
        f"- Dataset: launch content + {dataset.NEWS_COUNT:,} news items, {dataset.PUBLICATION_COUNT:,} publications "
        f"(own cover and PDF each), {dataset.EXTRA_PAGE_COUNT} extra pages, in English; French translations of "
        f"{dataset.FRENCH_NEWS_COUNT} news items and an Arabic home page, the other pages aliases of the English "
        "in every language; database search backend",
        f"- Load: wrk, {args.duration} s per URL after a 2 s warm-up, gunicorn with {WORKERS} sync workers and "
        "production settings (PostgreSQL, Redis). **Uncached**: the app's page cache off (PAGE_CACHE_SECONDS=0), "
        f"{WORKERS} connections (one per worker: latency is rendering, not queueing); × the anchor's welcome page "
        f"rendered. **App cache**: PAGE_CACHE_SECONDS=300, no nginx, as `make run` serves, {args.connections} "
        "connections; × the anchor's welcome page from Django's cache middleware. **Behind nginx**: "
        f"deploy/nginx/unodc.conf in front of the app-cache setup, {args.connections} connections; × the static file.",
        "- Anchors (bench/anchor.py): a fresh `wagtail start` project of the same Wagtail, untouched but for its "
        "database (PostgreSQL), cache (Redis), hosts and key, served by the same gunicorn; its welcome page rendered, "
        "and from `UpdateCacheMiddleware`/`FetchFromCacheMiddleware`.",
        f"- Static baseline: the same nginx serving a {home_bytes:,}-byte HTML file (the home page's size).",
        "- SQL queries: one request after a warm-up, in-process (Django test client, same settings and database). "
        "Sizes: gzip level 6.",
        "",
        "| Page | URL | SQL queries | Uncached req/s | p50 / p95 / p99 ms | App cache req/s | p50 / p95 / p99 ms "
        "| Behind nginx req/s | p50 / p95 / p99 ms | HTML gzip | HTML+CSS+JS gzip |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    uncached, app_cached, cached = runs["uncached"], runs["app cache"], runs["nginx"]
    for label, url in urls:
        page, slow, app, fast = pages[url], uncached[url], app_cached[url], cached[url]
        app_rate = rate(app, anchors["cached"]) if app["served_by"] != "rendered" else f"{app['rps']:,.0f} (rendered)"
        fast_rate = (
            rate(fast, static) if fast["served_by"] == "nginx cache" else f"{fast['rps']:,.0f} ({fast['served_by']})"
        )
        lines.append(
            f"| {label} | `{url}` | {page['queries']} | {rate(slow, anchors['rendered'])} | {latency(slow)} "
            f"| {app_rate} | {latency(app)} | {fast_rate} | {latency(fast)} | {page['html_gzip']:,} "
            f"| {page['weight']:,} |"
        )
    lines += [
        f"| **Anchor**: welcome page, rendered | `/` | | {rate(anchors['rendered'], anchors['rendered'])} "
        f"| {latency(anchors['rendered'])} | | | | | | |",
        f"| **Anchor**: welcome page, Django's cache middleware | `/` | | | | "
        f"{rate(anchors['cached'], anchors['cached'])} | {latency(anchors['cached'])} | | | | |",
        f"| **Static baseline** | `/index.html` | | | | | | {rate(static, static)} | {latency(static)} | | |",
    ]
    lines += ["", "| Budget or goal | Result | Details |", "|---|---|---|"]
    lines += [f"| {name} | {'PASS' if passed else 'FAIL'} | {details} |" for name, passed, details in budgets]
    return "\n".join(lines) + "\n"


def render_publishing(publishing, urls, args):
    return (
        "\n".join(
            [
                "",
                f"## Publishing under load (every {PUBLISH_EVERY_SECONDS} s)",
                "",
                f"gunicorn with the app's page cache (no nginx), wrk with {args.connections} connections for "
                f"{PUBLISH_RUN_SECONDS} s asking for the {len(urls)} pages above in turn; a news item published "
                f"{publishing['publishes']} times meanwhile, each publish moving the content generation on (every page "
                "rendered again).",
                "",
                "| Requests | req/s | p50 / p95 / p99 ms | Errors |",
                "|--:|--:|--:|--:|",
                f"| {publishing['requests']:,} | {publishing['rps']:,.0f} | {publishing['p50_ms']:.1f} / "
                f"{publishing['p95_ms']:.1f} / {publishing['p99_ms']:.1f} | "
                f"{publishing['bad_status'] + publishing['socket_errors']} |",
            ]
        )
        + "\n"
    )


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def memory_gib():
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024**2
    return 0.0


def versions():
    import wagtail
    from django.db import connection

    nginx = subprocess.run([nginx_config.NGINX, "-v"], capture_output=True, text=True).stderr.strip()
    return (
        f"Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        f"PostgreSQL {connection.pg_version // 10000}, {nginx.split(': ')[-1]}"
    )


def step(message):
    print(f"== {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("Interrupted: gunicorn and nginx stopped.")
