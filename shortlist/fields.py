"""What the comparison table and the programme annex (DOCX, XLSX, PDF) say about each solution, in order.

One list for every output, so a new row is one line here: when solutions get deployments, terms of cooperation,
prices and certificates (issue 14), add a Field for each and the comparison and all three exports show it.
"""
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    label: str
    value: Callable  # solution → plain text ("" when unknown)


def _names(relation):
    return lambda solution: ", ".join(item.name for item in getattr(solution, relation).all())


FIELDS = (
    Field("Стадия", lambda solution: solution.stage.name),
    Field("УГТ", lambda solution: f"{solution.trl} — {solution.trl_label}"),
    Field("Решает задачи", _names("needs")),
    Field("Разработчик", _names("organizations")),
    Field("Где внедрено или предлагается", _names("regions")),
    Field("Отрасль", _names("sectors")),
    Field("Год разработки", lambda solution: str(solution.year or "")),
    Field("Последняя проверка сведений",
          lambda solution: solution.last_verified.strftime("%d.%m.%Y") if solution.last_verified else ""),
    Field("Кратко", lambda solution: solution.summary),
)
NOTE_LABEL = "Зачем нам это"


@dataclass
class Row:
    label: str
    values: list
    titles: list  # the solutions' titles, one per value: a phone shows each value under its solution's name

    @property
    def cells(self):
        return list(zip(self.titles, self.values, strict=True))

    @property
    def differs(self):
        """True when the solutions differ in this row: the comparison highlights it."""
        return len(set(self.values)) > 1


def rows(items):
    """The comparison's rows (one per field, then the notes), each with a value per shortlisted item."""
    titles = [item.solution.title for item in items]
    table = [Row(field.label, [field.value(item.solution) for item in items], titles) for field in FIELDS]
    if any(item.note for item in items):
        table.append(Row(NOTE_LABEL, [item.note for item in items], titles))
    return table


def record(item):
    """One item as (label, text) pairs for the annex: every field and the note."""
    return [(field.label, field.value(item.solution)) for field in FIELDS] + [(NOTE_LABEL, item.note)]
