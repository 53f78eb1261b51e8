"""The public API /api/v2/solutions/: what a partner's program sees when it lists, filters and searches."""
import datetime

import pytest
import wagtail_factories
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from catalogue.models import SolutionPage
from tests.factories import (
    CityFactory,
    DeploymentFactory,
    NeedFactory,
    OrganizationFactory,
    RegionFactory,
    SectorFactory,
    SolutionPageFactory,
)

URL = "/api/v2/solutions/"


def make_solution(tags=(), **kwargs):
    page = SolutionPageFactory(**kwargs)
    if tags:
        page.tags.add(*tags)
        page.save()
    return page


@pytest.fixture
def catalogue(db):
    ecology, mining = SectorFactory(name="Экология", slug="ecology"), SectorFactory(name="Горное дело", slug="mining")
    water, land = NeedFactory(name="Очистка воды", slug="water"), NeedFactory(name="Рекультивация", slug="land")
    kuzbass, dnr = RegionFactory(name="Кузбасс", slug="kuzbass"), RegionFactory(name="ДНР", slug="dnr")
    kuzgtu = OrganizationFactory(name="КузГТУ", slug="kuzgtu")
    sibgiu = OrganizationFactory(name="СибГИУ", slug="sibgiu")
    return {
        "mine-water": make_solution(
            title="Модульная очистка шахтных вод", slug="mine-water", trl=8, year=2023,
            last_verified=datetime.date(2026, 10, 1),
            summary="Очистка шахтных вод в модульной установке прямо у ствола шахты.",
            sectors=[ecology], needs=[water], regions=[kuzbass], organizations=[kuzgtu],
            tags=["Шахтные воды", "модуль"]),
        "nursery": make_solution(
            title="Питомник саженцев с закрытой корневой системой", slug="nursery", trl=9,
            summary="Саженцы для рекультивации отвалов; полив оборотной водой после очистки.",
            sectors=[ecology], needs=[land], regions=[kuzbass, dnr], tags=["саженцы"]),
        "reducer": make_solution(
            title="Редуктор ленточного конвейера", slug="reducer", trl=5,
            summary="Отечественный редуктор для шахтных конвейеров.",
            sectors=[mining], regions=[dnr], organizations=[kuzgtu, sibgiu], tags=["модуль"]),
        "ai-reclamation": make_solution(
            title="Рекультивация с помощью ИИ", slug="ai-reclamation", trl=3,
            summary="Модели подбирают состав рекультивации по снимкам.",
            sectors=[ecology, mining], needs=[land], organizations=[sibgiu]),
    }


def get_json(client, query="", status=200, url=URL):
    response = client.get(url + ("?" + query if query else ""))
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"] == "application/json"
    return response.json()


def listed(client, query=""):
    return [item["meta"]["slug"] for item in get_json(client, query)["items"]]


def counts(facet):
    return {value["slug"]: value["count"] for value in facet}


# --- Items ---------------------------------------------------------------------------------------------------

def test_item_carries_the_solution_card(client, catalogue):
    item = next(item for item in get_json(client)["items"] if item["meta"]["slug"] == "mine-water")
    assert item["id"] == catalogue["mine-water"].pk
    assert item["title"] == "Модульная очистка шахтных вод"
    assert item["meta"]["type"] == "catalogue.SolutionPage"
    assert item["meta"]["html_url"].endswith("/catalogue/mine-water/")
    assert item["meta"]["detail_url"].endswith(f"/api/v2/solutions/{item['id']}/")
    assert item["summary"].startswith("Очистка шахтных вод")
    assert item["trl"] == 8
    assert item["trl_label"] == "Создана законченная система, квалифицированная посредством испытаний и демонстрации"
    assert item["stage"] == {"slug": "pilot", "name": "Пилотное внедрение", "trl_min": 7, "trl_max": 8}
    assert item["sectors"] == [{"slug": "ecology", "name": "Экология"}]
    assert item["needs"] == [{"slug": "water", "name": "Очистка воды"}]
    assert item["regions"] == [{"slug": "kuzbass", "name": "Кузбасс"}]
    assert item["organizations"] == [{"slug": "kuzgtu", "name": "КузГТУ"}]
    assert item["tags"] == [{"slug": "модуль", "name": "модуль"}, {"slug": "шахтные-воды", "name": "Шахтные воды"}]
    assert item["year"] == 2023
    assert item["last_verified"] == "2026-10-01"
    assert item["hero_image"] is None
    # The full story and the contact belong to the detail view.
    assert "body" not in item and "contact" not in item


def test_hero_image_comes_as_a_card_sized_picture(client, catalogue):
    page = catalogue["nursery"]
    page.hero_image = wagtail_factories.ImageFactory(title="Саженцы в кассетах", file__width=1600, file__height=1200)
    page.save_revision().publish()
    item = next(item for item in get_json(client)["items"] if item["meta"]["slug"] == "nursery")
    picture = item["hero_image"]
    assert (picture["width"], picture["height"]) == (800, 450)
    assert picture["alt"] == "Саженцы в кассетах"
    assert ".fill-800x450" in picture["url"]
    assert picture["full_url"].startswith("http")


def test_answers_are_compact_json(client, catalogue):
    body = client.get(URL).content.decode()
    assert "\n" not in body and '"total_count":4' in body


def test_fields_parameter_trims_items(client, catalogue):
    items = get_json(client, "fields=_,title,trl")["items"]
    assert set(items[0]) == {"title", "trl"}


def test_default_order_is_most_ready_first(client, catalogue):
    assert listed(client) == ["nursery", "mine-water", "reducer", "ai-reclamation"]
    assert listed(client, "sort=title") == ["mine-water", "nursery", "reducer", "ai-reclamation"]
    # Without a text there is nothing to be relevant to: the default order stays.
    assert listed(client, "sort=relevance") == ["nursery", "mine-water", "reducer", "ai-reclamation"]


# --- Filters -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("sector=mining", {"reducer", "ai-reclamation"}),
    ("need=land", {"nursery", "ai-reclamation"}),
    ("region=dnr", {"nursery", "reducer"}),
    ("organization=sibgiu", {"reducer", "ai-reclamation"}),
    ("org=kuzgtu", {"mine-water", "reducer"}),
    ("tag=модуль", {"mine-water", "reducer"}),
    ("trl_min=8", {"mine-water", "nursery"}),
    ("trl_max=5", {"reducer", "ai-reclamation"}),
    ("stage=development", {"reducer"}),
    ("stage=research", {"ai-reclamation"}),
])
def test_each_filter(client, catalogue, query, expected):
    assert set(listed(client, query)) == expected


@pytest.mark.parametrize("query, expected", [
    ("sector=ecology&need=land", {"nursery", "ai-reclamation"}),
    ("sector=ecology&sector=mining", {"ai-reclamation"}),  # repeated values must all apply
    ("tag=модуль&tag=шахтные-воды", {"mine-water"}),
    ("region=kuzbass&trl_max=8", {"mine-water"}),
    ("organization=kuzgtu&stage=pilot&sector=ecology", {"mine-water"}),
    ("stage=serial&trl_max=8", set()),
])
def test_filters_combine(client, catalogue, query, expected):
    data = get_json(client, query)
    assert {item["meta"]["slug"] for item in data["items"]} == expected
    assert data["meta"]["total_count"] == len(expected)


def test_empty_and_repeated_single_values_are_tolerated(client, catalogue):
    # Empty values are ignored; for a single-valued parameter the last value counts, as on the catalogue page.
    assert set(listed(client, "sector=&trl_min=&limit=&search=")) == set(catalogue)
    assert set(listed(client, "trl_min=3&trl_min=9")) == {"nursery"}


# --- Facets --------------------------------------------------------------------------------------------------

def test_facets_count_the_current_selection(client, catalogue):
    meta = get_json(client, "sector=ecology")["meta"]
    facets = meta["facets"]
    assert meta["total_count"] == 3
    assert counts(facets["sector"]) == {"ecology": 3, "mining": 1}
    assert counts(facets["need"]) == {"water": 1, "land": 2}
    assert counts(facets["region"]) == {"kuzbass": 2, "dnr": 1}
    assert counts(facets["organization"]) == {"kuzgtu": 1, "sibgiu": 1}
    assert counts(facets["stage"]) == {"research": 1, "development": 0, "pilot": 1, "serial": 1}
    assert counts(facets["trl"]) == {"1": 0, "2": 0, "3": 1, "4": 0, "5": 0, "6": 0, "7": 0, "8": 1, "9": 1}
    assert next(value for value in facets["sector"] if value["slug"] == "ecology") == {
        "slug": "ecology", "name": "Экология", "count": 3, "selected": True, "parent": ""}


def test_facets_follow_the_search(client, catalogue):
    facets = get_json(client, "search=шахтных вод")["meta"]["facets"]
    assert counts(facets["organization"])["kuzgtu"] >= 1
    assert "ai-reclamation" not in listed(client, "search=шахтных вод")
    assert counts(facets["stage"])["research"] == 0


# --- Search --------------------------------------------------------------------------------------------------

def test_search_orders_by_relevance(client, catalogue):
    slugs = listed(client, "search=очистка шахтных вод")
    assert slugs[0] == "mine-water"
    assert "ai-reclamation" not in slugs


def test_search_combines_with_filters(client, catalogue):
    assert listed(client, "search=шахтных&sector=mining") == ["reducer"]
    assert listed(client, "q=шахтных&trl_min=9") == []


def test_search_tolerates_hostile_text(client, catalogue):
    for text in ['"', "'; DROP TABLE x; --", "%00", "OR AND NOT *", "а" * 5000]:
        assert get_json(client, "search=" + text)["meta"]["total_count"] >= 0


# --- Pagination ----------------------------------------------------------------------------------------------

@pytest.fixture
def many_solutions(db):
    sector = SectorFactory(name="Экология", slug="ecology")
    # Titles sort as the slugs do (a factory's sequence number would cross a digit boundary somewhere).
    return [SolutionPageFactory(slug=f"s-{number:03}", title=f"Решение {number:03}", trl=1 + number % 9,
                                sectors=[sector]) for number in range(45)]


def test_default_limit_and_cap(client, many_solutions):
    data = get_json(client)
    assert data["meta"]["total_count"] == 45
    assert len(data["items"]) == 20
    assert len(get_json(client, "limit=100")["items"]) == 45
    assert get_json(client, "limit=101", status=400)["errors"] == {"limit": "целое число от 0 до 100"}


def test_offset_walks_through_every_solution_once(client, many_solutions):
    seen = []
    for offset in range(0, 45, 20):
        seen += listed(client, f"limit=20&offset={offset}&sort=title")
    assert seen == sorted(page.slug for page in many_solutions)
    past_the_end = get_json(client, "offset=500")
    assert past_the_end["items"] == [] and past_the_end["meta"]["total_count"] == 45


def test_limit_zero_gives_counts_only(client, many_solutions):
    data = get_json(client, "limit=0&sector=ecology")
    assert data["items"] == []
    assert data["meta"]["facets"]["sector"][0]["count"] == 45


# --- Only live, public solutions -----------------------------------------------------------------------------

def test_drafts_and_private_solutions_are_never_exposed(client, catalogue):
    catalogue["nursery"].unpublish()
    PageViewRestriction.objects.create(page=catalogue["reducer"], restriction_type="password", password="secret")
    draft = SolutionPageFactory(slug="draft", live=False)
    data = get_json(client)
    assert {item["meta"]["slug"] for item in data["items"]} == {"mine-water", "ai-reclamation"}
    assert data["meta"]["total_count"] == 2
    assert counts(data["meta"]["facets"]["region"]) == {"kuzbass": 1}
    assert listed(client, "search=редуктор конвейера") == []
    for page in (catalogue["nursery"], catalogue["reducer"], draft):
        assert get_json(client, url=f"{URL}{page.pk}/", status=404) == {
            "message": "Решение не найдено или не опубликовано"}


# --- Detail --------------------------------------------------------------------------------------------------

def test_detail_adds_the_story_and_contact(client, catalogue):
    page = SolutionPage.objects.get(slug="mine-water")
    page.contact = "через НОЦ «Кузбасс – Донбасс»"
    page.body = [("heading", "Как это работает"), ("paragraph", "<p>Вода проходит <b>три ступени</b>.</p>")]
    page.save_revision().publish()
    item = get_json(client, url=f"{URL}{page.pk}/")
    assert item["title"] == "Модульная очистка шахтных вод"
    assert item["contact"] == "через НОЦ «Кузбасс – Донбасс»"
    assert [block["type"] for block in item["body"]] == ["heading", "paragraph"]
    assert item["body"][1]["value"] == "<p>Вода проходит <b>три ступени</b>.</p>"
    assert item["sectors"] == [{"slug": "ecology", "name": "Экология"}]
    markdown = get_json(client, "rich_text_format=markdown", url=f"{URL}{page.pk}/")
    assert "**три ступени**" in markdown["body"][1]["value"]


@pytest.mark.parametrize("path", ["999999/", "99999999999999999999999999/", "abc/", "find/?id=abc"])
def test_unknown_detail_is_404(client, catalogue, path):
    assert client.get(URL + path).status_code == 404


# --- Bad input: 400 with a Russian explanation, never a 500 ---------------------------------------------------

@pytest.mark.parametrize("query, param", [
    ("colour=red", "colour"),
    ("type=home.HomePage", "type"),
    ("child_of=3", "child_of"),
    ("order=title", "order"),
    ("sort=random", "sort"),
    ("sector=unknown", "sector"),
    ("sector=%27%22%3B--", "sector"),
    ("sector=%00", "sector"),
    ("tag=a%00b", "tag"),
    ("organization=nobody", "organization"),
    ("need=" + "&need=".join(f"n{number}" for number in range(21)), "need"),
    ("stage=later", "stage"),
    ("trl_min=0", "trl_min"),
    ("trl_max=10", "trl_max"),
    ("trl_min=abc", "trl_min"),
    ("trl_min=%C2%B2", "trl_min"),  # «²» passes str.isdigit() but not int()
    ("trl_min=" + "9" * 5000, "trl_min"),
    ("trl_min=-3", "trl_min"),
    ("trl_min=8&trl_max=3", "trl_min"),
    ("limit=abc", "limit"),
    ("limit=-1", "limit"),
    ("limit=1e3", "limit"),
    ("limit=99999999999999999999", "limit"),
    ("offset=-1", "offset"),
    ("offset=%20x", "offset"),
    ("offset=99999999999999999999", "offset"),
    ("fields=nonsense", "fields"),
    ("fields=title(", "fields"),
    ("fields=sectors(slug)", "fields"),
    ("fields=body", "fields"),  # detail only
    ("format=xml", "format"),
])
def test_bad_parameters_get_400_naming_them(client, db, query, param):
    data = get_json(client, query, status=400)
    assert data["message"] == "Неверные параметры запроса"
    assert param in data["errors"]
    assert all(isinstance(message, str) and message for message in data["errors"].values())


def test_every_bad_parameter_is_reported_at_once(client, db):
    errors = get_json(client, "trl_min=x&limit=500&sector=nowhere&colour=red", status=400)["errors"]
    assert errors == {
        "trl_min": "целое число от 1 до 9",
        "limit": "целое число от 0 до 100",
        "sector": "не найдено: nowhere",
        "colour": "неизвестный параметр",
    }


@pytest.mark.parametrize("query, param", [
    ("sector=ecology", "sector"),
    ("rich_text_format=pdf", "rich_text_format"),
    ("fields=nonsense", "fields"),
])
def test_detail_rejects_unknown_parameters(client, catalogue, query, param):
    url = f"{URL}{catalogue['nursery'].pk}/"
    assert param in get_json(client, query, url=url, status=400)["errors"]


def test_the_api_is_read_only(client, catalogue):
    response = client.post(URL, {"title": "Новое решение"})
    assert response.status_code == 405
    assert "message" in response.json()


def test_partner_sites_may_fetch_and_cache_it(client, catalogue, admin_user):
    client.force_login(admin_user)
    response = client.get(URL)
    assert response["Access-Control-Allow-Origin"] == "*"
    # The same answer for everyone, so shared caches may keep it.
    assert "Cookie" not in response.get("Vary", "")


# --- Cost ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", [5, 30])
def test_listing_query_count_does_not_grow_with_the_catalogue(client, db, django_assert_num_queries, number):
    sectors, needs = [SectorFactory(), SectorFactory()], [NeedFactory()]
    regions, organizations = [RegionFactory()], [OrganizationFactory(), OrganizationFactory()]
    picture = wagtail_factories.ImageFactory(file__width=1600, file__height=900)
    city = CityFactory(parent=regions[0])
    for _ in range(number):
        page = make_solution(sectors=sectors, needs=needs, regions=regions, organizations=organizations,
                             tags=["модуль", "вода"], hero_image=picture)
        DeploymentFactory(page=page, city=city, organization=organizations[0])
        DeploymentFactory(page=page, city=None, region=regions[0])
    cache.clear()
    client.get(URL)  # warm Wagtail's cached site root paths, as any running server has them
    # 1 slug check, 2 view-restriction reads (CatalogueQuery, Wagtail's serializer set-up), 4×2 taxonomy
    # facets + 1 keyword facet + 1 readiness facet (whose counts add up to the total) + 1 for «has deployments»
    # and the forms of cooperation + 2 for the places of deployments (rows, then names), 1 page of solutions,
    # 5 prefetches + 1 for the deployments (with places and organisations), 1 for the pictures' renditions,
    # 1 site for detail_url.
    with django_assert_num_queries(25):
        data = get_json(client, "limit=100&sector=" + sectors[0].slug)
    assert len(data["items"]) == number
    assert {value["name"]: value["count"] for value in data["meta"]["facets"]["tag"]} == {"модуль": number,
                                                                                         "вода": number}
