"""Facet counts, the filter form, the home page's shelves and related solutions are cached, yet a visitor sees
every published change on the very next request."""
import re

import pytest
from wagtail.models import Page, PageViewRestriction

from catalogue import cache as catalogue_cache
from catalogue.models import Sector
from search.models import SynonymGroup
from tests.factories import SectorFactory, SolutionPageFactory, publish

API = "/api/v2/solutions/"


def page_counts(client, dimension="sector"):
    """The counts the catalogue page's filter form shows (the form itself is a cached fragment)."""
    html = client.get("/catalogue/").content.decode()
    pattern = rf'name="{dimension}" value="[^"]*"> ([^<]+) <span class="facet__count">(\d+)</span>'
    return {name: int(count) for name, count in re.findall(pattern, html)}


def api_counts(client, dimension="sector"):
    facets = client.get(API).json()["meta"]["facets"]
    return {value["name"]: value["count"] for value in facets[dimension]}


def both_counts(client):
    return page_counts(client), api_counts(client)


@pytest.fixture
def ecology(open_catalogue):
    return Sector.objects.get(slug="ecology")


def test_a_published_solution_counts_at_once(client, ecology):
    assert both_counts(client) == ({"Экология": 2, "Горное дело": 1},) * 2
    publish(SolutionPageFactory(title="Сорбент для шахтных вод", sectors=[ecology]))
    assert both_counts(client) == ({"Экология": 3, "Горное дело": 1},) * 2


def test_an_unpublished_solution_stops_counting_at_once(client, open_catalogue):
    assert page_counts(client)["Горное дело"] == 1
    open_catalogue["reducer"].unpublish()
    assert both_counts(client) == ({"Экология": 2},) * 2


def test_a_deleted_solution_stops_counting_at_once(client, open_catalogue):
    assert api_counts(client)["Горное дело"] == 1
    Page.objects.get(pk=open_catalogue["reducer"].pk).delete()
    assert both_counts(client) == ({"Экология": 2},) * 2


def test_a_renamed_sector_shows_its_new_name(client, ecology):
    assert "Экология" in both_counts(client)[0]
    ecology.name = "Экология и природопользование"
    ecology.save()
    assert both_counts(client) == ({"Экология и природопользование": 2, "Горное дело": 1},) * 2
    assert "Экология и природопользование" in client.get("/").content.decode()


def test_a_new_sector_of_a_published_solution_counts(client, open_catalogue):
    api_counts(client)
    reducer = open_catalogue["reducer"]
    reducer.sectors.add(SectorFactory(name="Машиностроение"))
    publish(reducer)
    assert api_counts(client)["Машиностроение"] == 1


def test_a_new_synonym_changes_what_a_search_counts(client, open_catalogue):
    assert client.get(API, {"search": "дрон"}).json()["meta"]["facets"]["sector"] == []
    SynonymGroup.objects.create(terms="дрон, редуктор")
    facets = client.get(API, {"search": "дрон"}).json()["meta"]["facets"]["sector"]
    assert [(value["name"], value["count"]) for value in facets] == [("Горное дело", 1)]


def test_a_solution_behind_a_password_stops_counting(client, open_catalogue):
    assert page_counts(client)["Горное дело"] == 1
    PageViewRestriction.objects.create(page=open_catalogue["reducer"], restriction_type="password",
                                       password="секрет")
    assert both_counts(client) == ({"Экология": 2},) * 2


def test_bulk_changes_invalidate_once_at_the_end(client, ecology, django_capture_on_commit_callbacks):
    assert page_counts(client)["Экология"] == 2
    before = catalogue_cache.generation()
    with django_capture_on_commit_callbacks(execute=True), catalogue_cache.deferred_bumps():
        for title in ("Сорбент для шахтных вод", "Фитомелиорация отвалов"):
            publish(SolutionPageFactory(title=title, sectors=[ecology]))
        ecology.save()
        assert catalogue_cache.generation() == before  # nothing outside the transaction could see them yet
    # One bump as the block ends, one after the commit: not two per page and per save.
    assert catalogue_cache.generation() == before + 2
    assert both_counts(client) == ({"Экология": 4, "Горное дело": 1},) * 2


# --- Cost ----------------------------------------------------------------------------------------------------
# Facet counts take twelve queries here: a count and a name lookup for each of sectors, needs, regions and
# developers, one for keywords, one for readiness (which also gives the number of results), one for «has
# deployments» and the forms of cooperation, one for the places of deployments (this catalogue has none, so their
# names are not looked up; with deployments that is one more, see tests/test_page_costs.py). A repeated request
# reads them from the cache instead. The API also fetches the items' deployments (one query, both times).

@pytest.mark.parametrize("url, first, repeated", [
    ("/catalogue/", 25, 13),
    ("/catalogue/?sector=ecology&need=water", 29, 17),
    (API, 22, 10),
    (API + "?stage=pilot&sort=title", 22, 10),
    # The home page's figures and charts are drawn from the same facets; its two shelves are remembered too
    # (the view restrictions and the ids of each: four queries), and so are the count of organisations (one), the
    # count of laboratories (view restrictions and a count: two) and the deployments of «Где уже работает» (one).
    ("/", 31, 10),
])
def test_a_repeated_request_skips_the_facet_queries(client, open_catalogue, django_assert_num_queries, settings,
                                                   url, first, repeated):
    settings.RESPONSE_CACHE_SECONDS = 0  # the page is rebuilt each time (tests/catalogue/test_response_cache.py)
    client.get("/catalogue/", {"stage": "serial"})  # warms Wagtail's cache of site root paths, as on any server
    with django_assert_num_queries(first):
        first_response = client.get(url)
    with django_assert_num_queries(repeated):
        repeated_response = client.get(url)
    assert repeated_response.content == first_response.content


def test_filters_in_another_order_share_one_entry(client, open_catalogue, django_assert_num_queries):
    client.get("/catalogue/", {"stage": "serial"})
    first = client.get(API, {"sector": ["mining", "ecology"], "sort": "title"}).json()["meta"]["facets"]
    # No solution is in both sectors: a slug check, a view-restriction read, a site for the links; the ten facet
    # queries are not repeated, and the total is their readiness counts added up.
    with django_assert_num_queries(3):
        again = client.get(API, {"sector": ["ecology", "mining", "ecology"]}).json()["meta"]["facets"]
    assert again == first


def related_titles(client, solution):
    html = client.get(solution.url).content.decode()
    related = html[html.index('id="related-title"'):] if 'id="related-title"' in html else ""
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', related)


def test_related_solutions_follow_publication(client, open_catalogue, ecology):
    water = open_catalogue["water"]
    assert related_titles(client, water) == ["Рекультивация отвалов осадками сточных вод"]
    sorbent = publish(SolutionPageFactory(title="Сорбент для шахтных вод", sectors=[ecology],
                                          needs=list(water.needs.all())))
    # It shares both the sector and the need, so it comes first.
    assert related_titles(client, water) == ["Сорбент для шахтных вод", "Рекультивация отвалов осадками сточных вод"]
    sorbent.unpublish()
    assert related_titles(client, water) == ["Рекультивация отвалов осадками сточных вод"]


def shelf_titles(client, shelf_id):
    html = client.get("/").content.decode()
    shelf = html[html.index(f'id="{shelf_id}"'):]
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', shelf[:shelf.index("</section>")])


def test_the_home_page_shelves_follow_publication(client, open_catalogue, ecology):
    assert shelf_titles(client, "newest-title")[0] == "Редуктор ленточного конвейера"
    assert "<dt>решения в каталоге</dt><dd>3</dd>" in client.get("/").content.decode()
    publish(SolutionPageFactory(title="Сорбент для шахтных вод", trl=9, sectors=[ecology]))
    assert shelf_titles(client, "newest-title")[0] == "Сорбент для шахтных вод"
    assert shelf_titles(client, "ready-title")[0] == "Сорбент для шахтных вод"
    html = client.get("/").content.decode()
    assert "<dt>решения в каталоге</dt><dd>4</dd>" in html
