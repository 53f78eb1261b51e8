"""Backend configuration: Russian analysis for Elasticsearch/OpenSearch and the fall-back to the database.

Elasticsearch is optional and never a single point of failure: when it is unreachable, candidates come from
the database postings (search.documents, always kept up to date) and a warning is logged.
"""
import logging

from django.conf import settings
from modelsearch.backends.base import FilterFieldError

from search import documents

logger = logging.getLogger(__name__)

DEFAULT_BACKEND = "default"

# Index settings merged into modelsearch's own (INDEX_SETTINGS): Russian stemming, stop words and ё→е on every
# analysed field, including the edge n-grams that autocomplete uses.
RUSSIAN_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "char_filter": {
                "yo_to_ye": {"type": "mapping", "mappings": ["ё => е", "Ё => Е"]},
            },
            "filter": {
                "russian_stop": {"type": "stop", "stopwords": "_russian_"},
                "russian_stemmer": {"type": "stemmer", "language": "russian"},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "char_filter": ["yo_to_ye"],
                    "filter": ["lowercase", "russian_stop", "russian_stemmer"],
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "char_filter": ["yo_to_ye"],
                    "filter": ["asciifolding", "lowercase", "edgengram"],
                },
            },
        }
    }
}


ENGINES = ("elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3")


def elasticsearch_backends(url, *, engine="elasticsearch9"):
    """WAGTAILSEARCH_BACKENDS for production: Elasticsearch 8/9 or OpenSearch 2/3 at `url` (the fall-back is
    the database postings, kept up to date on every save whatever the backend)."""
    if engine not in ENGINES:
        raise ValueError(f"ELASTICSEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {engine!r}")
    return {
        DEFAULT_BACKEND: {
            "BACKEND": f"modelsearch.backends.{engine}",
            "URLS": [url],
            "INDEX_PREFIX": "noc_",
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": RUSSIAN_INDEX_SETTINGS,
        },
    }


def unavailable_errors():
    """Exceptions that mean «the search server is not answering» (none when the client is not installed)."""
    try:
        from elastic_transport import ConnectionError, ConnectionTimeout, TransportError
    except ImportError:  # pragma: no cover - the client is a dependency, but stay safe without it
        return ()
    return ConnectionError, ConnectionTimeout, TransportError


def uses_search_server():
    return "database" not in settings.WAGTAILSEARCH_BACKENDS[DEFAULT_BACKEND]["BACKEND"]


def candidate_ids(queryset, terms, limit):
    """Ids of up to `limit` objects matching any of the stems, best first.

    With Elasticsearch/OpenSearch configured, the server finds them; otherwise (and whenever the server does
    not answer) the database's postings do — modelsearch's SQLite backend re-runs the full-text match once per
    matching row and took 140–270 ms per query on 1,000 solutions, the postings a few milliseconds.
    """
    if not uses_search_server():
        return documents.candidate_ids(queryset, terms, limit)
    try:
        return backend_ids(queryset, " ".join(terms), DEFAULT_BACKEND, limit)
    except unavailable_errors() as error:
        logger.warning("Search server unavailable (%s); using the database instead", error)
        return documents.candidate_ids(queryset, terms, limit)


def backend_ids(queryset, query_string, backend, limit):
    try:
        results = list(queryset.search(query_string, operator="or", backend=backend)[:limit])
    except FilterFieldError:
        # Filters the index does not know (taxonomy relations): hand the backend the matching ids instead.
        ids = list(queryset.values_list("pk", flat=True))
        plain = queryset.model._default_manager.filter(pk__in=ids)
        results = list(plain.search(query_string, operator="or", backend=backend)[:limit])
    return [obj.pk for obj in results]
