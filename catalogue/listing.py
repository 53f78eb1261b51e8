"""The catalogue as a web page: a CatalogueQuery built leniently from the address, one page of cards, removable
filter chips and sort links. Every list page (catalogue, need, sector, organisation, search) renders this context.

Filtering itself is CatalogueQuery's business; this module only translates between it and a browsing person.
"""
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from taggit.models import Tag

from catalogue import readiness
from catalogue.models import Region
from catalogue.models.terms import TERMS
from catalogue.query import (
    ALIASES,
    DIMENSIONS,
    SORTS,
    CatalogueQuery,
    CatalogueQueryError,
)

PAGE_SIZE = 12
# Parameters the page itself owns; the query must not see them.
PAGE_PARAMS = ("page",)
PARAM_LABELS = {
    "sector": "отрасль",
    "need": "потребность",
    "region": "регион",
    "org": "разработчик",
    "service": "услуга",
    "kind": "тип",
    "tag": "ключевое слово",
    "stage": "стадия",
    "trl_min": "УГТ не ниже",
    "trl_max": "УГТ не выше",
    "q": "поиск",
    "sort": "сортировка",
    "has_deployments": "есть внедрения",
    "deployed_in": "где внедрено",
    "terms": "условия",
}

# CatalogueQuery names valid values by their slugs (right for the API); on a page, point to the filters instead.
PAGE_MESSAGES = {
    "stage": "такой стадии нет, выберите её в фильтрах",
    "sort": "такого порядка нет, выберите его в списке «Сортировка»",
}


@dataclass(frozen=True)
class Chip:
    """An active filter a visitor can remove with one click."""

    label: str
    value: str
    remove_url: str


@dataclass(frozen=True)
class SortOption:
    value: str
    label: str
    selected: bool


def lenient_query(params, *, fixed=None, collection=None):
    """A CatalogueQuery over the parameters that make sense, and the complaints about those that do not.

    A shared link with a stale slug or a typo should still show a catalogue, so bad parameters are dropped
    (and named to the visitor) instead of failing the page. `fixed` is a (param, slug) pair that the page's
    own address implies, e.g. the need of /catalogue/need/<slug>/. `collection` names another collection than
    the solutions ("organizations").
    """
    params = params.copy()
    if fixed and fixed[1] not in params.getlist(fixed[0]):
        params.appendlist(*fixed)
    errors = {}
    # Each round removes at least one parameter, so this ends.
    for _ in range(len(params) + 1):
        try:
            if collection:
                return CatalogueQuery.of(collection, params, ignore=PAGE_PARAMS), errors
            return CatalogueQuery.from_params(params, ignore=PAGE_PARAMS), errors
        except CatalogueQueryError as error:
            errors.update(error.errors)
            for key in error.errors:
                for spelling in (key, *[alias for alias, name in ALIASES.items() if name == key]):
                    params.pop(spelling, None)
    return (CatalogueQuery.of(collection, {}) if collection else CatalogueQuery()), errors


def error_messages(errors):
    """«стадия: допустимо: …» lines, with parameter names a person understands."""
    messages = []
    for key, message in errors.items():
        param = ALIASES.get(key, key)
        messages.append(f"{PARAM_LABELS.get(param, key)} — {PAGE_MESSAGES.get(param, message)}")
    return messages


def without(params, key, value=None):
    """The query string with one value (or every value) of a parameter removed, and back to the first page."""
    params = params.copy()
    for page_param in PAGE_PARAMS:
        params.pop(page_param, None)
    if value is None:
        params.pop(key, None)
    else:
        params.setlist(key, [item for item in params.getlist(key) if item != value])
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def chips(query, params, *, fixed=None):
    """Every active filter except the one fixed by the page's address, each with the link that drops it."""
    filters = query.filters
    found = []
    for dimension in DIMENSIONS:
        slugs = [slug for slug in getattr(filters, dimension.param) if (dimension.param, slug) != fixed]
        names = dict(dimension.model.objects.filter(slug__in=slugs).values_list("slug", "name"))
        found += [Chip(dimension.label, names[slug], without(params, dimension.param, slug))
                  for slug in slugs if slug in names]
    if filters.tag:
        names = dict(Tag.objects.filter(slug__in=filters.tag).values_list("slug", "name"))
        found += [Chip("Ключевое слово", names.get(slug, slug), without(params, "tag", slug)) for slug in filters.tag]
    if filters.stage:
        found.append(Chip("Стадия", readiness.STAGES_BY_SLUG[filters.stage].name, without(params, "stage")))
    if filters.trl_min != readiness.TRL_MIN:
        found.append(Chip("УГТ", f"не ниже {filters.trl_min}", without(params, "trl_min")))
    if filters.trl_max != readiness.TRL_MAX:
        found.append(Chip("УГТ", f"не выше {filters.trl_max}", without(params, "trl_max")))
    if filters.has_deployments:
        found.append(Chip("Внедрения", "есть", without(params, "has_deployments")))
    if filters.deployed_in:
        names = dict(Region.objects.filter(slug__in=filters.deployed_in).values_list("slug", "name"))
        found += [Chip("Внедрено", names[slug], without(params, "deployed_in", slug))
                  for slug in filters.deployed_in if slug in names]
    found += [Chip("Условия", TERMS[key][1], without(params, "terms", key)) for key in filters.terms]
    if filters.q:
        found.append(Chip("Поиск", f"«{filters.q}»", without(params, "q")))
    return found


def collection_chips(query, params):
    """The active filters of another collection's query, each with the link that drops it."""
    found = []
    for dimension in query.collection.dimensions:
        chosen = query.filters.values.get(dimension.param, ())
        if not chosen:
            continue
        if hasattr(dimension, "choices"):
            names = {value: str(label) for value, label in dimension.choices}
        else:
            names = dict(dimension.model.objects.filter(slug__in=chosen).values_list("slug", "name"))
        found += [Chip(dimension.label, names[value], without(params, dimension.param, value))
                  for value in chosen if value in names]
    if query.filters.q:
        found.append(Chip("Поиск", f"«{query.filters.q}»", without(params, "q")))
    return found


def sort_options(query):
    """Relevance makes sense only for a text query; the title order is left to the API."""
    offered = [key for key in ("relevance", "newest", "readiness", "deployments")
               if key != "relevance" or query.filters.q]
    return [SortOption(key, SORTS[key], key == query.sort) for key in offered]


class QueryPaginator(Paginator):
    """Pages of a CatalogueQuery's results, counted by the query itself (from its cached facet counts)
    rather than by a COUNT over the matching solutions."""

    def __init__(self, query, per_page):
        super().__init__(query.results(), per_page)
        self.query = query

    @cached_property
    def count(self):
        return self.query.count()


def listing_context(request, *, fixed=None):
    """Everything a catalogue-like page shows for this request."""
    query, errors = lenient_query(request.GET, fixed=fixed)
    page_obj = QueryPaginator(query, PAGE_SIZE).get_page(request.GET.get("page"))
    active_chips = chips(query, request.GET, fixed=fixed)
    return {
        "query": query,
        "filters": query.filters,
        "facets": query.facets(),
        # The filter form names every category with its count (hundreds of lines on a large catalogue): it is
        # rendered once per filters and page address until the catalogue changes.
        "facets_fragment": query.cache_key("facet-form", fixed=fixed, path=request.path),
        "page_obj": page_obj,
        "solutions": page_obj.object_list,
        "result_count": page_obj.paginator.count,
        "chips": active_chips,
        "clear_url": "?" if active_chips else "",
        "sort_options": sort_options(query),
        "param_errors": error_messages(errors),
        "fixed": fixed,
        "trl_levels": readiness.TRL_LABELS,
        "stages": readiness.STAGES,
        "search_result": query.search_result,
    }


def collection_sort_options(query):
    offered = [("relevance", SORTS["relevance"])] if query.filters.q else []
    offered += [(key, label) for key, (label, _ordering) in query.collection.sorts.items()]
    return [SortOption(key, label, key == query.sort) for key, label in offered]


def collection_listing_context(request, collection, *, page_size=PAGE_SIZE):
    """Everything a list page of another collection shows for this request (/labs/): the same parts, named the
    same, as a catalogue page's."""
    query, errors = lenient_query(request.GET, collection=collection)
    page_obj = QueryPaginator(query, page_size).get_page(request.GET.get("page"))
    active_chips = collection_chips(query, request.GET)
    return {
        "query": query,
        "filters": query.filters,
        "facets": query.facets(),
        "facets_fragment": query.cache_key("facet-form", path=request.path),
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "result_count": page_obj.paginator.count,
        "chips": active_chips,
        "clear_url": "?" if active_chips else "",
        "sort_options": collection_sort_options(query),
        "param_errors": error_messages(errors),
        "search_result": query.search_result,
    }
