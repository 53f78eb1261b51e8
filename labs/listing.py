"""/labs/ as a web page: a LabQuery built leniently from the address (catalogue.listing's rules), one page of
lab cards, removable filter chips and sort links."""
from catalogue.listing import Chip, QueryPaginator, SortOption, error_messages, lenient_query, without
from labs.models import SERVICE_KINDS
from labs.query import DIMENSIONS, SORTS, LabQuery

PAGE_SIZE = 12


def chips(query, params):
    filters, found = query.filters, []
    for dimension in DIMENSIONS:
        slugs = getattr(filters, dimension.param)
        names = dict(dimension.model.objects.filter(slug__in=slugs).values_list("slug", "name")) if slugs else {}
        found += [Chip(dimension.label, names[slug], without(params, dimension.param, slug))
                  for slug in slugs if slug in names]
    found += [Chip("Услуги", SERVICE_KINDS[kind], without(params, "service", kind)) for kind in filters.service]
    if filters.q:
        found.append(Chip("Поиск", f"«{filters.q}»", without(params, "q")))
    return found


def sort_options(query):
    offered = [key for key in SORTS if key != "relevance" or query.filters.q]
    return [SortOption(key, SORTS[key], key == query.sort) for key in offered]


def lab_listing_context(request):
    query, errors = lenient_query(request.GET, query_class=LabQuery)
    page_obj = QueryPaginator(query, PAGE_SIZE).get_page(request.GET.get("page"))
    active_chips = chips(query, request.GET)
    return {
        "query": query,
        "filters": query.filters,
        "facets": query.facets(),
        "facets_fragment": query.cache_key("lab-facet-form", path=request.path),
        "page_obj": page_obj,
        "labs": page_obj.object_list,
        "result_count": page_obj.paginator.count,
        "chips": active_chips,
        "clear_url": "?" if active_chips else "",
        "sort_options": sort_options(query),
        "param_errors": error_messages(errors),
        "search_result": query.search_result,
    }
