"""A visitor requests a solution in a real browser: from the solution page to the confirmation, no JS needed."""

import pytest
from django.core import mail
from django.core.cache import cache

from catalogue.models import SolutionRequest
from tests.e2e.conftest import LIVE_DB

pytestmark = [pytest.mark.e2e, LIVE_DB]


@pytest.fixture
def solution(settings):
    """Committed, so the live server sees it; the rollback restores the migrated site tree afterwards."""
    from tests.factories import SolutionPageFactory

    settings.NOC_NOTIFY_EMAILS = ["inbox@noc.example"]
    cache.clear()
    return SolutionPageFactory(title="Модульная установка очистки шахтных вод", slug="water-treatment")


def test_visitor_requests_a_solution(page, live_server, solution):
    tab = page
    tab.goto(f"{live_server.url}/catalogue/water-treatment/")
    tab.get_by_role("link", name="Запросить решение").first.click()
    tab.wait_for_load_state()  # stylesheets applied before measuring where the honeypot sits

    assert tab.get_by_role("heading", level=1).inner_text() == "Запросить решение"
    trap = tab.get_by_label("Оставьте это поле пустым").bounding_box()
    assert trap["x"] + trap["width"] <= 0  # the honeypot is off screen for people
    tab.get_by_label("Что вас интересует").fill("Нужна установка для шахтных вод, 200 м³ в сутки.")
    tab.get_by_label("Имя").fill("Анна Петрова")
    tab.get_by_label("Организация").fill("ООО «Чистая вода»")
    tab.get_by_label("Город или муниципалитет").fill("Новокузнецк")
    tab.get_by_label("бизнес").check()
    tab.get_by_label("Телефон").fill("8 923 1234567")
    tab.get_by_role("button", name="Отправить запрос").click()

    # The browser's own check stops a request without consent; nothing reaches the server.
    assert tab.get_by_role("heading", level=1).inner_text() == "Запросить решение"
    assert not SolutionRequest.objects.exists()

    tab.get_by_label("152-ФЗ").check()
    tab.get_by_role("button", name="Отправить запрос").click()

    assert tab.get_by_role("heading", level=1).inner_text() == "Запрос отправлен"
    stored = SolutionRequest.objects.get()
    assert (stored.name, stored.phone, stored.role) == ("Анна Петрова", "+7 923 123-45-67", "business")
    assert len(mail.outbox) == 1
