"""The sections of an import file and the one run over all of them.

A file holds one list per kind of thing it brings: `{"organizations": [...], "solutions": [...]}` in JSON, a sheet
per section in a workbook; a plain JSON array, a CSV file or a workbook without section sheets is the solutions
section alone (the format before sections existed). Each kind registers a `Section` (catalogue/apps.py for
organisations and solutions; another app registers its own from its AppConfig.ready); this module reads the
file, validates every section (all problems at once), plans them in their order — what others refer to first —
and applies all of them in one transaction: all or nothing.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from catalogue.cache import deferred_bumps
from catalogue.importer.plan import CREATE, UNCHANGED, UPDATE
from catalogue.importer.rows import ImportValidationError
from catalogue.importer.sources import ImportFileError, read_sections, with_deployments_csv

DEFAULT_SECTION = "solutions"


@dataclass(frozen=True)
class TemplateSheet:
    """A sheet a section adds to the XLSX template editors download (catalogue/importer/template.py): its columns,
    one illustrative row and, on the sheet «Пояснения», what each column holds."""

    columns: tuple
    required: tuple  # columns a row must fill
    example: dict  # column → the illustrative row's value (no invented contacts or customers)
    help: dict  # column → what it holds, in Russian
    title: str = ""  # the sheet's title; empty: the section's label, the title the importer reads
    note: str = ""  # a line about the whole sheet above its columns in «Пояснения»


@dataclass(frozen=True)
class Section:
    """One kind of record an import brings, and how to check, plan and write it.

    `validate(source)` turns an ImportSource into rows without touching the database (raising
    ImportValidationError); `plan(rows, context)` compares them with the database and returns an object with
    `items` (PlannedRow), `count(action)` and `writes`, raising ImportValidationError for problems only the
    database reveals (an unknown region); `apply(plan, context)` writes the plan and returns the ids written,
    calling `context.progress()` once per row written.
    """

    key: str  # the JSON key, and a sheet title: "organizations"
    label: str  # Russian, as a sheet title and in summaries: «Организации»
    order: int  # sections are planned and applied in this order: what others refer to comes first
    validate: Callable
    plan: Callable
    apply: Callable
    describe: Callable = str  # a planned row in a line of the dry run: «kuzstu: «КузГТУ»»
    sheet_names: tuple = ()  # further accepted sheet titles (any letter case)
    # The solutions' name field whose names this section's rows bring (`row.name`): "organizations". Solutions
    # that name them refer to them rather than create them.
    provides: str = ""
    template: tuple = ()  # its TemplateSheets in the downloadable template, in order


SECTIONS: dict[str, Section] = {}


def register(section):
    """Add a section to every import (idempotent: AppConfig.ready may run twice in tests)."""
    SECTIONS[section.key] = section


def ordered_sections():
    return sorted(SECTIONS.values(), key=lambda section: section.order)


def sheet_names():
    """Every accepted section name in lower case → its key: the key itself, its label, its other titles."""
    names = {}
    for section in ordered_sections():
        for name in (section.key, section.label, *section.sheet_names):
            names[name.strip().lower()] = section.key
    return names


@dataclass
class ImportContext:
    """What every section's plan and apply steps share."""

    parent: object  # the catalogue index, under which solutions live
    rows: dict = field(default_factory=dict)  # section key → the validated rows of this file
    submit_by: object = None  # a user: changes to pages go to moderation instead of being published
    progress: Callable | None = None  # (done, total) over all sections' writes
    index_progress: Callable | None = None
    _done: int = 0
    _total: int = 0

    def provided_names(self, name_field):
        """The names that sections of this file bring for a solutions' name field ("organizations")."""
        return [row.name for section in ordered_sections() if section.provides == name_field
                for row in self.rows.get(section.key, ())]

    def row_written(self):
        self._done += 1
        if self.progress:
            self.progress(self._done, self._total)


@dataclass
class ImportPlan:
    """The plan of each section present in the file, in application order."""

    plans: dict  # section key → the section's plan

    def count(self, action):
        return sum(plan.count(action) for plan in self.plans.values())

    @property
    def writes(self):
        return [item for plan in self.plans.values() for item in plan.writes]

    @property
    def items(self):
        return [item for plan in self.plans.values() for item in plan.items]

    def summary(self):
        """«создано 2, обновлено 1, без изменений 0», per section when the file has several."""
        def counts(plan):
            return (f"создано {plan.count(CREATE)}, обновлено {plan.count(UPDATE)}, "
                    f"без изменений {plan.count(UNCHANGED)}")

        if len(self.plans) == 1:
            return counts(next(iter(self.plans.values())))
        return "; ".join(f"{SECTIONS[key].label.lower()}: {counts(plan)}" for key, plan in self.plans.items())


def read(file_name, data, section=None, deployments=None):
    """{section key: ImportSource} of a file's content; `section` names the one section of a CSV file;
    `deployments`: (name, bytes) of a second CSV file with the solutions' deployments."""
    default = section or DEFAULT_SECTION
    if default not in SECTIONS:
        raise ImportFileError(f"Неизвестный раздел «{default}»; допустимы: {', '.join(SECTIONS)}.")
    sources = read_sections(file_name, data, sheet_names(), default=default)
    if deployments:
        if DEFAULT_SECTION not in sources:
            raise ImportFileError("Файл внедрений дополняет таблицу решений, а в этом файле решений нет.")
        sources[DEFAULT_SECTION] = with_deployments_csv(sources[DEFAULT_SECTION], *deployments)
    return sources


def validate(sources):
    """{section key: rows}, or ImportValidationError listing the problems of every section."""
    rows, errors = {}, []
    for section in ordered_sections():
        if section.key in sources:
            try:
                rows[section.key] = section.validate(sources[section.key])
            except ImportValidationError as error:
                errors.extend(error.errors)
    if errors:
        raise ImportValidationError(errors)
    return rows


def build(rows, parent):
    """The ImportPlan of validated rows against the database as it is now; writes nothing."""
    context = ImportContext(parent=parent, rows=rows)
    plans, errors = {}, []
    for section in ordered_sections():
        if section.key in rows:
            try:
                plans[section.key] = section.plan(rows[section.key], context)
            except ImportValidationError as error:
                errors.extend(error.errors)
    if errors:
        raise ImportValidationError(errors)
    return ImportPlan(plans)


def check(file_name, data, parent, section=None, deployments=None):
    """Read, validate and plan a file: the dry run. Raises ImportFileError or ImportValidationError."""
    return build(validate(read(file_name, data, section, deployments)), parent)


def apply(plan, parent, progress=None, index_progress=None, submit_by=None):
    """Write every section's plan, in order, in one transaction. Returns {section key: ids written}."""
    context = ImportContext(parent=parent, rows={key: [item.row for item in section_plan.items]
                                                 for key, section_plan in plan.plans.items()},
                            submit_by=submit_by, progress=progress, index_progress=index_progress)
    context._total = len(plan.writes)
    with transaction.atomic(), deferred_bumps():
        return {key: SECTIONS[key].apply(section_plan, context) for key, section_plan in plan.plans.items()}
