"""Where candidates come from: the search server when one is configured, else the database postings.

Elasticsearch is optional and never a single point of failure: when it does not answer, candidates come from the
database postings (search.documents, always kept up to date) and a warning is logged. After a failure this
process leaves the server alone for BREAKER_SECONDS (a circuit breaker), so a server that is down costs one
failed request per process and pause, not a connection attempt — or a connect timeout — on every search.
"""
import logging
import time

from django.conf import settings
from modelsearch.backends import get_search_backend
from modelsearch.backends.base import FilterFieldError

from search import documents
from search.server import DEFAULT_BACKEND

logger = logging.getLogger(__name__)

BREAKER_SECONDS = 30


class Breaker:
    """Open for `seconds` after a failure: while open, callers skip the server without trying it."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.open_until = 0.0

    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self):
        self.open_until = time.monotonic() + self.seconds

    def reset(self):
        self.open_until = 0.0


search_server_breaker = Breaker(BREAKER_SECONDS)


def unavailable_errors():
    """Exceptions that mean «the search server cannot answer this»: it is down or unreachable, or something
    answered with an error — a proxy's 502 page, an index that `update_index` has not created yet, a server
    that is not the engine configured. Each client's errors are included only when that client is installed."""
    errors = []
    try:
        from elastic_transport import ApiError, SerializationError, TransportError
    except ImportError:  # pragma: no cover - the Elasticsearch client is a dependency
        pass
    else:
        errors += [ApiError, SerializationError, TransportError]
    try:
        from opensearchpy.exceptions import OpenSearchException
    except ImportError:  # the OpenSearch client is an optional extra
        pass
    else:
        errors.append(OpenSearchException)
    return tuple(errors)


def uses_search_server():
    return "database" not in settings.WAGTAILSEARCH_BACKENDS[DEFAULT_BACKEND]["BACKEND"]


def candidate_ids(queryset, collection, terms, limit):
    """Ids of up to `limit` objects of the queryset (whose pks are `collection`) matching any of the stems,
    best first.

    With Elasticsearch/OpenSearch configured, the server finds them; otherwise (and whenever the server does
    not answer, or failed less than BREAKER_SECONDS ago) the database's postings do — modelsearch's SQLite
    backend re-runs the full-text match once per matching row and took 140–270 ms per query on 1,000
    solutions, the postings a few milliseconds.
    """
    if not uses_search_server() or search_server_breaker.is_open():
        return documents.candidate_ids(queryset.model, collection, terms, limit)
    try:
        return backend_ids(queryset, " ".join(terms), DEFAULT_BACKEND, limit)
    except unavailable_errors() as error:
        search_server_breaker.trip()
        logger.warning("Search server unavailable (%s); using the database instead for the next %d s",
                       error, BREAKER_SECONDS)
        return documents.candidate_ids(queryset.model, collection, terms, limit)


def backend_ids(queryset, query_string, backend, limit):
    # Through the backend rather than `queryset.search()`: a plain model's queryset (organisations) has no
    # search method, only pages' do.
    search_backend = get_search_backend(backend)
    try:
        results = list(search_backend.search(query_string, queryset, operator="or")[:limit])
    except FilterFieldError:
        # Filters the index does not know (taxonomy relations): hand the backend the matching ids instead.
        ids = list(queryset.values_list("pk", flat=True))
        plain = queryset.model._default_manager.filter(pk__in=ids)
        results = list(search_backend.search(query_string, plain, operator="or")[:limit])
    return [obj.pk for obj in results]
