"""Organisations as a collection of their own, and what their profile shows.

The /organizations/ index, the search page's «Организации» and /api/v2/organizations/ ask
`CatalogueQuery.of("organizations", …)`, filtered by kind and region, with counts, and searched by the one search
service (Organization.search_document: name, description, kind and role, place, parent). The profile at
/catalogue/org/<slug>/ (a route of CatalogueIndexPage) adds to the catalogue list of the organisation's solutions
who they are, their figures (solutions by stage) and the sections other apps contribute through the
`organization_profile_sections` hook (laboratories, deployments).
"""
from dataclasses import dataclass, field

from django.db.models import Prefetch
from wagtail import hooks

from catalogue.models import Organization, Region
from catalogue.query import CatalogueQuery, ChoiceDimension, Collection, Dimension, Filters
from search import service as search_service

SORT_IN_NOC_ORDER = ("sort_order", "name", "pk")


def search_organizations(queryset, text, collection=None):
    """Organisations ranked by the one search service: name, description, kind, role, place, parent."""
    return search_service.search(queryset, text, tie_order=SORT_IN_NOC_ORDER, collection=collection)


ORGANIZATIONS = Collection(
    name="organizations",
    items=lambda: Organization.objects.all(),
    dimensions=(
        ChoiceDimension("kind", "kind", tuple(Organization.Kind.choices), "Тип"),
        Dimension("region", Region, "region", "Регион"),
    ),
    sorts={"order": ("по порядку НОЦ", SORT_IN_NOC_ORDER), "name": ("по названию", ("name", "pk"))},
    search=search_organizations,
    select=("city", "region", "parent", "logo"),
    prefetch=("logo__renditions",),
    figure="организация,организации,организаций",
    url_name="organizations",
)

PROFILE_SECTIONS_HOOK = "organization_profile_sections"


@dataclass(frozen=True)
class ProfileSection:
    """A part of an organisation's profile another app contributes (its laboratories, where its solutions are
    deployed). A function registered with `@hooks.register("organization_profile_sections")` receives
    (organization, request) and returns one of these, or None to show nothing. `key` names the template block
    it fills: "labs" or "deployments" (others go after them); `template` is rendered with `section`."""

    key: str
    heading: str
    template: str = "catalogue/includes/profile_section.html"
    items: tuple = ()
    order: int = 100
    context: dict = field(default_factory=dict)  # anything else its template needs


def profile_sections(organization, request):
    """{key: ProfileSection} from every registered hook, for the profile's named blocks."""
    found = [hook(organization, request) for hook in hooks.get_hooks(PROFILE_SECTIONS_HOOK)]
    return {section.key: section for section in sorted(filter(None, found), key=lambda section: section.order)}


def deployments_section(organization, request):
    """«Где внедрены решения»: the deployments of the organisation's live solutions by region, with counts — the
    deployment map's own answer for `org=<slug>` (cached with it), linking to that map."""
    from catalogue.outputs.deployment_map import map_data
    from catalogue.templatetags.catalogue_tags import catalogue_index

    data = map_data(CatalogueQuery(Filters(org=[organization.slug])))
    if not data["total"]:
        return None
    index, catalogue_url = catalogue_index(request)
    return ProfileSection(key="deployments", heading="Где внедрены решения", order=20,
                          template="catalogue/includes/profile_deployments.html", items=tuple(data["regions"]),
                          context={"total": data["total"], "catalogue_url": catalogue_url,
                                   "filter_query": f"org={organization.slug}",
                                   "map_url": f"{catalogue_url}{index.reverse_subpage('map')}?org={organization.slug}"})


def stage_figures(organization):
    """The organisation's live solutions by stage of readiness: (stage name, count, css class), all stages.
    The unfiltered list of its solutions counts the same facets, so this is cached alongside them."""
    facets = CatalogueQuery(Filters(org=[organization.slug])).facets()
    return [(value.name, value.count, f"stage-{value.slug}") for value in facets["stage"]]


def profile_queryset():
    """An organisation with everything its profile names, in one query (and its logo's renditions)."""
    return Organization.objects.select_related("city", "region", "parent", "logo").prefetch_related(
        Prefetch("logo__renditions"))


def solution_counts():
    """{organisation slug: live solutions} — the catalogue's own facet, cached until the catalogue changes."""
    return {value.slug: value.count for value in CatalogueQuery().facets()["org"]}
