"""/api/v2/openapi.json tells the truth: live answers of every documented kind conform to it, and it documents
exactly the fields and parameters the API has."""
import jsonschema_rs
import pytest

from catalogue.api.params import LISTING_PARAMS
from catalogue.api.views import SolutionsAPIViewSet
from catalogue.models import Organization, Region, SolutionPage
from catalogue.query import ALIASES, PARAMS

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def response_schema(document, path, status):
    schema = document["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]["schema"]
    if "$ref" in schema:  # the shared error shape, resolved for a plain JSON Schema validator
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def conforms(document, path, status, answer):
    jsonschema_rs.validate(response_schema(document, path, status), answer)


@pytest.mark.parametrize("query, status", [
    ("", 200), ("?limit=0", 200), ("?need=water&trl_min=7&sort=newest", 200), ("?search=очистка&limit=1", 200),
    ("?fields=_,title,trl", 200), ("?trl_min=10&colour=red", 400), ("?limit=1000", 400),
])
def test_listing_answers_conform(client, document, open_catalogue, query, status):
    response = client.get("/api/v2/solutions/" + query)
    assert response.status_code == status
    conforms(document, "/api/v2/solutions/", status, response.json())


def test_detail_answers_conform(client, document, open_catalogue):
    solution = open_catalogue["water"]
    found = client.get(f"/api/v2/solutions/{solution.pk}/")
    conforms(document, "/api/v2/solutions/{id}/", 200, found.json())
    conforms(document, "/api/v2/solutions/{id}/", 404, client.get("/api/v2/solutions/999999/").json())
    conforms(document, "/api/v2/solutions/{id}/", 400,
             client.get(f"/api/v2/solutions/{solution.pk}/?rich_text_format=rtf").json())


def test_documented_fields_are_exactly_the_fields_answered(client, document, open_catalogue):
    listing = client.get("/api/v2/solutions/").json()["items"][0]
    detail = client.get(f"/api/v2/solutions/{listing['id']}/").json()
    documented_item = document["paths"]["/api/v2/solutions/"]["get"]["responses"]["200"]["content"][
        "application/json"]["schema"]["properties"]["items"]["items"]["properties"]
    documented_detail = document["paths"]["/api/v2/solutions/{id}/"]["get"]["responses"]["200"]["content"][
        "application/json"]["schema"]["properties"]
    assert set(listing) == set(documented_item)
    assert set(detail) == set(documented_detail)
    assert set(listing["meta"]) == set(documented_item["meta"]["properties"])
    fields = set(SolutionsAPIViewSet.get_available_fields(SolutionPage)) - set(SolutionsAPIViewSet.meta_fields)
    assert fields <= set(documented_detail)


def test_every_parameter_the_api_reads_is_documented(document):
    documented = {parameter["name"] for parameter in document["paths"]["/api/v2/solutions/"]["get"]["parameters"]}
    canonical = {name for name, target in ALIASES.items()}  # the API documents `organization` and `search`
    read = (PARAMS - set(ALIASES.values())) | canonical | set(LISTING_PARAMS) - {"format", "_"}
    assert documented == read


def test_facets_documented_are_the_facets_answered(client, document, open_catalogue):
    facets = client.get("/api/v2/solutions/").json()["meta"]["facets"]
    schema = document["paths"]["/api/v2/solutions/"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"]["properties"]["meta"]["properties"]["facets"]
    assert set(facets) == set(schema["properties"]) == set(schema["required"])


def test_readable_page_lists_every_operation_and_parameter(client, document):
    html = client.get("/api/v2/docs/").content.decode()
    for path, operation in document["paths"].items():
        assert f"GET {path}" in html
        for parameter in operation["get"]["parameters"]:
            assert f"<code>{parameter['name']}</code>" in html
    assert 'href="/api/v2/openapi.json"' in html


@pytest.mark.parametrize("query, status", [
    ("", 200), ("?kind=university&kind=institute&sort=name", 200), ("?limit=0", 200),
    ("?kind=school", 400), ("?region=mars&limit=1000", 400),
])
def test_organisation_answers_conform(client, document, open_catalogue, query, status):
    kuzbass = Region.objects.create(name="Кемеровская область")
    Organization.objects.filter(name="СибГИУ").update(kind="university", role="member", region=kuzbass)
    response = client.get("/api/v2/organizations/" + query)
    assert response.status_code == status
    conforms(document, "/api/v2/organizations/", status, response.json())
    if status == 200 and response.json()["items"]:
        item = response.json()["items"][0]
        assert set(item) == set(response_schema(document, "/api/v2/organizations/", 200)["properties"]["items"]
                                ["items"]["properties"])
        detail = client.get(f"/api/v2/organizations/{item['id']}/")
        conforms(document, "/api/v2/organizations/{id}/", 200, detail.json())
    conforms(document, "/api/v2/organizations/{id}/", 404, client.get("/api/v2/organizations/999999/").json())
