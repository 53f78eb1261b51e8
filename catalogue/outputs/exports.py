"""The current catalogue view as a spreadsheet: `/catalogue/export.csv` and `/catalogue/export.xlsx`.

Both take the catalogue's query string (filters, search, sort) through CatalogueQuery and walk the results a
chunk at a time, so a large export never sits in memory whole:
- CSV streams row by row. UTF-8 with a BOM and `;` between fields: Excel with Russian regional settings uses `;`
  as its list separator (the comma is the decimal mark), so a double-click opens proper columns, and the BOM makes
  it read Cyrillic as UTF-8. (A `sep=;` line would also fix the columns, but Excel then ignores the BOM.)
- XLSX is written by openpyxl in write-only mode to a temporary file on disk, then streamed from there.
"""
import csv
import tempfile
from datetime import date

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from catalogue.outputs.errors import bad_query_text
from catalogue.query import CatalogueQuery, CatalogueQueryError, full_data

IGNORED_PARAMS = ("page",)
COLUMNS = (
    ("Название", 40), ("Ссылка", 40), ("Кратко", 60), ("УГТ", 6), ("Стадия", 22), ("Отрасли", 30),
    ("Потребности", 30), ("Разработчики", 40), ("Регионы", 30), ("Теги", 30), ("Год", 8),
    ("Последняя проверка", 14), ("Внедрений", 10), ("Где внедрено (внедрения)", 40),
    ("Формы сотрудничества", 30), ("Цена от, ₽", 14), ("О цене", 20), ("Окупаемость, мес.", 10),
    ("Производственная мощность", 24), ("Срок поставки / внедрения", 24), ("Интеллектуальная собственность", 40),
    ("Сертификаты и разрешения", 40),
)
LINK_COLUMN = 1  # «Ссылка»: clickable in the workbook
DATE_FORMAT = "%d.%m.%Y"  # what Excel with Russian settings recognises as a date
XLSX_DATE_FORMAT = "DD.MM.YYYY"
# A cell starting with one of these is a formula to a spreadsheet; an imported title must never run as one.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def solution_row(solution, request):
    """One solution as the export's columns, in order; values keep their types (int, date, None)."""
    return [
        solution.title,
        solution.get_full_url(request),
        solution.summary,
        solution.trl,
        solution.stage.name,
        _names(solution.sectors.all()),
        _names(solution.needs.all()),
        _names(solution.organizations.all()),
        _names(solution.regions.all()),
        _names(solution.tags.all()),
        solution.year,
        solution.last_verified,
        *offer_cells(solution),
    ]


def offer_cells(solution):
    """The deployments and the offer's terms: a count, the places with year and status, then the terms."""
    deployments = list(solution.deployments.all())
    return [
        len(deployments),
        "; ".join(deployment_text(deployment) for deployment in deployments),
        ", ".join(solution.cooperation_labels),
        solution.price_from,
        solution.price_note,
        solution.payback_months,
        solution.capacity,
        solution.lead_time,
        "; ".join(f"{item.value.kind_label()} {item.value['number']} «{item.value['title']}»".replace("  ", " ")
                  for item in solution.ip),
        certificates_text(solution),
    ]


def certificates_text(solution):
    """«сертификат соответствия С-1 до 01.02.2027 (истёк); …»: an export cell, a shortlist's comparison row."""
    return "; ".join(f"{item.value['kind']} {item.value['number']}"
                     + (f" до {item.value['valid_until']:{DATE_FORMAT}}" if item.value["valid_until"] else "")
                     + (" (истёк)" if item.value.expired() else "") for item in solution.certificates)


def deployment_text(deployment):
    """«Прокопьевск — очистные сооружения (2023, в эксплуатации)»."""
    details = ", ".join(part for part in (str(deployment.year or ""), deployment.get_status_display()) if part)
    return f"{deployment.place_name} — {deployment.site} ({details})"


def _names(items):
    return ", ".join(item.name for item in items)


def _filename(extension):
    return f"noc-catalogue-{timezone.localdate():%Y-%m-%d}.{extension}"


def catalogue_export(render):
    """A GET view that hands the validated query to `render`, or answers 400 naming the bad parameters."""
    @require_safe
    def view(request):
        try:
            query = CatalogueQuery.from_params(request.GET, ignore=IGNORED_PARAMS)
        except CatalogueQueryError as error:
            return bad_query_text(error)
        return render(request, query)

    view.__name__ = render.__name__
    view.__doc__ = render.__doc__
    return view


# --- CSV -------------------------------------------------------------------------------------------------

class _Echo:
    """A write-only file for csv.writer that hands each formatted line back instead of storing it."""

    def write(self, line):
        return line


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    value = str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def csv_lines(rows):
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([title for title, _width in COLUMNS])
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


@catalogue_export
def export_csv(request, query):
    """The current catalogue view as CSV for Excel, streamed."""
    rows = (solution_row(solution, request) for solution in query.iter_results(full_data()))
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, _filename("csv"))
    return response


# --- XLSX ------------------------------------------------------------------------------------------------

def xlsx_cell(sheet, value, font=None):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store a string starting with «=» as a formula
    elif isinstance(value, date):
        cell.number_format = XLSX_DATE_FORMAT
    if font:
        cell.font = font
    return cell


def write_workbook(rows, file):
    """Write rows to an .xlsx file object; openpyxl's write-only mode keeps only the current row in memory."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Решения")
    sheet.freeze_panes = "A2"
    for index, (_title, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    sheet.append([xlsx_cell(sheet, title, font=bold) for title, _width in COLUMNS])
    for row in rows:
        cells = [xlsx_cell(sheet, value) for value in row]
        cells[LINK_COLUMN].hyperlink = row[LINK_COLUMN]
        sheet.append(cells)
    workbook.save(file)


@catalogue_export
def export_xlsx(request, query):
    """The current catalogue view as an Excel workbook, built on disk and streamed from there."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes (and so deletes) it once sent
    try:
        write_workbook((solution_row(solution, request) for solution in query.iter_results(full_data())), file)
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return FileResponse(
        file, as_attachment=True, filename=_filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
