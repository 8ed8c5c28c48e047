"""``/healthz``: which dependency is down, for load balancers and the operator, always within 2 seconds.

503 only when the site cannot serve without the failing dependency (the database); a cache that is
down costs speed, not pages, so it is reported with a 200.
"""

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as ProbeTimeout

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse

from .database.base import request_deadline

PROBE_SECONDS = 1.5
# One thread of its own probes the database, so a hung server costs /healthz PROBE_SECONDS however
# long the connection attempt waits (psycopg's connect timeout is at least 2 s). A probe still
# waiting makes the next one queue behind it and time out too: the database is reported down.
_prober = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthz")


def _database_answers():
    """Connect and ask: each probe tries the whole path a request takes, and holds no connection."""
    request_deadline.set(PROBE_SECONDS)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    finally:
        connection.close()
    return True


def database_status():
    try:
        answered = _prober.submit(_database_answers).result(timeout=PROBE_SECONDS)
    except ProbeTimeout:
        answered = False
    return "ok" if answered else "unavailable"


def cache_status():
    ping = getattr(cache, "ping", None)  # Redis; a folder of files has nothing to ask
    if ping is None:
        return "ok"
    return "ok" if ping() else "unavailable"


def healthz(request):
    checks = {"database": database_status(), "cache": cache_status()}
    return JsonResponse(
        checks, status=200 if checks["database"] == "ok" else 503, headers={"Cache-Control": "no-store"}
    )
