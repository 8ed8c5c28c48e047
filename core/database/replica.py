"""Anonymous visitors' pages read from a replica (DATABASE_REPLICA_URL), never older than the primary's content.

A replica lags behind its primary. Read blindly, it could serve a page a takedown removed moments ago, and the page
cache would keep that old page under the new content generation (core/cache.py): the takedown undone until the
entry expired. So the generation is always read from the primary, and the replica is read only when its own
generation is the same: then it holds every change up to it (the replica applies commits in order). Until it has
caught up, the request reads the primary. The check costs one query on the replica, made only by a request that
reads anything else (a page cache hit reads nothing). Writes, the admin and signed-in visitors use the primary.
"""

import contextvars

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DatabaseError, connections

from core.cache import is_public_path, request_generation
from core.models import ContentGeneration

REPLICA = "replica"

# The replica check of the request being served; None when it must not read the replica.
current_check = contextvars.ContextVar("replica_check", default=None)


class ReplicaCheck:
    def __init__(self, request):
        self.request = request
        self.result = None

    def caught_up(self):
        if self.result is None:
            self.result = False  # while checking, and if the replica cannot answer: the primary
            try:
                replica = ContentGeneration.objects.using(REPLICA).filter(pk=ContentGeneration.ROW)
                self.result = replica.values_list("value", flat=True).first() == request_generation(self.request)
            except DatabaseError:
                pass
        return self.result


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        check = current_check.get()
        if check is None or model is ContentGeneration:  # the generation is the primary's word
            return None
        return REPLICA if check.caught_up() else None

    def db_for_write(self, model, **hints):
        # Always the primary, even for an object read from the replica (Django would write it back there): a
        # visitor's GET may write, e.g. a rendition of an image made on first view.
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's rows

    def allow_migrate(self, db, app_label, **hints):
        if db == REPLICA:
            return False  # the replica copies the primary's schema
        return None


class ReplicaReadsMiddleware:
    """Lets an anonymous visitor's GET of a public page read the replica, when it has caught up."""

    def __init__(self, get_response):
        if REPLICA not in connections.settings:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        anonymous_read = (
            request.method in ("GET", "HEAD")
            and is_public_path(request.path)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        if not anonymous_read:
            return self.get_response(request)
        token = current_check.set(ReplicaCheck(request))
        try:
            return self.get_response(request)
        finally:
            current_check.reset(token)
