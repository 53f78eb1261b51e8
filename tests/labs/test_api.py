"""/api/v2/labs/: live labs as JSON with the solutions endpoint's filters, facets and errors."""
import pytest

pytestmark = pytest.mark.django_db


def get(client, **params):
    return client.get("/api/v2/labs/", params)


def test_lists_live_labs_with_facets(client, labs):
    data = get(client, sort="title").json()
    assert data["meta"]["total_count"] == 3
    assert [item["meta"]["slug"] for item in data["items"]] == ["wear", "water-lab", "xray"]
    xray = data["items"][2]
    assert xray["organization"] == {"slug": "fic", "name": "ФИЦ УУХ СО РАН"}
    assert xray["city_name"] == "Кемерово" and xray["region_name"] == "Кемеровская область"
    assert xray["equipment_data"] == [{"name": "Рентгеновский дифрактометр", "model": "ДРОН-8",
                                       "specs": "Cu-анод, 2θ от 5° до 140°"}]
    assert xray["services_data"][0]["kind"] == "analysis"
    assert "body" not in xray
    services = {value["slug"]: value["count"] for value in data["meta"]["facets"]["service"]}
    assert services == {"analysis": 2, "testing": 1, "training": 1}
    assert {value["slug"]: value["count"] for value in data["meta"]["facets"]["organization"]} == {
        "kuzgtu": 2, "fic": 1}


def test_filters_and_search(client, labs):
    assert [item["meta"]["slug"] for item in get(client, organization="kuzgtu", service="testing").json()["items"]] \
        == ["wear"]
    assert get(client, search="рентгеновский дифрактометр").json()["items"][0]["meta"]["slug"] == "xray"


def test_detail_has_body_and_unknown_is_russian_404(client, labs):
    assert "body" in client.get(f"/api/v2/labs/{labs['wear'].pk}/").json()
    response = client.get(f"/api/v2/labs/{labs['draft'].pk}/")
    assert response.status_code == 404
    assert response.json()["message"] == "Лаборатория не найдена или не опубликована"


def test_bad_filters_are_a_russian_400(client, labs):
    response = get(client, service="magic", trl_min="3")
    assert response.status_code == 400
    assert response.json()["errors"] == {"service": "не найдено: magic", "trl_min": "неизвестный параметр"}
