"""Validation of import records: raw dicts in, clean `SolutionRow`s out, or every problem at once.

Pure: no database access, so the whole file is checked before anything is written, and every message names
the record (line or number, and slug when known) and the field, in Russian.
"""
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug, validate_unicode_slug
from django.utils.html import escape
from taggit.models import Tag

from catalogue import readiness
from catalogue.importer.offer import (
    Problem,
    parse_certificates,
    parse_deployment,
    parse_deployments,
    parse_ip,
    parse_terms,
)
from catalogue.importer.sources import split_csv_list
from catalogue.models import Sector, SolutionPage
from catalogue.slugs import slug_for

REQUIRED_FIELDS = ("title", "summary", "trl")
TEXT_FIELDS = ("title", "summary", "contact", "title_en", "summary_en", "price_note", "capacity", "lead_time")
NAME_LIST_FIELDS = ("sectors", "needs", "organizations", "regions", "tags")
# The offer's terms (catalogue/models/terms.py) and deployments (catalogue/importer/offer.py).
TERMS_FIELDS = ("terms", "price_from", "price_note", "payback_months", "capacity", "lead_time")
# Lists of objects: JSON only (a table gives deployments on a second sheet or in a second file).
JSON_ONLY_FIELDS = ("ip", "certificates", "deployments")
# `slug` may be left out: it is then made from the title, as the admin does for a new page.
OPTIONAL_FIELDS = ("body", "year", "contact", "title_en", "summary_en", *NAME_LIST_FIELDS, *TERMS_FIELDS,
                   *JSON_ONLY_FIELDS)
KNOWN_FIELDS = ("slug", *REQUIRED_FIELDS, *OPTIONAL_FIELDS)
TABLE_FIELDS = tuple(name for name in KNOWN_FIELDS if name not in JSON_ONLY_FIELDS)

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_INTEGER = re.compile(r"[+-]?\d+")


def _max_length(model, name):
    return model._meta.get_field(name).max_length


MAX_LENGTHS = {
    "slug": _max_length(SolutionPage, "slug"),
    "title": _max_length(SolutionPage, "title"),
    "summary": _max_length(SolutionPage, "summary"),
    "contact": _max_length(SolutionPage, "contact"),
    "title_en": _max_length(SolutionPage, "title_en"),
    "summary_en": _max_length(SolutionPage, "summary_en"),
    "price_note": _max_length(SolutionPage, "price_note"),
    "capacity": _max_length(SolutionPage, "capacity"),
    "lead_time": _max_length(SolutionPage, "lead_time"),
}
NAME_MAX_LENGTHS = {name: _max_length(Sector, "name") for name in NAME_LIST_FIELDS} | {
    "tags": _max_length(Tag, "name"),
}
YEAR_MIN, YEAR_MAX = 1950, 2100  # the bounds of SolutionPage.year


class FieldProblem(ValueError):
    """One field of one record is wrong; the message says how, in Russian."""


class ImportValidationError(ValueError):
    """The file has bad records; `errors` lists every one, so the editor fixes them in one pass."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass(frozen=True)
class RowError:
    where: str
    field: str
    message: str

    def __str__(self):
        return f"{self.where[:1].upper()}{self.where[1:]}, поле «{self.field}»: {self.message}"


@dataclass(frozen=True)
class SolutionRow:
    """A valid record: its slug and the values of the fields the file gives (absent fields stay untouched)."""

    where: str
    slug: str
    values: dict = field(default_factory=dict)


def validate_source(source):
    """Every record of an `ImportSource` as a `SolutionRow`, or `ImportValidationError` listing all problems."""
    def deployments(rows, first_seen):
        if source.deployments is None:
            return []
        slugs = {value for column, value in first_seen if column == "slug"}
        return _attach_deployments(source.deployments, rows, slugs)

    known = TABLE_FIELDS if source.is_csv else KNOWN_FIELDS
    return validate_records(source, known, REQUIRED_FIELDS, _validate_record,
                            unique=lambda row: [("slug", row.slug)], more_errors=deployments)


def validate_records(source, known_fields, required_fields, validate_record, unique, more_errors=None):
    """The rows of a section's records, or `ImportValidationError` listing every problem: the header's (tables),
    each record's (`validate_record(record, is_csv)` → (row or None, errors)), and repeats of the values that
    must be unique in a file (`unique(row)` → [(column, value)])."""
    errors = header_errors(source, known_fields, required_fields) if source.is_csv else []
    if is_fatal(errors):
        raise ImportValidationError(errors)
    rows, first_seen = [], {}
    for record in source.records:
        row, row_errors = validate_record(record, source.is_csv)
        for column, value in unique(row) if row else ():
            if (column, value) in first_seen:
                row_errors.append(RowError(row.where, column, f"повторяется (впервые: {first_seen[column, value]})"))
            elif value:
                first_seen[column, value] = record.where
        errors.extend(row_errors)
        if row and not row_errors:
            rows.append(row)
    if more_errors:  # what a section checks across its rows (the solutions' deployments sheet)
        errors.extend(more_errors(rows, first_seen))
    if errors:
        raise ImportValidationError(errors)
    return rows


def _attach_deployments(records, rows, solutions):
    """Deployments from a second sheet or file, one per row keyed by `slug`: each solution of the file gets its
    complete list (none listed: its deployments are removed)."""
    errors, found = [], {row.slug: [] for row in rows}
    for record in records:
        data = record.data
        slug = (data.get("slug") or "").strip() if isinstance(data.get("slug"), str) else ""
        where = f"{record.where} («{slug}»)" if slug else record.where
        if None in data:
            errors.append(RowError(where, "—", "в строке больше значений, чем столбцов в заголовке"))
            continue
        if slug not in solutions:
            errors.append(RowError(where, "slug", f"решения «{slug}» нет среди решений файла" if slug
                                   else "не заполнен: укажите адрес решения (slug)"))
            continue
        try:
            deployment = parse_deployment({key: value for key, value in data.items() if key != "slug"},
                                          is_table=True)
        except Problem as problem:
            errors.append(RowError(where, "внедрение", str(problem)))
            continue
        found.setdefault(slug, []).append(deployment)
    for index, row in enumerate(rows):
        rows[index] = SolutionRow(row.where, row.slug, {**row.values, "deployments": tuple(found.get(row.slug, ()))})
    return errors


_MISSING_COLUMN = "нет обязательного столбца"
_REPEATED_COLUMN = "столбец повторяется"
_FATAL_HEADER_PROBLEMS = {_MISSING_COLUMN, _REPEATED_COLUMN}


def is_fatal(header_problems):
    """Rows of a table without a needed column would only repeat the same problem in every line."""
    return any(error.message in _FATAL_HEADER_PROBLEMS or error.field == "—" for error in header_problems)


def header_errors(source, known_fields, required_fields):
    """Problems of a table's header row: unknown, unnamed, repeated or missing columns."""
    header = source.header
    where = f"{source.prefix}строка 1 (заголовок)"
    if not any(header):  # "—": the table as a whole, not one column
        return [RowError(where, "—", "первая строка пуста, а в ней должны быть названия столбцов "
                                     f"({', '.join(known_fields)})")]
    if len(header) == 1 and ";" not in header[0] and "," not in header[0] and "\t" in header[0]:
        return [RowError(where, "—", "столбцы разделены табуляцией; сохраните таблицу как CSV "
                                     "(через запятую или точку с запятой) или как .xlsx")]
    errors = [RowError(where, name or f"№ {number}", "столбец без названия" if not name else
                       f"неизвестный столбец; допустимы: {', '.join(known_fields)}")
              for number, name in enumerate(header, start=1) if name not in known_fields]
    seen = set()
    for name in header:
        if name in known_fields and name in seen:
            errors.append(RowError(where, name, _REPEATED_COLUMN))
        seen.add(name)
    errors += [RowError(where, name, _MISSING_COLUMN) for name in required_fields if name not in header]
    return errors


def _validate_record(record, is_csv):
    data = record.data
    if not isinstance(data, dict):
        return None, [RowError(record.where, "—", f"ожидается объект {{…}}, получено: {_type_name(data)}")]
    slug = data.get("slug")
    if not (isinstance(slug, str) and slug.strip()) and isinstance(data.get("title"), str):
        slug = _slug_from_title(data["title"])
    where = f"{record.where} («{slug}»)" if isinstance(slug, str) and slug.strip() else record.where
    errors = shape_errors(data, where, is_csv, KNOWN_FIELDS)
    values = {}
    for name in KNOWN_FIELDS:
        if name not in data or (is_csv and data[name] is None):
            if name in REQUIRED_FIELDS and not is_csv:
                errors.append(RowError(where, name, "обязательное поле отсутствует"))
            continue
        try:
            values[name] = _parse(name, data[name], is_csv)
        except (FieldProblem, Problem) as problem:
            errors.append(RowError(where, name, str(problem)))
    if not values.get("slug") and not errors:
        values["slug"] = _slug_from_title(values.get("title"))
        if not values["slug"]:
            errors.append(RowError(where, "slug", "не заполнен, и из названия адрес не получается: укажите его"))
    if errors:
        return None, errors
    return SolutionRow(where=where, slug=values.pop("slug"), values=values), []


def _slug_from_title(title):
    """The page address Wagtail's editor would propose for this title, in Latin letters (see catalogue.slugs)."""
    return slug_for(title or "", MAX_LENGTHS["slug"])


def shape_errors(data, where, is_csv, known_fields):
    """Unknown keys of a JSON object, or a table row with more or fewer cells than the header."""
    if not is_csv:
        return [RowError(where, key, f"неизвестное поле; допустимы: {', '.join(known_fields)}")
                for key in data if key not in known_fields]
    # csv.DictReader files surplus cells under None and fills missing ones with None.
    if None in data:
        return [RowError(where, "—", "в строке больше значений, чем столбцов в заголовке")]
    if any(value is None for value in data.values()):
        return [RowError(where, "—", "в строке меньше значений, чем столбцов в заголовке")]
    return []


def record_values(data, where, is_csv, known_fields, required_fields, parse):
    """The parsed values of the fields a section's record gives (`parse(key, value, is_csv)`), and its problems:
    unknown keys or a table row's shape, required fields absent, each field's own."""
    errors = shape_errors(data, where, is_csv, known_fields)
    values = {}
    for key in known_fields:
        if key not in data or (is_csv and data[key] is None):
            if key in required_fields:
                errors.append(RowError(where, key, "обязательное поле отсутствует"))
            continue
        try:
            values[key] = parse(key, data[key], is_csv)
        except FieldProblem as problem:
            errors.append(RowError(where, key, str(problem)))
    return values, errors


def _parse(name, value, is_csv):
    """The clean value of one field; null or an empty cell clears an optional field."""
    parsed = EMPTY_VALUES.get(name) if value is None else _PARSERS[name](value, is_csv)
    if name in REQUIRED_FIELDS and parsed in (None, ""):
        raise FieldProblem("обязательное поле не заполнено")
    return parsed


def _parse_slug(value, is_csv):
    slug = _expect_text(value).strip()
    if not slug:
        return ""
    # The same rule as Wagtail's own page slugs, so an imported page is editable in the admin as is.
    validate = validate_unicode_slug if getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True) else validate_slug
    try:
        validate(slug)
    except ValidationError:
        raise FieldProblem(f"«{slug}» — допустимы только буквы, цифры, дефис и подчёркивание") from None
    return _within_length(slug, MAX_LENGTHS["slug"])


def _integer_parser(low, high):
    expected = f"ожидается целое число от {low} до {high}"

    def parse(value, is_csv):
        if is_csv:
            text = value.strip()
            if not text:
                return None
            if not _INTEGER.fullmatch(text):
                raise FieldProblem(f"{expected}, получено «{text}»")
            value = int(text)
        elif isinstance(value, bool) or not isinstance(value, int):
            raise FieldProblem(f"{expected}, получено: {_type_name(value)} {value!r}")
        if not low <= value <= high:
            raise FieldProblem(f"{expected}, получено {value}")
        return value

    return parse


def _text_parser(name):
    def parse(value, is_csv):
        text = _expect_text(value)
        text = " ".join(text.split()) if name == "title" else text.strip()
        return _within_length(text, MAX_LENGTHS[name])

    return parse


def _names_parser(name):
    max_length = NAME_MAX_LENGTHS[name]
    return lambda value, is_csv: _parse_names(value, is_csv, max_length)


def _parse_names(value, is_csv, max_length):
    if is_csv:
        items = split_csv_list(value)
    elif isinstance(value, list):
        items = value
    else:
        raise FieldProblem(f"ожидается список названий […], получено: {_type_name(value)}")
    names, seen = [], set()
    for item in items:
        if not isinstance(item, str):
            raise FieldProblem(f"ожидается список строк, а в нём {_type_name(item)} {item!r}")
        name = normalise_name(item)
        if name and name_key(name) not in seen:
            seen.add(name_key(name))
            names.append(_within_length(name, max_length))
    return tuple(names)


def _expect_text(value):
    if not isinstance(value, str):
        raise FieldProblem(f"ожидается строка, получено: {_type_name(value)}")
    return value


def _within_length(text, max_length):
    if len(text) > max_length:
        raise FieldProblem(f"не длиннее {max_length} символов, а здесь {len(text)}: «{text[:40]}…»")
    return text


def _type_name(value):
    names = {bool: "логическое значение", int: "целое число", float: "дробное число", str: "строка",
             list: "список", dict: "объект", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def normalise_name(name):
    """Names are compared and stored with single spaces: «Кемеровская  область » is «Кемеровская область»."""
    return " ".join(name.split())


def name_key(name):
    """Names that differ only in letter case or spacing are the same category («КузГТУ» = «кузгту»)."""
    return normalise_name(name).casefold()


def paragraph_blocks(text):
    """Plain text → StoryBlock data: one `paragraph` block per paragraph (blank-line separated), line breaks
    kept as <br/>, HTML escaped. A tuple of (block type, value) pairs, the shape compared with stored pages."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [part for part in _BLANK_LINE.split(text) if part.strip()]
    return tuple(
        ("paragraph", "<p>" + "<br/>".join(escape(line.strip()) for line in part.strip().splitlines()) + "</p>")
        for part in paragraphs
    )


_PARSERS = {
    "slug": _parse_slug,
    "trl": _integer_parser(readiness.TRL_MIN, readiness.TRL_MAX),
    "year": _integer_parser(YEAR_MIN, YEAR_MAX),
    "price_from": _integer_parser(0, 10**12),
    "payback_months": _integer_parser(0, 600),
    "terms": parse_terms,
    "ip": parse_ip,
    "certificates": parse_certificates,
    "deployments": parse_deployments,
    "body": lambda value, is_csv: paragraph_blocks(_expect_text(value)),
    **{name: _text_parser(name) for name in TEXT_FIELDS},
    **{name: _names_parser(name) for name in NAME_LIST_FIELDS},
}
EMPTY_VALUES = {"body": (), "contact": "", "title_en": "", "summary_en": "", "price_note": "", "capacity": "",
                "lead_time": "", "terms": (), "ip": (), "certificates": (), "deployments": (),
                **{name: () for name in NAME_LIST_FIELDS}}
