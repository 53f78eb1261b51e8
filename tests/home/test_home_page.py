"""The home page: what НОЦ offers, a search box, entry points by need and sector, live figures and charts."""
import pytest

from tests.factories import LabPageFactory, OrganizationFactory, SolutionPageFactory
from tests.showcase import build_showcase

pytestmark = pytest.mark.django_db


def test_home_shows_live_figures_and_entry_points(client):
    build_showcase()
    response = client.get("/")
    html = response.content.decode()
    figures = {figure.label: figure.value for figure in response.context["figures"]}
    assert figures == {"решений в каталоге": 6, "организации": 2, "отрасли": 3, "региона или города": 2}
    assert '<a href="/organizations/">организации</a>' in html
    assert "С чем вы столкнулись?" in html
    assert 'href="/catalogue/need/ochistka-shakhtnykh-vod/"' in html
    assert 'href="/catalogue/sector/ekologiia/"' in html
    assert 'action="/search/"' in html and 'name="q"' in html
    assert "257 вузов" in html


def test_figures_follow_publication(client):
    build_showcase()
    draft = SolutionPageFactory(title="Черновик", slug="draft", live=False)
    assert draft.live is False
    assert client.get("/").context["figures"][0].value == 6


def test_organisations_are_counted_from_the_directory_whether_or_not_they_list_a_solution(client):
    build_showcase()
    OrganizationFactory(name="Администрация города (пример)", kind="authority")
    figures = {figure.label: figure.value for figure in client.get("/").context["figures"]}
    assert figures["организации"] == 3


def test_charts_are_server_rendered_svg(client):
    build_showcase()
    html = client.get("/").content.decode()
    assert html.count('<svg class="chart__svg"') == 2
    # Two solutions at the largest stage fill the bar; one solution gets half of it.
    assert 'aria-label="Решения по стадиям готовности: Исследование — 1; Разработка — 2; ' in html
    assert 'width="88.0%"' in html and 'width="44.0%"' in html


def test_most_ready_and_newest_lists(client):
    build_showcase()
    context = client.get("/").context
    assert [solution.trl for solution in context["most_ready"]] == [9, 8, 7]
    assert len(context["newest"]) == 3


def test_empty_catalogue_still_renders(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["figures"][0].value == 0


def test_figures_count_live_labs(client):
    build_showcase()
    host = OrganizationFactory(name="КузГТУ")
    LabPageFactory(organization=host)
    LabPageFactory(organization=host)
    LabPageFactory(organization=host, live=False)
    figures = {figure.label: figure.value for figure in client.get("/").context["figures"]}
    assert figures["лаборатории или центра"] == 2
