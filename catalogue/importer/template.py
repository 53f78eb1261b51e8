"""The XLSX template editors download from the admin: a sheet per import section (in the sections' order) with the
columns the importer reads and one illustrative row, and the sheet «Пояснения» saying what each column holds. Every
section brings its own sheets (`Section.template`: catalogue/importer/organizations.py, solutions.py,
labs/importer.py), so a section another app registers appears here without a change to this module."""
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from catalogue.importer.sections import ordered_sections

HELP_SHEET = "Пояснения"


def template_workbook():
    """The template as .xlsx bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    help_rows = [["столбец", "обязательный", "что в нём"]]
    for section in ordered_sections():
        for template in section.template:
            title = template.title or section.label
            sheet = workbook.create_sheet(title)
            sheet.append(list(template.columns))
            sheet.append([template.example.get(name, "") for name in template.columns])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            help_rows += [*([[]] if len(help_rows) > 1 else []), [f"лист «{title}»", "", template.note]]
            help_rows += [[name, "да" if name in template.required else "нет", template.help[name]]
                          for name in template.columns]
    help_sheet = workbook.create_sheet(HELP_SHEET)
    for row in help_rows:
        help_sheet.append(row)
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
