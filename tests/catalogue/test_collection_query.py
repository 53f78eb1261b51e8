"""CatalogueQuery.of(): another collection (organisations) filtered, counted and validated like the catalogue."""
import pytest
from django.http import QueryDict

from catalogue.models import Organization, Region
from catalogue.query import CatalogueQuery, CatalogueQueryError
from tests.factories import OrganizationFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    kuzbass = RegionFactory(name="Кемеровская область", slug="kuzbass")
    dnr = RegionFactory(name="Донецкая Народная Республика", slug="dnr")
    return {
        "kuzstu": OrganizationFactory(name="КузГТУ", kind="university", region=kuzbass),
        "sibgiu": OrganizationFactory(name="СибГИУ", kind="university", region=kuzbass),
        "fic": OrganizationFactory(name="ФИЦ УУХ СО РАН", kind="institute", region=kuzbass),
        "dongtu": OrganizationFactory(name="ДонГТУ", kind="university", region=dnr),
        "firm": OrganizationFactory(name="Завод", kind="company"),
    }


def names(query):
    return [org.name for org in query.results()]


def test_filters_by_kind_and_region_and_counts_the_rest(organisations):
    query = CatalogueQuery.of("organizations", QueryDict("kind=university&region=kuzbass&sort=name"))
    assert names(query) == ["КузГТУ", "СибГИУ"]
    assert query.count() == 2
    facets = query.facets()
    # Kinds are counted among the other filters' matches: another kind adds to the list.
    assert [(value.slug, value.count, value.selected) for value in facets["kind"]] == [
        ("university", 2, True), ("institute", 1, False)]
    # (In the categories' own order: a new category goes to the end of lists.)
    assert {value.name: value.count for value in facets["region"]} == {
        "Донецкая Народная Республика": 1, "Кемеровская область": 2}


def test_several_kinds_are_any_of_them(organisations):
    query = CatalogueQuery.of("organizations", QueryDict("kind=university&kind=institute&sort=name"))
    assert names(query) == ["ДонГТУ", "КузГТУ", "СибГИУ", "ФИЦ УУХ СО РАН"]
    unfiltered = CatalogueQuery.of("organizations", QueryDict())
    kinds = {value.slug: value.count for value in unfiltered.facets()["kind"]}
    assert kinds == {"university": 3, "institute": 1, "company": 1}


@pytest.mark.parametrize(("params", "errors"), [
    ("kind=school", {"kind": "не найдено: school"}),
    ("region=mars", {"region": "не найдено: mars"}),
    ("colour=red", {"colour": "неизвестный параметр"}),
    ("sort=random", {"sort": "допустимо: order, name"}),
    ("kind=%00", {"kind": "недопустимые символы в значении"}),
])
def test_bad_filters_are_named_in_russian(organisations, params, errors):
    with pytest.raises(CatalogueQueryError) as raised:
        CatalogueQuery.of("organizations", QueryDict(params))
    assert raised.value.errors == errors


def test_region_filter_sees_the_region_a_city_implies(organisations):
    kemerovo = RegionFactory(name="Кемерово", kind=Region.Kind.CITY, parent=Region.objects.get(slug="kuzbass"))
    Organization.objects.create(name="Кемеровский институт", kind="institute", city=kemerovo)
    query = CatalogueQuery.of("organizations", QueryDict("region=kuzbass&kind=institute&sort=name"))
    assert names(query) == ["Кемеровский институт", "ФИЦ УУХ СО РАН"]
