"""CSV and XLSX exports of the current catalogue view, opened the way a spreadsheet would open them."""
import csv
import datetime
import io

import openpyxl
import pytest
from django.http import QueryDict

from catalogue.query import CatalogueQuery
from tests.factories import SolutionPageFactory, publish

HEADER = ["Название", "Ссылка", "Кратко", "УГТ", "Стадия", "Отрасли", "Потребности", "Разработчики", "Регионы",
          "Теги", "Год", "Последняя проверка", "Внедрений", "Где внедрено (внедрения)", "Формы сотрудничества",
          "Цена от, ₽", "О цене", "Окупаемость, мес.", "Производственная мощность", "Срок поставки / внедрения",
          "Интеллектуальная собственность", "Сертификаты и разрешения"]


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response.streaming
    return response, b"".join(response.streaming_content)


def read_csv(client, query=""):
    response, content = download(client, "/catalogue/export.csv" + query)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="noc-catalogue-')
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read Cyrillic as UTF-8"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(client, query=""):
    response, content = download(client, "/catalogue/export.xlsx" + query)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"')
    return openpyxl.load_workbook(io.BytesIO(content))["Решения"]


def test_csv_has_russian_columns_and_cyrillic_rows(client, open_catalogue):
    rows = read_csv(client, "?sort=title")
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == [
        "Модульная очистка шахтных вод", "Редуктор ленточного конвейера", "Рекультивация отвалов осадками сточных вод",
    ]
    dumps = rows[3]
    assert dumps[1].endswith("/catalogue/dumps/")
    assert dumps[2:] == ["Биологическая рекультивация породных отвалов.", "7", "Пилотное внедрение", "Экология",
                         "Рекультивация земель", "КузГТУ, СибГИУ", "Кемеровская область – Кузбасс", "почвы",
                         "2023", "15.03.2026", "0", "", "", "", "", "", "", "", "", ""]


def test_csv_follows_the_catalogue_filters_and_search(client, open_catalogue):
    assert [row[0] for row in read_csv(client, "?need=rekultivatsiya")[1:]] == [
        "Рекультивация отвалов осадками сточных вод"]
    assert [row[0] for row in read_csv(client, "?q=шахтных&page=2")[1:]] == ["Модульная очистка шахтных вод"]
    assert read_csv(client, "?sector=mining&stage=serial") == [HEADER]


def test_csv_cells_never_run_as_formulas(client, open_catalogue):
    publish(SolutionPageFactory(title='=HYPERLINK("http://evil.example","Нажми")', slug="formula", trl=3))
    rows = read_csv(client, "?stage=research")
    assert rows[1][0] == "'=HYPERLINK(\"http://evil.example\",\"Нажми\")"


def test_xlsx_opens_with_typed_cells(client, open_catalogue):
    sheet = read_xlsx(client, "?org=kuzgtu&sort=readiness")
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert [row[0] for row in rows[1:]] == [
        "Модульная очистка шахтных вод", "Рекультивация отвалов осадками сточных вод"]
    dumps = rows[2]
    assert dumps[3] == 7
    assert dumps[10] == 2023
    assert dumps[11] == datetime.datetime(2026, 3, 15)
    assert sheet.cell(3, 12).number_format == "DD.MM.YYYY"
    assert sheet.cell(3, 2).hyperlink.target.endswith("/catalogue/dumps/")
    assert sheet.cell(1, 1).font.bold
    assert sheet.freeze_panes == "A2"


def test_xlsx_keeps_formula_like_titles_as_text(client, open_catalogue):
    publish(SolutionPageFactory(title="=1+1", slug="formula", trl=3))
    sheet = read_xlsx(client, "?stage=research")
    assert sheet.cell(2, 1).value == "=1+1"
    assert sheet.cell(2, 1).data_type == "s"


@pytest.mark.parametrize("url", ["/catalogue/export.csv?need=nothing", "/catalogue/export.xlsx?trl_max=x",
                                 "/catalogue/export.csv?format=json"])
def test_bad_filters_answer_400_in_russian(client, open_catalogue, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Неверные параметры запроса:" in response.content.decode()


def test_export_walks_results_in_chunks_in_display_order(open_catalogue):
    query = CatalogueQuery.from_params(QueryDict("sort=title"))
    expected = [page.slug for page in query.results()[:100]]
    assert [page.slug for page in query.iter_results(chunk_size=2)] == expected
    searched = CatalogueQuery.from_params(QueryDict("q=рекультивация+вод"))
    assert [page.slug for page in searched.iter_results(chunk_size=1)] == [
        page.slug for page in searched.results()[:100]]


def test_link_checkers_may_ask_for_headers_only(client, open_catalogue):
    response = client.head("/catalogue/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert client.post("/catalogue/export.csv").status_code == 405
