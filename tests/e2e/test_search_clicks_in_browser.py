"""In a real browser: a visitor searches, opens a result and lands on the solution; the moderator then sees that
click in «Состояние каталога» — and the same with JavaScript switched off."""
import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.e2e.conftest import LIVE_DB, log_in_to_admin
from tests.search.conftest import make_solution

pytestmark = [pytest.mark.e2e, LIVE_DB]

PASSWORD = "пароль-только-для-теста"
CLICKS = "Переходы из поиска, 90 дней"


@pytest.fixture
def lighting():
    return make_solution("street-lighting", "Интеллектуальное уличное освещение",
                         "Светодиодные светильники с дистанционным управлением.", trl=9)


def search_and_open(context, live_server, title):
    visitor = context.new_page()
    visitor.goto(f"{live_server.url}/search/")
    visitor.fill("#search-q", "уличные фонари")
    visitor.press("#search-q", "Enter")
    link = visitor.locator(".card__title a", has_text=title)
    assert link.get_attribute("rel") == "nofollow"
    link.click()
    visitor.wait_for_url(f"{live_server.url}/catalogue/street-lighting/")
    expect(visitor.locator("h1")).to_contain_text(title)


def clicks_in_report(page, live_server, title):
    page.goto(f"{live_server.url}/admin/reports/catalogue-health/")
    headers = [text.strip() for text in page.locator("table thead th").all_inner_texts()]
    column = next(index for index, header in enumerate(headers) if CLICKS in header)
    return page.locator("tr", has_text=title).locator("td").nth(column).inner_text().strip()


def test_a_search_click_reaches_the_solution_and_the_health_report(browser, page, live_server, lighting,
                                                                   django_user_model):
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        search_and_open(context, live_server, lighting.title)
        context.close()

    user = django_user_model.objects.create_user(username="moderator", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Модераторы НОЦ"))
    log_in_to_admin(page, live_server, "moderator", PASSWORD)
    assert clicks_in_report(page, live_server, lighting.title) == "2"
