"""The XLSX template editors download from the admin: the columns the importer reads and one example row, and the
sheet «Внедрения» with one example deployment."""
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from catalogue.importer.offer import DEPLOYMENT_COLUMNS
from catalogue.importer.rows import REQUIRED_FIELDS, TABLE_FIELDS
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


def template_workbook():
    """The template as .xlsx bytes: sheet «Решения» (header + example), sheet «Пояснения» (what each column is)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Решения"
    sheet.append(list(TABLE_FIELDS))
    sheet.append([EXAMPLE[name] for name in TABLE_FIELDS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    deployments = workbook.create_sheet(DEPLOYMENTS_SHEET)
    deployments.append(list(DEPLOYMENT_COLUMNS))
    deployments.append([DEPLOYMENT_EXAMPLE[name] for name in DEPLOYMENT_COLUMNS])
    for cell in deployments[1]:
        cell.font = Font(bold=True)
    help_sheet = workbook.create_sheet("Пояснения")
    help_sheet.append(["столбец", "обязательный", "что в нём"])
    for name in TABLE_FIELDS:
        help_sheet.append([name, "да" if name in REQUIRED_FIELDS else "нет", HELP[name]])
    help_sheet.append([])
    help_sheet.append([f"лист «{DEPLOYMENTS_SHEET}»", "", "по строке на внедрение; у решений файла — полный список"])
    for name in DEPLOYMENT_COLUMNS:
        help_sheet.append([name, "да" if name in ("slug", "site") else "нет", DEPLOYMENT_HELP[name]])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
