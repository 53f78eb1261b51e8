"""The shared cache on the real local Redis, and the JSON log lines a collector reads."""
import json
import logging
import socket
import sys

from django.core.cache import caches
from django.test import override_settings

from config.settings.base import cache_settings
from ops.log_format import JsonFormatter
from tests.services import missing_service

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def test_without_redis_url_each_process_keeps_its_own_cache():
    assert cache_settings("")["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_with_redis_url_the_cache_lives_in_redis():
    if not redis_reachable():
        missing_service("no Redis server on 127.0.0.1:6379")
    with override_settings(CACHES=cache_settings(REDIS_URL)):
        cache = caches["default"]
        cache.set("facets:test", {"sector": ["экология"]}, timeout=30)
        # A second client (another gunicorn worker) reads what the first one wrote.
        import redis

        raw_keys = redis.Redis.from_url(REDIS_URL).keys("noc:*facets:test")
        assert raw_keys, "the value was not stored in Redis under the site's key prefix"
        assert cache.get("facets:test") == {"sector": ["экология"]}
        cache.delete("facets:test")
        assert cache.get("facets:test") is None


def make_record(name, msg, args=(), exc_info=None):
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, exc_info)


def test_log_line_is_one_json_object_with_russian_intact():
    line = JsonFormatter().format(make_record("catalogue.importer", "Импортировано %d решений", (231,)))
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "catalogue.importer"
    assert entry["message"] == "Импортировано 231 решений"
    assert "\n" not in line


def test_exception_stays_inside_the_json_line():
    try:
        raise ValueError("сломалось")
    except ValueError:
        record = make_record("django.request", "Internal Server Error: /", exc_info=sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: сломалось" in entry["exception"]


def test_gunicorn_access_line_has_separate_fields():
    atoms = {"m": "GET", "U": "/catalogue/", "q": "sector=ekologiya", "s": "200", "B": 5120, "M": 12,
             "h": "127.0.0.1", "a": "curl/8", "r": "GET /catalogue/?sector=ekologiya HTTP/1.1"}
    record = make_record("gunicorn.access", '%(h)s "%(r)s" %(s)s', (atoms,))
    entry = json.loads(JsonFormatter().format(record))
    assert entry["path"] == "/catalogue/"
    assert entry["query"] == "sector=ekologiya"
    assert entry["status"] == 200
    assert entry["duration_ms"] == 12
