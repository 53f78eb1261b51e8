"""Solutions related to a solution: the ones that answer the same needs or serve the same sectors."""
from django.db.models import Count, Q

from catalogue.query import CatalogueQuery, with_card_data

RELATED_LIMIT = 3


def related_solutions(solution, limit=RELATED_LIMIT):
    """Live solutions sharing a need or a sector, those sharing more first; one bounded query plus card data."""
    need_ids = [need.pk for need in solution.needs.all()]
    sector_ids = [sector.pk for sector in solution.sectors.all()]
    if not (need_ids or sector_ids):
        return []
    shares_need, shares_sector = Q(needs__in=need_ids), Q(sectors__in=sector_ids)
    candidates = (
        CatalogueQuery().filtered()
        .exclude(pk=solution.pk)
        .filter(shares_need | shares_sector)
        .annotate(shared=Count("needs", filter=shares_need, distinct=True)
                  + Count("sectors", filter=shares_sector, distinct=True))
        .order_by("-shared", "-trl", "pk")
    )
    return list(with_card_data(candidates)[:limit])
