"""Laboratories as CatalogueQuery's second collection: the same parsing rules, cache, search service, facet
shape and result sequence as the catalogue of solutions, over LabPage and its own dimensions.

Sectors and needs are many-to-many (several chosen: a lab must serve each, as in the catalogue); organisation,
region and service kind are one per lab (several chosen: any of them).
"""
from dataclasses import dataclass, field

from django.db.models import Count, Q, Subquery

from catalogue.models import Need, Organization, Region, Sector
from catalogue.query import (
    CatalogueQuery,
    CatalogueQueryError,
    Dimension,
    FacetValue,
    RankedResults,
    check_slugs,
    read_params,
)
from labs.models import SERVICE_KINDS, LabPage, LabService

DIMENSIONS = (
    Dimension("sector", Sector, "sectors", "Отрасль"),
    Dimension("need", Need, "needs", "Потребность"),
    Dimension("region", Region, "region", "Регион"),
    Dimension("org", Organization, "organization", "Организация"),
)
MANY = {"sectors", "needs"}
SORTS = {"relevance": "по релевантности", "title": "по названию", "newest": "сначала новые"}
SORT_ORDERINGS = {"title": ("title", "pk"), "newest": ("-first_published_at", "pk")}
MULTI_PARAMS = {"sector", "need", "region", "org", "service"}
PARAMS = MULTI_PARAMS | {"q", "sort"}
# Cards name the host and the place: fetched with the labs in the same query.
CARD_RELATIONS = LabPage.card_relations


@dataclass
class LabFilters:
    sector: list = field(default_factory=list)
    need: list = field(default_factory=list)
    region: list = field(default_factory=list)
    org: list = field(default_factory=list)
    service: list = field(default_factory=list)
    q: str = ""
    sort: str = ""


def parse_lab_filters(params, *, ignore=()):
    """Validate a QueryDict-like mapping into LabFilters, or raise CatalogueQueryError naming every bad param."""
    filters = LabFilters()
    errors, spelling = read_params(params, filters, known=PARAMS, multi=MULTI_PARAMS, single=_parse_single,
                                   ignore=ignore)
    check_slugs(filters, errors, DIMENSIONS)
    if set(filters.service) - set(SERVICE_KINDS):
        errors["service"] = "допустимо: " + ", ".join(SERVICE_KINDS)
    if errors:
        raise CatalogueQueryError({spelling.get(key, key): message for key, message in errors.items()})
    return filters


def _parse_single(filters, errors, raw_key, key, value):
    if key == "sort" and value not in SORTS:
        errors[raw_key] = "допустимо: " + ", ".join(SORTS)
    else:
        setattr(filters, key, value)


class LabQuery(CatalogueQuery):
    """Live, public labs filtered by category, service kind and text; ordered; with facet counts."""

    collection_name = "labs"
    model = LabPage
    dimensions = DIMENSIONS
    sorts = SORTS

    def __init__(self, filters=None):
        super().__init__(filters or LabFilters())

    @classmethod
    def from_params(cls, params, *, ignore=()):
        return cls(parse_lab_filters(params, ignore=ignore))

    @property
    def sort(self):
        if self.filters.sort == "relevance" and not self.filters.q:
            return "title"
        return self.filters.sort or ("relevance" if self.filters.q else "title")

    def filtered(self):
        if self._filtered is not None:
            return self._filtered.all()
        queryset = LabPage.objects.live().public()
        for dimension in DIMENSIONS:
            slugs = getattr(self.filters, dimension.param)
            if dimension.relation in MANY:
                for slug in slugs:
                    queryset = queryset.filter(**{dimension.relation: Subquery(
                        dimension.model.objects.filter(slug=slug).order_by().values("pk"))})
            elif slugs:
                queryset = queryset.filter(**{dimension.relation + "__in": Subquery(
                    dimension.model.objects.filter(slug__in=slugs).order_by().values("pk"))})
        if self.filters.service:
            queryset = queryset.filter(pk__in=Subquery(
                LabService.objects.filter(kind__in=self.filters.service).values("lab_id")))
        self._filtered = queryset
        return queryset.all()

    def _run_search(self):
        from search import service as search_service

        return search_service.search(self.filtered(), self.filters.q, tie_order=SORT_ORDERINGS["title"],
                                     collection=self.collection())

    def matching(self):
        if self.filters.q:
            return LabPage.objects.filter(pk__in=self.search_result.ids)
        return self.filtered()

    def results(self, relations=()):
        if self.filters.q and self.sort == "relevance":
            return RankedResults(self.search_result.ids, relations, fetch=lab_cards)
        return lab_cards_queryset(self.matching().order_by(*SORT_ORDERINGS[self.sort]), relations)

    def first_ids(self, number):
        if self.filters.q and self.sort == "relevance":
            return self.search_result.ids[:number]
        return list(self.matching().order_by(*SORT_ORDERINGS[self.sort]).values_list("pk", flat=True)[:number])

    def count(self):
        """Every lab has one host organisation, so the organisation facet's counts add up to the number."""
        return sum(value.count for value in self.facets()["org"])

    def describe(self):
        parts = []
        for dimension in DIMENSIONS:
            slugs = getattr(self.filters, dimension.param)
            if slugs:
                names = dimension.model.objects.filter(slug__in=slugs).values_list("name", flat=True)
                parts.append(f"{dimension.label}: {', '.join(names)}")
        if self.filters.service:
            parts.append("Услуги: " + ", ".join(SERVICE_KINDS[kind] for kind in self.filters.service))
        if self.filters.q:
            parts.append(f"Поиск: «{self.filters.q}»")
        return parts

    def _cache_key(self):
        return {**super()._cache_key(), "collection": self.collection_name}

    def _count_facets(self):
        matching = self.matching().values("pk")
        facets = {dimension.param: self._lab_facet(dimension, matching) for dimension in DIMENSIONS}
        counts = dict(LabService.objects.filter(lab__in=matching).values_list("kind")
                      .annotate(n=Count("lab", distinct=True)).order_by())
        facets["service"] = [FacetValue(kind, label, counts[kind], kind in self.filters.service)
                             for kind, label in SERVICE_KINDS.items() if kind in counts]
        return facets

    def _lab_facet(self, dimension, matching):
        target = dimension.model._meta.model_name + "_id"
        if dimension.relation in MANY:
            rows = (getattr(LabPage, dimension.relation).through.objects.filter(labpage__in=matching)
                    .values_list(target))
        else:
            rows = LabPage.objects.filter(Q(pk__in=matching)).values_list(dimension.relation + "_id")
        counts = dict(rows.annotate(n=Count("pk")).order_by())
        counts.pop(None, None)
        selected = set(getattr(self.filters, dimension.param))
        return [FacetValue(item.slug, item.name, counts[item.pk], item.slug in selected)
                for item in dimension.model.objects.filter(pk__in=counts)]


def lab_cards_queryset(queryset, relations=()):
    """Labs with what a card shows (host, place, photo and its renditions) in a fixed number of queries."""
    return queryset.select_related(*CARD_RELATIONS, "photo").prefetch_related(*relations, "photo__renditions")


def lab_cards(ids, relations=()):
    labs = lab_cards_queryset(LabPage.objects.filter(pk__in=ids), relations).in_bulk()
    return [labs[pk] for pk in ids if pk in labs]
