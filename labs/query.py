"""Laboratories as a collection of CatalogueQuery: /labs/, the search page's «Лаборатории» and /api/v2/labs/ ask
CatalogueQuery.of("labs", …) for them — filtered by sector, need, region, host organisation and service type,
counted, and searched by the one search service (title, summary, equipment, services, body)."""
from catalogue.models import Need, Organization, Region, Sector
from catalogue.query import ChoiceDimension, Collection, Dimension
from labs.models import LabPage, ServiceKind
from search import service as search_service

SORT_BY_TITLE = ("title", "pk")


def live_labs():
    return LabPage.objects.live().public()


def search_labs(queryset, text, collection=None):
    return search_service.search(queryset, text, tie_order=SORT_BY_TITLE, collection=collection)


LABS = Collection(
    name="labs",
    items=live_labs,
    dimensions=(
        ChoiceDimension("service", "services__kind", tuple(ServiceKind.choices), "Услуги"),
        Dimension("need", Need, "needs", "Потребность"),
        Dimension("sector", Sector, "sectors", "Отрасль"),
        Dimension("region", Region, "region", "Регион"),
        Dimension("org", Organization, "organization", "Организация"),
    ),
    sorts={"title": ("по названию", SORT_BY_TITLE), "newest": ("сначала новые", ("-first_published_at", "pk"))},
    search=search_labs,
    select=LabPage.card_relations + ("photo",),
    prefetch=("photo__renditions",),
    figure="лаборатория или центр,лаборатории или центра,лабораторий и центров",
)
