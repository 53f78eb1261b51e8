"""Organisation profiles (/catalogue/org/<slug>/), the directory (/organizations/) and /api/v2/organizations/: what
a business looking for a partner sees."""
import pytest
from wagtail import hooks

from catalogue.models import Organization, Region
from catalogue.organizations import PROFILE_SECTIONS_HOOK, ProfileSection
from tests.factories import OrganizationFactory, RegionFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    kuzbass = RegionFactory(name="Кемеровская область", slug="kuzbass")
    lnr = RegionFactory(name="Луганская Народная Республика", slug="lnr")
    kemerovo = RegionFactory(name="Кемерово", kind=Region.Kind.CITY, parent=kuzbass)
    alchevsk = RegionFactory(name="Алчевск", kind=Region.Kind.CITY, parent=lnr)
    orgs = {
        "kuzstu": OrganizationFactory(name="КузГТУ", slug="kuzstu", kind="university", role="member", city=kemerovo,
                                      description="Кузбасский государственный технический университет.",
                                      sort_order=10),
        "fic": OrganizationFactory(name="ФИЦ УУХ СО РАН", slug="fic", kind="institute", city=kemerovo, sort_order=20),
        "dongtu": OrganizationFactory(name="ДонГТУ", slug="dongtu", kind="university", city=alchevsk, sort_order=30),
        "city": OrganizationFactory(name="Администрация (пример)", slug="admin", kind="authority", sort_order=40),
    }
    for trl, title in ((9, "Внедрённая установка"), (8, "Опытный образец"), (3, "Лабораторная модель")):
        SolutionPageFactory(title=title, trl=trl, organizations=[orgs["kuzstu"]])
    SolutionPageFactory(title="Чужое решение", trl=5, organizations=[orgs["fic"]])
    return orgs


def test_profile_says_who_they_are_and_lists_their_solutions_with_figures(client, directory):
    html = client.get("/catalogue/org/kuzstu/").content.decode()
    assert "<h1>КузГТУ</h1>" in html
    assert "Вуз · участник консорциума" in html
    assert "Кузбасский государственный технический университет." in html
    assert "Кемерово, Кемеровская область" in html
    assert "через НОЦ «Кузбасс – Донбасс»" in html  # no channel of its own
    for title in ("Внедрённая установка", "Опытный образец", "Лабораторная модель"):
        assert title in html
    assert "Чужое решение" not in html
    # Figures: its solutions by stage, whatever the visitor filters below.
    assert 'aria-label="Решения по стадиям готовности: ' in html
    filtered = client.get("/catalogue/org/kuzstu/?trl_min=9").content.decode()
    assert "Лабораторная модель" not in filtered
    assert filtered.count("chart-org-stages") == html.count("chart-org-stages") == 1


def test_profile_shows_a_published_contact_channel_instead_of_noc(client, directory):
    Organization.objects.filter(slug="fic").update(contact="https://fic.example/contacts")
    html = client.get("/catalogue/org/fic/").content.decode()
    assert 'href="https://fic.example/contacts"' in html
    assert "через НОЦ «Кузбасс – Донбасс»" not in html


def test_other_apps_fill_the_labs_and_deployments_blocks_through_the_hook(client, directory):
    def labs(organization, request):
        if organization.slug == "kuzstu":
            return ProfileSection(key="labs", heading="Лаборатории", items=("Лаборатория углехимии (пример)",))
        return None

    with hooks.register_temporarily(PROFILE_SECTIONS_HOOK, labs):
        assert "Лаборатория углехимии (пример)" in client.get("/catalogue/org/kuzstu/").content.decode()
        assert "Лаборатория углехимии (пример)" not in client.get("/catalogue/org/fic/").content.decode()


def test_unknown_profile_is_a_404(client, directory):
    assert client.get("/catalogue/org/nobody/").status_code == 404


def test_directory_lists_everyone_in_noc_order_with_solution_counts(client, directory):
    response = client.get("/organizations/")
    html = response.content.decode()
    assert "4 организации" in html
    names = [org.name for org, _count in response.context["organizations"]]
    assert names == ["КузГТУ", "ФИЦ УУХ СО РАН", "ДонГТУ", "Администрация (пример)"]
    counts = {org.slug: count for org, count in response.context["organizations"]}
    assert counts == {"kuzstu": 3, "fic": 1, "dongtu": 0, "admin": 0}
    assert 'href="/catalogue/org/kuzstu/"' in html


def test_directory_filters_by_kind_and_region_with_counts(client, directory):
    response = client.get("/organizations/?kind=university&region=kuzbass")
    assert [org.name for org, _count in response.context["organizations"]] == ["КузГТУ"]
    facets = response.context["facets"]
    assert {value.slug: value.count for value in facets["kind"]} == {"university": 1, "institute": 1}
    assert {value.slug: value.count for value in facets["region"]} == {"kuzbass": 1, "lnr": 1}
    html = response.content.decode()
    assert "Тип:</span> вуз" in html and "Регион:</span> Кемеровская область" in html

    several = client.get("/organizations/?kind=university&kind=institute&sort=name")
    assert [org.name for org, _count in several.context["organizations"]] == ["ДонГТУ", "КузГТУ", "ФИЦ УУХ СО РАН"]


@pytest.mark.parametrize("query", ["kind=school", "region=mars", "colour=red", "sort=random", "kind=%00",
                                   "page=abc", "kind=" + "x" * 5000])
def test_bad_filters_never_fail_the_directory(client, directory, query):
    response = client.get("/organizations/?" + query)
    assert response.status_code == 200
    assert "4 организации" in response.content.decode()


def test_bad_filter_is_named_in_russian(client, directory):
    html = client.get("/organizations/?kind=school").content.decode()
    assert "тип — не найдено: school" in html


def test_api_lists_filters_and_counts(client, directory):
    data = client.get("/api/v2/organizations/?kind=university").json()
    assert data["meta"]["total_count"] == 2
    assert [item["name"] for item in data["items"]] == ["КузГТУ", "ДонГТУ"]
    kuzstu = data["items"][0]
    assert kuzstu["kind"] == {"slug": "university", "name": "вуз"}
    assert kuzstu["role"] == {"slug": "member", "name": "участник консорциума"}
    assert kuzstu["city"] == {"slug": "kemerovo", "name": "Кемерово"}
    assert kuzstu["region"]["slug"] == "kuzbass"
    assert kuzstu["solution_count"] == 3
    assert kuzstu["contact"] == ""
    assert kuzstu["html_url"] == "http://localhost/catalogue/org/kuzstu/"
    kinds = {value["slug"]: value["count"] for value in data["meta"]["facets"]["kind"]}
    assert kinds == {"university": 2, "institute": 1, "authority": 1}

    detail = client.get(f"/api/v2/organizations/{kuzstu['id']}/").json()
    assert detail == kuzstu


@pytest.mark.parametrize(("query", "errors"), [
    ("kind=school", {"kind": "не найдено: school"}),
    ("region=mars&limit=-1", {"region": "не найдено: mars", "limit": "целое число от 0 до 100"}),
    ("order=name", {"order": "неизвестный параметр"}),
])
def test_api_bad_filter_is_a_400_with_russian_messages(client, directory, query, errors):
    response = client.get("/api/v2/organizations/?" + query)
    assert response.status_code == 400
    assert response.json() == {"message": "Неверные параметры запроса", "errors": errors}


def test_api_unknown_organisation_is_a_404(client, directory):
    response = client.get("/api/v2/organizations/999999/")
    assert response.status_code == 404
    assert response.json() == {"message": "Организация не найдена"}
