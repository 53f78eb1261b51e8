"""The test suite: fast hashing, in-memory mail, no real secrets."""
from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY

SECRET_KEY = SECRET_KEY or "test-only-insecure-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# django-axes refuses authenticate() calls without a request, which Django's test client.login() makes;
# tests/ops/test_login_lockout.py switches it back on to test the lockout itself.
AXES_ENABLED = False
# Admin imports run inside the request in tests (a thread would not see the test's uncommitted transaction);
# the browser test switches the background thread back on.
NOC_IMPORT_IN_BACKGROUND = False
# Every search written to the query log at once, so a test reads exact counts right after a request.
SEARCH_LOG_FLUSH_SECONDS = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The suite's SQLite database lives in memory with a shared cache: locks there are per table, and a conflict
    # fails at once (SQLITE_LOCKED, which no busy timeout waits for), so IMMEDIATE transactions, meant for the file
    # database, are off. Browser tests get a file database with the site's own options instead (tests/conftest.py):
    # the live server's threads (a save, the preview panel, the editing-session pings) write at the same time, and
    # there they queue as they do on the site. tests/ops/test_sqlite.py tests the file database's options.
    DATABASES = {**DATABASES, "default": {**DATABASES["default"], "OPTIONS": {"timeout": 20}}}
