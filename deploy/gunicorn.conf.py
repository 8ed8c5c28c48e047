"""gunicorn's settings wherever it serves the site: `make run`, `make serve`, `make stack`, the tests and
the benchmarks all start it with ``--config deploy/gunicorn.conf.py``. Command-line options override them.

Logs: gunicorn's own messages and one line per request (its access log) are JSON objects on stdout,
formatted as the app's (unodc_site/logging.py). ACCESS_LOG=0 leaves out the line per request, as the
benchmarks do, so that they do not measure logging.
"""

import gc
import os

ACCESS_LOG = os.environ.get("ACCESS_LOG", "1").lower() not in ("0", "false", "no", "off")

# The method, address, protocol and status; the request's other details are fields of their own.
access_log_format = "%(r)s %(s)s"

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "unodc_site.logging.JSONFormatter"},
        "access": {"()": "unodc_site.logging.AccessFormatter"},
    },
    "handlers": {
        "json": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
        "access": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "access"},
    },
    # Until the app configures its own logging (settings LOGGING) in each worker.
    "root": {"handlers": ["json"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Its level is gunicorn's --log-level (default info).
        "gunicorn.error": {"handlers": ["json"], "propagate": False},
        "gunicorn.access": {
            "handlers": ["access"],
            "level": "INFO" if ACCESS_LOG else "WARNING",
            "propagate": False,
        },
    },
}


def post_worker_init(worker):
    """What the worker has loaded (modules, settings, compiled templates) lives as long as it does: moved out of
    the garbage collector's way, so that its full collections walk only what requests leave behind."""
    gc.freeze()
