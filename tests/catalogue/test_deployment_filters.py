"""has_deployments, deployed_in (a region includes its cities), terms and «больше внедрений»: one set of names for
the catalogue page, the API and every other list (CatalogueQuery)."""
import pytest
from django.http import QueryDict

from catalogue.query import CatalogueQuery, CatalogueQueryError
from tests.factories import CityFactory, DeploymentFactory, RegionFactory, SolutionPageFactory


def query(string):
    return CatalogueQuery.from_params(QueryDict(string))


def slugs(results):
    return [page.slug for page in results[:100]]


@pytest.fixture
def places(db):
    kuzbass = RegionFactory(name="Кемеровская область – Кузбасс", slug="kuzbass")
    donetsk_region = RegionFactory(name="Донецкая Народная Республика", slug="dnr")
    return {
        "kuzbass": kuzbass,
        "dnr": donetsk_region,
        "kemerovo": CityFactory(name="Кемерово", slug="kemerovo", parent=kuzbass),
        "novokuznetsk": CityFactory(name="Новокузнецк", slug="novokuznetsk", parent=kuzbass),
        "donetsk": CityFactory(name="Донецк", slug="donetsk", parent=donetsk_region),
    }


@pytest.fixture
def deployed(places):
    water = SolutionPageFactory(title="Очистка шахтных вод", slug="mine-water", trl=8, terms_licence=True,
                                terms_supply=True)
    dumps = SolutionPageFactory(title="Рекультивация отвалов", slug="dumps", trl=7, terms_service=True)
    reducer = SolutionPageFactory(title="Редуктор конвейера", slug="reducer", trl=9)
    DeploymentFactory(page=water, city=places["kemerovo"])
    DeploymentFactory(page=water, city=places["novokuznetsk"])
    DeploymentFactory(page=water, city=places["donetsk"])
    DeploymentFactory(page=dumps, city=None, region=places["kuzbass"])
    return {"water": water, "dumps": dumps, "reducer": reducer}


def test_has_deployments_keeps_only_solutions_that_already_work_somewhere(deployed):
    assert sorted(slugs(query("has_deployments=true").results())) == ["dumps", "mine-water"]
    assert sorted(slugs(query("has_deployments=false").results())) == ["dumps", "mine-water", "reducer"]


def test_a_region_includes_deployments_in_its_cities(deployed):
    assert sorted(slugs(query("deployed_in=kuzbass").results())) == ["dumps", "mine-water"]
    assert slugs(query("deployed_in=novokuznetsk").results()) == ["mine-water"]
    assert slugs(query("deployed_in=dnr").results()) == ["mine-water"]
    assert slugs(query("deployed_in=kuzbass&deployed_in=donetsk").results()) == ["mine-water"]


def test_terms_filter_by_form_of_cooperation(deployed):
    assert slugs(query("terms=licence").results()) == ["mine-water"]
    assert slugs(query("terms=service").results()) == ["dumps"]
    assert slugs(query("terms=licence&terms=service").results()) == []


def test_more_deployments_first(deployed):
    assert slugs(query("sort=deployments").results()) == ["mine-water", "dumps", "reducer"]
    assert query("sort=deployments").first_ids(2) == [deployed["water"].pk, deployed["dumps"].pk]


def test_facets_count_solutions_per_place_and_form_of_cooperation(deployed):
    facets = query("terms=licence").facets()
    assert [(f.slug, f.count) for f in facets["has_deployments"]] == [("true", 1)]
    assert {f.slug: f.count for f in facets["deployed_in"]} == {
        "kuzbass": 1, "kemerovo": 1, "novokuznetsk": 1, "dnr": 1, "donetsk": 1}
    assert [(f.slug, f.count, f.selected) for f in facets["terms"]] == [("licence", 1, True), ("supply", 1, False)]
    everything = query("").facets()
    # Kuzbass: the water plant in two of its cities and the dumps in the region itself — two solutions.
    assert {f.slug: f.count for f in everything["deployed_in"]}["kuzbass"] == 2
    assert everything["has_deployments"][0].count == 2


def test_describe_names_the_new_filters(deployed):
    assert query("has_deployments=true&deployed_in=kuzbass&terms=rnd").describe() == [
        "Есть внедрения", "Внедрено: Кемеровская область – Кузбасс", "Условия: договор НИОКР"]


@pytest.mark.parametrize("string, param, message", [
    ("has_deployments=yes", "has_deployments", "допустимо: true, false"),
    ("deployed_in=atlantis", "deployed_in", "не найдено: atlantis"),
    ("terms=barter", "terms", "не найдено: barter; допустимо: licence, supply, service, joint, rnd"),
])
def test_bad_values_are_named_in_russian(deployed, string, param, message):
    with pytest.raises(CatalogueQueryError) as caught:
        query(string)
    assert caught.value.errors == {param: message}


def test_the_catalogue_page_filters_and_offers_the_new_facets(deployed, client):
    page = client.get("/catalogue/?deployed_in=kuzbass&terms=licence")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Очистка шахтных вод" in html and "Рекультивация отвалов" not in html
    assert 'name="deployed_in" value="novokuznetsk"' in html
    assert 'name="terms" value="licence" checked' in html
    assert '<option value="deployments"' in html
    bad = client.get("/catalogue/?deployed_in=atlantis&terms=barter")
    assert bad.status_code == 200
    assert "где внедрено — не найдено: atlantis" in bad.content.decode()


def test_the_api_takes_the_same_names(deployed, client):
    answer = client.get("/api/v2/solutions/?deployed_in=dnr&has_deployments=true").json()
    assert [item["meta"]["slug"] for item in answer["items"]] == ["mine-water"]
    assert client.get("/api/v2/solutions/?terms=barter").status_code == 400
