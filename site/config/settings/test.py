"""The test suite: fast hashing, in-memory mail, no real secrets."""
from .base import *  # noqa: F403
from .base import SECRET_KEY

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
