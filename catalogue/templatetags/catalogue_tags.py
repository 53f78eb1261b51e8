"""Links into the catalogue from any template: landing pages of needs, sectors and developers."""
from django import template

from catalogue.models import CatalogueIndexPage

register = template.Library()


def catalogue_index(request):
    """The live catalogue index and its address, looked up once per request however many links a page prints
    (the home page prints forty: working out a page's address each time cost a tenth of its rendering)."""
    if not hasattr(request, "_catalogue_index"):
        index = CatalogueIndexPage.objects.live().first()
        request._catalogue_index = index, index.get_url(request) if index else "/"
    return request._catalogue_index


@register.simple_tag(takes_context=True)
def category_url(context, kind, slug):
    """`{% category_url "need" need.slug %}` → /catalogue/need/<slug>/ (likewise "sector" and "org")."""
    index, url = catalogue_index(context["request"])
    return url + index.reverse_subpage(kind, args=[slug]) if index else ""


@register.simple_tag(takes_context=True)
def catalogue_url(context):
    return catalogue_index(context["request"])[1]


@register.filter
def children_of(values, parent):
    """The facet values nested under `parent` (a region's cities); with "" the top-level ones."""
    return [value for value in values if getattr(value, "parent", "") == parent]
