"""The partner widget: `/embed/?need=…&sector=…&region=…&limit=…`, a compact list of matching solutions for an
<iframe> on a regional agency's or a city's site.

The only pages of the site that may be framed (everything else answers X-Frame-Options: DENY). Self-contained:
its own small stylesheet, no scripts, links open the solution on our site in a new tab.
"""
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from catalogue.outputs.links import catalogue_url
from catalogue.query import CatalogueQuery, CatalogueQueryError

DEFAULT_LIMIT, MAX_LIMIT = 5, 20


def parse_limit(value):
    """How many solutions to show: 1…MAX_LIMIT, DEFAULT_LIMIT when absent."""
    value = (value or "").strip()
    if not value:
        return DEFAULT_LIMIT
    if value.isdigit() and 1 <= int(value) <= MAX_LIMIT:
        return int(value)
    raise CatalogueQueryError({"limit": f"целое число от 1 до {MAX_LIMIT}"})


@require_safe
@xframe_options_exempt
def embed(request):
    errors = {}
    try:
        query = CatalogueQuery.from_params(request.GET, ignore=("limit",))
    except CatalogueQueryError as error:
        errors.update(error.errors)
    try:
        limit = parse_limit(request.GET.get("limit"))
    except CatalogueQueryError as error:
        errors.update(error.errors)
    if errors:
        # Still framable: the partner sees the reason inside their page rather than a blocked frame.
        return render(request, "catalogue/embed.html", {"errors": errors}, status=400)
    results = query.results()
    return render(request, "catalogue/embed.html", {
        "solutions": results[:limit],
        "total": results.count(),
        "catalogue_url": catalogue_url(request),
    })
