"""In a real browser: an editor adds a deployment inline on a solution, is told in Russian what is missing,
publishes, and the public page shows the deployment."""
import pytest
from playwright.sync_api import expect

from catalogue.models import Deployment
from tests.e2e.conftest import LIVE_DB, log_in_to_admin
from tests.factories import CityFactory, RegionFactory, SolutionPageFactory

pytestmark = [pytest.mark.e2e, LIVE_DB]

PASSWORD = "пароль-только-для-теста"


def test_editor_adds_a_deployment_and_the_public_page_shows_it(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("chief", password=PASSWORD)
    kuzbass = RegionFactory(name="Кемеровская область")
    CityFactory(name="Прокопьевск", parent=kuzbass)
    solution = SolutionPageFactory(title="Модульная очистка шахтных вод", slug="mine-water")
    solution.save_revision().publish()

    log_in_to_admin(page, live_server, "chief", PASSWORD)
    page.goto(f"{live_server.url}/admin/pages/{solution.pk}/edit/")
    page.get_by_role("button", name="Добавить внедрение").click()
    page.fill("#id_deployments-0-site", "Шахтный водоотлив")
    page.fill("#id_deployments-0-year", "2023")
    page.fill("#id_deployments-0-scale", "2 модуля, 400 м³/ч")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("button[name=action-publish]").click()
    # No place: the editor is told in Russian, and nothing is published.
    expect(page.get_by_text("Укажите город или регион внедрения.")).to_be_visible()
    assert not Deployment.objects.exists()

    page.locator("[data-contentpath=city] button", has_text="Выбрать").first.click()
    page.get_by_role("link", name="Прокопьевск").click()
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("button[name=action-publish]").click()
    expect(page.locator(".messages")).to_contain_text("опубликована")

    deployment = Deployment.objects.get()
    assert (deployment.site, deployment.city.name, deployment.year) == ("Шахтный водоотлив", "Прокопьевск", 2023)
    page.goto(f"{live_server.url}/catalogue/mine-water/")
    section = page.get_by_role("region", name="Где уже работает")
    expect(section).to_contain_text("Шахтный водоотлив")
    expect(section).to_contain_text("Прокопьевск, Кемеровская область")
    expect(section).to_contain_text("2 модуля, 400 м³/ч")
