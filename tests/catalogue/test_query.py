"""CatalogueQuery: the filters every list of solutions shares."""
import pytest
from django.http import QueryDict

from catalogue.query import CatalogueQuery, CatalogueQueryError
from tests.factories import NeedFactory, OrganizationFactory, SectorFactory, SolutionPageFactory


def query(string):
    return CatalogueQuery.from_params(QueryDict(string))


@pytest.fixture
def catalogue(db):
    ecology, mining = SectorFactory(name="Экология", slug="ecology"), SectorFactory(name="Горное дело", slug="mining")
    water = NeedFactory(name="Очистка воды", slug="water")
    kuzgtu = OrganizationFactory(name="КузГТУ", slug="kuzgtu")
    return {
        "water_unit": SolutionPageFactory(title="Модульная очистка шахтных вод", slug="mine-water", trl=8,
                                          sectors=[ecology], needs=[water], organizations=[kuzgtu]),
        "nursery": SolutionPageFactory(title="Питомник саженцев", slug="nursery", trl=9, sectors=[ecology]),
        "reducer": SolutionPageFactory(title="Редуктор конвейера", slug="reducer", trl=5, sectors=[mining],
                                       organizations=[kuzgtu]),
    }


def slugs(results):
    return [page.slug for page in results[:100]]


def test_taxonomy_filters_combine(catalogue):
    assert slugs(query("sector=ecology&need=water").results()) == ["mine-water"]
    assert slugs(query("org=kuzgtu&sector=mining").results()) == ["reducer"]


def test_stage_and_trl_bounds(catalogue):
    assert slugs(query("stage=pilot").results()) == ["mine-water"]
    assert sorted(slugs(query("trl_min=8").results())) == ["mine-water", "nursery"]
    assert slugs(query("trl_max=5").results()) == ["reducer"]


def test_default_order_is_most_ready_first(catalogue):
    assert slugs(query("").results()) == ["nursery", "mine-water", "reducer"]
    assert slugs(query("sort=relevance").results()) == ["nursery", "mine-water", "reducer"]


def test_drafts_are_never_listed(catalogue):
    catalogue["nursery"].unpublish()
    assert "nursery" not in slugs(query("").results())


def test_facets_count_the_current_results(catalogue):
    facets = query("sector=ecology").facets()
    assert {(f.slug, f.count, f.selected) for f in facets["sector"]} == {("ecology", 2, True)}
    assert {(f.slug, f.count) for f in facets["need"]} == {("water", 1)}
    assert {f.slug: f.count for f in facets["stage"]} == {"research": 0, "development": 0, "pilot": 1, "serial": 1}


@pytest.mark.parametrize("string, param", [
    ("colour=red", "colour"),
    ("trl_min=0", "trl_min"),
    ("trl_max=abc", "trl_max"),
    ("trl_min=8&trl_max=3", "trl_min"),
    ("stage=later", "stage"),
    ("sector=unknown-sector", "sector"),
    ("sort=random", "sort"),
    ("trl_min=%C2%B2", "trl_min"),  # «²» is a digit to str.isdigit(), not to int()
    ("trl_max=" + "9" * 5000, "trl_max"),
    ("sector=%00", "sector"),  # PostgreSQL refuses NUL in a string literal
    ("organization=nobody", "organization"),  # named as the caller spelt it
])
def test_bad_input_names_the_parameter(catalogue, string, param):
    with pytest.raises(CatalogueQueryError) as error:
        query(string)
    assert param in error.value.errors


def test_search_applies_taxonomy_filters(catalogue):
    # Search backends cannot filter on the taxonomy joins themselves; the query must still honour them.
    assert slugs(query("q=шахтных вод&sector=ecology").results()) == ["mine-water"]
    assert slugs(query("q=шахтных вод&org=kuzgtu&sector=mining").results()) == []
    assert query("q=шахтных вод&sector=ecology").count() == 1
