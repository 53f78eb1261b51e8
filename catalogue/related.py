"""Solutions related to a solution: the ones that answer the same needs or serve the same sectors."""
from collections import Counter

from catalogue import cache as catalogue_cache
from catalogue.models import SolutionPage
from catalogue.query import CatalogueQuery, cards

RELATED_LIMIT = 3
# The categories a related solution shares, and the column of each relation's table that names the category.
SHARED = {"needs": "need_id", "sectors": "sector_id"}


def related_solutions(solution, limit=RELATED_LIMIT):
    """Live solutions sharing a need or a sector, those sharing more first, then the more ready.

    The choice is cached until the catalogue next changes (catalogue/cache.py). The key holds the solution's
    own categories, so a preview with other categories is not answered for the published page.
    """
    own = {relation: sorted(item.pk for item in getattr(solution, relation).all()) for relation in SHARED}
    if not any(own.values()):
        return []
    ids = catalogue_cache.remember("related", {"solution": solution.pk, "limit": limit, **own},
                                   lambda: _related_ids(solution.pk, own, limit))
    return cards(ids)


def _related_ids(pk, own, limit):
    # One row per category a live solution shares, counted here. Joining both relations in one SQL query
    # multiplies the rows of every candidate and needs COUNT(DISTINCT …): several times slower at 10,000.
    others = CatalogueQuery().filtered().exclude(pk=pk).values("pk")
    needs, sectors = (
        getattr(SolutionPage, relation).through.objects
        .filter(**{f"{column}__in": own[relation]}, solutionpage__in=others)
        .values_list("solutionpage_id", "solutionpage__trl")
        for relation, column in SHARED.items()
    )
    shared, trl = Counter(), {}
    for solution, level in needs.union(sectors, all=True):
        shared[solution] += 1
        trl[solution] = level
    return sorted(shared, key=lambda solution: (-shared[solution], -trl[solution], solution))[:limit]
