"""A visitor in a real browser: finds a solution by need and stage, keeps filters, reads it on a phone."""
import json
from pathlib import Path

import pytest

from tests.e2e.conftest import LIVE_DB, SCREENSHOTS, WIDTHS

pytestmark = [pytest.mark.e2e, LIVE_DB]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PAGES = {"home": "/", "catalogue": "/catalogue/", "solution": "/catalogue/mine-water/"}


def test_visitor_filters_by_need_and_stage_and_opens_a_solution(live_server, page, showcase):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Очистка шахтных вод").click()
    page.wait_for_url("**/catalogue/need/ochistka-shakhtnykh-vod/")
    assert page.get_by_role("heading", level=1).inner_text() == "Очистка шахтных вод"
    # Ticking a stage submits the form by itself (the script), no button press needed.
    page.get_by_label("Пилотное внедрение").check()
    page.wait_for_url("**stage=pilot**")
    cards = page.locator(".cards .card")
    assert cards.count() == 1
    assert page.get_by_role("status").first.inner_text().startswith("Найдено 1 решение")
    page.get_by_role("link", name="Отечественный насос для водоотлива").click()
    page.wait_for_url("**/catalogue/pump/")
    assert page.get_by_role("heading", level=1).inner_text() == "Отечественный насос для водоотлива"
    assert page.locator("[aria-current=step]").inner_text().startswith("Пилотное внедрение")
    assert page.get_by_role("link", name="Запросить решение").first.is_visible()


def test_filters_survive_reload_and_back(live_server, page, showcase):
    page.goto(live_server.url + "/catalogue/")
    page.get_by_label("Экология").check()
    page.wait_for_url("**sector=ekologiia**")
    page.get_by_label("Сортировка").select_option("newest")
    page.wait_for_url("**sort=newest**")
    filtered_url = page.url
    # The shared link carries only what was chosen.
    assert filtered_url.endswith("/catalogue/?sector=ekologiia&sort=newest")
    page.reload()
    assert page.get_by_label("Экология").is_checked()
    assert page.get_by_label("Сортировка").input_value() == "newest"
    page.locator(".card__title a").first.click()
    page.wait_for_url("**/catalogue/*/")
    page.go_back()
    page.wait_for_url(filtered_url)
    assert page.get_by_label("Экология").is_checked()
    assert page.locator(".chip").first.text_content().startswith("Отрасль: Экология")


def test_removing_a_chip_widens_the_results(live_server, page, showcase):
    page.goto(live_server.url + "/catalogue/?need=rekultivatsiia-otvalov&stage=research")
    assert page.locator(".cards .card").count() == 1
    page.get_by_role("link", name="Стадия: Исследование — убрать фильтр").click()
    page.wait_for_url("**/catalogue/?need=rekultivatsiia-otvalov")
    assert page.locator(".cards .card").count() == 3


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_horizontal_scroll_and_screenshots(live_server, browser, showcase, width):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    tab = context.new_page()
    for name, path in PAGES.items():
        tab.goto(live_server.url + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow == 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        tab.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    context.close()


def test_filters_fold_on_a_phone(live_server, browser, showcase):
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 800})
    tab = context.new_page()
    tab.goto(live_server.url + "/catalogue/")
    assert not tab.get_by_label("Экология").is_visible()
    tab.get_by_text("Фильтры", exact=True).first.click()
    assert tab.get_by_label("Экология").is_visible()
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_pages_have_no_serious_accessibility_violations(live_server, page, showcase, name):
    page.goto(live_server.url + PAGES[name])
    # Evaluated through the DevTools protocol: the page's CSP rightly refuses an injected inline <script>.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})")
    serious = [
        {"id": violation["id"], "impact": violation["impact"],
         "nodes": [node["target"] for node in violation["nodes"]][:5]}
        for violation in result["violations"] if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)


def test_keyboard_reaches_search_with_visible_focus(live_server, page, showcase):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Перейти к содержанию"
    for _ in range(4):  # the brand, «Каталог решений», «Подборка», then the search field
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "site-search-q"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_catalogue_works_without_javascript(live_server, browser, showcase):
    context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900}, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(live_server.url + "/catalogue/")
    tab.get_by_label("Рекультивация отвалов").check()
    tab.get_by_label("Уровень готовности не ниже").select_option("7")
    tab.get_by_role("button", name="Показать").click()
    tab.wait_for_url("**need=rekultivatsiia-otvalov**")
    assert [title.text_content() for title in tab.locator(".card__title").all()] == [
        "Питомник саженцев для рекультивации"]
    context.close()
