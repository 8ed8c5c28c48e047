import contextlib
import http.client
import http.server
import importlib
import os
import threading

import pytest
from django.core.cache import caches

from core.cache import page_copies, process_cache
from deploy import stack
from deploy.nginx import config as nginx_config
from pages.roles import ROLES

from .factories import make_site_tree

SITE_HOST = "localhost"  # make_site_tree's default site, at SITE_URL: Wagtail purges http://localhost/<path>


# Fixtures that start nginx or redis-server: tests using them, directly or not, are marked `proxy`.
PROCESS_FIXTURES = {"proxies", "proxy", "redis_url", "s3_bucket"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if PROCESS_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.proxy)


def clear_caches():
    """Empty every cache: pages, Wagtail's site root paths, image renditions and each worker's copies."""
    for cache in (*caches.all(), process_cache, page_copies):
        cache.clear()


def assert_queries_after_a_change_then_later(client, url, queries, assert_num_queries):
    """``url`` costs ``queries[0]`` queries on the first request after a change (every cache emptied, as a new
    content generation leaves them), then ``queries[1]`` on every later one."""
    clear_caches()
    after_a_change, later = queries
    with assert_num_queries(after_a_change):
        assert client.get(url).status_code == 200
    with assert_num_queries(later):
        assert client.get(url).status_code == 200


@pytest.fixture(autouse=True)
def fresh_caches():
    # Caches outlive the database rollback between tests; each test builds its own site.
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def without_clearance(db):
    """Clearance switched off, as README "Clearance" says, for tests of publishing itself: their editors
    publish directly (tests/test_clearance.py covers the workflow)."""
    from wagtail.models import Workflow

    from pages.roles import CLEARANCE_WORKFLOW

    Workflow.objects.get(name=CLEARANCE_WORKFLOW).deactivate()


@pytest.fixture
def site_tree(db):
    return make_site_tree()


@pytest.fixture
def client(client):
    """A test client on the default site's host name."""
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def wagtail_base_rows(transactional_db):
    """The rows Wagtail's migrations and ours create, which an earlier transactional test's flush removed."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Page

    # The six languages, each kept in step with English (the data migration's own function).
    importlib.import_module("pages.migrations.0008_six_languages").add_locales(apps, None)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    restore_roles()
    # The Clearance role and workflow (the migration's own function, which only adds what is missing).
    importlib.import_module("pages.migrations.0017_clearance").create_clearance(apps, None)


def restore_roles():
    """The staff roles as pages 0003 creates them, with today's permissions (pages/roles.py)."""
    from django.apps import apps
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, GroupCollectionPermission

    # The migration's own helper: it also recreates permissions a flush removed that no model declares
    # (wagtail-localize's "submit translation").
    get_permission = importlib.import_module("pages.migrations.0003_staff_roles").get_permission

    def permissions(label, actions):
        return [get_permission(apps, label, action) for action in actions]

    for name, rights in ROLES.items():
        group, created = Group.objects.get_or_create(name=name)
        if not created:
            continue
        for label, actions in rights["model_permissions"].items():
            group.permissions.add(*permissions(label, actions))
        for label, actions in rights["collection_permissions"].items():
            for permission in permissions(label, actions):
                GroupCollectionPermission.objects.create(
                    group=group, collection=Collection.get_first_root_node(), permission=permission
                )


@pytest.fixture
def proxies(live_server, settings, tmp_path, wagtail_base_rows):
    """Starts caching proxies: ``proxies(count)`` gives ``count`` nginx nodes with the shipped config in front of
    the live server, each a function making a GET through it, (status, headers, body), with its ``port`` and its
    ``purge_url``. Purging them is the test's to configure (the ``proxy`` fixture wires one)."""
    if not nginx_config.available():
        reason = f"nginx with the cache purge module not found ({nginx_config.NGINX}, {nginx_config.PURGE_MODULE})"
        if os.environ.get("REQUIRE_PROXY_TESTS"):
            pytest.fail(f"REQUIRE_PROXY_TESTS is set but {reason}")
        pytest.skip(f"{reason}: apt-get install nginx libnginx-mod-http-cache-purge")
    started, nodes = contextlib.ExitStack(), []

    def start(count):
        for _ in range(count):
            folder = tmp_path / f"proxy-{len(nodes)}"
            port, purge_port = nginx_config.free_port(), nginx_config.free_port()
            values = {
                "UPSTREAM": f"127.0.0.1:{live_server.url.rsplit(':', 1)[1]}",
                "LISTEN": f"127.0.0.1:{port}",
                "SERVER_NAME": "_",
                "PURGE_LISTEN": f"127.0.0.1:{purge_port}",
                "CACHE_DIR": folder / "cache",
                "STATIC_ROOT": folder / "static",
                "MEDIA_ROOT": settings.MEDIA_ROOT,
            }
            started.enter_context(nginx_config.running_nginx(folder / "nginx", values))
            nodes.append(through(port, f"http://127.0.0.1:{purge_port}"))
        return nodes[-count:]

    with started:
        yield start


def through(port, purge_url):
    def get(path, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", path, headers={"Host": SITE_HOST, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            connection.close()

    get.port, get.purge_url = port, purge_url
    return get


@pytest.fixture
def proxy(proxies, settings):
    """nginx with the shipped config in front of the live server; Wagtail purges through it.

    Returns a function making a GET through nginx: (status, headers, body); its ``port`` is nginx's.
    """
    (node,) = proxies(1)
    # Read by Wagtail each time it purges (frontend_cache.utils.get_backends), so overriding the
    # setting here is enough: nothing caches the backends.
    settings.WAGTAILFRONTENDCACHE = {"proxy": {"BACKEND": "core.purging.HTTPBackend", "LOCATION": node.purge_url}}
    return node


class PurgeEndpoint(http.server.ThreadingHTTPServer):
    """A caching proxy's purge endpoint on loopback: records each path it purges, and answers 502 to the next
    ``failures`` requests, as a proxy being restarted would."""

    failures = 0

    def __init__(self):
        self.purged = []
        super().__init__(("127.0.0.1", 0), PurgeHandler)
        self.url = f"http://127.0.0.1:{self.server_port}"


class PurgeHandler(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        if self.server.failures:
            self.server.failures -= 1
            self.send_response(502)
        else:
            self.server.purged.append(self.path)
            self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    """A PurgeEndpoint, the only cache in front of the site."""
    server = PurgeEndpoint()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {"proxy": {"BACKEND": "core.purging.HTTPBackend", "LOCATION": server.url}}
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def redis_url(settings, tmp_path):
    """A redis-server of our own (deploy/stack.py), as the site's cache; yields its URL and process."""
    if not os.path.exists(stack.REDIS_SERVER):
        if os.environ.get("REQUIRE_PROXY_TESTS"):
            pytest.fail(f"REQUIRE_PROXY_TESTS is set but {stack.REDIS_SERVER} is missing")
        pytest.skip(f"{stack.REDIS_SERVER} not found: apt-get install redis-server")
    port = nginx_config.free_port()
    with stack.redis_server(tmp_path / "redis", port) as process:
        url = f"redis://127.0.0.1:{port}/0"
        settings.CACHES = {
            alias: {
                "BACKEND": "core.cache.FaultTolerantRedisCache",
                "LOCATION": url,
                "KEY_PREFIX": alias,
            }
            for alias in ("default", "renditions")
        }
        yield url, process


@pytest.fixture
def s3_bucket(settings, monkeypatch):
    """A real S3 API on loopback (moto's server) as the site's media storage; yields its endpoint URL."""
    from unodc_site.settings.env import object_storage

    port = nginx_config.free_port()
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", stack.S3_CREDENTIALS["aws_access_key_id"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", stack.S3_CREDENTIALS["aws_secret_access_key"])
    with stack.s3_server(port, "unodc-media") as endpoint:
        settings.STORAGES = {
            **settings.STORAGES,
            "default": object_storage("unodc-media", endpoint_url=endpoint, region="us-east-1", link_seconds=60),
        }
        settings.WAGTAILDOCS_SERVE_METHOD = "redirect"  # what DOCUMENT_DOWNLOADS=storage sets
        yield endpoint
