"""Configuration of an Elasticsearch/OpenSearch server: Russian analysis, engines, timeouts.

Read by the settings (`WAGTAILSEARCH_BACKENDS` when ELASTICSEARCH_URL is set), so this module imports no model:
settings are loaded before the app registry.
"""
from urllib3 import Timeout

DEFAULT_BACKEND = "default"
ENGINES = ("elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3")

# A server on the same private network answers a connection in milliseconds; one that is down or unreachable
# must not hold a visitor's request for the whole request timeout (search then falls back to the database).
CONNECT_TIMEOUT = 1.0
REQUEST_TIMEOUT = 5.0

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


def request_timeout(engine):
    """The Elasticsearch client hands its timeout to urllib3 as it is, which takes separate connect and read
    limits; the OpenSearch client keeps its plain number of seconds."""
    if engine.startswith("elasticsearch"):
        return Timeout(connect=CONNECT_TIMEOUT, read=REQUEST_TIMEOUT)
    return REQUEST_TIMEOUT


def elasticsearch_backends(url, *, engine="elasticsearch9", index_prefix="noc_"):
    """WAGTAILSEARCH_BACKENDS for production: Elasticsearch 8/9 or OpenSearch 2/3 at `url` (the fall-back is
    the database postings, kept up to date on every save whatever the backend). Sites, benchmarks and test runs
    sharing one server keep apart by `index_prefix`."""
    if engine not in ENGINES:
        raise ValueError(f"ELASTICSEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {engine!r}")
    return {
        DEFAULT_BACKEND: {
            "BACKEND": f"search.server_backends.{engine}",  # modelsearch's, indexing behind the breaker
            "URLS": [url],
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": request_timeout(engine),
            "OPTIONS": {},
            "INDEX_SETTINGS": RUSSIAN_INDEX_SETTINGS,
        },
    }
