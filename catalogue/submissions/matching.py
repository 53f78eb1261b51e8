"""The catalogue's best answers to a need a city has stated, from the catalogue's one query (CatalogueQuery)."""
from dataclasses import dataclass
from urllib.parse import urlencode

from catalogue.models import CatalogueIndexPage
from catalogue.query import CatalogueQuery, Filters

MATCH_LIMIT = 6


@dataclass
class Matches:
    solutions: list
    total: int
    catalogue_url: str


def matching_solutions(submission, limit=MATCH_LIMIT):
    """Rank by the city's own words, inside the chosen need categories when that still finds something."""
    slugs = list(submission.needs.values_list("slug", flat=True))
    attempts = [Filters(q=submission.need_text, need=slugs)] if slugs else []
    attempts.append(Filters(q=submission.need_text))
    for filters in attempts:
        results = CatalogueQuery(filters).results()
        if len(results):
            return Matches(list(results[:limit]), len(results), catalogue_url(filters))
    return Matches([], 0, catalogue_url(attempts[0]))


def catalogue_url(filters):
    """The catalogue page showing the same list in full, so the person can go on browsing."""
    index = CatalogueIndexPage.objects.live().first()
    if index is None:
        return ""
    params = urlencode({"q": filters.q[:200], "need": filters.need}, doseq=True)
    return f"{index.url}?{params}"
