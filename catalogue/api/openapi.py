"""The OpenAPI 3.1 description of the public API (/api/v2/openapi.json and its readable page /api/v2/).

Built from the same constants the API reads (sorts, stages, УГТ range, limits, rich-text formats), so a new sort or
a changed limit shows here by itself. `tests/catalogue/test_openapi.py` checks it against live answers and
`make ci-schemathesis` lets Schemathesis generate requests from it against a running server.
"""
from catalogue import readiness
from catalogue.api.params import DEFAULT_LIMIT, RICH_TEXT_FORMATS, limit_max
from catalogue.blocks import IntellectualPropertyBlock
from catalogue.models.deployments import Deployment
from catalogue.models.terms import TERMS
from catalogue.query import MAX_VALUES_PER_FILTER, SORTS

ERROR = {"$ref": "#/components/schemas/Error"}
SLUG_NAME = {"type": "object", "required": ["slug", "name"],
             "properties": {"slug": {"type": "string"}, "name": {"type": "string"}}}
FACET_VALUE = {"type": "object", "required": ["slug", "name", "count", "selected", "parent"],
               "properties": {"slug": {"type": "string"}, "name": {"type": "string"},
                              "count": {"type": "integer", "minimum": 0}, "selected": {"type": "boolean"},
                              "parent": {"type": "string",
                                         "description": "A city's region (its slug); empty for everything else."}}}
NULLABLE_DATE_TIME = {"type": ["string", "null"], "format": "date-time"}
NULLABLE_SLUG_NAME = {"oneOf": [{"type": "null"}, SLUG_NAME]}


def _page_meta(page_type):
    """Wagtail's `meta` of a page item in the API."""
    return {"type": "object", "properties": {
        "type": {"type": "string", "const": page_type},
        "detail_url": {"type": "string", "format": "uri"},
        "html_url": {"type": ["string", "null"], "format": "uri"},
        "slug": {"type": "string"},
        "first_published_at": NULLABLE_DATE_TIME,
        "last_published_at": NULLABLE_DATE_TIME,
    }}


def _rendition(description=""):
    """An image rendition of a page (or null when it has none)."""
    rendition = {"type": "object", "required": ["url", "width", "height"], "properties": {
        "url": {"type": "string"}, "full_url": {"type": "string"}, "width": {"type": "integer"},
        "height": {"type": "integer"}, "alt": {"type": "string"}}}
    return {"oneOf": [{"type": "null"}, {**rendition, "description": description} if description else rendition]}


# Fields of every item; the detail answer adds DETAIL_FIELDS. `fields=` may leave any of them out.
ITEM_FIELDS = {
    "id": {"type": "integer"},
    "meta": _page_meta("catalogue.SolutionPage"),
    "title": {"type": "string"},
    "summary": {"type": "string"},
    "title_en": {"type": "string", "description": "Название по-английски; пустая строка, если не задано"},
    "summary_en": {"type": "string", "description": "Кратко по-английски; пустая строка, если не задано"},
    "trl": {"type": "integer", "minimum": readiness.TRL_MIN, "maximum": readiness.TRL_MAX},
    "trl_label": {"type": "string", "description": "Формулировка УГТ по ГОСТ Р 58048-2017"},
    "hero_image": _rendition(),
    "stage": {"type": "object", "required": ["slug", "name", "trl_min", "trl_max"], "properties": {
        "slug": {"enum": [stage.slug for stage in readiness.STAGES]}, "name": {"type": "string"},
        "trl_min": {"type": "integer"}, "trl_max": {"type": "integer"}}},
    "sectors": {"type": "array", "items": SLUG_NAME},
    "needs": {"type": "array", "items": SLUG_NAME},
    "organizations": {"type": "array", "items": SLUG_NAME},
    "regions": {"type": "array", "items": SLUG_NAME},
    "tags": {"type": "array", "items": SLUG_NAME},
    "year": {"type": ["integer", "null"]},
    "last_verified": {"type": ["string", "null"], "format": "date"},
    "deployments": {"type": "array", "description": "Внедрения: где, с какого года, в каком статусе, с каким эффектом",
                    "items": {"type": "object", "required": ["site", "city", "region", "year", "status", "effects"],
                              "properties": {
                                  "site": {"type": "string"},
                                  "organization": NULLABLE_SLUG_NAME,
                                  "city": NULLABLE_SLUG_NAME,
                                  "region": NULLABLE_SLUG_NAME,
                                  "year": {"type": ["integer", "null"]},
                                  "status": {"enum": list(Deployment.Status.values)},
                                  "status_label": {"type": "string"},
                                  "scale": {"type": "string"},
                                  "effects": {"type": "array", "items": {
                                      "type": "object", "required": ["value", "label"],
                                      "properties": {"value": {"type": "string"}, "label": {"type": "string"}}}},
                                  "story": {"type": "string"},
                                  "confirmed_by_customer": {"type": "boolean"},
                                  "confirmed_on": {"type": ["string", "null"], "format": "date"},
                                  "lat": {"type": ["number", "null"]},
                                  "lon": {"type": ["number", "null"]},
                              }}},
    "terms": {"type": "array", "items": {"enum": list(TERMS)}, "description": "Формы сотрудничества"},
    "price_from": {"type": ["integer", "null"], "minimum": 0, "description": "Цена от, ₽"},
    "price_note": {"type": "string"},
    "payback_months": {"type": ["integer", "null"], "minimum": 0},
    "capacity": {"type": "string"},
    "lead_time": {"type": "string"},
    "ip": {"type": "array", "items": {"type": "object", "required": ["kind", "number", "title"], "properties": {
        "kind": {"enum": [key for key, _label in IntellectualPropertyBlock.KINDS]}, "number": {"type": "string"},
        "title": {"type": "string"}}}},
    "certificates": {"type": "array", "items": {"type": "object", "required": ["kind", "number", "expired"],
                                                "properties": {
        "kind": {"type": "string"}, "number": {"type": "string"},
        "valid_until": {"type": ["string", "null"], "format": "date"}, "expired": {"type": "boolean"}}}},
}
DETAIL_FIELDS = {
    "contact": {"type": "string"},
    "body": {"type": "array", "description": "Блоки описания: heading, paragraph, key_figures, image, document, "
                                             "video, quote", "items": {"type": "object"}},
}
META_FIELDS = ("type", "detail_url", "html_url", "slug", "first_published_at", "last_published_at")
FACETS = ("sector", "need", "region", "organization", "tag", "trl", "stage", "has_deployments", "deployed_in",
          "terms")


def _slug_filter(name, what):
    return {"name": name, "in": "query", "style": "form", "explode": True,
            "description": f"{what}: slug; повторяется, решение должно подходить под все значения "
                           f"(не больше {MAX_VALUES_PER_FILTER} непустых; пустые не учитываются)",
            "schema": {"type": "array", "items": {"type": "string"}}}


def _query(name, schema, description):
    return {"name": name, "in": "query", "description": description, "schema": schema}


def _not_found(what, example):
    """A 404 of an item address: JSON when the id is a number the API does not know; an address that cannot be
    an item at all (`example`) is not the API's and gets the site's HTML page."""
    return {"description": f"{what} (JSON); адрес, который не может быть записью (`{example}`), получает "
                           "страницу сайта",
            "content": {"application/json": {"schema": ERROR}, "text/html": {"schema": {"type": "string"}}}}


def _page_detail(operation_id, summary, fields, detail_fields, what, missing, example):
    """One page of the API by id (Wagtail's detail view): its fields, a choice of them, the rich-text format."""
    return {"get": {
        "operationId": operation_id,
        "summary": summary,
        "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}},
            _query("rich_text_format", {"enum": list(RICH_TEXT_FORMATS)}, "Формат текста в body"),
            _fields_parameter(set(fields) - {"id", "meta"} | set(META_FIELDS) | set(detail_fields)),
        ],
        "responses": {
            "200": _json({"type": "object", "properties": {**fields, **detail_fields}}, what),
            "400": _json(ERROR, "Неверные параметры"),
            "404": _not_found(missing, example),
        },
    }}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def listing_parameters():
    levels = {"type": "integer", "minimum": readiness.TRL_MIN, "maximum": readiness.TRL_MAX}
    return [
        _slug_filter("sector", "Отрасль"),
        _slug_filter("need", "Потребность города"),
        _slug_filter("region", "Регион или город"),
        _slug_filter("organization", "Разработчик (синоним: org)"),
        _slug_filter("tag", "Ключевое слово"),
        _query("stage", {"enum": [stage.slug for stage in readiness.STAGES]}, "Этап дорожной карты"),
        _query("trl_min", levels, "УГТ не ниже"),
        _query("trl_max", levels, "УГТ не выше"),
        _query("search", {"type": "string"}, "Текст запроса (синоним: q); длиннее 200 знаков обрезается"),
        _query("has_deployments", {"enum": ["true", "false", "1", "0"]}, "true — только решения с внедрениями"),
        _slug_filter("deployed_in", "Где внедрено (регион включает свои города)"),
        {**_slug_filter("terms", "Форма сотрудничества"), "schema": {"type": "array", "items": {"enum": list(TERMS)}}},
        _query("sort", {"enum": list(SORTS)}, "Порядок; по умолчанию relevance при поиске, иначе readiness"),
        *_window_parameters("решений"),
        _fields_parameter(set(ITEM_FIELDS) - {"id", "meta"} | set(META_FIELDS)),
    ]


def _window_parameters(what):
    return [
        _query("limit", {"type": "integer", "minimum": 0, "maximum": limit_max(), "default": DEFAULT_LIMIT},
               f"Сколько {what} отдать; 0 — только счётчики"),
        _query("offset", {"type": "integer", "minimum": 0, "maximum": 999_999_999, "default": 0},
               "Сколько пропустить"),
    ]


def _listing_responses(item, facets, description):
    """A listing's answers: `meta` (total and facet counts) and `items`, or every error at once."""
    return {
        "200": _json({"type": "object", "required": ["meta", "items"], "properties": {
            "meta": {"type": "object", "required": ["total_count", "facets"], "properties": {
                "total_count": {"type": "integer", "minimum": 0}, "facets": facets}},
            "items": {"type": "array", "items": item},
        }}, description),
        "400": _json(ERROR, "Неверные параметры: все ошибки сразу, по-русски"),
    }


def _fields_parameter(names):
    name = "(?:" + "|".join(sorted(names)) + ")"
    item = rf"(?:[*_]|-?{name})"
    return _query("fields", {"type": "string", "pattern": rf"^(?:{item}(?:,{item})*)?$"},
                  "Синтаксис Wagtail: `_,title,trl` — только эти поля; `*,-tags` — все, кроме этих")


NULLABLE_SLUG_NAME = {"oneOf": [{"type": "null"}, SLUG_NAME]}
ORGANIZATION_FIELDS = {
    "id": {"type": "integer"},
    "slug": {"type": "string"},
    "name": {"type": "string"},
    "description": {"type": "string"},
    "website": {"type": "string"},
    "contact": {"type": "string", "description": "Публичный канал связи; пустая строка — через НОЦ"},
    "kind": NULLABLE_SLUG_NAME,
    "role": NULLABLE_SLUG_NAME,
    "city": NULLABLE_SLUG_NAME,
    "region": NULLABLE_SLUG_NAME,
    "parent": NULLABLE_SLUG_NAME,
    "logo": {"type": ["string", "null"]},
    "solution_count": {"type": "integer", "minimum": 0},
    "html_url": {"type": ["string", "null"], "format": "uri"},
}


def organization_paths():
    """/api/v2/organizations/: the directory's filters and item, read from the collection itself."""
    from catalogue.query import COLLECTIONS

    collection = COLLECTIONS["organizations"]
    kinds = [value for dimension in collection.dimensions if dimension.param == "kind"
             for value, _label in dimension.choices]
    item = {"type": "object", "required": list(ORGANIZATION_FIELDS), "properties": ORGANIZATION_FIELDS}
    facets = {"type": "object", "required": ["kind", "region"],
              "properties": {name: {"type": "array", "items": FACET_VALUE} for name in ("kind", "region")}}
    any_of = f"повторяется, подходит любое из значений (не больше {MAX_VALUES_PER_FILTER})"
    return {
        "/api/v2/organizations/": {"get": {
            "operationId": "listOrganizations",
            "summary": "Справочник организаций с фильтрами, поиском и счётчиками",
            "parameters": [
                {"name": "kind", "in": "query", "style": "form", "explode": True, "description": f"Тип; {any_of}",
                 "schema": {"type": "array", "items": {"enum": kinds}}},
                {"name": "region", "in": "query", "style": "form", "explode": True,
                 "description": f"Регион: slug; {any_of}", "schema": {"type": "array", "items": {"type": "string"}}},
                _query("search", {"type": "string"}, "Текст запроса (синоним: q): название, описание, тип, город, "
                                                     "регион; длиннее 200 знаков обрезается"),
                _query("sort", {"enum": ["relevance", *collection.sorts]},
                       "Порядок; по умолчанию relevance при поиске, иначе order (порядок НОЦ)"),
                *_window_parameters("организаций"),
            ],
            "responses": _listing_responses(item, facets, "Организации"),
        }},
        "/api/v2/organizations/{id}/": {"get": {
            "operationId": "getOrganization",
            "summary": "Одна организация",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer", "minimum": 1}}],
            "responses": {
                "200": _json(item, "Организация"),
                "400": _json(ERROR, "Неверные параметры"),
                "404": _not_found("Нет такой организации", "/organizations/abc/"),
            },
        }},
    }


LAB_FIELDS = {
    "id": {"type": "integer"},
    "meta": _page_meta("labs.LabPage"),
    "title": {"type": "string"},
    "summary": {"type": "string"},
    "organization": {**NULLABLE_SLUG_NAME, "description": "Вуз или институт, при котором работает"},
    "city_name": {"type": "string"},
    "region_name": {"type": "string"},
    "year_opened": {"type": ["integer", "null"]},
    "photo": _rendition("Фотография"),
    "equipment_data": {"type": "array", "description": "Оборудование", "items": {
        "type": "object", "required": ["name", "model", "specs"], "properties": {
            "name": {"type": "string"}, "model": {"type": "string"}, "specs": {"type": "string"}}}},
    "services_data": {"type": "array", "description": "Услуги внешним заказчикам", "items": {
        "type": "object", "required": ["kind", "label", "description"], "properties": {
            "kind": {"type": "string"}, "label": {"type": "string"}, "description": {"type": "string"}}}},
    "services_note": {"type": "string"},
    "sectors": {"type": "array", "items": SLUG_NAME},
    "needs": {"type": "array", "items": SLUG_NAME},
}
LAB_DETAIL_FIELDS = {
    "accreditation": {"type": "string"},
    "contact": {"type": "string", "description": "Публичный канал связи; пустая строка — через НОЦ"},
    "body": DETAIL_FIELDS["body"],
}


def lab_paths():
    """/api/v2/labs/: the labs' filters, facets and item, read from the collection itself."""
    from catalogue.api.serializers import FACET_NAMES
    from catalogue.query import COLLECTIONS

    collection = COLLECTIONS["labs"]
    names = [FACET_NAMES.get(dimension.param, dimension.param) for dimension in collection.dimensions]
    any_of = f"повторяется, подходит любое из значений (не больше {MAX_VALUES_PER_FILTER})"
    filters = []
    for name, dimension in zip(names, collection.dimensions, strict=True):
        values = ({"enum": [value for value, _label in dimension.choices]} if hasattr(dimension, "choices")
                  else {"type": "string"})
        filters.append({"name": name, "in": "query", "style": "form", "explode": True,
                        "description": f"{dimension.label}: slug; {any_of}",
                        "schema": {"type": "array", "items": values}})
    facets = {"type": "object", "required": names,
              "properties": {name: {"type": "array", "items": FACET_VALUE} for name in names}}
    item = {"type": "object", "properties": LAB_FIELDS}
    return {
        "/api/v2/labs/": {"get": {
            "operationId": "listLabs",
            "summary": "Лаборатории и центры с фильтрами, поиском и счётчиками",
            "parameters": [
                *filters,
                _query("search", {"type": "string"}, "Текст запроса (синоним: q): название, описание, оборудование, "
                                                     "услуги; длиннее 200 знаков обрезается"),
                _query("sort", {"enum": ["relevance", *collection.sorts]},
                       "Порядок; по умолчанию relevance при поиске, иначе title"),
                *_window_parameters("лабораторий"),
                _fields_parameter(set(LAB_FIELDS) - {"id", "meta"} | set(META_FIELDS)),
            ],
            "responses": _listing_responses(item, facets, "Лаборатории и центры"),
        }},
        "/api/v2/labs/{id}/": _page_detail("getLab", "Одна лаборатория или центр целиком", LAB_FIELDS,
                                           LAB_DETAIL_FIELDS, "Лаборатория",
                                           "Нет такой лаборатории, или она не опубликована", "/labs/abc/"),
    }


def openapi_document(server_url):
    item = {"type": "object", "properties": ITEM_FIELDS}
    facets = {"type": "object", "required": list(FACETS),
              "properties": {name: {"type": "array", "items": FACET_VALUE} for name in FACETS}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Каталог готовых решений НОЦ «Кузбасс – Донбасс»",
            "version": "2",
            "description": "Открытый API только для чтения: опубликованные решения каталога, их фильтры, поиск и "
                           "счётчики. Ключ не нужен. Подробно: docs/api.md.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/v2/solutions/": {"get": {
                "operationId": "listSolutions",
                "summary": "Список решений с фильтрами, поиском и счётчиками",
                "parameters": listing_parameters(),
                "responses": _listing_responses(item, facets, "Решения"),
            }},
            "/api/v2/solutions/{id}/": _page_detail("getSolution", "Одно решение целиком", ITEM_FIELDS, DETAIL_FIELDS,
                                                    "Решение", "Нет такого решения, или оно не опубликовано",
                                                    "/solutions/abc/"),
            **organization_paths(),
            **lab_paths(),
        },
        "components": {"schemas": {"Error": {
            "type": "object", "required": ["message"], "properties": {
                "message": {"type": "string"},
                "errors": {"type": "object", "additionalProperties": {"type": "string"},
                           "description": "параметр → что с ним не так"},
            }}}},
    }
