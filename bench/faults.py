"""What each dependency fault does to visitors: prints the figures of docs/operations.md.

    .venv/bin/python bench/faults.py

gunicorn (2 workers, production settings, page cache off so every request renders) serves the launch
content from PostgreSQL (postgres@127.0.0.1:5432, database unodc_faults, rebuilt each run) reached
through a TCP proxy of ours, with a redis-server of ours as its cache. Each is then paused with
SIGSTOP (a hung server: connections accepted, never answered) or stopped (refused), and the same
pages are asked for in turn. Everything runs on 127.0.0.1; everything started is stopped.
"""

import contextlib
import http.client
import json
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from deploy import stack, tcp_proxy  # noqa: E402
from deploy.nginx import config as nginx_config  # noqa: E402

DATABASE = "unodc_faults"
ROUNDS = 20  # requests per page and phase
LOG_PATH = None  # gunicorn's log, once it runs


def get(port, path):
    start = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": "localhost"})
        response = connection.getresponse()
        body = response.read()
        return time.monotonic() - start, response.status, body
    finally:
        connection.close()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def pages_of(port):
    """Home, both listings, a news item, a publication and another page, from the sitemap."""
    _, _, index = get(port, "/sitemap.xml")
    paths = []
    for section in re.findall(r"<loc>([^<]+)</loc>", index.decode()):
        _, _, sitemap = get(port, section.split("localhost", 1)[1])
        paths += [loc.split("localhost", 1)[1] for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.decode())]
    news_item = next(path for path in paths if re.fullmatch(r"/news/[^/]+/", path))
    publication = next(path for path in paths if re.fullmatch(r"/publications/[^/]+/", path))
    other = next(path for path in paths if path.count("/") == 2 and path not in ("/news/", "/publications/"))
    return ["/", "/news/", "/publications/", news_item, publication, other]


def measure(port, label, pages, rounds=ROUNDS):
    durations, statuses = [], {}
    for _ in range(rounds):
        for path in pages:
            seconds, status, _ = get(port, path)
            durations.append(seconds)
            statuses[status] = statuses.get(status, 0) + 1
    health_seconds, health_status, health = get(port, "/healthz")
    row = {
        "phase": label,
        "healthz": f"{health_status} in {1000 * health_seconds:.0f} ms: {health.decode()}",
        "warnings": warnings_in(LOG_PATH),
        "requests": len(durations),
        "p50_ms": round(1000 * percentile(durations, 0.5)),
        "p95_ms": round(1000 * percentile(durations, 0.95)),
        "max_ms": round(1000 * max(durations)),
        "statuses": statuses,
    }
    print(json.dumps(row), flush=True)
    return row


def warnings_in(log_path):
    """Warnings of unavailable dependencies logged so far."""
    if not log_path:
        return 0
    return sum('"level": "WARNING"' in line and "unavailable" in line for line in log_path.read_text().splitlines())


def main():
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="unodc-faults-") as workdir, contextlib.ExitStack() as running:
        workdir = Path(workdir)
        redis_port = nginx_config.free_port()
        redis = running.enter_context(stack.redis_server(workdir / "redis", redis_port))
        proxy_port, proxy = running.enter_context(tcp_proxy.running(5432))
        port = nginx_config.free_port()
        environment = stack.stack_environment(port, nginx_config.free_port(), f"redis://127.0.0.1:{redis_port}/0")
        environment |= {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{proxy_port}/{DATABASE}",
            "SITE_URL": "http://localhost",
            "FRONTEND_CACHE_PURGE_URL": "",
            "FRONTEND_CACHE_PURGE_URLS": "",
            "PAGE_CACHE_SECONDS": "0",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "LOG_LEVEL": "WARNING",
        }
        stack.manage(environment, "migrate", "--noinput", "--verbosity", "0")
        stack.manage(environment, "load_seed_content")
        stack.manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
        global LOG_PATH
        log_path = LOG_PATH = workdir / "gunicorn.log"
        log = running.enter_context(open(log_path, "w"))
        running.enter_context(stack.gunicorn(port, environment, log))
        pages = pages_of(port)
        print("pages:", " ".join(pages))
        measure(port, "warm-up", pages, rounds=3)

        rows.append(measure(port, "all up", pages))
        redis.send_signal(signal.SIGSTOP)
        rows.append(measure(port, "Redis hung (SIGSTOP)", pages))
        redis.send_signal(signal.SIGCONT)
        rows.append(measure(port, "Redis resumed", pages))
        redis.terminate()
        redis.wait(timeout=10)
        rows.append(measure(port, "Redis stopped (refused)", pages))

        proxy.send_signal(signal.SIGSTOP)
        rows.append(measure(port, "database hung (SIGSTOP)", pages, rounds=5))
        proxy.send_signal(signal.SIGCONT)
        start = time.monotonic()
        while get(port, "/news/")[1] != 200 and time.monotonic() - start < 30:
            time.sleep(0.1)
        print(f"database resumed: pages back after {time.monotonic() - start:.1f} s")
        rows.append(measure(port, "database resumed", pages))

    print("\n| phase | requests | p50 ms | p95 ms | max ms | statuses | warnings logged so far | /healthz after |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        statuses = ", ".join(f"{count}× {status}" for status, count in sorted(row["statuses"].items()))
        figures = " | ".join(str(row[key]) for key in ("requests", "p50_ms", "p95_ms", "max_ms"))
        print(f"| {row['phase']} | {figures} | {statuses} | {row['warnings']} | `{row['healthz']}` |")


if __name__ == "__main__":
    main()
