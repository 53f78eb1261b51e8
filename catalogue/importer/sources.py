"""Reading an import file into raw records: a JSON array of objects, or a table (CSV or XLSX) with the same
column names. CSV may be UTF-8 (with or without a BOM) or Windows-1251, separated by commas or semicolons.

Nothing here knows what a solution is; it only turns bytes into (where, dict) pairs so that every later
message can say which record of the file it is about.
"""
import csv
import json
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

CSV_LIST_SEPARATOR = ";"


class ImportFileError(ValueError):
    """The file as a whole cannot be read (missing, not UTF-8, not a JSON array, …)."""


@dataclass(frozen=True)
class RawRecord:
    where: str  # «запись 3» in JSON, «строка 5» in CSV: what a person finds in their editor
    data: dict


@dataclass(frozen=True)
class ImportSource:
    records: list
    # Tables only (CSV, XLSX): the column names, checked once rather than in every row; cells are text to parse.
    header: tuple | None = None
    # How the records' places begin in a file of several sections («лист «Организации», »), for the header's.
    prefix: str = ""

    @property
    def is_csv(self):
        return self.header is not None


SUFFIXES = (".json", ".csv", ".xlsx")


def read_source(path):
    """The records of a .json, .csv or .xlsx file, in file order."""
    return read_upload(Path(path).name, read_bytes(path))


def read_bytes(path):
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"Файл «{path}» не найден.") from None


def read_upload(name, data):
    """The records of a file's content (bytes), its kind told by the name's suffix: the command and the admin."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFileError(f"Файл «{name}»: ожидается таблица .xlsx или .csv, либо .json.")
    if suffix == ".xlsx":
        return _xlsx_records(data, name)
    if suffix == ".json":
        try:
            return _json_records(data.decode("utf-8-sig"), name)
        except UnicodeDecodeError as error:
            raise ImportFileError(f"Файл «{name}» не в кодировке UTF-8 (байт {error.start}).") from None
    return _csv_records(_decoded_table(data, name))


def read_sections(name, data, sheet_names, *, default):
    """The records of each section of a file, as {section key: ImportSource}, in file order.

    `sheet_names` maps a section's accepted names (lower case: JSON keys, XLSX sheet titles) to its key. A JSON
    object holds one list per section, a JSON array is the `default` section; a workbook has a sheet per section
    (sheets with other titles, such as «Пояснения», are skipped; a workbook with no section sheet is read from its
    first sheet as the default section, as before); a CSV file is one section, `default`.
    """
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(f"Файл «{name}» не в кодировке UTF-8 (байт {error.start}).") from None
        return _json_sections(_json_data(text, name), name, sheet_names, default)
    if suffix == ".xlsx":
        return _xlsx_sections(data, name, sheet_names, default)
    return {default: read_upload(name, data)}


def _json_sections(data, name, sheet_names, default):
    if isinstance(data, list):
        return {default: _json_list_source(data)}
    if not isinstance(data, dict):
        raise ImportFileError(f"Файл «{name}»: ожидается JSON-массив объектов […] или объект с разделами "
                              f"{{{', '.join(_section_keys(sheet_names))}}}.")
    unknown = [key for key in data if str(key).strip().lower() not in sheet_names]
    if unknown:
        raise ImportFileError(f"Файл «{name}»: неизвестный раздел «{unknown[0]}»; допустимы: "
                              f"{', '.join(_section_keys(sheet_names))}.")
    sections = {}
    for key, items in data.items():
        section = sheet_names[key.strip().lower()]
        if section in sections:
            raise ImportFileError(f"Файл «{name}»: раздел «{key}» указан дважды.")
        if not isinstance(items, list):
            raise ImportFileError(f"Файл «{name}»: раздел «{key}» должен быть JSON-массивом объектов […].")
        sections[section] = _json_list_source(items, prefix=f"{key}, ")
    return sections


def _section_keys(sheet_names):
    return list(dict.fromkeys(sheet_names.values()))


def _decoded_table(data, name):
    """CSV text from UTF-8 (with or without the BOM Excel writes) or Windows-1251 (Russian Excel's «CSV»)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError:
        raise ImportFileError(f"Файл «{name}»: не удалось определить кодировку — сохраните таблицу "
                              "как «CSV UTF-8» или в формате .xlsx.") from None


def _delimiter(text):
    """`,` or `;`: whichever the header line has more of (Russian Excel saves CSV with semicolons)."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _header_names(names):
    """Column names as the importer knows them: no surrounding spaces, lower case (`Slug ` is `slug`)."""
    return tuple("" if name is None else str(name).strip().lower() for name in names)


def _json_data(text, name):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"Файл «{name}»: ошибка JSON в строке {error.lineno}, позиция {error.colno}: {error.msg}."
        ) from None


def _json_records(text, name):
    data = _json_data(text, name)
    if not isinstance(data, list):
        raise ImportFileError(f"Файл «{name}»: ожидается JSON-массив объектов […].")
    return _json_list_source(data)


def _json_list_source(items, prefix=""):
    return ImportSource(
        records=[RawRecord(where=f"{prefix}запись {number}", data=item) for number, item in enumerate(items, start=1)],
        prefix=prefix,
    )


def _csv_records(text):
    reader = csv.DictReader(text.splitlines(keepends=True), delimiter=_delimiter(text))
    reader.fieldnames = _header_names(reader.fieldnames or ())
    records = []
    start_line = 2  # line 1 is the header
    for row in reader:
        records.append(RawRecord(where=f"строка {start_line}", data=row))
        # A quoted cell may span several lines; the next record starts after the last line read.
        start_line = reader.line_num + 1
    return ImportSource(records=records, header=tuple(reader.fieldnames or ()))


def _open_workbook(data, name):
    try:
        # Not read-only: a read-only sheet skips empty rows, and the messages must use Excel's row numbers.
        return load_workbook(BytesIO(data), data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ImportFileError(f"Файл «{name}» не удалось прочитать как таблицу Excel (.xlsx).") from None


def _xlsx_records(data, name):
    """The first sheet of a workbook as one source."""
    workbook = _open_workbook(data, name)
    try:
        return _sheet_source(workbook.worksheets[0])
    finally:
        workbook.close()


def _xlsx_sections(data, name, sheet_names, default):
    """A source per sheet titled after a section; the first sheet as the default section if none is."""
    workbook = _open_workbook(data, name)
    try:
        sections = {}
        for sheet in workbook.worksheets:
            section = sheet_names.get(sheet.title.strip().lower())
            if section in sections:
                raise ImportFileError(f"Файл «{name}»: лист для раздела «{sheet.title}» встречается дважды.")
            if section:
                sections[section] = _sheet_source(sheet, prefix=f"лист «{sheet.title}», ")
        return sections or {default: _sheet_source(workbook.worksheets[0])}
    finally:
        workbook.close()


def _sheet_source(sheet, prefix=""):
    """A sheet: its first row names the columns, every later non-empty row is a record.

    Cells become text, as in a CSV file, so both go through the same validation."""
    rows = sheet.iter_rows(values_only=True)
    header = list(_header_names(next(rows, ())))
    while header and not header[-1]:  # empty columns to the right of the table
        header.pop()
    records = []
    for number, cells in enumerate(rows, start=2):
        cells = [_cell_text(cell) for cell in cells]
        if not any(cell.strip() for cell in cells):
            continue
        record = dict(zip(header, cells, strict=False))
        if len(cells) < len(header):
            record.update(dict.fromkeys(header[len(cells):], ""))
        surplus = [cell for cell in cells[len(header):] if cell.strip()]
        if surplus:
            record[None] = surplus
        records.append(RawRecord(where=f"{prefix}строка {number}", data=record))
    return ImportSource(records=records, header=tuple(header), prefix=prefix)


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 8 as 8.0
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    return str(value)


def split_csv_list(cell):
    """`a; b;; c` → ["a", "b", "c"]: list columns of a CSV file hold names separated by semicolons."""
    return [item.strip() for item in cell.split(CSV_LIST_SEPARATOR) if item.strip()]
