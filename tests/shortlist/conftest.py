import pytest

from tests.factories import NeedFactory, OrganizationFactory, RegionFactory, SectorFactory, SolutionPageFactory

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def add(client, solution, **extra):
    return client.post("/podborka/add/", {"solution": solution.pk, "next": "/catalogue/"}, **ORIGIN, **extra)


def add_json(client, solution):
    return add(client, solution, HTTP_ACCEPT="application/json")


@pytest.fixture
def solutions(db):
    """Three live solutions that differ in stage and developer and share a need and a region."""
    need = NeedFactory(name="Очистка шахтных вод")
    region = RegionFactory(name="Кузбасс")
    return [
        SolutionPageFactory(title="Очистка шахтных вод мембранами", trl=9, needs=[need], regions=[region],
                            organizations=[OrganizationFactory(name="КузГТУ")],
                            sectors=[SectorFactory(name="Экология")]),
        SolutionPageFactory(title="Рекультивация отвалов", trl=5, needs=[need], regions=[region],
                            organizations=[OrganizationFactory(name="СибГИУ")]),
        SolutionPageFactory(title="Цифровой двойник шахты", trl=7, needs=[need], regions=[region],
                            organizations=[OrganizationFactory(name="ФИЦ УУХ СО РАН")]),
    ]
