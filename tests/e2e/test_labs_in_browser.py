"""A business looking for test equipment: /labs/ filtered by a service, searched for «дифрактометр», a lab opened,
then its host's profile with its labs and deployments — with axe-core on each page."""
import json

import pytest

from labs.models import ServiceKind
from tests.e2e.conftest import LIVE_DB
from tests.e2e.test_organizations_in_browser import serious_violations
from tests.factories import (
    DeploymentFactory,
    LabPageFactory,
    OrganizationFactory,
    RegionFactory,
    SolutionPageFactory,
)

pytestmark = [pytest.mark.e2e, LIVE_DB]


@pytest.fixture
def labs():
    kuzbass = RegionFactory(name="Кемеровская область", slug="kuzbass")
    kemerovo = RegionFactory(name="Кемерово", slug="kemerovo", kind="city", parent=kuzbass)
    fic = OrganizationFactory(name="ФИЦ УУХ СО РАН", slug="fic")
    kuzgtu = OrganizationFactory(name="КузГТУ", slug="kuzgtu")
    LabPageFactory(title="Лаборатория структурного анализа углей (пример)", slug="xray", organization=fic,
                   city=kemerovo, summary="Исследует состав и структуру углей.",
                   equipment=[("Рентгеновский дифрактометр", "ДРОН-8", "фазовый анализ")],
                   services=[(ServiceKind.ANALYSIS, "фазовый анализ золы")])
    LabPageFactory(title="Испытательный центр горного оборудования (пример)", slug="wear", organization=kuzgtu,
                   city=kemerovo, summary="Проверяет узлы горных машин.",
                   equipment=[("Машина трения", "СМЦ-2", "износ")],
                   services=[(ServiceKind.TESTING, "испытания на износ")])
    LabPageFactory(title="Лаборатория водоподготовки (пример)", slug="water-lab", organization=kuzgtu,
                   city=kemerovo, summary="Подбирает схемы очистки шахтных вод.",
                   services=[(ServiceKind.ANALYSIS, "химический анализ воды")])
    solution = SolutionPageFactory(title="Анализ угольной золы (пример)", organizations=[fic])
    DeploymentFactory(page=solution, city=kemerovo)


def cards(page):
    return page.locator(".cards .card__title").all_inner_texts()


def test_visitor_filters_labs_by_service_searches_equipment_and_opens_a_lab(live_server, page, labs):
    page.goto(live_server.url + "/labs/")
    assert len(cards(page)) == 3
    assert serious_violations(page) == [], json.dumps(serious_violations(page), ensure_ascii=False)

    # Ticking a service submits the filter form by itself.
    page.locator('input[name="service"][value="testing"]').check()
    page.wait_for_url("**service=testing**")
    assert cards(page) == ["Испытательный центр горного оборудования (пример)"]

    page.goto(live_server.url + "/labs/")
    page.get_by_label("Оборудование, услуги, слова в описании").fill("дифрактометр")
    page.get_by_label("Оборудование, услуги, слова в описании").press("Enter")
    page.wait_for_url("**q=**")
    assert cards(page) == ["Лаборатория структурного анализа углей (пример)"]
    assert serious_violations(page) == [], json.dumps(serious_violations(page), ensure_ascii=False)

    page.get_by_role("link", name="Лаборатория структурного анализа углей (пример)").click()
    page.wait_for_url("**/labs/xray/")
    assert page.get_by_role("heading", level=1).inner_text() == "Лаборатория структурного анализа углей (пример)"
    assert page.get_by_text("ДРОН-8").first.is_visible()
    assert serious_violations(page) == [], json.dumps(serious_violations(page), ensure_ascii=False)

    # Its host's profile lists the lab and where the host's solutions are deployed.
    page.get_by_role("link", name="ФИЦ УУХ СО РАН").first.click()
    page.wait_for_url("**/catalogue/org/fic/")
    assert page.get_by_role("heading", name="Лаборатории и центры").is_visible()
    assert page.get_by_role("link", name="Лаборатория структурного анализа углей (пример)").is_visible()
    assert page.get_by_role("heading", name="Где внедрены решения").is_visible()
    assert page.get_by_role("link", name="Смотреть на карте").get_attribute("href") == "/catalogue/map/?org=fic"
    assert serious_violations(page) == [], json.dumps(serious_violations(page), ensure_ascii=False)
