"""Logs as one JSON object per line, written by python-json-logger: the app's (settings LOGGING) and
gunicorn's, its access log included (deploy/gunicorn.conf.py).

Every line has "time", "level", "logger" and "message". Django's request errors add "status", a logged
failure its traceback as "exception", and any ``extra=`` a call passes becomes a field of its own.
"""

from collections.abc import Mapping

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

FIELDS = ["asctime", "levelname", "name", "message"]
RENAMED = {
    "asctime": "time",
    "levelname": "level",
    "name": "logger",
    "exc_info": "exception",
    "status_code": "status",
}
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# Record attributes that are not fields: the standard ones, and the request object Django's loggers
# attach (its text only repeats the path of the message).
NOT_FIELDS = [*RESERVED_ATTRS, "request"]


class JSONFormatter(JsonFormatter):
    """python-json-logger's formatter, with this site's field names."""

    def __init__(self, **options):
        super().__init__(FIELDS, datefmt=TIME_FORMAT, rename_fields=RENAMED, reserved_attrs=NOT_FIELDS, **options)


# gunicorn's access log: the request's fields, from the values gunicorn formats its line with ("atoms").
ACCESS_FIELDS = {
    "method": "m",
    "path": "U",
    "query": "q",
    "protocol": "H",
    "status": "s",
    "bytes": "B",
    "remote_address": "h",
    "x_real_ip": "{x-real-ip}i",  # the client's address as the shipped nginx passes it
    "user_agent": "a",
    "referer": "f",
}


class AccessFormatter(JSONFormatter):
    """A line of gunicorn's access log: the JSON fields above, and the time taken as "duration_ms"."""

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        atoms = record.args if isinstance(record.args, Mapping) else {}
        for field, atom in ACCESS_FIELDS.items():
            value = atoms.get(atom)
            if isinstance(value, str):
                value = value.replace('\\"', '"')  # gunicorn escapes quotes for its text format; JSON does its own
            if value not in (None, "", "-"):
                log_data[field] = value
        if str(log_data.get("status", "")).isdigit():
            log_data["status"] = int(log_data["status"])
        if "D" in atoms:  # microseconds
            log_data["duration_ms"] = round(atoms["D"] / 1000, 1)
