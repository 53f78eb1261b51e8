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
