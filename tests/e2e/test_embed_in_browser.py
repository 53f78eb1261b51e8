"""The partner widget in a real browser: it shows inside a foreign page's <iframe>, its links open our site in
a new tab, and an ordinary page of the site refuses to be framed."""
import pytest

from tests.e2e.conftest import LIVE_DB, SCREENSHOTS
from tests.factories import NeedFactory, OrganizationFactory, SectorFactory, SolutionPageFactory, publish

pytestmark = [pytest.mark.e2e, LIVE_DB]


def partner_page(live_server_url):
    """A page of another site embedding the widget and, for contrast, the catalogue page itself."""
    return f"""<!DOCTYPE html><html lang="ru"><body>
        <h1>Сайт агентства развития</h1>
        <iframe id="widget" title="Решения" width="420" height="480"
                src="{live_server_url}/embed/?sector=ecology&limit=3"></iframe>
        <iframe id="catalogue" title="Каталог" width="420" height="200" src="{live_server_url}/catalogue/"></iframe>
    </body></html>"""


def test_partner_site_frames_the_widget_but_not_the_site(live_server, browser):
    ecology = SectorFactory(name="Экология", slug="ecology")
    water = NeedFactory(name="Очистка воды", slug="water")
    kuzgtu = OrganizationFactory(name="КузГТУ", slug="kuzgtu")
    publish(SolutionPageFactory(title="Модульная очистка шахтных вод", slug="mine-water", trl=8,
                                summary="Очищает шахтные воды до норм рыбохозяйственных водоёмов.",
                                sectors=[ecology], needs=[water], organizations=[kuzgtu]))
    publish(SolutionPageFactory(title="Рекультивация отвалов", slug="dumps", trl=7,
                                summary="Биологическая рекультивация породных отвалов.", sectors=[ecology]))

    page = browser.new_page(viewport={"width": 900, "height": 800})
    try:
        page.set_content(partner_page(live_server.url), wait_until="load")

        widget = page.frame_locator("#widget")
        titles = widget.locator(".embed__title")
        titles.first.wait_for()
        assert titles.all_inner_texts() == ["Модульная очистка шахтных вод", "Рекультивация отвалов"]
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "embed-on-partner-page.png", full_page=True)

        with page.context.expect_page() as opened:
            titles.first.click()
        solution = opened.value
        solution.wait_for_load_state()
        assert solution.url == f"{live_server.url}/catalogue/mine-water/"
        assert solution.locator("h1").inner_text() == "Модульная очистка шахтных вод"

        blocked = page.query_selector("#catalogue").content_frame()
        assert "Каталог решений" not in blocked.content(), "X-Frame-Options: DENY must keep the site out"
    finally:
        page.close()
