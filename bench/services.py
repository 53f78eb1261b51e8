"""The servers a benchmark needs, checked before it starts: a clear way to get them instead of a traceback."""
import socket
import sys
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
