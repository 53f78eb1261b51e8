"""The embedded SQLite database under concurrent writes: WAL and IMMEDIATE transactions, no «database is locked»."""
import threading

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from config.settings.base import DATABASES as BASE_DATABASES

pytestmark = pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
                                reason="SQLite set-up only (the PostgreSQL run has no such lock)")
ALIAS = "sqlite_concurrency_probe"


@pytest.fixture(autouse=True)
def _own_database_files(django_db_blocker):
    """These tests open their own file databases, not the test database that pytest-django guards."""
    with django_db_blocker.unblock():
        yield


def open_connection(path):
    """A connection to a file database with the site's own options (the test database itself lives in memory)."""
    options = BASE_DATABASES["default"]["OPTIONS"]  # the site's own, not the in-memory test database's
    wrapper = DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(path), "OPTIONS": options,
                               "TEST": {}, "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False, "AUTOCOMMIT": True,
                               "ATOMIC_REQUESTS": False, "TIME_ZONE": None}, ALIAS)
    connections[ALIAS] = wrapper  # thread-local: each thread gets its own
    return wrapper


def test_file_database_runs_in_wal_mode(tmp_path):
    wrapper = open_connection(tmp_path / "site.sqlite3")
    with wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    wrapper.close()


def test_parallel_read_then_write_transactions_all_succeed(tmp_path):
    """Like 60 parallel wrong-password logins: each reads, then writes, in one transaction. With SQLite's default
    deferred transactions some of them fail at once with «database is locked» (the read lock cannot be upgraded
    while another writer waits); immediate transactions queue them instead."""
    path = tmp_path / "site.sqlite3"
    setup = open_connection(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE attempt (id INTEGER PRIMARY KEY, n INTEGER)")
    setup.close()
    errors = []

    def login_attempts():
        wrapper = open_connection(path)
        try:
            for _ in range(10):
                with transaction.atomic(using=ALIAS), wrapper.cursor() as cursor:
                    cursor.execute("SELECT COUNT(*) FROM attempt")
                    count = cursor.fetchone()[0]
                    cursor.execute("INSERT INTO attempt (n) VALUES (%s)", [count])
        except Exception as error:  # noqa: BLE001 - the test reports whatever a visitor would have got as a 500
            errors.append(error)
        finally:
            wrapper.close()

    threads = [threading.Thread(target=login_attempts) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    check = open_connection(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), COUNT(DISTINCT n) FROM attempt")
        assert cursor.fetchone() == (80, 80)  # each transaction saw every earlier one: they really queued
    check.close()
