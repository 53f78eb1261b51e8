"""An organisation's profile shows its live laboratories and where its live solutions are deployed."""
import pytest

from tests.factories import CityFactory, DeploymentFactory, RegionFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db


def test_profile_lists_the_hosts_live_labs_as_cards_with_a_link_to_filtered_labs(client, labs):
    html = client.get("/catalogue/org/kuzgtu/").content.decode()
    assert 'id="org-section-labs">Лаборатории и центры</h2>' in html
    assert 'href="/labs/wear/"' in html and 'href="/labs/water-lab/"' in html
    assert "Проверяет узлы горных машин" in html
    assert "Черновик лаборатории" not in html  # not live
    assert "Лаборатория структурного анализа углей" not in html  # another host's
    assert 'href="/labs/?org=kuzgtu"' in html


def test_profile_without_labs_or_deployments_has_no_such_sections(client, labs):
    html = client.get("/catalogue/org/fic/").content.decode()
    assert "Лаборатория структурного анализа углей" in html
    assert "Где внедрены решения" not in html
    labs["xray"].unpublish()
    html = client.get("/catalogue/org/fic/").content.decode()
    assert 'id="org-section-labs"' not in html


def test_profile_groups_deployments_of_its_live_solutions_by_region_with_counts(client, labs):
    from catalogue.models import Organization

    kuzgtu = Organization.objects.get(slug="kuzgtu")
    kuzbass = RegionFactory(name="Кузбасс", slug="kuzbass-region")
    dnr = RegionFactory(name="ДНР", slug="dnr-region")
    pump = SolutionPageFactory(title="Насосная станция", organizations=[kuzgtu])
    filter_ = SolutionPageFactory(title="Фильтр-пресс", organizations=[kuzgtu])
    hidden = SolutionPageFactory(title="Черновик решения", organizations=[kuzgtu], live=False)
    other = SolutionPageFactory(title="Чужое решение")
    for solution, place in ((pump, CityFactory(name="Прокопьевск", parent=kuzbass)), (pump, kuzbass),
                            (filter_, kuzbass), (filter_, dnr), (hidden, dnr), (other, dnr)):
        kind = "city" if place.kind == "city" else "region"
        DeploymentFactory(page=solution, **{"city": place, "region": None} if kind == "city"
                          else {"city": None, "region": place})

    html = client.get("/catalogue/org/kuzgtu/").content.decode()
    assert "Где внедрены решения" in html
    assert "4 внедрения в&nbsp;2 регионах" in html
    assert 'href="/catalogue/map/?org=kuzgtu"' in html
    section = html[html.index("Где внедрены решения"):]
    assert "Кузбасс <span class=\"map-regions__count\">3 внедрения, 2 решения" in section
    assert "ДНР <span class=\"map-regions__count\">1 внедрение, 1 решение" in section
    assert "Черновик решения" not in section and "Чужое решение" not in section
    # The map it links to accepts the organisation and shows the same four.
    assert "4 внедрения в&nbsp;2 регионах" in client.get("/catalogue/map/?org=kuzgtu").content.decode()
