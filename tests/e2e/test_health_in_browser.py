"""In a real browser: a moderator follows the dashboard's «Требуют проверки» to the health report, confirms a
solution in one click, sees it leave the «не проверялось» list and finds the confirmation in the page history."""
import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from catalogue.models import SolutionPage
from tests.e2e.conftest import LIVE_DB, log_in_to_admin
from tests.factories import SolutionPageFactory, publish

pytestmark = [pytest.mark.e2e, LIVE_DB]

PASSWORD = "пароль-только-для-теста"


@pytest.fixture
def moderator(page, live_server, django_user_model):
    user = django_user_model.objects.create_user(username="moderator", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Модераторы НОЦ"))
    return log_in_to_admin(page, live_server, "moderator", PASSWORD)


def test_dashboard_report_one_click_verify_and_history(moderator, live_server):
    never = publish(SolutionPageFactory(title="Очистка шахтных вод", slug="mine-water"))
    publish(SolutionPageFactory(title="Питомник саженцев", slug="nursery"))
    moderator.goto(f"{live_server.url}/admin/")

    panel = moderator.get_by_role("region", name="Требуют проверки")
    expect(panel).to_contain_text("Не проверялись: 2")
    panel.get_by_role("link", name="Не проверялись: 2").click()
    expect(moderator.locator("h1")).to_contain_text("Состояние каталога")
    row = moderator.locator("tr", has_text="Очистка шахтных вод")
    expect(row).to_contain_text("не проверялось")

    row.get_by_role("button", name="Подтвердить актуальность").click()
    expect(moderator.locator(".messages")).to_contain_text("Решение «Очистка шахтных вод»: актуальность подтверждена")
    # Still on the filtered report («не проверялись»), which no longer lists it.
    assert "problem=never" in moderator.url
    expect(moderator.locator("tr", has_text="Очистка шахтных вод")).to_have_count(0)
    expect(moderator.locator("tr", has_text="Питомник саженцев")).to_have_count(1)
    never.refresh_from_db()
    assert never.last_verified is not None

    moderator.goto(f"{live_server.url}/admin/pages/{never.pk}/history/")
    expect(moderator.locator("main")).to_contain_text("Актуальность подтверждена")

    moderator.goto(f"{live_server.url}/admin/")
    expect(moderator.get_by_role("region", name="Требуют проверки")).to_contain_text("Не проверялись: 1")
    assert SolutionPage.objects.filter(last_verified__isnull=True).count() == 1
