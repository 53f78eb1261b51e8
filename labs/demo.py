"""Demo laboratories: the Центр инженерных разработок по углехимии named in НОЦ's report, and a few illustrative
laboratories that show what a lab card holds. Illustrative ones say so in their title and text; none names a
person, a phone, an address or an instrument model, and every lab is reached through НОЦ.
"""
from catalogue.demo.content import NOC
from catalogue.demo.loader import add_published_child
from catalogue.demo.story import paragraph, story
from catalogue.models import Need, Organization, Sector, SolutionPage
from labs.models import LabEquipment, LabIndexPage, LabPage, LabService, ServiceKind

ILLUSTRATIVE = "(пример)"
ILLUSTRATIVE_NOTE = paragraph(
    "Иллюстративная карточка: она показывает, как в каталоге будет описана лаборатория вуза или института — "
    "оборудование, услуги, с какими задачами обращаться. Сведения о реальных лабораториях участников НОЦ "
    "редакция добавит по мере их подтверждения.")

LABS = [
    {
        "slug": "coal-chemistry-engineering-centre",
        "title": "Центр инженерных разработок по углехимии",
        "organization": NOC,
        "summary": "Первый в стране центр инженерных разработок по углехимии: консорциум НОЦ «Кузбасс – Донбасс», "
                   "КузГТУ, ФИЦ угля и углехимии СО РАН, ДонГТУ и СибГИУ получил на его создание грант "
                   "Минпромторга России осенью 2025 года.",
        "sectors": ["Углехимия и глубокая переработка угля"],
        "needs": ["Диверсификация экономики", "Замещение импорта"],
        "solutions": ["coal-chemistry-engineering-centre"],
        "services": [(ServiceKind.RESEARCH, "инженерные разработки в области глубокой переработки угля")],
        "body": story(
            ("Что известно",
             "Осенью 2025 года консорциум в составе НОЦ «Кузбасс – Донбасс», Кузбасского государственного "
             "технического университета, Федерального исследовательского центра угля и углехимии СО РАН, "
             "Донбасского государственного технического университета и Сибирского государственного "
             "индустриального университета получил грант Минпромторга РФ на создание первого в стране Центра "
             "инженерных разработок по углехимии."),
            ("Как обратиться",
             "Центр создаётся; об оборудовании и услугах для внешних заказчиков редакция сообщит, когда они "
             "будут подтверждены. Вопросы принимает НОЦ."),
        ),
    },
    {
        "slug": "example-coal-analysis-lab",
        "title": f"Лаборатория анализа углей и продуктов углехимии {ILLUSTRATIVE}",
        "organization": "ФИЦ УУХ СО РАН",
        "summary": "Пример карточки: лаборатория, которая исследует состав и структуру углей и продуктов их "
                   "переработки для предприятий и других исследовательских групп.",
        "sectors": ["Углехимия и глубокая переработка угля"],
        "needs": ["Диверсификация экономики"],
        "equipment": [("Рентгеновский дифрактометр", "", "фазовый состав твёрдых образцов"),
                      ("Элементный анализатор", "", "углерод, водород, азот, сера")],
        "services": [(ServiceKind.ANALYSIS, "технический и элементный анализ углей"),
                     (ServiceKind.RESEARCH, "исследования продуктов углехимии")],
    },
    {
        "slug": "example-mining-equipment-testing",
        "title": f"Испытательная лаборатория горного оборудования {ILLUSTRATIVE}",
        "organization": "КузГТУ",
        "summary": "Пример карточки: лаборатория, которая проверяет узлы и материалы горных машин до их выхода "
                   "в забой.",
        "sectors": ["Машиностроение", "Горное дело"],
        "needs": ["Замещение импорта", "Безопасность труда"],
        "equipment": [("Машина трения", "", "испытания на износ пар трения"),
                      ("Испытательная машина", "", "растяжение, сжатие, изгиб")],
        "services": [(ServiceKind.TESTING, "испытания на износ и прочность"),
                     (ServiceKind.TRAINING, "стажировки инженеров предприятий")],
    },
    {
        "slug": "example-water-lab",
        "title": f"Лаборатория очистки шахтных вод {ILLUSTRATIVE}",
        "organization": "ДонГТУ",
        "summary": "Пример карточки: лаборатория, которая подбирает и проверяет схемы очистки шахтных и "
                   "карьерных вод.",
        "sectors": ["Экология и рекультивация"],
        "needs": ["Очистка воды"],
        "equipment": [("Стенд очистки воды", "", "пилотные испытания схем очистки")],
        "services": [(ServiceKind.ANALYSIS, "химический анализ воды"),
                     (ServiceKind.PROTOTYPING, "пилотные испытания установок")],
    },
]


def build_lab(data):
    organization = Organization.objects.get(name=data["organization"])
    illustrative = ILLUSTRATIVE in data["title"]
    page = LabPage(title=data["title"], slug=data["slug"], summary=data["summary"], organization=organization,
                   # An illustrative lab sits in its host's city; where the real centre will work is not said yet.
                   city=organization.city if illustrative else None,
                   body=[*data.get("body", []), *([ILLUSTRATIVE_NOTE] if illustrative else [])])
    page.sectors = Sector.objects.filter(name__in=data["sectors"])
    page.needs = Need.objects.filter(name__in=data["needs"])
    page.solutions = SolutionPage.objects.filter(slug__in=data.get("solutions", []))
    page.equipment = [LabEquipment(name=name, model=model, specs=specs) for name, model, specs in
                      data.get("equipment", [])]
    page.services = [LabService(kind=kind, description=text) for kind, text in data["services"]]
    return page


def load_labs():
    """Publish every demo lab the site does not have yet. Returns how many were created."""
    index = LabIndexPage.objects.first()
    if index is None:
        return 0
    return sum(add_published_child(index, build_lab(data)) for data in LABS)
