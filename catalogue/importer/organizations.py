"""The organisations section of an import: profiles keyed by name, the name solutions refer to.

Keys: `name` (required), `slug`, `kind`, `city`, `region`, `website`, `description`, `role`. A row updates the
organisation of the same name (letter case and spacing ignored) or creates it; absent keys leave a field as it
is, an empty value clears it. Regions must exist; a city unknown to the catalogue is added under the row's
region (without a region it is an error). Applied before the solutions, so solutions of the same file find them.
"""
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug

from catalogue.importer.indexing import deferred_index_updates, reindex
from catalogue.importer.plan import CREATE, UNCHANGED, UPDATE, Plan, PlannedRow
from catalogue.importer.rows import (
    FieldProblem,
    ImportValidationError,
    RowError,
    name_key,
    normalise_name,
    record_values,
    validate_records,
)
from catalogue.importer.sections import Section, TemplateSheet
from catalogue.models import Organization, Region

REQUIRED_FIELDS = ("name",)
KNOWN_FIELDS = ("name", "slug", "kind", "city", "region", "website", "description", "role")
MAX_LENGTHS = {name: Organization._meta.get_field(name).max_length
               for name in ("name", "slug", "website")} | {"city": 255, "region": 255, "description": 4000}


@dataclass(frozen=True)
class OrganizationRow:
    where: str
    name: str
    values: dict = field(default_factory=dict)  # the given fields, parsed; `city` and `region` as names

    @property
    def slug(self):  # what the dry run shows next to the name
        return self.values.get("slug") or ""


def validate(source):
    """Every record as an OrganizationRow, or ImportValidationError listing every problem (no database)."""
    return validate_records(source, KNOWN_FIELDS, REQUIRED_FIELDS, _validate_record,
                            unique=lambda row: [("name", name_key(row.name)), ("slug", row.slug)])


def _validate_record(record, is_csv):
    data = record.data
    if not isinstance(data, dict):
        return None, [RowError(record.where, "—", "ожидается объект {…}")]
    name = data.get("name")
    where = f"{record.where} («{normalise_name(name)}»)" if isinstance(name, str) and name.strip() else record.where
    values, errors = record_values(data, where, is_csv, KNOWN_FIELDS, REQUIRED_FIELDS,
                                   lambda key, value, _is_csv: _parse(key, value))
    if not errors and not values.get("name"):
        errors.append(RowError(where, "name", "обязательное поле не заполнено"))
    if errors:
        return None, errors
    return OrganizationRow(where=where, name=values.pop("name"), values=values), []


def _parse(key, value):
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise FieldProblem("ожидается строка")
    text = normalise_name(value) if key != "description" else value.strip()
    if len(text) > MAX_LENGTHS.get(key, 255):
        raise FieldProblem(f"не длиннее {MAX_LENGTHS.get(key, 255)} символов, а здесь {len(text)}")
    if not text:
        return ""
    if key == "kind":
        return _choice(text, Organization.Kind, "тип")
    if key == "role":
        return _choice(text, Organization.Role, "роль")
    if key == "slug":
        try:
            validate_slug(text)
        except ValidationError:
            raise FieldProblem(f"«{text}» — допустимы только латинские буквы, цифры, дефис и подчёркивание") from None
    if key == "website":
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            raise FieldProblem(f"«{text}» — ожидается адрес сайта вида https://example.ru") from None
    return text


def _choice(text, choices, what):
    """A choice given by its code (`university`) or its Russian label (`вуз`)."""
    by_text = {value: value for value in choices.values} | {
        str(label).casefold(): value for value, label in choices.choices}
    if text.casefold() in by_text:
        return by_text[text.casefold()]
    raise FieldProblem(f"неизвестный {what} «{text}»; допустимы: {', '.join(choices.values)}")


class _Places:
    """Regions and cities by name key; cities the import adds are remembered under their region."""

    def __init__(self):
        self.by_key = {name_key(place.name): place for place in Region.objects.only("pk", "name", "kind", "parent")}

    def resolve(self, row):
        """(region, city, errors, new city name or None) for a row's `region` and `city` values."""
        errors, region, city, new_city = [], None, None, None
        region_name, city_name = row.values.get("region"), row.values.get("city")
        if region_name:
            region = self.by_key.get(name_key(region_name))
            if region is None or region.kind != Region.Kind.REGION:
                errors.append(RowError(row.where, "region", f"неизвестный регион «{region_name}»"
                                       + ("" if region is None else " (это город)")))
                region = None
        if city_name:
            city = self.by_key.get(name_key(city_name))
            if city is None and region is not None:
                new_city = city_name
            elif city is None:
                errors.append(RowError(row.where, "city", f"неизвестный город «{city_name}»; укажите регион "
                                                          "(столбец region), чтобы добавить его"))
            elif city.kind != Region.Kind.CITY:
                errors.append(RowError(row.where, "city", f"«{city_name}» — регион, а не город"))
                city = None
            elif region and city.parent_id and city.parent_id != region.pk:
                errors.append(RowError(row.where, "city", f"город «{city.name}» входит в другой регион"))
        return region, city, errors, new_city


def plan(rows, context):
    """Compare every row with the organisation of the same name; errors for unknown regions and taken slugs."""
    existing = {name_key(org.name): org for org in Organization.objects.select_related("city", "region")}
    by_slug = {org.slug: org for org in existing.values()}
    places, items, errors, new_cities = _Places(), [], [], {}
    for row in rows:
        organization = existing.get(name_key(row.name))
        region, city, row_errors, new_city = places.resolve(row)
        slug = row.values.get("slug")
        if slug and slug in by_slug and by_slug[slug] is not organization:
            row_errors.append(RowError(row.where, "slug", f"адрес «{slug}» уже у организации «{by_slug[slug].name}»"))
        errors.extend(row_errors)
        if row_errors:
            continue
        if new_city:
            new_cities.setdefault(name_key(new_city), new_city)
        wanted = _wanted(row, region, city, new_city)
        if organization is None:
            items.append(PlannedRow(CREATE, row))
            continue
        current = {key: _current(organization, key) for key in wanted}
        changed = tuple(key for key, value in wanted.items() if value != current[key])
        items.append(PlannedRow(UPDATE if changed else UNCHANGED, row, organization.pk, changed,
                                {key: current[key] for key in changed}))
    if errors:
        raise ImportValidationError(errors)
    return Plan(items=items, new_names={"cities": list(new_cities.values())} if new_cities else {})


def _wanted(row, region, city, new_city):
    """The row's values as names and codes, comparable with `_current`."""
    wanted = {"name": row.name}
    for key, value in row.values.items():
        if key == "region":
            wanted[key] = region.name if region else ""
        elif key == "city":
            wanted[key] = new_city or (city.name if city else "")
        elif key == "kind" and not value:
            wanted[key] = Organization.Kind.OTHER
        else:
            wanted[key] = value
    return wanted


def _current(organization, key):
    if key in ("city", "region"):
        place = getattr(organization, key)
        return place.name if place else ""
    return getattr(organization, key)


def apply(org_plan, context):
    """Create and update the planned organisations (and the new cities), indexed once at the end."""
    written = []
    with deferred_index_updates(Organization, Region):
        places = _Places()
        new_cities = []
        existing = Organization.objects.in_bulk([item.page_id for item in org_plan.writes if item.page_id])
        for item in org_plan.writes:
            organization = existing.get(item.page_id) or Organization(name=item.row.name)
            region, city, _errors, new_city = places.resolve(item.row)
            if new_city:
                city = Region.objects.create(name=new_city, kind=Region.Kind.CITY, parent=region)
                places.by_key[name_key(new_city)] = city
                new_cities.append(city.pk)
            for key, value in item.row.values.items():
                if key == "region":
                    organization.region = region
                elif key == "city":
                    organization.city = city
                else:
                    setattr(organization, key, value or ("" if key != "kind" else Organization.Kind.OTHER))
            organization.name = item.row.name
            organization.save()
            written.append(organization.pk)
            context.row_written()
        reindex(Region, new_cities)
        reindex(Organization, written)
    return written


def describe(item):
    return f"«{item.row.name}»" + (f" ({item.row.slug})" if item.row.slug else "")


# The template's organisation: the developer the example solution names, with what НОЦ's report says of it (no
# website or contact: the report gives none).
EXAMPLE = {
    "name": "КузГТУ",
    "slug": "kuzgtu",
    "kind": "university",
    "city": "Кемерово",
    "region": "Кемеровская область",
    "website": "",
    "description": "Кузбасский государственный технический университет. Входит в консорциум, который осенью 2025 "
                   "года получил грант Минпромторга РФ на создание первого в стране Центра инженерных разработок "
                   "по углехимии.",
    "role": "member",
}
HELP = {
    "name": "краткое название — по нему решения и лаборатории ссылаются на организацию; строка с тем же "
            "названием обновляет её",
    "slug": "адрес профиля /catalogue/org/<slug>/: латиница, цифры, дефис; пусто — из названия",
    "kind": "тип: university (вуз), institute (НИИ / научный центр), company (предприятие), centre (центр / "
            "консорциум), authority (орган власти), other (другое)",
    "city": "город; новый город добавится в регион из столбца region",
    "region": "регион из справочника регионов",
    "website": "сайт https://… — только из открытого источника",
    "description": "кто они — коротко, обычным текстом",
    "role": "роль в НОЦ: coordinator (координатор), member (участник консорциума), partner (партнёр); пусто — нет",
}
TEMPLATE = (TemplateSheet(columns=KNOWN_FIELDS, required=REQUIRED_FIELDS, example=EXAMPLE, help=HELP,
                          note="по строке на организацию; читается первым, до решений и лабораторий"),)


SECTION = Section(key="organizations", label="Организации", order=10, validate=validate, plan=plan, apply=apply,
                  describe=describe, provides="organizations", template=TEMPLATE)
