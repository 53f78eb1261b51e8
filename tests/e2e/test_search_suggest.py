"""In a real browser: typing in the search box offers matching solutions, and the page works without JS."""
import pytest

from tests.e2e.conftest import LIVE_DB
from tests.search.conftest import make_solution

pytestmark = [pytest.mark.e2e, LIVE_DB]

@pytest.fixture
def lighting():
    return make_solution("street-lighting", "Интеллектуальное уличное освещение",
                         "Светодиодные светильники с дистанционным управлением.", trl=9)


def test_typing_offers_suggestions(live_server, browser, lighting):
    page = browser.new_page()
    page.goto(f"{live_server.url}/search/")
    page.fill("#search-q", "светильн")
    # A locator, not wait_for_function: the page's CSP rightly refuses to evaluate strings as script.
    page.locator("#search-suggestions option").first.wait_for(state="attached", timeout=5000)
    assert page.locator("#search-suggestions option").first.get_attribute("value") == lighting.title


def test_search_works_without_javascript(live_server, browser, lighting):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/search/")
    page.fill("#search-q", "уличные фонари")
    page.press("#search-q", "Enter")  # the page's own form, not the header's
    assert page.locator(".card__title").first.inner_text() == lighting.title
    context.close()
