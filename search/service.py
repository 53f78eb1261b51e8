"""The one search service: Russian text in, ranked ids out, for any indexed queryset.

Pure functions over a queryset and a query string; imports nothing from the catalogue or home apps.
The configured modelsearch backend (database or Elasticsearch) retrieves a bounded set of candidates for the
expanded stems; the candidates are then scored uniformly in Python (search.ranking), so every backend ranks
alike from stored stems (search.documents). Objects searched this way provide `search_document()` →
[(weight, text)] and may name relations to prefetch in `search_prefetch`.
"""
import logging
from dataclasses import dataclass, field

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from search import backends, documents, keyboard, planning, ranking, text
from search.text import normalise

__all__ = ["SearchResult", "normalise", "query_key", "search"]

logger = logging.getLogger(__name__)

CANDIDATE_LIMIT = 300
MAX_BACKEND_TERMS = 80


@dataclass
class SearchResult:
    query: str
    ids: list = field(default_factory=list)
    corrected_query: str = ""
    terms: frozenset = frozenset()  # stems to highlight in snippets, word forms and synonyms included


def search(queryset, query_text, *, tie_order=(), collection=None):
    """Rank the objects of an indexed queryset for a text query; an empty query matches nothing.

    `tie_order` orders equally relevant objects (the catalogue passes readiness first). `collection` is the set
    of the queryset's pks when the caller already has it (the catalogue caches it per filter set): it bounds
    the candidates and sizes the rarity of words, and reading it is the costliest query of a search.
    """
    query = normalise(query_text)
    query_plan = planning.plan(query_text) if query else None
    if not query_plan or not query_plan.concepts:
        return SearchResult(query=query)
    if collection is None:
        collection = set(queryset.values_list("pk", flat=True))
    candidate_ids = backends.candidate_ids(queryset, collection, query_plan.backend_terms()[:MAX_BACKEND_TERMS],
                                           CANDIDATE_LIMIT)
    documents = load_documents(queryset.model, [pk for pk in candidate_ids if pk in collection], tie_order)
    ids = ranking.rank(query_plan.concepts, documents, total=len(collection))
    if issubclass(queryset.model, Page):
        ids = promoted_first(collection, query, ids)
    return SearchResult(query=query, ids=ids,
                        corrected_query=query_plan.corrected_query,
                        terms=frozenset(query_plan.highlight_stems()))


def query_key(query_text):
    """The text of a query as far as its answer depends on it, for caching: case and separators do not count,
    punctuation keys inside or around words do (typed with the Latin layout on, «,» is «б»: search.keyboard)."""
    return " ".join(keyboard.tokens(text.normalise_case(query_text)))[:text.MAX_QUERY_LENGTH]


def load_documents(model, ids, tie_order):
    """(pk, weighted stem sets) for these objects, in tie order."""
    candidates = model._default_manager.filter(pk__in=ids)
    if tie_order:
        candidates = candidates.order_by(*tie_order)
    ordered = list(candidates.values_list("pk", flat=True))
    stored = documents.stems_for(model, ordered)
    return [(pk, ranking.document_fields(stored[pk])) for pk in ordered if pk in stored]


def promoted_first(collection, query, ids):
    """Pages editors pinned for this exact query (search promotions) lead, in their order (pages only: a
    promotion names a page, whose id may also be another model's, an organisation's, say)."""
    pinned = [pk for pk in SearchPromotion.objects.filter(query__query_string=query, page__isnull=False)
              .order_by("sort_order").values_list("page_id", flat=True) if pk in collection]
    if not pinned:
        return ids
    return pinned + [pk for pk in ids if pk not in set(pinned)]


def highlight_terms(query_text):
    """Stems of a query alone, for highlighting when no search ran (e.g. a snippet of a known page)."""
    return frozenset(text.stems(normalise(query_text)))
