"""/podborka/compare/: one column per solution, one row per field, the rows where they differ highlighted."""
import re

import pytest

from tests.shortlist.conftest import add

pytestmark = pytest.mark.django_db


def rows(html):
    """{row label: (highlighted, [cell texts])} from the comparison table."""
    table = {}
    for row_class, label, cells in re.findall(
            r'<tr class="([^"]*)">\s*<th scope="row">([^<]+)(?:<span[^>]*>[^<]*</span>)?</th>(.*?)</tr>', html, re.S):
        table[label.strip()] = ("differs" in row_class, re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S))
    return table


def test_side_by_side_with_differences_highlighted(client, solutions):
    for solution in solutions:
        add(client, solution)
    client.post("/podborka/note/", {"solution": solutions[1].pk, "note": "для Киселёвска"})
    html = client.get("/podborka/compare/").content.decode()
    for solution in solutions:
        assert f'<a href="{solution.url}">{solution.title}</a>' in html
    table = rows(html)
    assert table["Стадия"] == (True, ["Серийное производство", "Разработка", "Пилотное внедрение"])
    assert table["УГТ"][0] is True and table["УГТ"][1][0].startswith("9 — ")
    assert table["Разработчик"] == (True, ["КузГТУ", "СибГИУ", "ФИЦ УУХ СО РАН"])
    # The same need and region for all three: shown, not highlighted.
    assert table["Решает задачи"] == (False, ["Очистка шахтных вод"] * 3)
    assert table["Где внедрено или предлагается"] == (False, ["Кузбасс"] * 3)
    assert table["Отрасль"] == (True, ["Экология", "—", "—"])
    assert table["Зачем нам это"] == (True, ["—", "для Киселёвска", "—"])
    assert "различается" in html


def test_deployments_effects_and_terms_are_compared_and_exported(client, solutions):
    import io
    from datetime import date

    from docx import Document

    from tests.factories import CityFactory, DeploymentFactory

    membranes, dump = solutions[0], solutions[1]
    DeploymentFactory(page=membranes, city=CityFactory(name="Прокопьевск"), site="Очистные сооружения", year=2023,
                      effects=[("effect", {"value": "−40 %", "label": "сброс загрязняющих веществ"})])
    membranes.terms_licence, membranes.terms_supply = True, True
    membranes.price_from, membranes.price_note, membranes.payback_months = 1_500_000, "за модуль", 18
    membranes.certificates = [("item", {"kind": "сертификат соответствия", "number": "С-1",
                                        "valid_until": date(2020, 1, 1)})]
    membranes.save_revision().publish()
    for solution in solutions[:2]:
        add(client, solution)
    table = rows(client.get("/podborka/compare/").content.decode())
    assert table["Внедрения"] == (True, ["1: Прокопьевск — Очистные сооружения (2023, в эксплуатации)", "—"])
    assert table["Измеренные эффекты"] == (True, ["−40 % — сброс загрязняющих веществ", "—"])
    assert table["Формы сотрудничества"] == (True, ["лицензия, поставка", "—"])
    assert table["Цена и окупаемость"][1][0] == "от 1\xa0500\xa0000 ₽; за модуль; окупаемость 18 мес."
    assert table["Сертификаты и разрешения"][1][0] == "сертификат соответствия С-1 до 01.01.2020 (истёк)"
    annex = Document(io.BytesIO(client.get("/podborka/export.docx").content))
    text = "\n".join(cell.text for table in annex.tables for row in table.rows for cell in row.cells)
    assert "Прокопьевск — Очистные сооружения (2023, в эксплуатации)" in text
    assert "лицензия, поставка" in text
    assert dump.title in "\n".join(paragraph.text for paragraph in annex.paragraphs)


def test_each_value_names_its_solution_for_the_phone_layout(client, solutions):
    add(client, solutions[0])
    html = client.get("/podborka/compare/").content.decode()
    assert f'<td data-solution="{solutions[0].title}">Серийное производство</td>' in html


def test_print_and_phone_styles_exist(client, solutions):
    from django.contrib.staticfiles import finders

    with open(finders.find("css/shortlist.css"), encoding="utf-8") as css:
        text = css.read()
    assert "@media print" in text and "@media (max-width: 640px)" in text
    add(client, solutions[0])
    assert 'href="/static/css/shortlist.css"' in client.get("/podborka/compare/").content.decode()


def test_empty_comparison(client, db):
    assert "Сравнивать пока нечего" in client.get("/podborka/compare/").content.decode()
