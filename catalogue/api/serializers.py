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
    parent = serializers.CharField(help_text="A city's region (its slug); empty for everything else.")


# CatalogueQuery's facet keys as the API spells its parameters.
FACET_NAMES = {"sector": "sector", "need": "need", "region": "region", "org": "organization",
               "tag": "tag", "trl": "trl", "stage": "stage", "has_deployments": "has_deployments",
               "deployed_in": "deployed_in", "terms": "terms"}


def facets_data(facets):
    """`CatalogueQuery.facets()` (of any collection) as JSON-ready lists, keyed like the API's filter parameters."""
    return {FACET_NAMES.get(key, key): FacetValueSerializer(values, many=True).data for key, values in facets.items()}


class PlaceSerializer(SlugNameSerializer):
    kind = serializers.CharField()


class DeploymentSerializer(serializers.Serializer):
    """A deployment case: where (the city and its region, or the region), when, in what state, with what effect."""

    site = serializers.CharField()
    organization = SlugNameSerializer(allow_null=True)
    city = SlugNameSerializer(allow_null=True)
    region = SlugNameSerializer(source="place_region", allow_null=True)
    year = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    scale = serializers.CharField()
    effects = serializers.SerializerMethodField()
    story = serializers.CharField()
    confirmed_by_customer = serializers.BooleanField()
    confirmed_on = serializers.DateField(allow_null=True)
    lat = serializers.FloatField(allow_null=True)
    lon = serializers.FloatField(allow_null=True)

    def get_effects(self, deployment):
        return [{"value": item.value["value"], "label": item.value["label"]} for item in deployment.effects]


class DeploymentListSerializer(serializers.ListSerializer):
    """The solution's deployments, read through `.all()` so the prefetched rows are used."""

    child = DeploymentSerializer()

    def to_representation(self, data):
        return super().to_representation(data.all())


class StreamItemsSerializer(serializers.Field):
    """A StreamField of one block type (IP, certificates) as a plain list of its values' fields."""

    def to_representation(self, stream):
        return [item.block.get_api_representation(item.value) for item in stream]


class CertificatesSerializer(StreamItemsSerializer):
    """Certificates, each saying whether it has expired."""

    def to_representation(self, stream):
        return [{**item.block.get_api_representation(item.value), "expired": item.value.expired()}
                for item in stream]
