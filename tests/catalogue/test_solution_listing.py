"""«Решения» in the admin: the flat listing of solutions with the columns and filters editors work by."""
import datetime
import re

import pytest
from wagtail.images.tests.utils import Image, get_test_image_file

from tests.factories import OrganizationFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db
URL = "/admin/solutions/"


@pytest.fixture
def solutions():
    image = Image.objects.create(title="Схема", file=get_test_image_file())
    return {
        "ready": SolutionPageFactory(title="Готовая", trl=9, last_verified=datetime.date(2026, 3, 1),
                                     hero_image=image, organizations=[OrganizationFactory(name="КузГТУ")]),
        "idea": SolutionPageFactory(title="Идея", trl=2, organizations=[OrganizationFactory(name="СибГИУ")]),
    }


def titles(member, **params):
    html = re.sub(r"\s+", " ", member("Редакторы НОЦ").get(URL, params).content.decode())
    return {title for title in ("Готовая", "Идея") if f"> {title} <" in html or f">{title}<" in html}, html


@pytest.mark.parametrize(("params", "expected"), [
    ({}, {"Готовая", "Идея"}),
    ({"trl": "9"}, {"Готовая"}),
    ({"stage": "research"}, {"Идея"}),
    ({"has_image": "true"}, {"Готовая"}),
    ({"has_image": "false"}, {"Идея"}),
    ({"last_verified_from": "2026-01-01"}, {"Готовая"}),
])
def test_filters(member, solutions, params, expected):
    assert titles(member, **params)[0] == expected


def test_filter_by_organisation_and_columns(member, solutions):
    organisation = solutions["idea"].organizations.get()
    found, html = titles(member, organizations=organisation.pk)
    assert found == {"Идея"}
    for heading in ("УГТ", "Последняя проверка", "Изображение", "Разработчики и партнёры"):
        assert heading in html
    assert "СибГИУ" in html
