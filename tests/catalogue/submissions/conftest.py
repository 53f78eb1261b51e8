import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The per-address counters live in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def notify_emails(settings):
    settings.NOC_NOTIFY_EMAILS = ["inbox@noc.example"]
    return settings.NOC_NOTIFY_EMAILS
