"""The servers a benchmark needs, checked before it starts: a clear way to get them instead of a traceback."""
import logging
import os
import socket
import sys
from contextlib import contextmanager
from urllib.parse import urlparse, urlunparse

HOW = ("Run `make services` (the same set-up as CI: installs PostgreSQL and Redis from Debian's packages when "
       "absent and starts them on 127.0.0.1), then `. /var/tmp/noc-services/env` for PGPORT, POSTGRES_URL and "
       "REDIS_URL.")


def is_postgres(url):
    return (url or "").startswith(("postgres://", "postgresql://"))


def postgres_error(url):
    """Why the PostgreSQL server of `url` cannot be used (its `postgres` database is asked), or None."""
    import psycopg2

    parsed = urlparse(url)
    try:
        psycopg2.connect(urlunparse(parsed._replace(path="/postgres")), connect_timeout=3).close()
    except psycopg2.OperationalError as error:
        return f"PostgreSQL at {parsed.hostname or 'localhost'}:{parsed.port or 5432} is not usable: " \
               f"{str(error).strip().splitlines()[0]}"
    return None


def require_database(url):
    """Exit with how to get PostgreSQL when `url` names a server that does not answer; SQLite needs nothing."""
    if is_postgres(url) and (error := postgres_error(url)):
        sys.exit(f"{error}\n{HOW}")


def require_redis(url):
    """Exit with how to get Redis when `url` names a server that does not answer; an empty URL needs nothing."""
    if not url:
        return
    parsed = urlparse(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 6379
    try:
        socket.create_connection((host, port), timeout=3).close()
    except OSError as error:
        sys.exit(f"Redis at {host}:{port} is not reachable ({error.strerror or error}).\n{HOW}")


@contextmanager
def scratch_database(keep=False):
    """Django set up on a scratch copy of DATABASE_URL's database (BENCH_TEST_DATABASE names it; default: Django's
    test_<name>), created empty and migrated, yielded as the connection, and dropped afterwards — or, with `keep`,
    reused if it exists and left for the next run (the caller skips building what it already holds)."""
    require_database(os.environ.get("DATABASE_URL", ""))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    logging.disable(logging.INFO)
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if os.environ.get("BENCH_TEST_DATABASE"):
        connection.settings_dict["TEST"]["NAME"] = os.environ["BENCH_TEST_DATABASE"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=keep)
