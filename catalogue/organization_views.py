"""/organizations/: every organisation of НОЦ's directory, filtered by kind and region, with counts — a thin view
over CatalogueQuery.of("organizations"). Bad filters are dropped and named, as on the catalogue page."""
from django.shortcuts import render
from django.views.decorators.http import require_GET

from catalogue.listing import QueryPaginator, SortOption, collection_chips, lenient_query
from catalogue.organizations import solution_counts

PAGE_SIZE = 24
PARAM_LABELS = {"kind": "тип", "region": "регион", "sort": "сортировка"}


@require_GET
def organizations_index(request):
    query, errors = lenient_query(request.GET, collection="organizations")
    page_obj = QueryPaginator(query, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = solution_counts()
    chips = collection_chips(query, request.GET)
    return render(request, "catalogue/organizations_index.html", {
        "query": query,
        "facets": query.facets(),
        "page_obj": page_obj,
        "organizations": [(org, counts.get(org.slug, 0)) for org in page_obj.object_list],
        "result_count": page_obj.paginator.count,
        "chips": chips,
        "clear_url": "?" if chips else "",
        "param_errors": [f"{PARAM_LABELS.get(key, key)} — {message}" for key, message in errors.items()],
        "sort_options": [SortOption(key, label, key == query.sort)
                         for key, (label, _ordering) in query.collection.sorts.items()],
    })
