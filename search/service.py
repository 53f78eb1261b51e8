"""The one search service: Russian text in, ranked ids out, for any indexed queryset.

Pure functions over a queryset and a query string; imports nothing from the catalogue or home apps.
"""
import re
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NOT_WORD = re.compile(r"[^\w\s-]+")


@dataclass
class SearchResult:
    query: str
    ids: list = field(default_factory=list)
    corrected_query: str = ""


def normalise(text):
    """Lower-case, ё→е, no control characters or FTS operators, bounded length."""
    text = _CONTROL.sub(" ", text or "")[:MAX_QUERY_LENGTH * 5]
    text = text.lower().replace("ё", "е")
    text = _NOT_WORD.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search(queryset, text):
    """Rank the objects of an indexed queryset for a text query; an empty query matches nothing."""
    query = normalise(text)
    if not query:
        return SearchResult(query=query)
    hits = queryset.search(query, operator="or")
    return SearchResult(query=query, ids=[obj.pk for obj in hits])
