"""PostgreSQL with a deadline on each wait for the server during requests, and a breaker.

A hung server (the TCP connection accepted, then no answer) would otherwise hold a worker until
gunicorn kills it. Connections opened during a request carry a ``statement_timeout`` of
``DATABASE_TIMEOUT_SECONDS``; every wait for the server during a request ends soon after it, and
connecting after ``connect_timeout``; after either fails, no
connection is tried for ``DATABASE_RETRY_SECONDS``, so the rest of the request and the requests
after it get the 503 page at once. Management commands (migrations, imports) run outside requests
and may wait as long as their queries need.

Selected by ``DATABASES["default"]["ENGINE"] = "core.database"`` (settings do it for postgres://).
"""

import contextvars

import psycopg
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db.backends.postgresql import base
from psycopg import IsolationLevel
from psycopg_pool import PoolTimeout

from core.breaker import breaker_for

# The deadline of the request being served in this thread; None outside requests.
request_deadline = contextvars.ContextVar("database_request_deadline", default=None)


# Past the server's statement_timeout, so a slow query is cancelled by the server (the connection
# stays usable) before the client gives up on a server that does not answer at all.
CLIENT_GRACE_SECONDS = 0.5


def start_deadline(**kwargs):
    seconds = settings.DATABASE_TIMEOUT_SECONDS
    request_deadline.set(seconds + CLIENT_GRACE_SECONDS if seconds else None)


def end_deadline(**kwargs):
    request_deadline.set(None)


def connect_signals():
    """Called from CoreConfig.ready: before the first request, whenever this backend is loaded."""
    request_started.connect(start_deadline, dispatch_uid="core.database.start_deadline")
    request_finished.connect(end_deadline, dispatch_uid="core.database.end_deadline")


class DeadlineConnection(psycopg.Connection):
    breaker = None  # set by DatabaseWrapper.get_new_connection

    def wait(self, gen, *args, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = request_deadline.get()
        try:
            return super().wait(gen, *args, **kwargs)
        except psycopg.errors._WaitTimeout as error:  # what psycopg raises when `timeout` passes
            # The server may still answer later: the connection's state is unknown, so it is closed.
            self.pgconn.finish()
            failure = psycopg.OperationalError(f"the database did not answer within {kwargs['timeout']} s")
            self.breaker.record_failure(failure)
            raise failure from error


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        database = self.settings_dict
        self.breaker = breaker_for(
            f"Database {database['HOST']}:{database['PORT']}/{database['NAME']}", "DATABASE_RETRY_SECONDS"
        )

    @property
    def pool(self):
        """Django's pool (OPTIONS["pool"], DATABASE_POOL_SIZE), of connections with this backend's deadlines."""
        options = self.settings_dict["OPTIONS"].get("pool")
        if options and "connection_class" not in options:
            # On this wrapper's copy of the settings: Django builds the pool from them on first use.
            self.settings_dict = {
                **self.settings_dict,
                "OPTIONS": {
                    **self.settings_dict["OPTIONS"],
                    "pool": {**options, "connection_class": DeadlineConnection},
                },
            }
        return super().pool

    def _configure_connection(self, connection):
        # Called for every new connection, by the pool too (whose own health checks wait on it before
        # get_new_connection sees it): each has the breaker to report a server that does not answer.
        connection.breaker = self.breaker
        return super()._configure_connection(connection)

    def get_connection_params(self):
        # Read for each connection, and once for a pool: created during a request, a web worker's pool gives
        # every connection the request deadline; a command's (migrations) none.
        params = super().get_connection_params()
        if request_deadline.get():
            statement_timeout = f"-c statement_timeout={int(settings.DATABASE_TIMEOUT_SECONDS * 1000)}"
            params["options"] = f"{params.get('options', '')} {statement_timeout}".strip()
        return params

    def get_new_connection(self, conn_params):
        # Django's own, minus the isolation_level option this site does not use.
        if self.breaker.is_open:
            raise psycopg.OperationalError(f"{self.breaker.name} failed moments ago; not tried again yet")
        try:
            if self.pool:
                self.pool.open()
                connection = self.pool.getconn()
            else:
                connection = DeadlineConnection.connect(**conn_params)
        except (psycopg.OperationalError, PoolTimeout) as error:
            self.breaker.record_failure(error)
            raise psycopg.OperationalError(str(error)) from error
        connection.breaker = self.breaker
        self.isolation_level = IsolationLevel.READ_COMMITTED
        return connection
