"""Import of a solution's deployments and offer terms: pure validation of the raw values (JSON or table cells)
into comparable tuples, and, with the database, matching place names to the regions/cities taxonomy.

JSON gives `deployments`, `ip` and `certificates` as lists of objects; a table gives deployments on a second sheet
(«Внедрения») or in a second CSV file, one row per deployment keyed by the solution's slug (DEPLOYMENT_COLUMNS).
"""
import datetime
import re
from typing import NamedTuple

from django.utils import timezone

from catalogue.blocks import IntellectualPropertyBlock
from catalogue.models import Deployment, Region
from catalogue.models.deployments import YEAR_MIN, effect_problems
from catalogue.models.terms import TERMS

DEPLOYMENT_COLUMNS = ("slug", "site", "organization", "city", "region", "year", "status", "scale", "effects",
                      "story", "lat", "lon", "confirmed_on")
DEPLOYMENT_FIELDS = tuple(name for name in DEPLOYMENT_COLUMNS if name != "slug") + ("confirmed_by_customer",)
STATUSES = {key: key for key in Deployment.Status.values} | {label: key for key, label in Deployment.Status.choices}
IP_KINDS = dict(IntellectualPropertyBlock.KINDS)
IP_KINDS_BY_LABEL = {label: key for key, label in IntellectualPropertyBlock.KINDS}
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


class Problem(ValueError):
    """A value is wrong; the message says how, in Russian."""


class DeploymentRow(NamedTuple):
    site: str
    organization: str
    city: str
    region: str
    year: int | None
    status: str
    scale: str
    effects: tuple  # of (value, label)
    story: str
    lat: float | None
    lon: float | None
    confirmed_by_customer: bool
    confirmed_on: datetime.date | None


def _text(value, name, max_length, required=False):
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Problem(f"{name}: ожидается строка")
    text = " ".join(value.split()) if max_length <= 255 else value.strip()
    if required and not text:
        raise Problem(f"{name}: не заполнено")
    if len(text) > max_length:
        raise Problem(f"{name}: не длиннее {max_length} символов, а здесь {len(text)}")
    return text


def _int(value, name, low, high):
    if value in (None, ""):
        return None
    if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Problem(f"{name}: ожидается целое число от {low} до {high}, получено «{value}»")
    return value


def _float(value, name, low, high):
    if value in (None, ""):
        return None
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        value = float(value.strip().replace(",", "."))
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise Problem(f"{name}: ожидается число от {low} до {high}, получено «{value}»")
    return float(value)


def _date(value, name):
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise Problem(f"{name}: ожидается дата ГГГГ-ММ-ДД, получено «{value}»") from None


def _effects(value, is_table):
    """JSON: [{value, label}]; a table cell: «−40 % | взвешенных веществ; 3 года | окупаемость»."""
    if value in (None, ""):
        return ()
    if is_table:
        pairs = [tuple(part.strip() for part in (item.split("|", 1) + [""])[:2])
                 for item in value.split(";") if item.strip()]
    elif isinstance(value, list) and all(isinstance(item, dict) for item in value):
        pairs = [(item.get("value"), item.get("label")) for item in value]
    else:
        raise Problem("effects: ожидается список объектов [{\"value\": …, \"label\": …}]")
    if any(not isinstance(part, str | type(None)) for pair in pairs for part in pair):
        raise Problem("effects: значение и подпись — строки")
    problems = effect_problems(pairs)
    if problems:
        raise Problem("; ".join(problems))
    return tuple(((v or "").strip(), (label or "").strip()) for v, label in pairs)


def parse_deployment(data, is_table):
    """One deployment (a JSON object or a table row) as a DeploymentRow, or Problem listing what is wrong."""
    if not isinstance(data, dict):
        raise Problem("ожидается объект {…}")
    unknown = set(data) - set(DEPLOYMENT_FIELDS) - ({"slug"} if is_table else set())
    if unknown:
        raise Problem(f"неизвестные поля: {', '.join(sorted(map(str, unknown)))}; допустимы: "
                      + ", ".join(DEPLOYMENT_FIELDS))
    problems, values = [], {}
    parsers = {
        "site": lambda v: _text(v, "site (объект или заказчик)", 255, required=True),
        "organization": lambda v: _text(v, "organization", 255),
        "city": lambda v: _text(v, "city", 255),
        "region": lambda v: _text(v, "region", 255),
        "year": lambda v: _int(v, "year", YEAR_MIN, timezone.localdate().year),
        "status": _status,
        "scale": lambda v: _text(v, "scale", 255),
        "effects": lambda v: _effects(v, is_table),
        "story": lambda v: _text(v, "story", 1500),
        "lat": lambda v: _float(v, "lat", -90, 90),
        "lon": lambda v: _float(v, "lon", -180, 180),
        "confirmed_on": lambda v: _date(v, "confirmed_on"),
        "confirmed_by_customer": _flag,
    }
    for name, parse in parsers.items():
        try:
            values[name] = parse(data.get(name))
        except Problem as problem:
            problems.append(str(problem))
    if not problems:
        if not values["city"] and not values["region"]:
            problems.append("укажите город (city) или регион (region)")
        if (values["lat"] is None) != (values["lon"] is None):
            problems.append("укажите обе координаты (lat и lon) или ни одной")
        if values["confirmed_on"]:
            if values["confirmed_on"] > timezone.localdate():
                problems.append("confirmed_on: дата не может быть в будущем")
            # A confirmation date in a table means «подтверждено заказчиком».
            values["confirmed_by_customer"] = values["confirmed_by_customer"] or is_table
            if not values["confirmed_by_customer"]:
                problems.append("confirmed_on указывается, только если confirmed_by_customer: true")
    if problems:
        raise Problem("; ".join(problems))
    return DeploymentRow(**values)


def _status(value):
    if value in (None, ""):
        return Deployment.Status.OPERATING.value
    key = STATUSES.get(str(value).strip().lower())
    if not key:
        raise Problem(f"status: «{value}» — допустимо: " + ", ".join(dict.fromkeys(STATUSES)))
    return key


def _flag(value):
    if value in (None, ""):
        return False
    if not isinstance(value, bool):
        raise Problem("confirmed_by_customer: ожидается true или false")
    return value


def parse_deployments(value, is_csv):
    """The JSON `deployments` field: a list of objects."""
    if not isinstance(value, list):
        raise Problem("ожидается список объектов […]")
    rows, problems = [], []
    for number, item in enumerate(value, start=1):
        try:
            rows.append(parse_deployment(item, is_table=False))
        except Problem as problem:
            problems.append(f"внедрение № {number}: {problem}")
    if problems:
        raise Problem("; ".join(problems))
    return tuple(rows)


def parse_terms(value, is_csv):
    items = [item.strip() for item in value.split(";") if item.strip()] if is_csv else value
    if not isinstance(items, list | tuple) or not all(isinstance(item, str) for item in items):
        raise Problem("ожидается список форм сотрудничества, например [\"licence\", \"supply\"]")
    unknown = [item for item in items if item not in TERMS]
    if unknown:
        raise Problem(f"неизвестно: {', '.join(unknown)}; допустимо: {', '.join(TERMS)}")
    return tuple(key for key in TERMS if key in items)


def parse_ip(value, is_csv):
    if not isinstance(value, list):
        raise Problem("ожидается список объектов [{\"kind\", \"number\", \"title\"}]")
    items, problems = [], []
    for number, item in enumerate(value, start=1):
        try:
            if not isinstance(item, dict):
                raise Problem("ожидается объект")
            kind = item.get("kind")
            kind = IP_KINDS_BY_LABEL.get(kind, kind)
            if kind not in IP_KINDS:
                raise Problem(f"kind: «{item.get('kind')}» — допустимо: {', '.join(IP_KINDS)}")
            items.append((kind, _text(item.get("number"), "number", 60),
                          _text(item.get("title"), "title", 255, required=True)))
        except Problem as problem:
            problems.append(f"документ № {number}: {problem}")
    if problems:
        raise Problem("; ".join(problems))
    return tuple(items)


def parse_certificates(value, is_csv):
    if not isinstance(value, list):
        raise Problem("ожидается список объектов [{\"kind\", \"number\", \"valid_until\"}]")
    items, problems = [], []
    for number, item in enumerate(value, start=1):
        try:
            if not isinstance(item, dict):
                raise Problem("ожидается объект")
            items.append((_text(item.get("kind"), "kind", 160, required=True),
                          _text(item.get("number"), "number (номер)", 80, required=True),
                          _date(item.get("valid_until"), "valid_until")))
        except Problem as problem:
            problems.append(f"сертификат № {number}: {problem}")
    if problems:
        raise Problem("; ".join(problems))
    return tuple(items)


# --- With the database -------------------------------------------------------------------------------------

class PlaceIndex:
    """Regions and cities by name (case and spacing ignored) or slug: a few hundred, held in memory."""

    def __init__(self):
        from catalogue.importer.rows import name_key

        self.key = name_key
        self.by_kind = {Region.Kind.CITY: {}, Region.Kind.REGION: {}}
        for place in Region.objects.only("pk", "name", "slug", "kind"):
            index = self.by_kind[place.kind]
            index[name_key(place.name)] = index[place.slug] = place

    def find(self, name, kind):
        return self.by_kind[kind].get(self.key(name)) or self.by_kind[kind].get(name) if name else None

    def problems(self, deployment):
        found = []
        for name, kind, label in ((deployment.city, Region.Kind.CITY, "город"),
                                  (deployment.region, Region.Kind.REGION, "регион")):
            if name and not self.find(name, kind):
                found.append(f"{label} «{name}» не найден в справочнике регионов и городов")
        return found


def deployment_objects(rows, places, organizations):
    """Unsaved Deployment objects for valid rows; `organizations` resolves names (NameIndex)."""
    return [Deployment(
        site=row.site, organization=organizations.resolve([row.organization])[0] if row.organization else None,
        city=places.find(row.city, Region.Kind.CITY), region=places.find(row.region, Region.Kind.REGION),
        year=row.year, status=row.status, scale=row.scale, story=row.story, lat=row.lat, lon=row.lon,
        effects=[("effect", {"value": value, "label": label}) for value, label in row.effects],
        confirmed_by_customer=row.confirmed_by_customer, confirmed_on=row.confirmed_on, sort_order=order,
    ) for order, row in enumerate(rows)]


def page_deployments(page):
    """A page's deployments in the shape of parsed rows, to tell whether an import changes them."""
    return tuple(DeploymentRow(
        item.site, item.organization.name if item.organization else "", item.city.name if item.city else "",
        item.region.name if item.region else "", item.year, item.status, item.scale,
        tuple((effect.value["value"], effect.value["label"]) for effect in item.effects), item.story,
        item.lat, item.lon, item.confirmed_by_customer, item.confirmed_on) for item in page.deployments.all())


def page_stream(page, name):
    """A page's IP or certificates in the shape of parsed values."""
    if name == "ip":
        return tuple((item.value["kind"], item.value["number"], item.value["title"]) for item in page.ip)
    return tuple((item.value["kind"], item.value["number"], item.value["valid_until"]) for item in page.certificates)


def stream_data(name, items):
    """Parsed IP or certificates as StreamField data."""
    keys = ("kind", "number", "title") if name == "ip" else ("kind", "number", "valid_until")
    return [("item", dict(zip(keys, item, strict=True))) for item in items]
