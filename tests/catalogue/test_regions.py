"""Regions with their cities: a filter by a region finds its cities' solutions, the facet nests cities under their
region, the admin lists cities under regions; a new category goes to the end of lists."""
import pytest
from django.http import QueryDict

from catalogue.models import Need, Region, Sector
from catalogue.query import CatalogueQuery
from tests.factories import RegionFactory, SolutionPageFactory


@pytest.fixture
def places(db):
    kuzbass = RegionFactory(name="Кузбасс", slug="kuzbass", sort_order=10)
    donbass = RegionFactory(name="ДНР", slug="dnr", sort_order=20)
    city = dict(kind=Region.Kind.CITY)
    novokuznetsk = RegionFactory(name="Новокузнецк", slug="novokuznetsk", parent=kuzbass, sort_order=11, **city)
    kemerovo = RegionFactory(name="Кемерово", slug="kemerovo", parent=kuzbass, sort_order=12, **city)
    donetsk = RegionFactory(name="Донецк", slug="donetsk", parent=donbass, sort_order=21, **city)
    return {
        "in_city": SolutionPageFactory(slug="in-city", regions=[novokuznetsk]),
        "in_both": SolutionPageFactory(slug="in-both", regions=[kuzbass, kemerovo]),
        "in_region": SolutionPageFactory(slug="in-region", regions=[kuzbass]),
        "in_donetsk": SolutionPageFactory(slug="in-donetsk", regions=[donetsk]),
    }


def query(string):
    return CatalogueQuery.from_params(QueryDict(string))


def found(string):
    return sorted(page.slug for page in query(string).results()[:100])


def test_a_region_includes_its_cities_solutions_once(places):
    assert found("region=kuzbass") == ["in-both", "in-city", "in-region"]
    assert found("region=novokuznetsk") == ["in-city"]
    assert found("region=dnr") == ["in-donetsk"]
    assert query("region=kuzbass").count() == 3


def test_two_regions_mean_both(places):
    assert found("region=kuzbass&region=kemerovo") == ["in-both"]
    assert found("region=kuzbass&region=dnr") == []


def test_the_facet_lists_cities_right_after_their_region(places):
    facet = query("").facets()["region"]
    assert [(v.slug, v.count, v.parent) for v in facet] == [
        ("kuzbass", 3, ""), ("novokuznetsk", 1, "kuzbass"), ("kemerovo", 1, "kuzbass"),
        ("dnr", 1, ""), ("donetsk", 1, "dnr"),
    ]


def test_a_region_shows_when_only_its_cities_have_solutions(places):
    facet = query("region=dnr").facets()["region"]
    assert [(v.slug, v.count, v.selected) for v in facet] == [("dnr", 1, True), ("donetsk", 1, False)]


def test_the_catalogue_page_nests_cities_under_their_region(client, places):
    html = client.get("/catalogue/").content.decode()
    region = html.index('value="kuzbass"')
    nested = html.index('class="facet__children"', region)
    assert nested < html.index('value="novokuznetsk"') < html.index('value="dnr"')


def test_the_api_names_a_citys_region(client, places):
    facet = client.get("/api/v2/solutions/?region=kuzbass").json()["meta"]["facets"]["region"]
    assert {value["slug"]: value["parent"] for value in facet}["novokuznetsk"] == "kuzbass"


def test_region_manager_expands_regions_to_their_cities(places):
    expanded = Region.objects.filter(slug__in=["kuzbass", "novokuznetsk"]).with_cities()
    assert sorted(expanded.values_list("slug", flat=True)) == ["kemerovo", "kuzbass", "novokuznetsk"]


@pytest.mark.parametrize("model", [Sector, Need, Region])
def test_a_new_category_goes_to_the_end(db, model):
    model.objects.create(name="Первая", sort_order=50)
    model.objects.create(name="Вторая", sort_order=7)
    newest = model.objects.create(name="Новая")
    assert newest.sort_order == 51
    assert list(model.objects.values_list("name", flat=True))[-1] == "Новая"
    assert model.objects.create(name="Нулевая", sort_order=0).sort_order == 0  # an explicit order is kept


def test_the_admin_lists_cities_under_their_region(admin_client, places):
    html = admin_client.get("/admin/snippets/catalogue/region/").content.decode()
    order = ["Кузбасс", "Новокузнецк", "Кемерово", "ДНР", "Донецк"]
    positions = [html.index(f">{name}<") if f">{name}<" in html else html.index(name) for name in order]
    assert positions == sorted(positions)
