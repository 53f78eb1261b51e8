"""Reading the query string of /api/v2/solutions/: the catalogue's filters plus the API's own parameters.

Filters, search and order belong to `CatalogueQuery`; this module only adds the window (`limit`, `offset`),
the choice of fields and the output format, and gathers every complaint into one 400 answer.
"""
from dataclasses import dataclass

from django.conf import settings
from wagtail.api.v2.utils import parse_fields_parameter

from catalogue.query import SORTS, CatalogueQuery, CatalogueQueryError, parse_int

DEFAULT_LIMIT = 20
# jQuery adds `_` to bust caches; `format=json` is harmless as the API only speaks JSON.
COMMON_PARAMS = ("fields", "format", "_")
LISTING_PARAMS = ("limit", "offset") + COMMON_PARAMS
DETAIL_PARAMS = ("rich_text_format",) + COMMON_PARAMS
RICH_TEXT_FORMATS = ("html", "db_html", "markdown", "db_markdown")
# Parameters of Wagtail's generic pages API that mean something else here.
HINTS = {"order": "не поддерживается; порядок задаёт sort: " + ", ".join(SORTS)}


class APIParamsError(ValueError):
    """Bad query string; `errors` maps each parameter to a Russian message."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(errors)


@dataclass(frozen=True)
class Window:
    limit: int
    offset: int

    def slice(self, results, total):
        """The requested part of the results, without asking the database for rows past the end."""
        if self.limit == 0 or self.offset >= total:
            return []
        return results[self.offset:self.offset + self.limit]


def limit_max():
    return settings.WAGTAILAPI_LIMIT_MAX


def parse_listing(params, available_fields, *, collection=None):
    """A CatalogueQuery (of `collection`, when another than solutions) and a Window for a listing request, or
    APIParamsError naming every bad parameter."""
    errors = {}
    window = _parse_window(params, errors)
    _check_common(params, available_fields, errors)
    errors.update({key: message for key, message in HINTS.items() if key in params})
    query = None
    try:
        ignore = LISTING_PARAMS + tuple(HINTS)
        if collection:
            query = CatalogueQuery.of(collection, params, ignore=ignore)
        else:
            query = CatalogueQuery.from_params(params, ignore=ignore)
    except CatalogueQueryError as error:
        errors.update(error.errors)
    if errors:
        raise APIParamsError(errors)
    return query, window


def parse_collection_listing(collection, params):
    """`CatalogueQuery.of(collection)` and a Window for another collection's listing (no `fields` choice)."""
    errors = {}
    window = _parse_window(params, errors)
    output_format = _last(params, "format")
    if output_format and output_format != "json":
        errors["format"] = "допустимо: json"
    query = None
    try:
        query = CatalogueQuery.of(collection, params, ignore=("limit", "offset", "format", "_"))
    except CatalogueQueryError as error:
        errors.update(error.errors)
    if errors:
        raise APIParamsError(errors)
    return query, window


def check_detail(params, available_fields):
    errors = {key: "неизвестный параметр" for key in params if key not in DETAIL_PARAMS}
    _check_common(params, available_fields, errors)
    rich_text_format = _last(params, "rich_text_format")
    if rich_text_format and rich_text_format not in RICH_TEXT_FORMATS:
        errors["rich_text_format"] = "допустимо: " + ", ".join(RICH_TEXT_FORMATS)
    if errors:
        raise APIParamsError(errors)


def _last(params, key):
    """The last non-empty value of a parameter, as CatalogueQuery reads its single-valued filters."""
    values = [value.strip() for value in params.getlist(key) if value.strip()]
    return values[-1] if values else ""


def _parse_window(params, errors):
    limit_text, offset_text = _last(params, "limit"), _last(params, "offset")
    limit = parse_int(limit_text) if limit_text else DEFAULT_LIMIT
    offset = parse_int(offset_text) if offset_text else 0
    if limit is None or limit > limit_max():
        errors["limit"] = f"целое число от 0 до {limit_max()}"
    if offset is None:
        errors["offset"] = "целое число от 0 до 999 999 999"
    return Window(limit or 0, offset or 0)


def _check_common(params, available_fields, errors):
    # Exactly the value Wagtail's serializer factory will read: the last one, untrimmed.
    fields_error = _fields_error(params.get("fields", ""), available_fields)
    if fields_error:
        errors["fields"] = fields_error
    output_format = _last(params, "format")
    if output_format and output_format != "json":
        errors["format"] = "допустимо: json"


def _fields_error(text, available_fields):
    """Wagtail's `fields` syntax (title,summary · *,-tags · _,trl), checked before Wagtail's English errors."""
    if not text:
        return ""
    try:
        fields = parse_fields_parameter(text)
    except ValueError:
        return "неверная запись; пример: fields=title,summary или fields=*,-tags"
    unknown = sorted({name for name, _negated, _nested in fields} - {"*", "_"} - set(available_fields))
    if unknown:
        return "неизвестные поля: " + ", ".join(unknown) + "; доступны: " + ", ".join(available_fields)
    if any(nested for _name, _negated, nested in fields):
        return "вложенные поля не поддерживаются"
    return ""
