"""Reading an import file into raw records: a JSON array of objects, or CSV with the same column names.

Nothing here knows what a solution is; it only turns bytes into (where, dict) pairs so that every later
message can say which record of the file it is about.
"""
import csv
import json
from dataclasses import dataclass
from pathlib import Path

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
    # CSV only: the column names, checked once rather than in every row; cells are text to be parsed.
    header: tuple | None = None

    @property
    def is_csv(self):
        return self.header is not None


def read_source(path):
    """The records of a .json or .csv file, in file order."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".json", ".csv"}:
        raise ImportFileError(f"Файл «{path.name}»: ожидается .json или .csv.")
    try:
        # utf-8-sig reads files with and without the byte-order mark that Excel writes.
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportFileError(f"Файл «{path}» не найден.") from None
    except UnicodeDecodeError as error:
        raise ImportFileError(f"Файл «{path.name}» не в кодировке UTF-8 (байт {error.start}).") from None
    return _json_records(text, path.name) if suffix == ".json" else _csv_records(text)


def _json_records(text, name):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"Файл «{name}»: ошибка JSON в строке {error.lineno}, позиция {error.colno}: {error.msg}."
        ) from None
    if not isinstance(data, list):
        raise ImportFileError(f"Файл «{name}»: ожидается JSON-массив объектов […].")
    return ImportSource(
        records=[RawRecord(where=f"запись {number}", data=item) for number, item in enumerate(data, start=1)]
    )


def _csv_records(text):
    reader = csv.DictReader(text.splitlines(keepends=True))
    records = []
    start_line = 2  # line 1 is the header
    for row in reader:
        records.append(RawRecord(where=f"строка {start_line}", data=row))
        # A quoted cell may span several lines; the next record starts after the last line read.
        start_line = reader.line_num + 1
    return ImportSource(records=records, header=tuple(reader.fieldnames or ()))


def split_csv_list(cell):
    """`a; b;; c` → ["a", "b", "c"]: list columns of a CSV file hold names separated by semicolons."""
    return [item.strip() for item in cell.split(CSV_LIST_SEPARATOR) if item.strip()]
