"""What the comparison table and the programme annex (DOCX, XLSX, PDF) say about each solution, in order.

One list for every output, so a new row is one line here: the comparison and all three exports show it.
"""
from collections.abc import Callable
from dataclasses import dataclass

from catalogue.outputs.exports import certificates_text, deployment_text


@dataclass(frozen=True)
class Field:
    label: str
    value: Callable  # solution → plain text ("" when unknown)


def _names(relation):
    return lambda solution: ", ".join(item.name for item in getattr(solution, relation).all())


def _deployments(solution):
    deployments = list(solution.deployments.all())
    return f"{len(deployments)}: " + "; ".join(map(deployment_text, deployments)) if deployments else ""


def _effects(solution):
    return "; ".join(f"{effect.value['value']} — {effect.value['label']}"
                     for deployment in solution.deployments.all() for effect in deployment.effects)


def _price(solution):
    parts = []
    if solution.price_from is not None:
        parts.append(f"от {solution.price_from:,} ₽".replace(",", "\N{NO-BREAK SPACE}"))
    if solution.price_note:
        parts.append(solution.price_note)
    if solution.payback_months is not None:
        parts.append(f"окупаемость {solution.payback_months} мес.")
    return "; ".join(parts)


FIELDS = (
    Field("Стадия", lambda solution: solution.stage.name),
    Field("УГТ", lambda solution: f"{solution.trl} — {solution.trl_label}"),
    Field("Решает задачи", _names("needs")),
    Field("Разработчик", _names("organizations")),
    Field("Где внедрено или предлагается", _names("regions")),
    Field("Внедрения", _deployments),
    Field("Измеренные эффекты", _effects),
    Field("Формы сотрудничества", lambda solution: ", ".join(solution.cooperation_labels)),
    Field("Цена и окупаемость", _price),
    Field("Сертификаты и разрешения", certificates_text),
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
