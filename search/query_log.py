"""The search page's query log, written in batches: each search, and each solution opened from the results
(/search/go/<id>/), is counted in this process's memory and the counts are added to the database at most every
SEARCH_LOG_FLUSH_SECONDS (one pair of queries per distinct query or solution and day, not three per search),
when the process exits, and before editors read the health report.

Nothing is lost or counted twice: a batch is taken out of the buffer under a lock and added with
`F() + n`; a batch that fails to write goes back into the buffer. Wagtail's «Search terms» (`Query`,
`QueryDailyHits`), «Запросы без результатов» (`ZeroResultQuery`) and the clicks per solution and day
(`SearchClick`) thus stay exact, at most SEARCH_LOG_FLUSH_SECONDS behind in each process (0 writes every search
at once, as the tests do).
"""
import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.signals import request_finished
from django.db import models
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.models import SearchClick, ZeroResultQuery

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_hits = Counter()  # (query string, date) → searches
_misses = Counter()  # query string → searches that found nothing
_clicks = Counter()  # (solution id, date) → results opened
_last_flush = time.monotonic()


def record(query_string, found):
    """Count one search of the first page of results; written now or with the next batch."""
    with _lock:
        _hits[(query_string, timezone.now().date())] += 1  # the day Query.add_hit would count it on
        if not found:
            _misses[query_string] += 1
        due = _due()
    if due:
        _flush_after_response()


def record_click(page_id):
    """Count one solution opened from the search results; written now or with the next batch."""
    with _lock:
        _clicks[(page_id, timezone.localdate())] += 1
        due = _due()
    if due:
        _flush_after_response()


def _flush_after_response():
    """A batch falls due during some visitor's request: it is written once that response has been handed to the
    server (Django's `request_finished`, sent as the response closes), so the visitor does not wait for a batch
    of other people's searches. Writing every search at once (SEARCH_LOG_FLUSH_SECONDS = 0) happens now."""
    if not settings.SEARCH_LOG_FLUSH_SECONDS:
        flush()
        return
    request_finished.connect(_flush_once, dispatch_uid="search-query-log-flush")


def _flush_once(**kwargs):
    request_finished.disconnect(dispatch_uid="search-query-log-flush")
    flush()


def _due():
    return not 0 <= time.monotonic() - _last_flush < settings.SEARCH_LOG_FLUSH_SECONDS


def flush():
    """Write what this process has counted since the last batch."""
    global _last_flush
    with _lock:
        hits, misses, clicks = _hits.copy(), _misses.copy(), _clicks.copy()
        _hits.clear()
        _misses.clear()
        _clicks.clear()
        _last_flush = time.monotonic()
    if not hits and not misses and not clicks:
        return
    try:
        write(hits, misses, clicks)
    except Exception:
        logger.exception("Search query log not written; kept for the next batch")
        with _lock:
            _hits.update(hits)
            _misses.update(misses)
            _clicks.update(clicks)


def write(hits, misses, clicks):
    for (query_string, date), count in hits.items():
        daily, _created = QueryDailyHits.objects.get_or_create(query=Query.get(query_string), date=date)
        QueryDailyHits.objects.filter(pk=daily.pk).update(hits=models.F("hits") + count)
    for query_string, count in misses.items():
        ZeroResultQuery.record(query_string, count)
    # A solution deleted since its click was counted has nowhere to keep it: its clicks are dropped.
    existing = set(SearchClick.page.field.related_model.objects.filter(pk__in={page_id for page_id, _ in clicks})
                   .values_list("pk", flat=True)) if clicks else set()
    for (page_id, date), count in clicks.items():
        if page_id not in existing:
            continue
        daily, _created = SearchClick.objects.get_or_create(page_id=page_id, date=date)
        SearchClick.objects.filter(pk=daily.pk).update(clicks=models.F("clicks") + count)


atexit.register(flush)
