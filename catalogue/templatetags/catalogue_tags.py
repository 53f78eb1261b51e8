"""Links into the catalogue from any template: landing pages of needs, sectors and developers."""
from django import template

from catalogue.models import CatalogueIndexPage

register = template.Library()


def catalogue_index(request):
    """The live catalogue index, looked up once per request however many links a page prints."""
    if not hasattr(request, "_catalogue_index"):
        request._catalogue_index = CatalogueIndexPage.objects.live().first()
    return request._catalogue_index


@register.simple_tag(takes_context=True)
def category_url(context, kind, slug):
    """`{% category_url "need" need.slug %}` → /catalogue/need/<slug>/ (likewise "sector" and "org")."""
    index = catalogue_index(context["request"])
    return index.category_url(kind, slug) if index else ""


@register.simple_tag(takes_context=True)
def catalogue_url(context):
    index = catalogue_index(context["request"])
    return index.url if index else "/"
