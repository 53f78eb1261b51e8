"""modelsearch's Elasticsearch/OpenSearch backends, with indexing behind the search server's circuit breaker.

modelsearch already keeps a save from failing when the server is down (it logs the error), but every save still
waits for the connect timeout and logs a traceback. Here a failed write trips the same breaker that searches use
(search.backends), and while it is open saves skip the server at once with one warning each: the page is
published, the database postings (which searches fall back to) are up to date, and `update_index` brings the
server's index up to date once it is back. Rebuilding the index (`update_index`) writes through the index
directly, not through these methods, so it still fails loudly while the server is down.

Settings name a backend as `search.server_backends.<engine>` (search.server.elasticsearch_backends); the class
is built on first use, so an engine whose client is not installed costs nothing until it is configured.

The engine names the server's version. modelsearch's `opensearch2` backend calls the client with positional
arguments (`indices.create(name, settings)`), which opensearch-py 3 — the client installed, and the one that
speaks to OpenSearch 2 and 3 alike — refuses with a TypeError, so `update_index` failed against a real
OpenSearch 2.19 node. Its `opensearch3` backend differs only in passing them by keyword, which opensearch-py 2
accepts too; it serves both OpenSearch engines.
"""
import logging
from functools import cache

from modelsearch.backends import import_backend

from search.backends import BREAKER_SECONDS, search_server_breaker, unavailable_errors
from search.server import ENGINES

logger = logging.getLogger(__name__)


def _guarded_write(write):
    def guarded(self, *args):
        if search_server_breaker.is_open():
            logger.warning("Search server unavailable: %s skipped; run update_index once it is back", write.__name__)
            return
        try:
            write(self, *args)
        except unavailable_errors() as error:
            search_server_breaker.trip()
            logger.warning("Search server unavailable (%s): %s skipped and the server left alone for %d s; "
                           "run update_index once it is back", error, write.__name__, BREAKER_SECONDS)

    guarded.__name__ = write.__name__
    return guarded


MODELSEARCH_BACKENDS = {"opensearch2": "opensearch3"}


@cache
def guarded_backend(engine):
    base = import_backend(f"modelsearch.backends.{MODELSEARCH_BACKENDS.get(engine, engine)}")
    return type(f"Guarded{base.__name__}", (base,), {
        "__module__": __name__,
        "add": _guarded_write(base.add),
        "add_bulk": _guarded_write(base.add_bulk),
        "delete": _guarded_write(base.delete),
    })


def __getattr__(engine):
    """`search.server_backends.elasticsearch9` and the like, as modelsearch imports a backend class by path."""
    if engine not in ENGINES:
        raise AttributeError(f"module {__name__!r} has no attribute {engine!r}")
    return guarded_backend(engine)
