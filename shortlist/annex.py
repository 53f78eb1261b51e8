"""The shortlist as an annex to a city's development programme: DOCX (python-docx), XLSX (openpyxl), PDF (fpdf2).

Each file has the same parts: the title, the date, the city if one was given, every solution with its link and
the fields of shortlist/fields.py, and НОЦ's contacts as editors entered them in the site settings (nothing is
made up when they are empty). The PDF embeds DejaVu Sans (shortlist/fonts, with its licence): Cyrillic renders
on any machine, with or without system fonts.
"""
import io
from pathlib import Path

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from shortlist.fields import record

TITLE = "Подборка готовых решений НОЦ «Кузбасс – Донбасс»"
SUBTITLE = "Приложение к программе развития территории"
EMPTY = "В подборке нет решений."
FONTS = Path(__file__).resolve().parent / "fonts"
FORMATS = (("docx", "Word (DOCX)"), ("xlsx", "Excel (XLSX)"), ("pdf", "PDF"))
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def heading_lines(city, today):
    lines = [SUBTITLE]
    if city:
        lines.append(f"Город или муниципалитет: {city}")
    lines.append(f"Дата: {today:%d.%m.%Y}")
    return lines


def contact_lines(request):
    """НОЦ's contacts from the site settings, only those filled in."""
    from home.models import NocSettings  # a site setting read per request

    noc = NocSettings.for_request(request)
    lines = [noc.organisation_name]
    for label, value in (("Адрес", noc.address), ("Телефон", noc.phone), ("Эл. почта", noc.email),
                         ("Сайт", noc.website)):
        if value:
            lines.append(f"{label}: {value}")
    if noc.contact_page_id and noc.contact_page.live:
        lines.append(f"Страница контактов: {noc.contact_page.get_full_url(request)}")
    return lines


def solutions(items, request):
    """(title, absolute link, [(label, text)]) per item."""
    return [(item.solution.title, item.solution.get_full_url(request), record(item)) for item in items]


# --- DOCX -----------------------------------------------------------------------------------------------------

def _docx_link(paragraph, url):
    """A real hyperlink (python-docx has no call for one): the relationship plus a w:hyperlink run."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    props.append(colour)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = url
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def build_docx(entries, head, contacts):
    from docx import Document

    document = Document()
    document.core_properties.title = TITLE
    document.core_properties.language = "ru-RU"
    document.add_heading(TITLE, level=0)
    for line in head:
        document.add_paragraph(line)
    if not entries:
        document.add_paragraph(EMPTY)
    for number, (title, url, fields) in enumerate(entries, start=1):
        document.add_heading(f"{number}. {title}", level=1)
        _docx_link(document.add_paragraph("Ссылка: "), url)
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, text in fields:
            if text:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, text
    document.add_heading("Контакты НОЦ", level=1)
    for line in contacts:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- XLSX -----------------------------------------------------------------------------------------------------

def build_xlsx(entries, head, contacts):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from catalogue.outputs.exports import FORMULA_PREFIXES

    def safe(value):  # a title starting with «=» is text, never a formula
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Подборка"
    sheet.append([TITLE])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in head:
        sheet.append([line])
    sheet.append([])
    labels = [label for label, _text in entries[0][2]] if entries else []
    sheet.append(["№", "Название", "Ссылка", *labels])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for number, (title, url, fields) in enumerate(entries, start=1):
        sheet.append([number, safe(title), url, *[safe(text) for _label, text in fields]])
        link = sheet.cell(row=sheet.max_row, column=3)
        link.hyperlink = url
        link.style = "Hyperlink"
    if not entries:
        sheet.append([EMPTY])
    for column, width in zip("ABCDEFGHIJKLM", (5, 40, 40, 18, 30, 30, 30, 30, 25, 10, 14, 60, 40), strict=False):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    contacts_sheet = workbook.create_sheet("Контакты НОЦ")
    for line in contacts:
        contacts_sheet.append([line])
    contacts_sheet.column_dimensions["A"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------------------------------

def build_pdf(entries, head, contacts):
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.set_title(TITLE)
    pdf.set_lang("ru")
    pdf.set_creator("НОЦ «Кузбасс – Донбасс»")
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 8, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for line in head:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    if not entries:
        pdf.ln(4)
        pdf.multi_cell(0, 6, EMPTY, new_x="LMARGIN", new_y="NEXT")
    for number, (title, url, fields) in enumerate(entries, start=1):
        pdf.ln(4)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(0, 7, f"{number}. {title}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        pdf.set_text_color(5, 99, 193)
        pdf.multi_cell(0, 5, url, link=url, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        with pdf.table(col_widths=(55, 135), text_align="LEFT", first_row_as_headings=False,
                       headings_style=FontFace(emphasis="BOLD")) as table:
            for label, text in fields:
                if text:
                    row = table.row()
                    row.cell(label)
                    row.cell(text)
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(0, 7, "Контакты НОЦ", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for line in contacts:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


BUILDERS = {"docx": build_docx, "xlsx": build_xlsx, "pdf": build_pdf}


def response(request, fmt, items, *, city=""):
    """The annex of these shortlist items as a download."""
    today = timezone.localdate()
    content = BUILDERS[fmt](solutions(items, request), heading_lines(city, today), contact_lines(request))
    answer = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    answer["Content-Disposition"] = content_disposition_header(True, f"podborka-{today:%Y-%m-%d}.{fmt}")
    return answer
