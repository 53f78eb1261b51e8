"""/labs/ and a lab's page as a visitor sees them."""
import json

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".card__title a")]


def test_lists_live_labs_only(client, labs):
    response = client.get("/labs/")
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(labs[key].title for key in ("xray", "wear", "water"))
    assert "Найдено 3 лаборатории" in response.content.decode()


@pytest.mark.parametrize("query, expected", [
    ("org=kuzgtu", {"wear", "water"}),
    ("org=kuzgtu&org=fic", {"wear", "water", "xray"}),
    ("region=kuzbass", {"xray", "wear"}),
    ("service=testing", {"wear"}),
    ("service=analysis&org=kuzgtu", {"water"}),
    ("sector=coal-chemistry", {"xray"}),
    ("need=water", {"water"}),
])
def test_filters(client, labs, query, expected):
    assert set(titles(client.get(f"/labs/?{query}"))) == {labs[key].title for key in expected}


def test_facet_counts(client, labs):
    soup = BeautifulSoup(client.get("/labs/?org=kuzgtu").content, "html.parser")
    counts = {box["value"]: box.find_parent("label").select_one(".facet__count").get_text()
              for box in soup.select('input[name="service"]')}
    assert counts == {"testing": "1", "analysis": "1", "training": "1"}


@pytest.mark.parametrize("words, expected", [
    ("рентгеновский дифрактометр", "xray"),
    ("дифрактометры", "xray"),
    ("испытания на износ", "wear"),
    ("испытаний на износе", "wear"),
])
def test_search_finds_equipment_and_services_in_any_word_form(client, labs, words, expected):
    found = titles(client.get("/labs/", {"q": words}))
    assert found and found[0] == labs[expected].title


def test_bad_filter_is_named_not_a_500(client, labs):
    response = client.get("/labs/?service=magic&org=nobody")
    assert response.status_code == 200
    text = response.content.decode()
    assert "не найдено: nobody" in text and "услуга — не найдено: magic" in text
    assert len(titles(response)) == 3


def test_lab_page_shows_equipment_services_host_and_contact_policy(client, labs):
    response = client.get("/labs/wear/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Машина трения" in text and "СМЦ-2" in text
    assert "испытания: испытания на износ и усталость" in text
    assert "КузГТУ" in text and "Кемерово, Кемеровская область" in text
    assert "Модульная очистка шахтных вод" in text
    assert "Запросы к&nbsp;лаборатории принимает НОЦ" in text


def test_lab_json_ld_is_research_organization_with_parent(client, labs):
    soup = BeautifulSoup(client.get("/labs/xray/").content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    lab = next(node for node in data["@graph"] if node["@type"] == "ResearchOrganization")
    assert lab["name"] == labs["xray"].title
    assert lab["parentOrganization"] == {"@type": "Organization", "name": "ФИЦ УУХ СО РАН"}
    assert lab["foundingDate"] == "2021"
    assert lab["location"] == {"@type": "City", "name": "Кемерово"}


def test_draft_lab_is_not_public(client, labs):
    assert client.get("/labs/draft-lab/").status_code == 404


def test_search_page_offers_labs_with_counts_per_type(client, labs):
    response = client.get("/search/", {"q": "шахтные воды"})
    soup = BeautifulSoup(response.content, "html.parser")
    tabs = {item.get_text(" ", strip=True) for item in soup.select(".search-types li")}
    assert tabs == {"Решения 1", "Лаборатории 1", "Организации 0"}
    labs_tab = soup.select_one('.search-types a[href*="type=labs"]')
    response = client.get("/search/" + labs_tab["href"])
    assert titles(response) == [labs["water"].title]
    assert "Найдено 1 лаборатория" in response.content.decode()


def test_search_page_filters_labs_by_service(client, labs):
    response = client.get("/search/", {"q": "анализ", "type": "labs", "service": "analysis", "org": "fic"})
    assert titles(response) == [labs["xray"].title]


def test_unknown_search_type_is_a_clear_400(client, labs):
    response = client.get("/search/", {"q": "вода", "type": "людей"})
    assert response.status_code == 400
    assert "допустимо: solutions, labs, organizations" in response.content.decode()
