"""Circuit breakers: a dependency that failed is left alone for a few seconds.

Each call to a hung dependency would otherwise wait for its own timeout, and a page makes many
calls: after one failure, the calls of the next few seconds (``REDIS_RETRY_SECONDS``,
``DATABASE_RETRY_SECONDS``) fail at once instead, and the operator gets one warning per interval
rather than one per call. State is per process
(each gunicorn worker probes on its own), which is what bounds each worker's wait.
"""

import logging
import time

from django.conf import settings

logger = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(self, name, retry_setting):
        self.name = name
        self.retry_setting = retry_setting  # read at each failure, so tests may change it
        self.open_until = 0.0

    @property
    def is_open(self):
        return time.monotonic() < self.open_until

    def record_failure(self, error):
        pause = getattr(settings, self.retry_setting)
        self.open_until = time.monotonic() + pause
        logger.warning("%s unavailable, not called for %s s: %s", self.name, pause, error)


_breakers = {}


def breaker_for(name, retry_setting):
    """The process's breaker of one dependency (a Redis server, a database), made on first use."""
    if name not in _breakers:
        _breakers[name] = CircuitBreaker(name, retry_setting)
    return _breakers[name]
