"""Purges and other slow side effects of a publish, queued in the database for the worker (`manage.py db_worker`)
and tried again after a failure (core/purging.py). The two-node test runs the worker as its own process."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from publications.models import PublicationFile

from .factories import make_document, make_news_item, make_publication, publish

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued_site(wagtail_base_rows, site_tree, settings):
    """The site of site_tree, its tasks from now on queued in the database."""
    settings.TASKS = DATABASE_QUEUE
    settings.PURGE_RETRY_SECONDS = 0  # each retry is ready at once, so one worker run sees them all
    return site_tree


def run_worker():
    """The worker, as production runs it, until the queue holds nothing ready."""
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)


def purges():
    return list(
        DBTaskResult.objects.filter(task_path="core.purging.purge_urls")
        .order_by("enqueued_at")
        .values_list("status", "args_kwargs")
    )


def test_a_publish_leaves_its_purges_to_the_worker(queued_site, purge_server):
    item = make_news_item(title="Queued story")
    assert purge_server.purged == []  # the editor's request did not wait for any cache in front
    assert [status for status, _ in purges()] == ["READY"]
    run_worker()
    assert f"/news/{item.slug}/" in purge_server.purged
    assert f"/fr/news/{item.slug}/" in purge_server.purged
    assert [status for status, _ in purges()] == ["SUCCESSFUL"]


def test_a_failed_purge_is_tried_again_until_it_succeeds(queued_site, purge_server):
    purge_server.failures = 1  # the proxy answers 502 once, as while it restarts
    item = make_news_item(title="Retried story")
    run_worker()
    assert purges() == [
        ("FAILED", {"args": [purge_urls_args(item)], "kwargs": {}}),
        ("SUCCESSFUL", {"args": [purge_urls_args(item), 2, ["proxy"]], "kwargs": {}}),
    ]
    assert f"/news/{item.slug}/" in purge_server.purged


def test_a_cache_that_is_down_does_not_keep_the_others_from_purging(queued_site, purge_server, settings):
    from deploy.nginx.config import free_port

    down = {"BACKEND": "core.purging.HTTPBackend", "LOCATION": f"http://127.0.0.1:{free_port()}"}  # nothing there
    settings.WAGTAILFRONTENDCACHE = {"down": down, **settings.WAGTAILFRONTENDCACHE}
    settings.PURGE_RETRIES = 1
    item = make_news_item(title="Half-purged story")
    run_worker()
    assert f"/news/{item.slug}/" in purge_server.purged  # purged by the first attempt, the cache down first
    retries = [args_kwargs["args"][1:] for _, args_kwargs in purges()[1:]]
    assert retries == [[2, ["down"]]]  # only the cache that failed is tried again


def test_a_purge_failing_every_time_is_given_up_after_the_retries(queued_site, purge_server, settings):
    settings.PURGE_RETRIES = 2
    purge_server.failures = 10**6
    make_news_item(title="Unpurgeable story")
    run_worker()
    assert [status for status, _ in purges()] == ["FAILED"] * 3
    assert purge_server.purged == []


def test_a_file_taken_out_of_a_live_publication_is_gone_with_the_publish(queued_site, client):
    """Which documents may be downloaded is read from the reference index: it must not wait for the worker."""
    old, new = make_document("First edition", name="first.pdf"), make_document("Corrected", name="corrected.pdf")
    publication = make_publication(title="Annual report", document=old)
    assert client.get(old.url).status_code == 200
    publication.files = [PublicationFile(language="en", document=new)]
    publish(publication)
    assert client.get(old.url).status_code == 404  # no worker has run
    assert client.get(new.url).status_code == 200


def test_the_worker_also_updates_the_reference_index(queued_site):
    """Wagtail's own task, for everything else (images, snippets): the admin's usage counts follow."""
    from wagtail.models import ReferenceIndex

    item = make_publication(title="Indexed report")  # its file and cover are references
    assert DBTaskResult.objects.filter(task_path="wagtail.tasks.update_reference_index_task", status="READY").exists()
    ReferenceIndex.objects.filter(object_id=str(item.pk)).delete()  # as if only the worker indexed it
    run_worker()
    assert ReferenceIndex.objects.filter(object_id=str(item.pk)).exists()
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def purge_urls_args(item):
    return (
        DBTaskResult.objects.filter(task_path="core.purging.purge_urls")
        .order_by("enqueued_at")
        .first()
        .args_kwargs["args"][0]
    )
