"""The deployment map in a real browser: points drawn, the list reached by keyboard, no serious accessibility
violations, no sideways scroll on a phone, and the same content without JavaScript."""
import json
from pathlib import Path

import pytest

from tests.e2e.conftest import LIVE_DB, SCREENSHOTS, WIDTHS

pytestmark = [pytest.mark.e2e, LIVE_DB]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
MAP = "/catalogue/map/"


@pytest.fixture
def deployed(showcase):
    from catalogue.models import Deployment, Region, SolutionPage

    kuzbass = Region.objects.get(name="Кемеровская область — Кузбасс")
    donbass = Region.objects.get(name="Донецкая Народная Республика")
    # The showcase may already have these cities (it names developers' cities).
    kemerovo = Region.objects.get_or_create(name="Кемерово", defaults={"kind": Region.Kind.CITY, "parent": kuzbass})[0]
    donetsk = Region.objects.get_or_create(name="Донецк", defaults={"kind": Region.Kind.CITY, "parent": donbass})[0]
    water = SolutionPage.objects.get(slug="mine-water")
    nursery = SolutionPage.objects.get(slug="nursery")
    Deployment.objects.create(page=water, site="Шахта (иллюстративный пример)", city=kemerovo, year=2022)
    Deployment.objects.create(page=water, site="Водоканал (иллюстративный пример)", city=donetsk, year=2024)
    Deployment.objects.create(page=nursery, site="Отвал разреза (иллюстративный пример)", region=kuzbass, year=2023)
    return showcase


def test_points_are_drawn_and_keyboard_reaches_the_list(live_server, page, deployed):
    page.goto(live_server.url + MAP)
    markers = page.locator("svg[data-deployment-map] a.map-marker circle")
    assert markers.count() >= 2
    for index in range(markers.count()):
        box = markers.nth(index).bounding_box()
        assert box and box["width"] > 5  # drawn, with a size, inside the page
    # The outlines image loaded (no CSP refusal, no broken image).
    loaded = page.evaluate("""() => new Promise(resolve => {
        const image = new Image(); image.onload = () => resolve(image.naturalWidth); image.onerror = () => resolve(0);
        image.src = document.querySelector('svg[data-deployment-map] image').getAttribute('href'); })""")
    assert loaded > 0
    # Keyboard: tab until «Списком по регионам», follow it, and the list has focus-worthy content.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Списком по\u00a0регионам":
            break
    else:
        pytest.fail("«Списком по регионам» is not reachable by keyboard")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#deployments-list"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('#deployments-list') !== null")
    assert focused
    regions = page.locator("#deployments-list .map-regions__name").all_text_contents()
    assert regions[0].startswith("Кемеровская область — Кузбасс")
    assert any(name.startswith("Донецкая Народная Республика") for name in regions)


def test_a_marker_leads_to_its_region_in_the_list(live_server, page, deployed):
    page.goto(live_server.url + MAP)
    marker = page.locator("a.map-marker", has=page.locator("title", has_text="Донецк"))
    marker.click()
    target = page.evaluate("location.hash")
    assert page.locator(target).text_content().strip().startswith("Донецкая Народная Республика")


def test_map_has_no_serious_accessibility_violations(live_server, page, deployed):
    page.goto(live_server.url + MAP)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})")
    serious = [{"id": violation["id"], "nodes": [node["target"] for node in violation["nodes"]][:5]}
               for violation in result["violations"] if violation["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("width", [390, WIDTHS["desktop"]], ids=["phone", "desktop"])
def test_map_fits_the_screen_and_screenshots(live_server, browser, deployed, width):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    tab = context.new_page()
    for name, path in {"map": MAP, "home-where": "/", "solution-map": "/catalogue/mine-water/"}.items():
        tab.goto(live_server.url + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow == 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        tab.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    context.close()


def test_map_and_list_work_without_javascript(live_server, browser, deployed):
    context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900}, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(live_server.url + MAP)
    assert tab.locator("svg[data-deployment-map] a.map-marker").count() >= 2
    tab.get_by_label("Сельское хозяйство").check()
    tab.get_by_role("button", name="Показать").click()
    tab.wait_for_url("**sector=**")
    assert tab.locator("#deployments-list a").all_text_contents() == ["Питомник саженцев для рекультивации"]
    context.close()
