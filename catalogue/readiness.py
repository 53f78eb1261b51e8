"""Technology readiness: the nine УГТ levels of ГОСТ Р 58048-2017 and the public road-map stages.

A pure module (no Django models): pages, filters, the importer and the API all read levels and stages here.

Stages mirror НОЦ's road map «от идеи до серийного производства»:
    research     УГТ 1–3  Исследование
    development  УГТ 4–6  Разработка
    pilot        УГТ 7–8  Пилотное внедрение
    serial       УГТ 9    Серийное производство
"""
from dataclasses import dataclass

TRL_MIN, TRL_MAX = 1, 9

TRL_LABELS = {
    1: "Выявлены и опубликованы фундаментальные принципы",
    2: "Сформулированы техническая концепция и/или применение возможных технических решений",
    3: "Даны аналитические и экспериментальные подтверждения по важнейшим функциональным "
    "возможностям и/или характеристикам выбранной концепции",
    4: "Компоненты и/или макеты проверены в лабораторных условиях",
    5: "Компоненты и/или макеты подсистем верифицированы в условиях, близких к реальным",
    6: "Модель или прототип системы (подсистемы) продемонстрированы в условиях, близких к реальным",
    7: "Прототип системы прошёл демонстрацию в эксплуатационных условиях",
    8: "Создана законченная система, квалифицированная посредством испытаний и демонстрации",
    9: "Продемонстрирована работа реальной системы в условиях реальной эксплуатации",
}

TRL_CHOICES = [(level, f"УГТ {level} — {label}") for level, label in TRL_LABELS.items()]


@dataclass(frozen=True)
class Stage:
    slug: str
    name: str
    description: str
    trl_min: int
    trl_max: int

    @property
    def levels(self):
        return range(self.trl_min, self.trl_max + 1)

    @property
    def trl_range_label(self):
        if self.trl_min == self.trl_max:
            return f"УГТ {self.trl_min}"
        return f"УГТ {self.trl_min}–{self.trl_max}"


STAGES = (
    Stage("research", "Исследование", "Идея и научные основы: принципы, концепция, первые эксперименты.", 1, 3),
    Stage("development", "Разработка",
          "Макеты и прототипы проверены в лаборатории и в условиях, близких к реальным.", 4, 6),
    Stage("pilot", "Пилотное внедрение", "Прототип или готовая система испытаны на реальном объекте.", 7, 8),
    Stage("serial", "Серийное производство",
          "Решение работает в реальной эксплуатации и готово к тиражированию.", 9, 9),
)
STAGES_BY_SLUG = {stage.slug: stage for stage in STAGES}


def is_valid_trl(value):
    return isinstance(value, int) and not isinstance(value, bool) and TRL_MIN <= value <= TRL_MAX


def trl_label(level):
    return TRL_LABELS[level]


def stage_for(level):
    """The road-map stage of a readiness level (1–9)."""
    for stage in STAGES:
        if stage.trl_min <= level <= stage.trl_max:
            return stage
    raise ValueError(f"УГТ должен быть от {TRL_MIN} до {TRL_MAX}, получено {level!r}")
