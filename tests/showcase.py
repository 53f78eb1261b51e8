"""A small, clearly illustrative catalogue for page and browser tests: three needs, three sectors, every stage."""
import datetime

from wagtail.blocks import StreamValue

from catalogue.blocks import StoryBlock
from catalogue.models import Organization, Region
from tests.factories import NeedFactory, OrganizationFactory, RegionFactory, SectorFactory, SolutionPageFactory


def story(problem, solution, figures):
    """A solution's body told as problem → solution → effect, the way editors are asked to write it."""
    return StreamValue(StoryBlock(), [
        ("heading", "Проблема"),
        ("paragraph", f"<p>{problem}</p>"),
        ("heading", "Решение"),
        ("paragraph", f"<p>{solution}</p>"),
        ("key_figures", {"heading": "Эффект в цифрах",
                         "figures": [{"value": value, "label": label} for value, label in figures]}),
    ], is_lazy=False)


def build_showcase():
    """Create and publish the illustrative catalogue; returns the objects tests refer to by name."""
    water = NeedFactory(name="Очистка шахтных вод", description="Сброс шахтных и подотвальных вод без вреда для рек.")
    land = NeedFactory(name="Рекультивация отвалов", description="Возврат нарушенных земель в хозяйственный оборот.")
    imports = NeedFactory(name="Импортозамещение оборудования")
    ecology = SectorFactory(name="Экология")
    mining = SectorFactory(name="Горное дело")
    agro = SectorFactory(name="Сельское хозяйство")
    kuzbass = RegionFactory(name="Кемеровская область — Кузбасс")
    donbass = RegionFactory(name="Донецкая Народная Республика")
    kemerovo = RegionFactory(name="Кемерово", kind=Region.Kind.CITY, parent=kuzbass)
    novokuznetsk = RegionFactory(name="Новокузнецк", kind=Region.Kind.CITY, parent=kuzbass)
    institute = OrganizationFactory(name="Институт углехимии (пример)", kind=Organization.Kind.INSTITUTE,
                                    city=kemerovo, description="Иллюстративная организация для проверки страниц.")
    university = OrganizationFactory(name="Горный университет (пример)", city=novokuznetsk)
    rows = [
        ("Модульная станция очистки шахтных вод", "mine-water", 9, [water], [ecology, mining], [institute],
         [kuzbass, donbass]),
        ("Биосорбент для подотвальных вод", "biosorbent", 6, [water], [ecology], [university], [kuzbass]),
        ("Питомник саженцев для рекультивации", "nursery", 8, [land], [ecology, agro], [university], [kuzbass]),
        ("Гидропосев на отвалах", "hydroseeding", 4, [land], [agro], [institute], [donbass]),
        ("Отечественный насос для водоотлива", "pump", 7, [imports, water], [mining], [institute], [kuzbass]),
        ("Цифровая модель отвала", "dump-model", 2, [land], [mining], [university], []),
    ]
    solutions = {}
    for index, (title, slug, trl, needs, sectors, orgs, regions) in enumerate(rows):
        solutions[slug] = SolutionPageFactory(
            title=title, slug=slug, trl=trl, needs=needs, sectors=sectors, organizations=orgs, regions=regions,
            summary=f"{title}: иллюстративное описание для проверки каталога.",
            body=story("Города теряют деньги и здоровье жителей из-за нерешённой задачи.",
                       "Разработчики предлагают проверенную отечественную технологию.",
                       [("−40 %", "затрат на эксплуатацию"), (f"{index + 2} года", "окупаемость")]),
            year=2020 + index % 5, last_verified=datetime.date(2026, 10, 1 + index),
        )
    return {"needs": {"water": water, "land": land, "imports": imports},
            "sectors": {"ecology": ecology, "mining": mining, "agro": agro},
            "orgs": {"institute": institute, "university": university},
            "solutions": solutions}
