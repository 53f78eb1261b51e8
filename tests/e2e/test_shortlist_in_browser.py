"""A city team builds its shortlist in a real browser: adds from the catalogue (in place, with the header count),
compares, downloads the annex in three formats, shares it and a colleague opens and copies it; the same without
JavaScript."""
import io
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from django.core.cache import cache
from pypdf import PdfReader

from catalogue.models import SolutionRequest
from tests.e2e.conftest import LIVE_DB

pytestmark = [pytest.mark.e2e, LIVE_DB]
TITLE = "Подборка готовых решений НОЦ «Кузбасс – Донбасс»"


@pytest.fixture
def solutions(db):
    from tests.factories import OrganizationFactory, SolutionPageFactory

    cache.clear()
    return [
        SolutionPageFactory(title="Очистка шахтных вод мембранами", slug="membrane", trl=9,
                            organizations=[OrganizationFactory(name="КузГТУ")]),
        SolutionPageFactory(title="Рекультивация отвалов", slug="dumps", trl=5,
                            organizations=[OrganizationFactory(name="СибГИУ")]),
    ]


def named(text):
    """The accessible name, whatever spaces the page uses (typography puts no-break spaces after prepositions; a
    visually hidden part of a button's name may start on a line of its own)."""
    pattern = r"\s+".join(re.escape(word) for word in text.split(" ")).replace(":", r"\s*:")
    return re.compile(f"^{pattern}$")


def download(tab, name):
    with tab.expect_download() as event:
        tab.get_by_role("link", name=name).click()
    return Path(event.value.path()).read_bytes()


def test_shortlist_compare_export_share(browser, page, live_server, solutions):
    tab = page
    errors = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.goto(f"{live_server.url}/catalogue/")
    count = tab.locator("[data-shortlist-count]")
    assert count.is_hidden()

    for solution in solutions:
        tab.get_by_role("button", name=named(f"Добавить в подборку: {solution.title}")).click()
        tab.get_by_text(f"«{solution.title}» добавлено в подборку.").wait_for()
    assert tab.url == f"{live_server.url}/catalogue/"  # updated in place, no reload
    assert count.inner_text() == "2" and count.is_visible()
    assert not errors  # nothing refused by the Content-Security-Policy

    tab.get_by_role("link", name="Подборка").click()
    tab.get_by_label("Зачем нам это").first.fill("Для очистных шахты «Коксовая»")
    tab.get_by_role("button", name=named("Сохранить заметку к «Очистка шахтных вод мембранами»")).click()
    assert tab.get_by_text("Заметка сохранена.").is_visible()

    tab.get_by_role("link", name="Сравнить решения").click()
    table = tab.locator("table.compare-table")
    assert table.locator("thead th").all_inner_texts() == ["Показатель", *[s.title for s in solutions]]
    stage = table.locator("tr", has=tab.get_by_role("rowheader", name="Стадия"))
    assert stage.locator("td").all_inner_texts() == ["Серийное производство", "Разработка"]
    assert "compare-table__row--differs" in stage.get_attribute("class")
    # On a phone the columns stack: each solution's value below the other, named by its solution.
    tab.set_viewport_size({"width": 390, "height": 800})
    first, second = (cell.bounding_box() for cell in stage.locator("td").all())
    assert second["y"] >= first["y"] + first["height"] - 1 and first["width"] > 300
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    tab.set_viewport_size({"width": 1280, "height": 900})

    tab.get_by_role("link", name=named("← К подборке")).click()
    annex_docx = docx.Document(io.BytesIO(download(tab, "Word (DOCX)")))
    assert annex_docx.paragraphs[0].text == TITLE
    annex_xlsx = openpyxl.load_workbook(io.BytesIO(download(tab, "Excel (XLSX)")))
    assert annex_xlsx["Подборка"]["A1"].value == TITLE
    annex_pdf = PdfReader(io.BytesIO(download(tab, "PDF")))
    text = annex_pdf.pages[0].extract_text()
    assert TITLE in text and "Очистка шахтных вод мембранами" in text and "Для очистных шахты" in text

    tab.get_by_role("button", name="Поделиться").click()
    shared_url = tab.url
    assert "/podborka/" in shared_url and len(shared_url.rstrip("/").rsplit("/", 1)[-1]) >= 43

    # A colleague in another browser: a read-only copy, which they copy into their own shortlist.
    colleague = browser.new_context(locale="ru-RU").new_page()
    colleague.goto(shared_url)
    assert colleague.get_by_role("heading", level=1).inner_text() == "Подборка решений"
    assert colleague.get_by_text("Для очистных шахты «Коксовая»").is_visible()
    assert colleague.get_by_role("button", name=named("Убрать из подборки")).count() == 0
    colleague.get_by_role("button", name=named("Скопировать в мою подборку")).click()
    assert colleague.get_by_text("Решения из общей подборки добавлены в вашу: 2.").is_visible()
    assert colleague.locator("[data-shortlist-count]").inner_text() == "2"
    colleague.context.close()

    # Back to one's own shortlist: one request to НОЦ about all of it.
    tab.goto(f"{live_server.url}/podborka/")
    tab.get_by_role("link", name=named("Отправить подборку в НОЦ")).click()
    tab.get_by_label("Что вас интересует").fill("Готовим программу развития, нужна консультация по обоим.")
    tab.get_by_label("Имя").fill("Анна Петрова")
    tab.get_by_label("Город или муниципалитет").fill("Прокопьевск")
    tab.get_by_role("radio", name="город").check()
    tab.get_by_label("Электронная почта").fill("anna@example.ru")
    tab.get_by_label("152-ФЗ").check()
    tab.get_by_role("button", name="Отправить запрос").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "Подборка отправлена"
    request = SolutionRequest.objects.get()
    assert set(request.solutions.all()) == set(solutions)


def test_without_javascript(browser, live_server, solutions):
    context = browser.new_context(java_script_enabled=False, locale="ru-RU")
    tab = context.new_page()
    tab.goto(f"{live_server.url}/catalogue/membrane/")
    tab.get_by_role("button", name=named("Добавить в подборку: Очистка шахтных вод мембранами")).first.click()
    assert tab.url == f"{live_server.url}/catalogue/membrane/"
    assert tab.get_by_text("«Очистка шахтных вод мембранами» добавлено в подборку.").is_visible()
    assert tab.locator("[data-shortlist-count]").inner_text() == "1"
    tab.get_by_role("link", name="Подборка").click()
    tab.get_by_role("button", name=named("Убрать из подборки: Очистка шахтных вод мембранами")).click()
    assert tab.get_by_text("Подборка пуста.").is_visible()
    context.close()
