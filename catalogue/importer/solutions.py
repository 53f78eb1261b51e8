"""The solutions section of an import: rows.py validates, plan.py plans, apply.py writes; its sheets «Решения» and
«Внедрения» in the downloadable template."""
from catalogue.importer.apply import apply_plan
from catalogue.importer.offer import DEPLOYMENT_COLUMNS
from catalogue.importer.plan import CREATE, build_plan
from catalogue.importer.rows import REQUIRED_FIELDS, TABLE_FIELDS, name_key, validate_source
from catalogue.importer.sections import Section, TemplateSheet
from catalogue.importer.sources import DEPLOYMENTS_SHEET

# One illustrative solution (the example of docs/import.md); no contact is invented.
EXAMPLE = {
    "slug": "mine-water-treatment",
    "title": "Модульная установка очистки шахтных вод",
    "summary": "Очищает шахтные и карьерные воды до норм сброса в водоёмы.",
    "trl": 8,
    "body": "Установка собирается из блоков заводской готовности.\n\nРаботает без постоянного персонала.",
    "year": 2024,
    "contact": "",
    "title_en": "Modular mine water treatment plant",
    "summary_en": "Treats mine and open-pit water to the standards for discharge into water bodies.",
    "sectors": "Экология и рекультивация",
    "needs": "Очистка шахтных вод",
    "organizations": "КузГТУ",
    "regions": "Кемеровская область",
    "tags": "шахтные воды; очистка",
    "terms": "licence; supply",
    "price_from": 12500000,
    "price_note": "за модуль, без НДС",
    "payback_months": 30,
    "capacity": "до 20 установок в год",
    "lead_time": "4 месяца с даты договора",
}
# One illustrative deployment of the example solution: no real customer is named.
DEPLOYMENT_EXAMPLE = {
    "slug": "mine-water-treatment",
    "site": "Очистные сооружения угольного разреза (пример)",
    "organization": "",
    "city": "",
    "region": "Кемеровская область",  # as in the demo content's regions
    "year": 2024,
    "status": "пилот",
    "scale": "2 модуля, 400 м³/ч",
    "effects": "−40 % | взвешенных веществ в сбросе; 3 года | окупаемость",
    "story": "",
    "lat": "",
    "lon": "",
    "confirmed_on": "",
}
HELP = {
    "slug": "адрес страницы: латиница, цифры, дефис; пусто — из названия",
    "title": "название решения, до 255 символов",
    "summary": "одно-два предложения для карточки, до 600 символов",
    "trl": "уровень готовности (УГТ), целое число от 1 до 9",
    "body": "описание; пустая строка начинает новый абзац",
    "year": "год разработки",
    "contact": "контактное лицо или канал — только из источника",
    "title_en": "название по-английски (необязательно)",
    "summary_en": "краткое описание по-английски (необязательно)",
    "sectors": "отрасли через «;»",
    "needs": "потребности городов через «;»",
    "organizations": "разработчики и партнёры через «;»",
    "regions": "регионы и города через «;»",
    "tags": "ключевые слова через «;»",
    "terms": "формы сотрудничества через «;»: licence (лицензия), supply (поставка), service (услуга / работы), "
             "joint (совместный проект), rnd (договор НИОКР)",
    "price_from": "ориентировочная цена от, ₽, целое число",
    "price_note": "о цене: «по запросу», «за модуль»…",
    "payback_months": "срок окупаемости, месяцев",
    "capacity": "производственная мощность",
    "lead_time": "срок поставки / внедрения",
}
DEPLOYMENT_HELP = {
    "slug": "адрес решения с листа «Решения»",
    "site": "объект или заказчик (обязательно)",
    "organization": "организация из справочника (необязательно)",
    "city": "город из справочника регионов и городов",
    "region": "регион (нужен город или регион)",
    "year": "год начала, не в будущем",
    "status": "пилот, в эксплуатации или завершено",
    "scale": "масштаб: «2 модуля, 400 м³/ч»",
    "effects": "эффекты «значение | что значит» через «;»",
    "story": "коротко о внедрении",
    "lat": "широта, если точка не совпадает с городом",
    "lon": "долгота",
    "confirmed_on": "дата подтверждения заказчиком ГГГГ-ММ-ДД (только если подтверждено)",
}
TEMPLATE = (
    TemplateSheet(columns=TABLE_FIELDS, required=REQUIRED_FIELDS, example=EXAMPLE, help=HELP,
                  note="по строке на решение; организации из листа «Организации» связываются с ним"),
    TemplateSheet(title=DEPLOYMENTS_SHEET, columns=DEPLOYMENT_COLUMNS, required=("slug", "site"),
                  example=DEPLOYMENT_EXAMPLE, help=DEPLOYMENT_HELP,
                  note="по строке на внедрение; у решений файла — полный список"),
)


def plan(rows, context):
    solutions_plan = build_plan(rows, context.parent)
    # Names that another section of the file brings (its organisations) are not new categories of the solutions.
    for name_field in list(solutions_plan.new_names):
        provided = {name_key(name) for name in context.provided_names(name_field)}
        remaining = [name for name in solutions_plan.new_names[name_field] if name_key(name) not in provided]
        if remaining:
            solutions_plan.new_names[name_field] = remaining
        else:
            del solutions_plan.new_names[name_field]
    return solutions_plan


def apply(solutions_plan, context):
    return apply_plan(solutions_plan, context.parent, progress=lambda done, total: context.row_written(),
                      index_progress=context.index_progress, submit_by=context.submit_by)


def describe(item):
    """The slug, and the title of a new page: «mine-water: «Установка…»»."""
    return f"{item.row.slug}: «{item.row.values['title']}»" if item.action == CREATE else item.row.slug


SECTION = Section(key="solutions", label="Решения", order=100, validate=validate_source, plan=plan, apply=apply,
                  describe=describe, template=TEMPLATE)
