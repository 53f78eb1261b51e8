"""Organisations found by the one search service: the search page's «Организации» tab, /organizations/?q= and
/api/v2/organizations/?search= — word forms, typos and the other keyboard layout as for solutions and labs."""
import pytest
from bs4 import BeautifulSoup

from catalogue.models import Region
from search import keyboard
from tests.catalogue.test_import import run_import, write_json
from tests.factories import OrganizationFactory, RegionFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db

FIC_DESCRIPTION = ("Федеральный исследовательский центр угля и углехимии Сибирского отделения Российской академии "
                   "наук.")


@pytest.fixture
def consortium():
    """The consortium the brief names, as the demo describes it; only КузГТУ has a solution in the catalogue."""
    kuzbass = RegionFactory(name="Кемеровская область – Кузбасс", slug="kuzbass")
    dnr = RegionFactory(name="Донецкая Народная Республика", slug="dnr")
    kemerovo = RegionFactory(name="Кемерово", slug="kemerovo", kind=Region.Kind.CITY, parent=kuzbass)
    donetsk = RegionFactory(name="Донецк", slug="donetsk", kind=Region.Kind.CITY, parent=dnr)
    noc = OrganizationFactory(name="НОЦ «Кузбасс – Донбасс»", slug="noc", kind="centre", city=kemerovo,
                              description="Научно-образовательный центр: интегратор готовых решений.")
    orgs = {
        "noc": noc,
        "fic": OrganizationFactory(name="ФИЦ УУХ СО РАН", slug="fic", kind="institute", role="member",
                                   city=kemerovo, parent=noc, description=FIC_DESCRIPTION),
        "kuzgtu": OrganizationFactory(name="КузГТУ", slug="kuzgtu", kind="university", role="member", city=kemerovo,
                                      description="Кузбасский государственный технический университет."),
        "donntu": OrganizationFactory(name="ДонНТУ", slug="donntu", kind="university", role="member",
                                      city=donetsk, description="Донецкий национальный технический университет."),
    }
    SolutionPageFactory(title="Модульная очистка шахтных вод", slug="mine-water",
                        summary="Очищает шахтные воды угольных предприятий.", organizations=[orgs["kuzgtu"]])
    return orgs


def cards(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True).replace("\xa0", " ") for link in soup.select(".org-card .card__title a")]


def tabs(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {item.get_text(" ", strip=True) for item in soup.select(".search-types li")}


# --- the search page -------------------------------------------------------------------------------------------

def test_every_search_counts_organisations_on_their_tab(client, consortium):
    response = client.get("/search/", {"q": "шахтные воды"})
    assert tabs(response) == {"Решения 1", "Лаборатории 0", "Организации 0"}
    response = client.get("/search/", {"q": "университет"})
    assert tabs(response) == {"Решения 0", "Лаборатории 0", "Организации 2"}


@pytest.mark.parametrize("typed", [
    "угольного",  # a word form the description does not contain
    "углехимя",  # a typo
    keyboard.to_latin("углехимии"),  # typed with the Latin layout on
])
def test_the_coal_institute_is_found_however_it_is_typed(client, consortium, typed):
    response = client.get("/search/", {"q": typed, "type": "organizations"})
    assert response.status_code == 200
    assert cards(response)[0] == "ФИЦ УУХ СО РАН"
    html = response.content.decode()
    assert 'href="/catalogue/org/fic/"' in html
    assert "Найдено" in html and "организаци" in html


def test_organisations_tab_links_there_and_keeps_its_filters(client, consortium):
    soup = BeautifulSoup(client.get("/search/", {"q": "университет"}).content, "html.parser")
    tab = soup.select_one('.search-types a[href*="type=organizations"]')
    response = client.get("/search/" + tab["href"])
    assert sorted(cards(response)) == ["ДонНТУ", "КузГТУ"]
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("form#catalogue-filters")
    assert form.select_one('input[name="type"]')["value"] == "organizations"  # filtering stays on this tab
    assert {item["value"] for item in form.select('input[name="region"]')} >= {"kuzbass", "dnr"}
    filtered = client.get("/search/", {"q": "университет", "type": "organizations", "region": "dnr"})
    assert cards(filtered) == ["ДонНТУ"]
    by_kind = client.get("/search/", {"q": "кемерово", "type": "organizations", "kind": "institute"})
    assert cards(by_kind) == ["ФИЦ УУХ СО РАН"]


def test_bad_organisation_filters_on_the_search_page_are_a_clear_400(client, consortium):
    response = client.get("/search/", {"q": "уголь", "type": "organizations", "kind": "school", "region": "mars"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "kind: не найдено: school" in html and "region: не найдено: mars" in html


# --- the directory and the API -----------------------------------------------------------------------------------

def test_directory_searches_and_keeps_the_text_in_its_box(client, consortium):
    response = client.get("/organizations/", {"q": "углехимия"})
    assert response.status_code == 200
    assert cards(response) == ["ФИЦ УУХ СО РАН"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('form#catalogue-filters input[name="q"]')["value"] == "углехимия"
    assert "1 организация" in response.content.decode()
    assert [option["value"] for option in soup.select("#sort-select option")] == ["relevance", "order", "name"]
    nothing = client.get("/organizations/", {"q": "телепортация"})
    assert cards(nothing) == []
    assert "По&nbsp;запросу «телепортация» организаций не&nbsp;нашлось" in nothing.content.decode()


def test_directory_drops_a_bad_filter_but_still_searches(client, consortium):
    response = client.get("/organizations/", {"q": "университет", "kind": "school"})
    assert response.status_code == 200
    assert "тип — не найдено: school" in response.content.decode()
    assert sorted(cards(response)) == ["ДонНТУ", "КузГТУ"]


@pytest.mark.parametrize("param", ["search", "q"])
def test_api_search_ranks_by_the_search_service(client, consortium, param):
    response = client.get("/api/v2/organizations/", {param: "угольного"})
    assert response.status_code == 200
    data = response.json()
    assert data["items"][0]["slug"] == "fic"
    assert data["meta"]["total_count"] == len(data["items"])
    assert data["meta"]["facets"]["kind"][0]["slug"] == "institute"


def test_api_search_filters_and_counts(client, consortium):
    data = client.get("/api/v2/organizations/", {"search": "университет"}).json()
    assert {value["slug"]: value["count"] for value in data["meta"]["facets"]["region"]} == {"kuzbass": 1, "dnr": 1}
    assert {value["slug"]: value["count"] for value in data["meta"]["facets"]["kind"]} == {"university": 2}
    data = client.get("/api/v2/organizations/", {"search": "университет", "region": "kuzbass"}).json()
    assert [item["slug"] for item in data["items"]] == ["kuzgtu"]
    assert data["meta"]["total_count"] == 1


@pytest.mark.parametrize("params, errors", [
    ({"search": "уголь", "sort": "best"}, {"sort": "допустимо: order, name"}),
    ({"search": "уголь", "kind": "school", "limit": "-1"},
     {"kind": "не найдено: school", "limit": "целое число от 0 до 100"}),
    ({"q": "уголь", "lang": "en"}, {"lang": "неизвестный параметр"}),
])
def test_api_bad_parameters_are_a_clear_400(client, consortium, params, errors):
    response = client.get("/api/v2/organizations/", params)
    assert response.status_code == 400
    assert response.json() == {"message": "Неверные параметры запроса", "errors": errors}


@pytest.mark.parametrize("text", ["\x00", "'; DROP TABLE", "а" * 5000, "%%%", "   "])
def test_api_hostile_text_is_an_answer_not_a_500(client, consortium, text):
    response = client.get("/api/v2/organizations/", {"search": text})
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] <= len(consortium)


# --- the search data follow the organisations --------------------------------------------------------------------

def test_renamed_and_deleted_organisations_are_found_as_they_are_now(client, consortium):
    kuzgtu = consortium["kuzgtu"]
    kuzgtu.description = "Университет горного дела и обогащения."
    kuzgtu.save()
    assert cards(client.get("/search/", {"q": "обогащение", "type": "organizations"})) == ["КузГТУ"]
    consortium["donntu"].delete()
    assert cards(client.get("/search/", {"q": "донецкий", "type": "organizations"})) == []


def test_imported_organisations_are_searchable(client, db, tmp_path):
    """The importer writes organisations with the search signals paused and indexes them once at the end."""
    institute = {"name": "Институт горного дела (пример)", "kind": "institute",
                 "description": "Геомеханика и проветривание рудников."}
    run_import(write_json(tmp_path, {"organizations": [institute]}))
    assert cards(client.get("/search/", {"q": "геомеханики", "type": "organizations"})) == [
        "Институт горного дела (пример)"]


def test_an_existing_sites_organisations_are_found_after_migrating(client, consortium):
    """Migration search/0011 drops the stored documents; the post-migrate fill rebuilds them, organisations'
    included, so a site upgraded with organisations in it finds them without a manual step."""
    from search.models import SearchDocument
    from search.signals import fill_if_empty

    SearchDocument.objects.all().delete()
    assert cards(client.get("/search/", {"q": "донецкий", "type": "organizations"})) == []
    fill_if_empty(sender=None, verbosity=0)
    assert cards(client.get("/search/", {"q": "донецкий", "type": "organizations"})) == ["ДонНТУ"]


# --- a profile with no solutions ---------------------------------------------------------------------------------

def test_profile_without_solutions_says_so_in_russian(client, consortium):
    response = client.get("/catalogue/org/fic/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>ФИЦ УУХ СО РАН: профиль организации" in html
    assert "Решений этой организации в&nbsp;каталоге пока нет" in html
    assert "Задачу для&nbsp;неё можно передать через НОЦ" in html
    assert "Решения по стадиям готовности" not in html  # no chart of zeros
    with_solutions = client.get("/catalogue/org/kuzgtu/").content.decode()
    assert "<title>КузГТУ: решения" in with_solutions
    assert "пока нет" not in with_solutions
