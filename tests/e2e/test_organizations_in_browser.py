"""A business looking for a partner: browse /organizations/, filter by kind, open a profile — with axe-core."""
import json

import pytest

from tests.e2e.conftest import LIVE_DB
from tests.e2e.test_public_site import AXE

pytestmark = [pytest.mark.e2e, LIVE_DB]


def serious_violations(page):
    # Evaluated through the DevTools protocol: the page's CSP rightly refuses an injected inline <script>.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})")
    return [{"id": violation["id"], "nodes": [node["target"] for node in violation["nodes"]][:5]}
            for violation in result["violations"] if violation["impact"] in ("serious", "critical")]


def test_visitor_filters_the_directory_and_opens_a_profile(live_server, page, showcase):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="организации").click()
    page.wait_for_url("**/organizations/")
    assert page.get_by_role("heading", level=1).inner_text() == "Организации"
    assert page.locator(".org-card").count() == 2
    assert serious_violations(page) == [], json.dumps(serious_violations(page), ensure_ascii=False)

    # Ticking a kind submits the form by itself.
    page.get_by_label("НИИ / научный центр").check()
    page.wait_for_url("**kind=institute**")
    assert page.locator(".org-card").count() == 1
    assert page.get_by_role("status").first.inner_text().startswith("1 организация")

    page.get_by_role("link", name="Институт углехимии (пример)").click()
    page.wait_for_url("**/catalogue/org/institut-uglekhimii-primer/")
    assert page.get_by_role("heading", level=1).inner_text() == "Институт углехимии (пример)"
    assert page.get_by_text("Кемерово, Кемеровская область — Кузбасс").is_visible()
    assert page.locator("#chart-org-stages").is_visible()
    assert page.locator(".cards .card").count() == 3
    assert serious_violations(page) == [], json.dumps(serious_violations(page), ensure_ascii=False)


def test_visitor_searches_and_finds_an_organisation_on_its_tab(live_server, page, showcase):
    """A word form the organisation's name does not contain («углехимическая») finds it on the search page's
    «Организации» tab, whose count shows on the solutions' answer; filtering there stays on the tab."""
    page.goto(live_server.url + "/search/?q=" + "углехимическая")
    tab = page.locator(".search-types a", has_text="Организации")
    assert tab.inner_text().split()[-1] == "1"
    tab.click()
    page.wait_for_url("**type=organizations**")
    assert page.locator(".org-card").count() == 1
    assert page.locator(".org-card .card__title").inner_text() == "Институт углехимии (пример)"
    assert serious_violations(page) == [], json.dumps(serious_violations(page), ensure_ascii=False)

    page.get_by_label("НИИ / научный центр").check()
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url("**kind=institute**")
    assert "type=organizations" in page.url
    assert page.locator(".org-card").count() == 1

    # The directory's own search box.
    page.goto(live_server.url + "/organizations/")
    page.get_by_label("Название, город, слова в описании").fill("горный")
    page.get_by_label("Название, город, слова в описании").press("Enter")
    page.wait_for_url("**q=**")
    assert [title.inner_text() for title in page.locator(".org-card .card__title").all()] == [
        "Горный университет (пример)"]
