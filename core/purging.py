"""Purges of the caches in front (nginx nodes, a CDN), run by the task worker and tried again until they succeed.

Wagtail's HTTPBackend logs a purge that failed and carries on, so nothing would try it again; HTTPBackend here
raises instead, and purge_urls schedules another attempt, later each time, until PURGE_RETRIES are spent. Until a
retry succeeds, a cache in front still asks the app again after SHARED_CACHE_SECONDS (settings).
"""

import datetime
import logging
from urllib.error import HTTPError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from wagtail.contrib.frontend_cache.backends import http
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

logger = logging.getLogger(__name__)


class PurgeFailed(Exception):
    pass


class HTTPBackend(http.HTTPBackend):
    """Wagtail's backend for a caching proxy, with a deadline and an exception when a purge fails."""

    def __init__(self, params):
        self.timeout = params.pop("TIMEOUT", 5)
        super().__init__(params)

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        failures = []
        for url in urls:
            try:
                urlopen(self.purge_request(url), timeout=self.timeout)  # noqa: S310 - LOCATION is configured
            except HTTPError as error:  # this URL refused: the others may still be purged
                failures.append(f"{url}: {error}")
            except OSError as error:  # the proxy is down or hung: every other URL would wait as long
                raise PurgeFailed(f"{self.cache_scheme}://{self.cache_netloc} unreachable: {error}") from error
        if failures:
            raise PurgeFailed(f"{self.cache_scheme}://{self.cache_netloc} did not purge " + "; ".join(failures))

    def purge_request(self, url):
        """The PURGE Wagtail's backend sends: the page's path at the proxy, the page's host in Host."""
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        location = urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, parts.fragment])
        return http.PurgeRequest(url=location, headers={"Host": host, "User-Agent": "unodc-site purge"})


@task()
def purge_urls(urls, attempt=1, caches=None):
    """Every cache in front (or those named in ``caches``) forgets ``urls``, in every language (Wagtail's own
    task does the work, one cache at a time, so a cache that fails does not keep the others from purging).

    The caches that failed are tried again, with a queue that can defer (the database queue of production),
    PURGE_RETRY_SECONDS later, doubling each time; this attempt is still recorded as failed.
    """
    failed = []
    for cache in caches or settings.WAGTAILFRONTENDCACHE:
        try:
            purge_urls_from_cache_task.call(urls, backends=[cache])
        except Exception:
            logger.exception("Purge attempt %d failed for %s", attempt, cache)
            failed.append(cache)
    if not failed:
        return
    if attempt <= settings.PURGE_RETRIES and purge_urls.get_backend().supports_defer:
        delay = settings.PURGE_RETRY_SECONDS * 2 ** (attempt - 1)
        later = purge_urls.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
        later.enqueue(urls, attempt + 1, failed)
    raise PurgeFailed(f"Purge attempt {attempt} failed for {', '.join(failed)}")
