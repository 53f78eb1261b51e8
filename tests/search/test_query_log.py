"""The batched query log loses no search when a batch cannot be written."""
import pytest
from wagtail.contrib.search_promotions.models import Query

from search import query_log
from search.models import ZeroResultQuery

pytestmark = pytest.mark.django_db


def test_a_failed_batch_is_kept_and_written_with_the_next(settings, monkeypatch):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    query_log.flush()
    for _ in range(3):
        query_log.record("метан", found=False)
    real_write = query_log.write

    def database_down(*batches):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(query_log, "write", database_down)
    query_log.flush()
    assert not Query.objects.filter(query_string="метан").exists()
    monkeypatch.setattr(query_log, "write", real_write)
    query_log.record("метан", found=True)
    query_log.flush()
    assert Query.objects.get(query_string="метан").hits == 4
    assert ZeroResultQuery.objects.get(query_string="метан").misses == 3
