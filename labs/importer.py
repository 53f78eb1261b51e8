"""The "labs" section of an import (docs/import.md): laboratories and centres keyed by slug, under /labs/.

Keys: `slug`, `title`, `organization` (the host, by name: an organisation of the directory or of the same file's
organisations section), `summary` (required), `city`, `region`, `year`, `body`, `equipment` ([{name, model,
specs}]; in a table «name | model | specs; …»), `services` (strings — a kind of service by code or Russian
label, or free text, which is «другое» — or {kind, description}; in a table «kind: description; …»),
`accreditation`, `sectors`, `needs` (names that exist or that the file's solutions bring), `solutions` (slugs
of solutions); a city exists or the file's organisations add it. Absent keys leave a field as it is. Planned and
applied after organisations and solutions (a lab may name the file's own), in the same transaction: a row is
published, or with «Отправить на модерацию» submitted as a draft revision.
"""
from dataclasses import dataclass, field

from wagtail.rich_text import RichText

from catalogue.importer.names import NameIndex
from catalogue.importer.plan import CREATE, UNCHANGED, UPDATE, Plan, PlannedRow
from catalogue.importer.rows import (
    YEAR_MIN,
    FieldProblem,
    ImportValidationError,
    RowError,
    _integer_parser,
    _parse_names,
    _parse_slug,
    name_key,
    normalise_name,
    paragraph_blocks,
    record_values,
    validate_records,
)
from catalogue.importer.sections import Section, TemplateSheet
from catalogue.importer.sources import split_csv_list
from catalogue.models import Need, Organization, Region, Sector, SolutionPage
from labs.models import LabEquipment, LabIndexPage, LabPage, LabService, ServiceKind

REQUIRED_FIELDS = ("slug", "title", "organization", "summary")
KNOWN_FIELDS = ("slug", "title", "organization", "city", "region", "year", "summary", "body", "equipment",
                "services", "accreditation", "sectors", "needs", "solutions")
TEXT_LIMITS = {"title": 255, "organization": 255, "city": 255, "region": 255,
               "summary": LabPage._meta.get_field("summary").max_length,
               "accreditation": LabPage._meta.get_field("accreditation").max_length}
EQUIPMENT_LIMITS = {"name": 255, "model": 255, "specs": 1000}
PART_SEPARATOR = "|"
MANY = {"sectors": Sector, "needs": Need}


@dataclass(frozen=True)
class LabRow:
    where: str
    slug: str
    values: dict = field(default_factory=dict)

    @property
    def name(self):
        return self.values.get("title", "")


def validate(source):
    return validate_records(source, KNOWN_FIELDS, REQUIRED_FIELDS, _validate_record,
                            unique=lambda row: [("slug", row.slug), ("title", name_key(row.values["title"]))])


def _validate_record(record, is_csv):
    data = record.data
    if not isinstance(data, dict):
        return None, [RowError(record.where, "—", "ожидается объект {…}")]
    slug = data.get("slug")
    where = f"{record.where} ({slug})" if isinstance(slug, str) and slug.strip() else record.where
    values, errors = record_values(data, where, is_csv, KNOWN_FIELDS, REQUIRED_FIELDS, _parse)
    for key in REQUIRED_FIELDS:
        if key in values and not values[key]:
            errors.append(RowError(where, key, "обязательное поле не заполнено"
                                   + (": у лаборатории должна быть организация" if key == "organization" else "")))
    if errors:
        return None, errors
    return LabRow(where=where, slug=values.pop("slug"), values=values), []


def _text(value, limit, *, single_line=True):
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FieldProblem("ожидается строка")
    text = normalise_name(value) if single_line else value.strip()
    if len(text) > limit:
        raise FieldProblem(f"не длиннее {limit} символов, а здесь {len(text)}")
    return text


def _parse(key, value, is_csv):
    if key == "slug":
        return _parse_slug(value if value is not None else "", is_csv)
    if key == "year":
        return None if value is None else _integer_parser(YEAR_MIN, 2100)(value, is_csv)
    if key == "body":
        return paragraph_blocks(_text(value, 20000, single_line=False))
    if key == "equipment":
        return _parse_equipment(value, is_csv)
    if key == "services":
        return _parse_services(value, is_csv)
    if key in ("sectors", "needs", "solutions"):
        return _parse_names(value if value is not None else ([] if not is_csv else ""), is_csv, 255)
    return _text(value, TEXT_LIMITS[key], single_line=key not in ("summary", "accreditation"))


def _items(value, is_csv, expected):
    """A list field's items: a JSON list, or a table cell's parts separated by «;»."""
    if is_csv:
        return split_csv_list(value or "")
    if isinstance(value, list):
        return value
    raise FieldProblem(expected)


def _parse_equipment(value, is_csv):
    """(name, model, specs) tuples from [{name, model, specs}] or a cell «name | model | specs; …»."""
    items = _items(value, is_csv, "ожидается список [{name, model, specs}]")
    if is_csv:
        if any(len(item.split(PART_SEPARATOR)) > 3 for item in items):
            raise FieldProblem("ожидается «название | модель | характеристики; …» — не больше трёх частей")
        items = [dict(zip(("name", "model", "specs"), (part.strip() for part in item.split(PART_SEPARATOR)),
                          strict=False)) for item in items]
    parsed = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or set(item) - set(EQUIPMENT_LIMITS):
            raise FieldProblem(f"прибор № {number}: ожидается объект с ключами name, model, specs")
        entry = tuple(_text(item.get(key), limit, single_line=key != "specs")
                      for key, limit in EQUIPMENT_LIMITS.items())
        if not entry[0]:
            raise FieldProblem(f"прибор № {number}: не указано название")
        parsed.append(entry)
    return tuple(parsed)


KINDS = {value: value for value in ServiceKind.values} | {str(label).casefold(): value
                                                          for value, label in ServiceKind.choices}


def _parse_services(value, is_csv):
    """(kind, description) tuples: a kind by code or label, «kind: description», free text (→ «другое») or
    {kind, description}."""
    items = _items(value, is_csv, "ожидается список строк или объектов {kind, description}")
    parsed = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            if set(item) - {"kind", "description"} or not isinstance(item.get("kind"), str):
                raise FieldProblem(f"услуга № {number}: ожидается объект {{kind, description}}")
            kind = KINDS.get(item["kind"].strip().casefold())
            if kind is None:
                raise FieldProblem(f"услуга № {number}: неизвестный вид «{item['kind']}»; допустимы: "
                                   + ", ".join(ServiceKind.values))
            parsed.append((kind, _text(item.get("description"), 255)))
        elif isinstance(item, str):
            head, colon, tail = item.partition(":")
            if KINDS.get(item.strip().casefold()):
                parsed.append((KINDS[item.strip().casefold()], ""))
            elif colon and KINDS.get(head.strip().casefold()):
                parsed.append((KINDS[head.strip().casefold()], _text(tail, 255)))
            elif item.strip():
                parsed.append((ServiceKind.OTHER.value, _text(item, 255)))
        else:
            raise FieldProblem(f"услуга № {number}: ожидается строка или объект")
    return tuple(parsed)


class _Known:
    """What rows refer to, by name key: organisations (the directory's and the file's), places, sectors, needs,
    solutions by slug."""

    def __init__(self, provided=(), solutions=(), brought=None, new_cities=None):
        self.organizations = {name_key(org.name): org for org in Organization.objects.only("pk", "name")}
        self.provided = {name_key(name) for name in provided}
        # Sectors and needs the file's solutions bring: the solutions section creates them before labs are written.
        self.brought = {key: {name_key(name) for name in names} for key, names in (brought or {}).items()}
        self.places = {name_key(place.name): place for place in Region.objects.only("pk", "name", "kind", "parent")}
        # Cities the file's organisations add (city name key → its region's name key), created before the labs.
        self.new_cities = {key: region for key, region in (new_cities or {}).items() if key not in self.places}
        self.names = {key: NameIndex(model) for key, model in MANY.items()}
        self.solutions = set(SolutionPage.objects.values_list("slug", flat=True)) | set(solutions)

    def region_of(self, city_key):
        """The name key of a city's region ("" if none)."""
        if city_key in self.new_cities:
            return self.new_cities[city_key]
        parent_id = self.places[city_key].parent_id
        return next((key for key, place in self.places.items() if place.pk == parent_id), "")

    def errors(self, row):
        values, errors = row.values, []
        host = values.get("organization")
        if host and name_key(host) not in self.organizations and name_key(host) not in self.provided:
            errors.append(RowError(row.where, "organization", f"неизвестная организация «{host}»; добавьте её в "
                                                              "справочник или в раздел organizations файла"))
        for key, kind in (("city", Region.Kind.CITY), ("region", Region.Kind.REGION)):
            place = self.places.get(name_key(values.get(key) or ""))
            if key == "city" and name_key(values.get(key) or "") in self.new_cities:
                continue
            if values.get(key) and (place is None or place.kind != kind):
                errors.append(RowError(row.where, key, f"неизвестный {'город' if key == 'city' else 'регион'} "
                                                       f"«{values[key]}»"))
        for key, index in self.names.items():
            missing = [name for name in index.missing(values.get(key, ()))
                       if name_key(name) not in self.brought.get(key, ())]
            if missing:
                errors.append(RowError(row.where, key, "нет в справочнике: " + ", ".join(missing)))
        unknown = [slug for slug in values.get("solutions", ()) if slug not in self.solutions]
        if unknown:
            errors.append(RowError(row.where, "solutions", "нет решений с адресами: " + ", ".join(unknown)))
        return errors


def _current(lab, key):
    """A lab's value of an import field in the shape a parsed row has."""
    if key == "organization":
        return name_key(lab.organization.name)
    if key in ("city", "region"):
        place = getattr(lab, key)
        return name_key(place.name) if place else ""
    if key == "year":
        return lab.year_opened
    if key == "body":
        return tuple((block["type"], block["value"]) for block in lab.body.raw_data)
    if key == "equipment":
        return tuple((item.name, item.model, item.specs) for item in lab.equipment.all())
    if key == "services":
        return tuple((item.kind, item.description) for item in lab.services.all())
    if key in MANY:
        return frozenset(name_key(item.name) for item in getattr(lab, key).all())
    if key == "solutions":
        return frozenset(item.slug for item in lab.solutions.all())
    return getattr(lab, key)


def _comparable(key, value):
    if key in ("organization", "city", "region"):
        return name_key(value or "")
    if key in MANY:
        return frozenset(name_key(name) for name in value)
    if key == "solutions":
        return frozenset(value)
    return value


def plan(rows, context):
    """Compare every row with the lab of the same slug; errors for unknown hosts, places, names, solutions and
    for a title another lab already has."""
    solutions = context.rows.get("solutions", ())
    known = _Known(context.provided_names("organizations"), [row.slug for row in solutions],
                   {key: [name for row in solutions for name in row.values.get(key, ())] for key in MANY},
                   {name_key(row.values["city"]): name_key(row.values["region"])
                    for row in context.rows.get("organizations", ())
                    if row.values.get("city") and row.values.get("region")})
    labs = {lab.slug: lab for lab in LabPage.objects.select_related("organization", "city", "region")
            .prefetch_related("equipment", "services", "sectors", "needs", "solutions")}
    by_title = {name_key(lab.title): lab for lab in labs.values()}
    items, errors = [], []
    for row in rows:
        lab = labs.get(row.slug)
        row_errors = known.errors(row)
        other = by_title.get(name_key(row.values["title"]))
        if other is not None and other is not lab:
            row_errors.append(RowError(row.where, "title", f"такое название уже у лаборатории «{other.slug}»"))
        errors.extend(row_errors)
        if row_errors:
            continue
        if lab is None:
            items.append(PlannedRow(CREATE, row))
            continue
        wanted = {key: _comparable(key, value) for key, value in row.values.items()}
        if "region" in wanted and not wanted["region"] and wanted.get("city"):
            wanted["region"] = known.region_of(wanted["city"])  # as LabPage.save fills it
        changed = tuple(key for key, value in wanted.items() if value != _current(lab, key))
        if not lab.live:
            changed += ("live",)
        items.append(PlannedRow(UPDATE if changed else UNCHANGED, row, lab.pk, changed))
    if errors:
        raise ImportValidationError(errors)
    return Plan(items=items)


def apply(lab_plan, context):
    """Create or update the planned labs: published, or submitted to moderation with `context.submit_by`."""
    index = LabIndexPage.objects.get()
    known = _Known()
    existing = LabPage.objects.in_bulk([item.page_id for item in lab_plan.writes if item.page_id])
    written = []
    for item in lab_plan.writes:
        lab = existing.get(item.page_id) or LabPage(slug=item.row.slug, live=False, owner=context.submit_by)
        _fill(lab, item.row.values, known)
        if lab.pk is None:
            index.add_child(instance=lab)
        revision = lab.save_revision(user=context.submit_by, log_action=True)
        if context.submit_by:
            workflow = lab.get_workflow()
            if workflow and not lab.workflow_in_progress:
                workflow.start(lab, context.submit_by)
        else:
            revision.publish()
        written.append(lab.pk)
        context.row_written()
    return written


def _fill(lab, values, known):
    for key, value in values.items():
        if key == "organization":
            lab.organization = known.organizations[name_key(value)]
        elif key in ("city", "region"):
            setattr(lab, key, known.places.get(name_key(value)) if value else None)
        elif key == "year":
            lab.year_opened = value
        elif key == "body":
            lab.body = [(block_type, RichText(html)) for block_type, html in value]
        elif key == "equipment":
            lab.equipment = [LabEquipment(name=name, model=model, specs=specs) for name, model, specs in value]
        elif key == "services":
            lab.services = [LabService(kind=kind, description=description) for kind, description in value]
        elif key in MANY:
            getattr(lab, key).set([known.names[key].by_key[name_key(name)] for name in value])
        elif key == "solutions":
            lab.solutions.set(list(SolutionPage.objects.filter(slug__in=value)))
        else:
            setattr(lab, key, value)


def describe(item):
    return f"{item.row.slug}: «{item.row.name}»"


# The template's laboratory: clearly illustrative (no such lab is claimed), hosted by the template's organisation
# and related to its solution; no contact, accreditation or instrument model is invented.
EXAMPLE = {
    "slug": "example-mine-water-analysis-lab",
    "title": "Лаборатория анализа шахтных вод (пример)",
    "organization": "КузГТУ",
    "city": "Кемерово",
    "region": "Кемеровская область",
    "year": "",
    "summary": "Пример строки шаблона: лаборатория, которая подбирает и проверяет схемы очистки шахтных вод.",
    "body": "Иллюстративная строка: замените её сведениями о настоящей лаборатории.\n\nПустая строка начинает "
            "новый абзац.",
    "equipment": "Стенд очистки воды |  | пилотные испытания схем очистки; Спектрофотометр |  | химический анализ "
                 "воды",
    "services": "analysis: химический анализ воды; prototyping: пилотные испытания установок",
    "accreditation": "",
    "sectors": "Экология и рекультивация",
    "needs": "Очистка шахтных вод",
    "solutions": "mine-water-treatment",
}
HELP = {
    "slug": "адрес страницы /labs/<slug>/: латиница, цифры, дефис; строка с тем же адресом обновляет лабораторию",
    "title": "название лаборатории или центра, до 255 символов",
    "organization": "организация, при которой работает, — из справочника или с листа «Организации»",
    "city": "город из справочника регионов и городов",
    "region": "регион; пусто — регион города",
    "year": "год открытия",
    "summary": "одно-два предложения для карточки, до 600 символов",
    "body": "подробно; пустая строка начинает новый абзац",
    "equipment": "оборудование «название | модель | характеристики» через «;»",
    "services": "услуги внешним заказчикам «вид: что именно» через «;»; виды: " + ", ".join(
        f"{value} ({label})" for value, label in ServiceKind.choices) + "; текст без вида — «другое»",
    "accreditation": "аттестаты и области аккредитации — только подтверждённые",
    "sectors": "отрасли через «;» — из справочника или из решений файла",
    "needs": "потребности городов через «;» — из справочника или из решений файла",
    "solutions": "адреса (slug) связанных решений через «;» — из каталога или с листа «Решения»",
}
TEMPLATE = (TemplateSheet(columns=KNOWN_FIELDS, required=REQUIRED_FIELDS, example=EXAMPLE, help=HELP,
                          note="по строке на лабораторию или центр; читается после организаций и решений"),)

SECTION = Section(key="labs", label="Лаборатории", order=110, validate=validate, plan=plan, apply=apply,
                  describe=describe, template=TEMPLATE)
