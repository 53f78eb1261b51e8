"""One JSON object per log line on stdout, so a log collector can filter by field without parsing prose."""
import json
import logging
from datetime import UTC, datetime

# Gunicorn hands its access-log atoms to the logger as the record's args; these are the ones worth keeping.
ACCESS_FIELDS = {
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "h": "remote_addr",
    "a": "user_agent",
}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry.update(access_fields(record.args))
        else:
            entry["message"] = record.getMessage()
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def access_fields(atoms):
    fields = {}
    for atom, name in ACCESS_FIELDS.items():
        value = atoms.get(atom)
        if value not in (None, "-", ""):
            fields[name] = value
    if str(fields.get("status", "")).isdecimal():
        fields["status"] = int(fields["status"])  # a number, like Django's own status_code, for range queries
    return fields
