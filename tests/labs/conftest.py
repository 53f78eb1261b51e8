import pytest

from labs.models import ServiceKind
from tests.catalogue.test_permissions import editor, make_member, moderator_client  # noqa: F401  (admin users)
from tests.factories import (
    LabPageFactory,
    NeedFactory,
    OrganizationFactory,
    RegionFactory,
    SectorFactory,
    SolutionPageFactory,
)


@pytest.fixture
def labs(db):
    """Three live labs at two hosts in two regions, with equipment and services to find, and one draft."""
    kuzbass = RegionFactory(name="Кемеровская область", slug="kuzbass")
    kemerovo = RegionFactory(name="Кемерово", slug="kemerovo", kind="city", parent=kuzbass)
    dnr = RegionFactory(name="Донецкая Народная Республика", slug="dnr")
    donetsk = RegionFactory(name="Донецк", slug="donetsk", kind="city", parent=dnr)
    kuzgtu = OrganizationFactory(name="КузГТУ", slug="kuzgtu")
    fic = OrganizationFactory(name="ФИЦ УУХ СО РАН", slug="fic")
    chemistry = SectorFactory(name="Углехимия", slug="coal-chemistry")
    materials = SectorFactory(name="Строительство и материалы", slug="materials")
    water = NeedFactory(name="Очистка воды", slug="water")
    solution = SolutionPageFactory(title="Модульная очистка шахтных вод", slug="mine-water")
    return {
        "xray": LabPageFactory(
            title="Лаборатория структурного анализа углей", slug="xray", organization=fic, city=kemerovo,
            year_opened=2021, summary="Исследует состав и структуру углей и продуктов их переработки.",
            sectors=[chemistry], equipment=[("Рентгеновский дифрактометр", "ДРОН-8", "Cu-анод, 2θ от 5° до 140°")],
            services=[(ServiceKind.ANALYSIS, "фазовый анализ углей и золы")]),
        "wear": LabPageFactory(
            title="Испытательный центр горного оборудования", slug="wear", organization=kuzgtu, city=kemerovo,
            summary="Проверяет узлы горных машин до выхода в забой.", sectors=[materials],
            equipment=[("Машина трения", "СМЦ-2", "испытания на износ пар трения")],
            services=[(ServiceKind.TESTING, "испытания на износ и усталость"),
                      (ServiceKind.TRAINING, "стажировки инженеров")], solutions=[solution]),
        "water": LabPageFactory(
            title="Лаборатория водоподготовки", slug="water-lab", organization=kuzgtu, city=donetsk,
            summary="Подбирает схемы очистки шахтных вод.", needs=[water],
            services=[(ServiceKind.ANALYSIS, "химический анализ воды")]),
        "draft": LabPageFactory(title="Черновик лаборатории", slug="draft-lab", organization=kuzgtu, live=False),
    }
