"""In a real browser: typing in the search box offers matching solutions, and the page works without JS."""
import os

import pytest

from tests.search.conftest import make_solution

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def lighting():
    return make_solution("street-lighting", "Интеллектуальное уличное освещение",
                         "Светодиодные светильники с дистанционным управлением.", trl=9)


def test_typing_offers_suggestions(live_server, browser, lighting):
    page = browser.new_page()
    page.goto(f"{live_server.url}/search/")
    page.fill("#search-q", "светильн")
    page.wait_for_function("document.querySelectorAll('#search-suggestions option').length > 0", timeout=5000)
    assert page.locator("#search-suggestions option").first.get_attribute("value") == lighting.title


def test_search_works_without_javascript(live_server, browser, lighting):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/search/")
    page.fill("#search-q", "уличные фонари")
    page.click("button[type=submit]")
    assert page.locator(".solution-card__title").first.inner_text() == lighting.title
    context.close()
