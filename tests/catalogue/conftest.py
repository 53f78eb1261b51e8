"""A small published catalogue shared by the tests of the catalogue's other formats (feeds, exports, embed)."""
import datetime

import pytest
from django.contrib.auth.models import Group
from taggit.models import Tag

from tests.factories import (
    NeedFactory,
    OrganizationFactory,
    RegionFactory,
    SectorFactory,
    SolutionPageFactory,
    publish,
)


@pytest.fixture
def open_catalogue(db):
    """Three published solutions (published in this order) and one draft."""
    ecology = SectorFactory(name="Экология", slug="ecology")
    mining = SectorFactory(name="Горное дело", slug="mining")
    reclamation = NeedFactory(name="Рекультивация земель", slug="rekultivatsiya")
    water = NeedFactory(name="Очистка воды", slug="water")
    kuzbass = RegionFactory(name="Кемеровская область – Кузбасс", slug="kuzbass")
    kuzgtu = OrganizationFactory(name="КузГТУ", slug="kuzgtu", website="https://kuzstu.ru")
    sibgiu = OrganizationFactory(name="СибГИУ", slug="sibgiu")
    solutions = {
        "water": SolutionPageFactory(
            title="Модульная очистка шахтных вод", slug="mine-water", trl=8,
            summary="Очищает шахтные воды до норм рыбохозяйственных водоёмов.",
            sectors=[ecology], needs=[water], organizations=[kuzgtu], regions=[kuzbass]),
        "dumps": SolutionPageFactory(
            title="Рекультивация отвалов осадками сточных вод", slug="dumps", trl=7,
            summary="Биологическая рекультивация породных отвалов.", year=2023,
            last_verified=datetime.date(2026, 3, 15),
            sectors=[ecology], needs=[reclamation], organizations=[kuzgtu, sibgiu], regions=[kuzbass]),
        "reducer": SolutionPageFactory(
            title="Редуктор ленточного конвейера", slug="reducer", trl=5,
            summary="Отечественный редуктор вместо импортного.", sectors=[mining], organizations=[sibgiu]),
    }
    solutions["dumps"].tags.add(Tag.objects.create(name="почвы", slug="pochvy"))
    solutions = {key: publish(page) for key, page in solutions.items()}
    solutions["draft"] = SolutionPageFactory(title="Черновик о рекультивации", slug="draft", trl=4,
                                             needs=[reclamation])
    solutions["draft"].unpublish()
    return solutions


@pytest.fixture
def member(client, django_user_model):
    """The test client logged in as a new member of one of the НОЦ groups («Редакторы НОЦ», «Модераторы НОЦ»)."""
    def log_in(group_name):
        user = django_user_model.objects.create_user(username=group_name[:10], password="x")
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return client

    return log_in
