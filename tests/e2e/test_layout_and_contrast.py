"""What Lighthouse and a careful eye judge: no layout shift as the catalogue loads, legible links on the navy
call-to-action box, image-less cards without an empty block. Measured in the browser from what it rendered."""
import re

import pytest

from tests.e2e.conftest import LIVE_DB, SCREENSHOTS

pytestmark = [pytest.mark.e2e, LIVE_DB]

PHONE, DESKTOP = 390, 1280
# Every layout shift the page makes while loading, as Lighthouse counts them (no user input before them).
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }
}).observe({type: "layout-shift", buffered: true});
"""


def open_tab(browser, width, live_server, path):
    context = browser.new_context(viewport={"width": width, "height": 844 if width == PHONE else 900},
                                  locale="ru-RU")
    context.add_init_script(RECORD_SHIFTS)
    tab = context.new_page()
    tab.goto(live_server.url + path, wait_until="load")
    tab.wait_for_timeout(800)  # deferred scripts have run, late shifts have been reported
    return context, tab


def catalogue_pages(showcase):
    return {"catalogue": "/catalogue/", "need": f"/catalogue/need/{showcase['needs']['water'].slug}/"}


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_catalogue_and_need_pages_load_without_layout_shift(live_server, browser, showcase, width):
    for name, path in catalogue_pages(showcase).items():
        context, tab = open_tab(browser, width, live_server, path)
        shift = tab.evaluate("window.__shifts.reduce((sum, value) => sum + value, 0)")
        assert shift < 0.01, f"{name} at {width}px: cumulative layout shift {shift:.3f}"
        SCREENSHOTS.mkdir(exist_ok=True)
        tab.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        context.close()


def test_filters_are_folded_on_a_phone_and_open_on_a_desktop_from_the_first_paint(live_server, browser, showcase):
    context, tab = open_tab(browser, PHONE, live_server, "/catalogue/")
    assert tab.locator(".filters-toggle > summary").is_visible()
    assert not tab.locator(".facets__title").is_visible()
    context.close()

    context, tab = open_tab(browser, DESKTOP, live_server, "/catalogue/")
    assert not tab.locator(".filters-toggle > summary").is_visible()
    assert tab.get_by_role("heading", name="Фильтры").is_visible()
    assert tab.locator(".filters-toggle").evaluate("details => details.open")  # for screen readers too
    context.close()


def rgb(css_colour):
    return tuple(int(part) for part in re.findall(r"\d+", css_colour)[:3])


def luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(value) for value in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_links_in_the_call_to_action_box_are_legible_on_every_shade_of_its_gradient(live_server, browser,
                                                                                    showcase, width):
    context, tab = open_tab(browser, width, live_server, "/catalogue/mine-water/")
    link = tab.get_by_role("link", name="Заявите потребность города")
    text = rgb(link.evaluate("a => getComputedStyle(a).color"))
    gradient = link.evaluate("a => getComputedStyle(a.closest('.cta')).backgroundImage")
    shades = [rgb(stop) for stop in re.findall(r"rgba?\([^)]*\)", gradient)]
    assert len(shades) >= 2, gradient
    worst = min(contrast(text, shade) for shade in shades)
    assert worst >= 4.5, f"«Заявите потребность города» {text} on {shades}: {worst:.2f}:1"
    context.close()


def test_cards_without_a_picture_are_compact(live_server, browser, showcase):
    context, tab = open_tab(browser, PHONE, live_server, "/catalogue/")
    cards = tab.locator(".card")
    assert cards.count() >= 3
    for index in range(cards.count()):
        card = cards.nth(index)
        if card.locator("img").count():
            continue
        # The card opens with its stage badge and title, not with an empty block a screen-width wide.
        first = card.evaluate("card => card.firstElementChild.className")
        assert first == "card__body", first
        band = card.evaluate("card => getComputedStyle(card).borderTopWidth")
        assert float(band.removesuffix("px")) >= 4
        # No block above the badge and title: the title starts within the card's first lines.
        title_offset = card.evaluate(
            "card => card.querySelector('.card__title').getBoundingClientRect().top - card.getBoundingClientRect().top")
        assert title_offset < 80, title_offset
    context.close()
