"""Anonymous pages from a read replica (DATABASE_REPLICA_URL), never behind a takedown (core/database/replica.py).

The replica here is a copy of the test database taken when the test says (SQLite's backup, PostgreSQL's database
templates): between copies it lags behind the primary as a real replica may.
"""

import sqlite3

import psycopg
import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from .factories import make_news_item, make_publication, make_site_tree

REPLICA = "replica"


pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(scope="module", autouse=True)
def replica_alias(tmp_path_factory, django_db_setup, django_db_blocker):
    """The replica's alias, defined before each test's database access is set up (which must name it)."""
    primary = connections["default"].settings_dict
    if connections["default"].vendor == "sqlite":
        replica = {**primary, "NAME": str(tmp_path_factory.mktemp("replica") / "replica.sqlite3")}
    else:
        replica = {**primary, "NAME": f"{primary['NAME']}_replica"}
    connections.settings[REPLICA] = connections.configure_settings({"default": primary, REPLICA: replica})[REPLICA]
    yield replica
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]
    if connections["default"].vendor == "postgresql":
        with django_db_blocker.unblock(), psycopg.connect(postgres_server(primary), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{replica["NAME"]}" WITH (FORCE)')


def postgres_server(database):
    return f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/postgres"


@pytest.fixture
def lagging_replica(replica_alias, settings, wagtail_base_rows):
    """Routes anonymous reads to the replica; returns ``replicate()``, which brings it up to date."""
    primary = connections["default"].settings_dict
    settings.DATABASE_ROUTERS = ["core.database.replica.ReplicaRouter"]

    def replicate():
        connections[REPLICA].close()
        if connections["default"].vendor == "sqlite":
            connections["default"].ensure_connection()
            with sqlite3.connect(replica_alias["NAME"]) as target:
                connections["default"].connection.backup(target)
        else:
            connections["default"].close()  # a template database must have no session, this one's or another's
            with psycopg.connect(postgres_server(primary), autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                    (primary["NAME"],),
                )
                admin.execute(f'DROP DATABASE IF EXISTS "{replica_alias["NAME"]}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{replica_alias["NAME"]}" TEMPLATE "{primary["NAME"]}"')

    replicate()  # a replica that has the schema, whatever the test does
    return replicate


def get(client, path, **headers):
    """The response, and how many queries the replica answered for it."""
    with CaptureQueriesContext(connections[REPLICA]) as replica_queries:
        response = client.get(path, **headers)
    return response, len(replica_queries)


def test_anonymous_pages_are_read_from_a_replica_that_has_caught_up(lagging_replica, client):
    make_site_tree()
    item = make_news_item(title="Replicated story")
    lagging_replica()
    response, replica_queries = get(client, item.get_url())
    assert response.status_code == 200 and "Replicated story" in response.content.decode()
    assert replica_queries > 1  # the check, then the page


def test_a_takedown_is_final_while_the_replica_lags(lagging_replica, client):
    make_site_tree()
    item = make_news_item(title="Story taken down")
    lagging_replica()
    assert get(client, item.get_url())[0].status_code == 200

    item.unpublish()  # on the primary; the replica still has the story live
    response, replica_queries = get(client, item.get_url())
    assert response.status_code == 404  # read from the primary: the replica is behind its content generation
    assert replica_queries == 1  # only its generation was asked

    lagging_replica()
    response, replica_queries = get(client, item.get_url())
    assert response.status_code == 404 and replica_queries > 1


def test_signed_in_visitors_and_the_admin_read_the_primary(lagging_replica, client):
    make_site_tree()
    item = make_news_item(title="Primary story")
    lagging_replica()
    assert get(client, item.get_url(), HTTP_COOKIE="sessionid=someone")[1] == 0
    assert get(client, "/admin/login/")[1] == 0


def test_what_a_visitors_page_writes_goes_to_the_primary(lagging_replica, client):
    """A publication's cover is resized on its first view: the rendition is written to the primary, never into
    the replica (a read-only standby would refuse it, and the primary would not have it)."""
    from wagtail.images import get_image_model

    make_site_tree()
    publication = make_publication(title="Replicated report")
    rendition_model = get_image_model().get_rendition_model()
    rendition_model.objects.all().delete()
    lagging_replica()
    response, replica_queries = get(client, publication.get_url())
    assert response.status_code == 200 and replica_queries > 1
    assert rendition_model.objects.using("default").exists()
    assert not rendition_model.objects.using(REPLICA).exists()
