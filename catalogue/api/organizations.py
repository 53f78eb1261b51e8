"""GET /api/v2/organizations/ and /api/v2/organizations/<id>/: НОЦ's directory of organisations as JSON.

A thin view over `CatalogueQuery.of("organizations")`: filters `kind` and `region` (several values: any of them),
`sort` (order, name), `limit` and `offset`; facet counts in `meta.facets`; every bad parameter → 400 with a Russian
message per parameter, as /api/v2/solutions/ answers.
"""
from django.shortcuts import get_object_or_404
from rest_framework import serializers
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from catalogue.api.params import APIParamsError, parse_collection_listing
from catalogue.api.serializers import FacetValueSerializer, SlugNameSerializer
from catalogue.api.views import PublicAPIMixin
from catalogue.models import CatalogueIndexPage
from catalogue.organizations import profile_queryset, solution_counts
from catalogue.outputs.addresses import absolute_url

LOGO_SPEC = "max-400x400"


class ChoiceSerializer(serializers.Serializer):
    def to_representation(self, instance):
        value, label = instance
        return {"slug": value, "name": str(label)} if value else None


class OrganizationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    website = serializers.CharField()
    # Blank: the organisation publishes no channel of its own, requests go through НОЦ.
    contact = serializers.CharField()

    def to_representation(self, organization):
        data = super().to_representation(organization)
        context = self.context
        place = SlugNameSerializer()
        data.update({
            "kind": ChoiceSerializer().to_representation((organization.kind, organization.get_kind_display())),
            "role": ChoiceSerializer().to_representation((organization.role, organization.get_role_display())),
            "city": place.to_representation(organization.city) if organization.city else None,
            "region": place.to_representation(organization.region) if organization.region else None,
            "parent": place.to_representation(organization.parent) if organization.parent else None,
            "logo": (absolute_url(context["request"], organization.logo.get_rendition(LOGO_SPEC).url)
                     if organization.logo else None),
            "solution_count": context["solution_counts"].get(organization.slug, 0),
            "html_url": context["profile_url"](organization.slug),
        })
        return data


class OrganizationsAPIViewSet(PublicAPIMixin, BaseAPIViewSet):
    name = "organizations"
    model = CatalogueIndexPage  # unused by our views; Wagtail's router only reads `name`
    not_found_message = "Организация не найдена"
    lookup_field, lookup_url_kwarg = "id", "pk"

    @classmethod
    def get_urlpatterns(cls):
        from django.urls import path

        return [path("", cls.as_view({"get": "listing_view"}), name="listing"),
                path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail")]

    def listing_view(self, request):
        query, window = parse_collection_listing("organizations", request.GET)
        total = query.count()
        organizations = list(window.slice(query.results(), total))
        return Response({
            "meta": {"total_count": total, "facets": {key: FacetValueSerializer(values, many=True).data
                                                      for key, values in query.facets().items()}},
            "items": OrganizationSerializer(organizations, many=True, context=self._context(request)).data,
        })

    def detail_view(self, request, pk):
        unknown = {key: "неизвестный параметр" for key in request.GET if key not in ("format", "_")}
        if unknown:
            raise APIParamsError(unknown)
        organization = get_object_or_404(profile_queryset(), pk=pk)
        return Response(OrganizationSerializer(organization, context=self._context(request)).data)

    @staticmethod
    def _context(request):
        catalogue = CatalogueIndexPage.objects.live().first()
        root = catalogue.get_full_url(request) if catalogue else None

        def profile_url(slug):
            return root + catalogue.reverse_subpage("org", args=[slug]) if root else None

        return {"request": request, "solution_counts": solution_counts(), "profile_url": profile_url}
