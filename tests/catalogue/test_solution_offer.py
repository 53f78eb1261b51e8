"""A solution's deployments and terms as people and machines see them: the page (filled parts only), the API
item, CSV/XLSX exports and the JSON-LD offer."""
import csv
import datetime
import io

import extruct
import openpyxl
import pytest

from tests.factories import CityFactory, DeploymentFactory, OrganizationFactory, RegionFactory, SolutionPageFactory


@pytest.fixture
def offered(db):
    kuzbass = RegionFactory(name="Кемеровская область – Кузбасс", slug="kuzbass")
    kemerovo = CityFactory(name="Кемерово", slug="kemerovo", parent=kuzbass)
    page = SolutionPageFactory(
        title="Модульная очистка шахтных вод", slug="mine-water", regions=[kuzbass],
        terms_licence=True, terms_supply=True, price_from=12_500_000, price_note="за модуль",
        payback_months=30, capacity="до 20 установок в год", lead_time="4 месяца",
        ip=[("item", {"kind": "invention", "number": "RU 2 745 123", "title": "Способ очистки шахтных вод"})],
        certificates=[
            ("item", {"kind": "сертификат соответствия", "number": "РОСС RU.001",
                      "valid_until": datetime.date(2099, 1, 1)}),
            ("item", {"kind": "декларация ЕАЭС", "number": "ЕАЭС N RU Д-1", "valid_until": datetime.date(2020, 1, 1)}),
        ])
    DeploymentFactory(page=page, site="Очистные сооружения шахты (пример)", city=kemerovo, year=2023,
                      status="operating", scale="2 модуля, 400 м³/ч", organization=OrganizationFactory(name="КузГТУ"),
                      effects=[("effect", {"value": "−40 %", "label": "взвешенных веществ в сбросе"})],
                      story="Установка заменила отстойник.", confirmed_by_customer=True,
                      confirmed_on=datetime.date(2024, 5, 14), sort_order=0)
    DeploymentFactory(page=page, site="Карьер (пример)", city=None, region=kuzbass, year=2025, status="pilot",
                      sort_order=1)
    page.save_revision().publish()
    return page


def test_the_page_shows_deployments_with_effects_and_the_terms(client, offered):
    html = client.get("/catalogue/mine-water/").content.decode()
    assert "Где уже работает" in html
    assert "Очистные сооружения шахты (пример)" in html
    assert "Кемерово, Кемеровская область – Кузбасс" in html
    assert "в эксплуатации" in html and "пилот" in html
    assert "−40 %" in html and "2 модуля, 400 м³/ч" in html
    assert "Подтверждено заказчиком" in html and "14 мая 2024" in html
    assert "Условия предложения" in html
    assert "лицензия" in html and "поставка" in html and "договор НИОКР" not in html
    assert "от 12\u202f500\u202f000&nbsp;₽, за модуль" in html
    assert "30&nbsp;мес." in html
    assert "Патент на изобретение №&nbsp;RU 2 745 123" in html
    assert "действует до" in html
    assert "срок действия истёк" in html  # the 2020 declaration


def test_empty_blocks_are_not_shown(client, db):
    SolutionPageFactory(title="Редуктор конвейера", slug="reducer").save_revision().publish()
    html = client.get("/catalogue/reducer/").content.decode()
    assert "Где уже работает" not in html
    assert "Условия предложения" not in html


def test_the_api_item_carries_deployments_and_terms(client, offered):
    item = client.get(f"/api/v2/solutions/{offered.pk}/").json()
    assert item["terms"] == ["licence", "supply"]
    assert (item["price_from"], item["price_note"], item["payback_months"]) == (12_500_000, "за модуль", 30)
    first = item["deployments"][0]
    assert first["city"] == {"slug": "kemerovo", "name": "Кемерово"}
    assert first["region"] == {"slug": "kuzbass", "name": "Кемеровская область – Кузбасс"}
    assert (first["year"], first["status"], first["status_label"]) == (2023, "operating", "в эксплуатации")
    assert first["effects"] == [{"value": "−40 %", "label": "взвешенных веществ в сбросе"}]
    assert item["deployments"][1]["city"] is None
    assert item["ip"] == [{"kind": "invention", "number": "RU 2 745 123", "title": "Способ очистки шахтных вод"}]
    assert [c["expired"] for c in item["certificates"]] == [False, True]
    listing = client.get("/api/v2/solutions/?fields=title,deployments,terms").json()
    assert listing["items"][0]["terms"] == ["licence", "supply"]
    assert len(listing["items"][0]["deployments"]) == 2


def test_exports_have_deployment_and_terms_columns(client, offered):
    content = b"".join(client.get("/catalogue/export.csv").streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(content), delimiter=";"))
    cells = dict(zip(header, row, strict=True))
    assert cells["Внедрений"] == "2"
    assert cells["Где внедрено (внедрения)"] == (
        "Кемерово — Очистные сооружения шахты (пример) (2023, в эксплуатации); "
        "Кемеровская область – Кузбасс — Карьер (пример) (2025, пилот)")
    assert cells["Формы сотрудничества"] == "лицензия, поставка"
    assert cells["Сертификаты и разрешения"].endswith("до 01.01.2020 (истёк)")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(client.get("/catalogue/export.xlsx").streaming_content)))
    rows = list(workbook["Решения"].iter_rows(values_only=True))
    xlsx = dict(zip(rows[0], rows[1], strict=True))
    assert (xlsx["Внедрений"], xlsx["Цена от, ₽"], xlsx["Окупаемость, мес."]) == (2, 12_500_000, 30)


def test_json_ld_offer_names_places_terms_and_price(client, offered):
    html = client.get("/catalogue/mine-water/").content.decode()
    documents = extruct.extract(html, base_url="http://localhost/", syntaxes=["json-ld"], uniform=False)["json-ld"]
    nodes = {node["@type"]: node for document in documents for node in document.get("@graph", [document])}
    offer = nodes["CreativeWork"]["offers"]
    assert offer["@type"] == "Offer"
    assert offer["category"] == "лицензия, поставка"
    assert offer["priceSpecification"] == {"@type": "PriceSpecification", "minPrice": 12_500_000,
                                           "priceCurrency": "RUB", "description": "за модуль"}
    assert {"@type": "City", "name": "Кемерово"} in offer["areaServed"]
    assert {"@type": "AdministrativeArea", "name": "Кемеровская область – Кузбасс"} in offer["areaServed"]
