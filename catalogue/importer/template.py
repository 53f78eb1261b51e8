"""The XLSX template editors download from the admin: the columns the importer reads and one example row."""
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from catalogue.importer.rows import KNOWN_FIELDS, REQUIRED_FIELDS

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
}


def template_workbook():
    """The template as .xlsx bytes: sheet «Решения» (header + example), sheet «Пояснения» (what each column is)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Решения"
    sheet.append(list(KNOWN_FIELDS))
    sheet.append([EXAMPLE[name] for name in KNOWN_FIELDS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    help_sheet = workbook.create_sheet("Пояснения")
    help_sheet.append(["столбец", "обязательный", "что в нём"])
    for name in KNOWN_FIELDS:
        help_sheet.append([name, "да" if name in REQUIRED_FIELDS else "нет", HELP[name]])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
