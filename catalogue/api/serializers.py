"""How solutions and facet counts look in the public API.

The field serializers are attached to `SolutionPage.api_fields`, so Wagtail's own serializer builds each item.
"""
from rest_framework import serializers


class SlugNameSerializer(serializers.Serializer):
    """A sector, need, region, organisation or tag as {"slug", "name"}."""

    slug = serializers.CharField()
    name = serializers.CharField()


class SlugNameListSerializer(serializers.ListSerializer):
    """A many-to-many relation read through `.all()`, so prefetched rows are reused rather than queried again."""

    child = SlugNameSerializer()

    def to_representation(self, data):
        return super().to_representation(data.all())


class TagListSerializer(SlugNameListSerializer):
    """Tags have no editor's order: sort them by name so the output is stable."""

    def to_representation(self, data):
        tags = sorted(data.all(), key=lambda tag: tag.name.lower())
        return [self.child.to_representation(tag) for tag in tags]


class StageSerializer(serializers.Serializer):
    """A road-map stage of `catalogue.readiness` with the УГТ levels it spans."""

    slug = serializers.CharField()
    name = serializers.CharField()
    trl_min = serializers.IntegerField()
    trl_max = serializers.IntegerField()


class FacetValueSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


# CatalogueQuery's facet keys as the API spells its parameters.
FACET_NAMES = {"sector": "sector", "need": "need", "region": "region", "org": "organization",
               "tag": "tag", "trl": "trl", "stage": "stage"}


def facets_data(facets):
    """`CatalogueQuery.facets()` (of any collection) as JSON-ready lists, keyed like the API's filter parameters."""
    return {FACET_NAMES.get(key, key): FacetValueSerializer(values, many=True).data for key, values in facets.items()}
