"""/organizations/: every organisation of НОЦ's directory, filtered by kind and region and searched, with counts —
a thin view over CatalogueQuery.of("organizations"), as /labs/ is over its collection. Bad filters are dropped and
named, as on the catalogue page."""
from django.shortcuts import render
from django.views.decorators.http import require_GET

from catalogue.listing import collection_listing_context
from catalogue.organizations import solution_counts

PAGE_SIZE = 24


@require_GET
def organizations_index(request):
    context = collection_listing_context(request, "organizations", page_size=PAGE_SIZE)
    counts = solution_counts()
    context["organizations"] = [(org, counts.get(org.slug, 0)) for org in context["items"]]
    return render(request, "catalogue/organizations_index.html", context)
