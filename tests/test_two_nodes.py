"""Two app nodes behind nginx, sharing only PostgreSQL, Redis and an S3 store (deploy/cluster.py): whichever node
an editor uses, every node serves what was published at once, and a node failing under load costs no visitor a
page. The cluster uses PostgreSQL whichever database the rest of the suite runs on (its own database)."""

import http.client
import http.cookiejar
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import psycopg
import pytest

from deploy import cluster, stack
from deploy.nginx import config as nginx_config

pytestmark = [pytest.mark.proxy, pytest.mark.slow]

EDITOR, PASSWORD = "editor", "two-nodes-editor-password"


def unavailable():
    if not nginx_config.available():
        return "nginx with the cache purge module not found (apt-get install nginx libnginx-mod-http-cache-purge)"
    if not os.path.exists(stack.REDIS_SERVER):
        return f"{stack.REDIS_SERVER} not found (apt-get install redis-server)"
    try:
        psycopg.connect(f"{cluster.postgres_server()}/postgres", connect_timeout=2).close()
    except psycopg.OperationalError as error:
        return f"PostgreSQL unreachable at {cluster.postgres_server()}: {error}"
    return None


@pytest.fixture(scope="module")
def two_nodes(tmp_path_factory):
    if reason := unavailable():
        if os.environ.get("REQUIRE_PROXY_TESTS"):
            pytest.fail(f"REQUIRE_PROXY_TESTS is set but {reason}")
        pytest.skip(reason)
    workdir = tmp_path_factory.mktemp("two-nodes")
    with (
        cluster.fresh_database(cluster.postgres_server(), f"unodc_two_nodes_{os.getpid()}") as database,
        open(workdir / "nodes.log", "w") as log,
        cluster.running(workdir, database, log) as running,
    ):
        environment = {**running.environment, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
        stack.manage(environment, "createsuperuser", "--noinput", "--username", EDITOR, "--email", "e@example.org")
        yield running


def get(port, path, headers=None):
    """An anonymous visitor's GET, sent to one port: (status, body, headers)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read().decode(), response.headers
    finally:
        connection.close()


class EditorSession:
    """An editor signed in to the admin of one node."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.post("/admin/login/", {"username": EDITOR, "password": PASSWORD})
        assert "sessionid" in {cookie.name for cookie in self.cookies}, "the editor could not sign in"

    def post(self, path, data):
        """POST a form as the admin's own would, with the CSRF token of its page: the final status."""
        with self.opener.open(self.base + path, timeout=30) as page:  # noqa: S310 - loopback
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())[1]
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=30) as response:  # noqa: S310 - loopback
            return response.status


def a_leaf_page(environment):
    """A published English page without children: (id, its public path)."""
    with psycopg.connect(environment["DATABASE_URL"]) as connection:
        home = connection.execute(
            "SELECT p.url_path FROM wagtailcore_site s JOIN wagtailcore_page p ON p.id = s.root_page_id"
        ).fetchone()[0]
        page_id, url_path = connection.execute(
            "SELECT id, url_path FROM wagtailcore_page WHERE url_path LIKE %s AND depth = 3 AND live AND numchild = 0 "
            "ORDER BY path LIMIT 1",
            (home + "%",),
        ).fetchone()
    return page_id, url_path[len(home) - 1 :]


def within(seconds, check):
    """Whether ``check()`` holds at some point within ``seconds``, asking every 50 ms."""
    deadline = time.monotonic() + seconds
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def purges_done(environment, path):
    """How many purges naming ``path`` the task worker has carried out."""
    with psycopg.connect(environment["DATABASE_URL"]) as connection:
        return connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE task_path = 'core.purging.purge_urls' "
            "AND status = 'SUCCESSFUL' AND args_kwargs::text LIKE %s",
            (f'%{path}"%',),
        ).fetchone()[0]


def test_what_an_editor_publishes_on_one_node_every_node_serves_within_a_second(two_nodes):
    node_a, node_b = two_nodes.nodes
    balancer = int(two_nodes.url.rsplit(":", 1)[1])
    page_id, path = a_leaf_page(two_nodes.environment)
    for _ in range(2):  # node B has the page in the shared cache, the balancer in its own
        assert get(node_b.port, path)[0] == 200
        status, _, headers = get(balancer, path)
    assert status == 200 and headers["X-Cache-Status"] == "HIT"
    editor = EditorSession(node_a.port)

    # A new version of the page, saved as a draft, published by the editor on node A.
    draft = f"p = Page.objects.get(pk={page_id}).specific; p.title = 'Revised on node A'; p.save_revision()"
    stack.manage(two_nodes.environment, "shell", "-c", f"from wagtail.models import Page; {draft}")
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"
    assert editor.post(publish, {}) == 200
    assert within(1, lambda: "Revised on node A" in get(node_b.port, path)[1]), "node B serves the old version"
    assert within(3, lambda: "Revised on node A" in get(balancer, path)[1])

    purges = purges_done(two_nodes.environment, path)
    assert editor.post(f"/admin/pages/{page_id}/unpublish/", {}) == 200
    assert within(1, lambda: get(node_b.port, path)[0] == 404), "node B still serves the page taken down on A"
    # The worker purges the balancer's copy (else nginx would keep it up to SHARED_CACHE_SECONDS).
    assert within(3, lambda: purges_done(two_nodes.environment, path) > purges), "no purge by the task worker"
    assert get(balancer, path)[0] == 404

    assert editor.post(publish, {}) == 200
    assert within(1, lambda: get(node_b.port, path)[0] == 200), "node B does not serve the page published on A"
    assert within(3, lambda: get(balancer, path)[0] == 200)


def test_a_node_failing_under_load_loses_no_visitors_request(two_nodes):
    """Visitors past nginx's cache (a session cookie) while node A is killed: nginx sends what A cannot answer
    to B. At most the requests in flight on A may fail; in practice nginx retries those GETs on B too."""
    balancer = int(two_nodes.url.rsplit(":", 1)[1])
    node_a, node_b = two_nodes.nodes
    outcomes, stop = [], threading.Event()

    def visitor():
        while not stop.is_set():
            try:
                status = get(balancer, "/news/", {"Cookie": "sessionid=anonymous-visitor"})[0]
            except (OSError, http.client.HTTPException) as error:  # refused, reset, or cut off mid-answer
                status = repr(error)
            outcomes.append((time.monotonic(), status))

    visitors = [threading.Thread(target=visitor) for _ in range(4)]
    for thread in visitors:
        thread.start()
    time.sleep(2)
    killed_at = time.monotonic()
    node_a.kill()
    time.sleep(3)
    stop.set()
    for thread in visitors:
        thread.join(timeout=15)

    with pytest.raises(ConnectionRefusedError):
        get(node_a.port, "/news/")  # node A is gone, workers and all
    failures = [status for _, status in outcomes if status != 200]
    after = [status for moment, status in outcomes if moment > killed_at + 0.5]
    assert len(failures) <= len(visitors), failures  # no more than were in flight
    assert after and all(status == 200 for status in after)  # node B answers everything since
    assert get(node_b.port, "/news/")[0] == 200
