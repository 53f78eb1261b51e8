"""Files as Russian offices save them: semicolons, Windows-1251, Excel workbooks, headers without `slug`."""
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from catalogue.importer.rows import ImportValidationError, validate_source
from catalogue.importer.sections import sheet_names
from catalogue.importer.sources import ImportFileError, read_sections, read_upload
from catalogue.models import SolutionPage

ROWS = [
    ["title", "summary", "trl", "sectors", "tags"],
    ["Очистка шахтных вод", "Очищает воды, до норм сброса.", "8", "Экология; Водоснабжение", "вода"],
    ["Съёмка отвалов с БПЛА", "Объём отвалов за один вылет.", "5", "Горное дело", ""],
]


def csv_bytes(rows, separator, encoding):
    def cell(text):
        return f'"{text}"' if separator in text or ";" in text or "," in text else text
    return "\r\n".join(separator.join(cell(text) for text in row) for row in rows).encode(encoding)


def xlsx_bytes(rows, before=None):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append([int(text) if text.isdigit() else text for text in row])
    if before:  # a second sheet must not be read
        workbook.create_sheet("Черновик").append(before)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize("separator", [",", ";"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_csv_in_any_usual_encoding_and_separator_reads_the_same(separator, encoding):
    rows = validate_source(read_upload("решения.csv", csv_bytes(ROWS, separator, encoding)))

    assert [row.values["title"] for row in rows] == ["Очистка шахтных вод", "Съёмка отвалов с БПЛА"]
    assert rows[0].values["summary"] == "Очищает воды, до норм сброса."
    assert rows[0].values["sectors"] == ("Экология", "Водоснабжение")
    assert rows[0].values["trl"] == 8
    # No slug column: the address comes from the title, in Latin letters, as the admin would propose it.
    assert [row.slug for row in rows] == ["ochistka-shakhtnykh-vod", "siomka-otvalov-s-bpla"]
    assert rows[1].where == "строка 3 («siomka-otvalov-s-bpla»)"


def test_xlsx_first_sheet_header_row_numbers_as_excel_stores_them():
    data = xlsx_bytes([["Slug ", *ROWS[0]], ["mine-water", *ROWS[1]], ["", "", "", "", "", ""],
                       ["", *ROWS[2]]], before=["что-то", "другое"])

    rows = validate_source(read_upload("Решения.XLSX", data))

    assert [row.slug for row in rows] == ["mine-water", "siomka-otvalov-s-bpla"]
    assert rows[0].values["trl"] == 8  # a number cell, not the text «8.0»
    assert rows[1].where.startswith("строка 4")  # the empty line 3 is skipped, numbering stays Excel's


def test_xlsx_cell_errors_name_the_excel_row():
    data = xlsx_bytes([ROWS[0], ["Очистка", "Очищает воды.", "12", "", ""]])

    with pytest.raises(ImportValidationError) as raised:
        validate_source(read_upload("решения.xlsx", data))

    assert str(raised.value.errors[0]) == ("Строка 2 («ochistka»), поле «trl»: ожидается целое число от 1 до 9, "
                                           "получено 12")


@pytest.mark.parametrize(("rows", "expected"), [
    ([["slug", "summary", "trl"], ["a", "b", "5"]], "поле «title»: нет обязательного столбца"),
    ([["title", "title", "summary", "trl"], ["a", "a", "b", "5"]], "поле «title»: столбец повторяется"),
    ([[""], ["a"]], "первая строка пуста"),
    ([["title\tsummary\ttrl"], ["a\tb\t5"]], "столбцы разделены табуляцией"),
    ([["title", "summary", "trl", "цена"], ["a", "b", "5", "1"]], "поле «цена»: неизвестный столбец"),
])
def test_header_problems_are_russian_messages(rows, expected):
    with pytest.raises(ImportValidationError) as raised:
        validate_source(read_upload("решения.csv", csv_bytes(rows, ",", "utf-8")))

    assert any(expected in str(error) for error in raised.value.errors), raised.value.errors
    assert all(str(error).startswith("Строка 1 (заголовок)") for error in raised.value.errors)


def test_unreadable_bytes_are_a_clear_error():
    with pytest.raises(ImportFileError, match="не удалось определить кодировку"):
        read_upload("решения.csv", b"title,summary\n\x98\x98,x\n")
    with pytest.raises(ImportFileError, match="не удалось прочитать как таблицу Excel"):
        read_upload("решения.xlsx", b"PK\x03\x04 not really")


@pytest.mark.django_db
def test_command_imports_a_semicolon_cp1251_file_without_slug_column(tmp_path):
    """The file from the issue: Russian Excel's «CSV (разделители — точка с запятой)», no slug column."""
    path = tmp_path / "решения.csv"
    path.write_bytes(csv_bytes(ROWS, ";", "cp1251"))
    out = StringIO()

    call_command("import_solutions", str(path), stdout=out, stderr=StringIO())
    call_command("import_solutions", str(path), stdout=out, stderr=StringIO())  # idempotent: same slugs

    assert "создано 2" in out.getvalue() and "без изменений 2" in out.getvalue()
    page = SolutionPage.objects.get(slug="ochistka-shakhtnykh-vod")
    assert page.live and page.url == "/catalogue/ochistka-shakhtnykh-vod/"


@pytest.mark.django_db
def test_command_imports_xlsx_and_reports_header_problems_in_russian(tmp_path):
    good = tmp_path / "решения.xlsx"
    good.write_bytes(xlsx_bytes(ROWS))
    call_command("import_solutions", str(good), stdout=StringIO(), stderr=StringIO())
    assert SolutionPage.objects.filter(live=True).count() == 2

    bad = tmp_path / "без-названия.xlsx"
    bad.write_bytes(xlsx_bytes([["slug", "summary"], ["x", "y"]]))
    err = StringIO()
    with pytest.raises(CommandError, match="ничего не записано"):
        call_command("import_solutions", str(bad), stdout=StringIO(), stderr=err)
    assert "Строка 1 (заголовок), поле «title»: нет обязательного столбца" in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_header_of_the_template_is_what_the_importer_reads():
    from catalogue.importer.template import template_workbook

    sheet = load_workbook(BytesIO(template_workbook()))["Решения"]
    rows = validate_source(read_sections("шаблон.xlsx", template_workbook(), sheet_names(),
                                         default="solutions")["solutions"])
    assert [cell.value for cell in sheet[1]][:4] == ["slug", "title", "summary", "trl"]
    assert len(rows) == 1 and rows[0].values["title"]
