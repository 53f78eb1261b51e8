"""Links between the catalogue's formats that carry the current filters along."""
from catalogue.models import CatalogueIndexPage
from catalogue.query import PARAMS, carried_params

CATALOGUE_FALLBACK_PATH = "/catalogue/"


def with_filters(request, path, *, drop=(), fixed=None, known=PARAMS):
    """`path` followed by the catalogue filters of this request (and nothing else from its query string);
    `fixed` is the (param, slug) that a landing page's own address implies (/catalogue/need/<slug>/); `known`:
    another collection's parameters (`Collection.query_params`)."""
    params = request.GET
    if fixed and fixed[1] not in params.getlist(fixed[0]):
        params = params.copy()
        params.appendlist(*fixed)
    query_string = carried_params(params, drop=drop, known=known)
    return f"{path}?{query_string}" if query_string else path


def catalogue_path(request):
    """The address of the catalogue page."""
    index = CatalogueIndexPage.objects.live().first()
    return index.get_url(request) if index else CATALOGUE_FALLBACK_PATH


def catalogue_url(request, *, drop=()):
    """The catalogue page showing the same filters as this request."""
    return with_filters(request, catalogue_path(request), drop=drop)

