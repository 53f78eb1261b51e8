"""GET /api/v2/solutions/ and /api/v2/solutions/<id>/: live, public solutions as JSON.

A thin view over `CatalogueQuery`: it filters, searches, orders and counts nothing itself.
"""
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch
from django.views.decorators.http import require_safe
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet

from catalogue.api.openapi import openapi_document
from catalogue.api.params import APIParamsError, check_detail, parse_listing
from catalogue.api.serializers import facets_data
from catalogue.models import SolutionPage
from catalogue.outputs.addresses import absolute_url
from catalogue.query import CatalogueQuery, full_data, with_card_data

BAD_PARAMS_MESSAGE = "Неверные параметры запроса"
NOT_FOUND_MESSAGE = "Решение не найдено или не опубликовано"


class JSONOnly(BaseContentNegotiation):
    """Always JSON, whatever `Accept` or `?format=` ask for (DRF's documented way to ignore the client)."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class RequestPageHtmlUrlField(PageHtmlUrlField):
    """The page's address on the public site, like Wagtail's field, but found with the request: the site root
    paths are then read once per request instead of from the cache (a Redis round trip) once per item."""

    def to_representation(self, page):
        try:
            return page.get_full_url(self.context["request"])
        except NoReverseMatch:
            return None


class SolutionSerializer(PageSerializer):
    html_url = RequestPageHtmlUrlField(read_only=True)


class PublicAPIMixin:
    """What every public endpoint shares: JSON only, no sessions, our filters, Russian errors, CORS, compact."""

    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly
    # Everyone sees the same public data: no sessions read, so answers do not vary by cookie and cache well.
    authentication_classes = []
    # Filtering, search and order come from CatalogueQuery, never from Wagtail's generic filter backends.
    filter_backends = []
    not_found_message = NOT_FOUND_MESSAGE

    def handle_exception(self, exc):
        if isinstance(exc, APIParamsError):
            return Response({"message": BAD_PARAMS_MESSAGE, "errors": exc.errors}, status=400)
        if isinstance(exc, Http404):
            return Response({"message": self.not_found_message}, status=404)
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            # DRF's own errors (405 and the like) in the same shape as ours.
            response.data = {"message": str(response.data["detail"])}
        return response

    def get_renderer_context(self):
        # Compact JSON: Wagtail's four-space indent doubles a 100-item page (300 → 150 KB before gzip).
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        # Public, read-only data without cookies: partner sites may fetch it from their own pages.
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


class SolutionsAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    name = "solutions"
    model = SolutionPage
    base_serializer_class = SolutionSerializer
    meta_fields = ["type", "detail_url", "html_url", "slug", "first_published_at", "last_published_at"]
    detail_only_fields = ["body", "contact"]
    # Look up by Page.id, an integer field whose out-of-range values Django answers with «no match»;
    # the inherited `pk` (a one-to-one link) lets SQLite overflow on /solutions/99999999999999999999/.
    lookup_field, lookup_url_kwarg = "id", "pk"

    @classmethod
    def get_listing_default_fields(cls, model):
        return [name for name in cls.get_available_fields(model) if name not in cls.detail_only_fields]

    @classmethod
    def get_detail_default_fields(cls, model):
        return cls.get_available_fields(model)

    @classmethod
    def get_urlpatterns(cls):
        # No `find/`: lookups by path are the public site's job, and its `?id=abc` answers with a 500.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "find"]

    def get_queryset(self):
        """Every live, public solution: the detail view's universe (the listing asks CatalogueQuery)."""
        return with_card_data(CatalogueQuery().filtered(), full_data())

    def get_serializer_context(self):
        # Skip PagesAPIViewSet's `base_queryset`: it serves only the `parent` field, which this endpoint omits,
        # and costs two queries per request.
        return super(PagesAPIViewSet, self).get_serializer_context()

    # Another registered collection of CatalogueQuery ("labs") in a subclass; None: the solutions.
    collection = None
    not_found_message = NOT_FOUND_MESSAGE

    def listing_view(self, request):
        query, window = parse_listing(request.GET, self.get_listing_default_fields(self.model),
                                      collection=self.collection)
        total = query.count()
        solutions = self.with_details(list(window.slice(self.listing_results(query), total)))
        serializer = self.get_serializer(solutions, many=True)
        return Response({
            "meta": {"total_count": total, "facets": facets_data(query.facets())},
            "items": serializer.data,
        })

    def listing_results(self, query):
        return query.results(full_data())

    def with_details(self, items):
        """The listed items with whatever the results did not fetch already (nothing, for solutions)."""
        return items

    def detail_view(self, request, pk):
        check_detail(request.GET, self.get_available_fields(self.model))
        return super().detail_view(request, pk)



def _document(request):
    return openapi_document(absolute_url(request, ""))


@require_safe
def openapi_json(request):
    """GET /api/v2/openapi.json: the machine-readable description partners' tools read."""
    response = JsonResponse(_document(request), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def openapi_page(request):
    """GET /api/v2/docs/: the same description as a page a person reads."""
    document = _document(request)
    operations = [{"path": path, **operation["get"]} for path, operation in document["paths"].items()]
    return TemplateResponse(request, "catalogue/api_docs.html", {"document": document, "operations": operations})
