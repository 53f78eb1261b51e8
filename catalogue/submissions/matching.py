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


def need_filters(submission, text=None):
    """The catalogue filters that answer a need: its words inside its categories when that still finds
    something, else its words alone. `text` is the need's own (the city's words by default; the board and its
    alerts use the moderator's public text)."""
    text = submission.need_text if text is None else text
    slugs = sorted(need.slug for need in submission.needs.all())
    attempts = [Filters(q=text, need=slugs)] if slugs else []
    attempts.append(Filters(q=text))
    for filters in attempts:
        if len(CatalogueQuery(filters).results()):
            return filters
    return attempts[0]


def matching_solutions(submission, limit=MATCH_LIMIT, text=None):
    """Rank by the city's own words, inside the chosen need categories when that still finds something."""
    filters = need_filters(submission, text)
    results = CatalogueQuery(filters).results()
    return Matches(list(results[:limit]), len(results), catalogue_url(filters))


def catalogue_url(filters):
    """The catalogue page showing the same list in full, so the person can go on browsing."""
    index = CatalogueIndexPage.objects.live().first()
    if index is None:
        return ""
    params = urlencode({"q": filters.q[:200], "need": filters.need}, doseq=True)
    return f"{index.url}?{params}"
