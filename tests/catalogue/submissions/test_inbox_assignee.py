"""The inbox's «Ответственный» (who answers an item, the filter «мои») and the new-items count on its menu."""
import csv
import io
import json
import re

import pytest
from django.test import Client

from catalogue.models import NeedSubmission, SolutionRequest
from catalogue.submissions.groups import EDITORS, MODERATORS
from tests.catalogue.submissions.helpers import admin_user
from tests.factories import SolutionPageFactory

pytestmark = pytest.mark.django_db
INDEX = "/admin/solution_requests/"


def request_from(name, **fields):
    solution = SolutionPageFactory(title="Очистка шахтных вод")
    return SolutionRequest.objects.create(solution=solution, solution_title=solution.title, name=name,
                                          city="Новокузнецк", role="city", email="a@example.org", message="…",
                                          **fields)


@pytest.fixture
def anna(client):
    user = admin_user("anna", EDITORS, first_name="Анна", last_name="Редактор")
    client.force_login(user)
    return user


@pytest.fixture
def boris():
    return admin_user("boris", MODERATORS, first_name="Борис", last_name="Модератор")


def sidebar_labels(html):
    """The labels of the admin's sidebar menu, which the page carries as JSON for its JavaScript."""
    data = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    return re.findall(r'"label": "([^"]*)"', json.loads(json.dumps(data.group(1))).encode().decode("unicode_escape"))


def test_taking_a_new_item_into_work_makes_you_its_assignee(client, anna):
    item = request_from("Пётр")
    assert client.post(f"{INDEX}edit/{item.pk}/", {"status": "in_progress", "assignee": "", "note": ""}).status_code \
        == 302
    item.refresh_from_db()
    assert item.assignee == anna
    history = client.get(f"{INDEX}history/{item.pk}/").content.decode()
    assert "Статус: новая → в работе. Ответственный: Анна Редактор" in history


def test_assigning_someone_else_is_kept_and_logged(client, anna, boris):
    item = request_from("Пётр")
    form = client.get(f"{INDEX}edit/{item.pk}/").content.decode()
    assert "Борис Модератор" in form and "Ответственный" in form
    client.post(f"{INDEX}edit/{item.pk}/", {"status": "new", "assignee": str(boris.pk), "note": "Ему ближе"})
    item.refresh_from_db()
    assert item.assignee == boris and item.status == "new"
    assert "Ответственный: Борис Модератор. Ему ближе" in client.get(f"{INDEX}history/{item.pk}/").content.decode()


def test_only_inbox_workers_can_be_assigned(client, anna, django_user_model):
    outsider = django_user_model.objects.create_user(username="outsider", password="x", is_staff=True)
    item = request_from("Пётр")
    response = client.post(f"{INDEX}edit/{item.pk}/", {"status": "new", "assignee": str(outsider.pk), "note": ""})
    assert response.status_code == 200 and "Выберите корректный вариант" in response.content.decode()
    item.refresh_from_db()
    assert item.assignee is None


def test_filter_mine_and_unassigned(client, anna, boris):
    request_from("Мой запрос", assignee=anna)
    request_from("Запрос Бориса", assignee=boris)
    request_from("Ничей запрос")

    mine = client.get(INDEX + "?assignee=me").content.decode()
    nobodys = client.get(INDEX + "?assignee=none").content.decode()
    assert "Мой запрос" in mine and "Запрос Бориса" not in mine and "Ничей запрос" not in mine
    assert "Ничей запрос" in nobodys and "Мой запрос" not in nobodys
    assert "Анна Редактор" in client.get(INDEX).content.decode()  # the column


def test_export_names_the_assignee(client, anna):
    request_from("Пётр", assignee=anna)
    response = client.get(INDEX + "?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["Ответственный"] == "Анна Редактор"


def test_the_menu_shows_how_many_new_items_wait(client, anna):
    request_from("Первый"), request_from("Второй"), request_from("Закрытый", status="closed")
    NeedSubmission.objects.create(name="Иван", city="Прокопьевск", need_text="Очистка стоков", scale="city",
                                  timing="year")
    labels = sidebar_labels(client.get("/admin/").content.decode())
    assert "Обращения (3)" in labels
    assert "Запросы решений (2)" in labels and "Потребности городов (1)" in labels


def test_no_count_when_nothing_is_new(client, anna):
    request_from("Закрытый", status="closed")
    labels = sidebar_labels(client.get("/admin/").content.decode())
    assert "Обращения" in labels and "Запросы решений" in labels


def test_people_outside_the_groups_see_no_inbox_menu(db):
    request_from("Первый")
    client = Client()
    client.force_login(admin_user("plain"))
    labels = sidebar_labels(client.get("/admin/").content.decode())
    assert not any(label.startswith("Обращения") for label in labels)

