"""Organisations as a collection of their own: the /organizations/ index and /api/v2/organizations/ ask
CatalogueQuery.of("organizations", …) for them, filtered by kind and region, with counts."""
from catalogue.models import Organization, Region
from catalogue.query import ChoiceDimension, Collection, Dimension

ORGANIZATIONS = Collection(
    name="organizations",
    items=lambda: Organization.objects.all(),
    dimensions=(
        ChoiceDimension("kind", "kind", tuple(Organization.Kind.choices), "Тип"),
        Dimension("region", Region, "region", "Регион"),
    ),
    sorts={"order": ("по порядку НОЦ", ("sort_order", "name")), "name": ("по названию", ("name",))},
    select=("city", "region", "logo"),
)
