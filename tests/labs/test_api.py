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


@pytest.mark.parametrize("query, status", [
    ("", 200), ("?service=analysis&service=testing&organization=kuzgtu&sort=newest", 200),
    ("?search=дифрактометр&fields=_,title,equipment_data", 200), ("?limit=0", 200),
    ("?service=cooking", 400), ("?sector=mars&limit=1000", 400),
])
def test_lab_answers_conform_to_the_published_schema(client, labs, query, status):
    """/api/v2/openapi.json describes the labs as answered: every field, filter and error (Schemathesis fuzzes it)."""
    import jsonschema_rs

    document = client.get("/api/v2/openapi.json").json()

    def schema(path, code):
        found = document["paths"][path]["get"]["responses"][str(code)]["content"]["application/json"]["schema"]
        return document["components"]["schemas"]["Error"] if "$ref" in found else found

    response = client.get("/api/v2/labs/" + query)
    assert response.status_code == status
    jsonschema_rs.validate(schema("/api/v2/labs/", status), response.json())
    documented = {parameter["name"] for parameter in document["paths"]["/api/v2/labs/"]["get"]["parameters"]}
    assert {"service", "sector", "need", "region", "organization", "search", "sort", "limit", "offset"} <= documented
    if status == 200 and response.json()["items"] and not query.count("fields"):
        item = response.json()["items"][0]
        assert set(item) == set(schema("/api/v2/labs/", 200)["properties"]["items"]["items"]["properties"])
        detail = client.get(f"/api/v2/labs/{item['id']}/").json()
        jsonschema_rs.validate(schema("/api/v2/labs/{id}/", 200), detail)
        assert set(detail) == set(schema("/api/v2/labs/{id}/", 200)["properties"])
    jsonschema_rs.validate(schema("/api/v2/labs/{id}/", 404), client.get("/api/v2/labs/999999/").json())
