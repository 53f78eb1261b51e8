"""The editors' inbox in the Wagtail admin: who may see it, status changes with notes, filters, exports, dashboard."""
import csv
import datetime
import io
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone

from catalogue.models import NeedSubmission, SolutionRequest
from catalogue.submissions.groups import EDITORS, MODERATORS
from tests.catalogue.submissions.helpers import admin_user
from tests.factories import NeedFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db
INDEX = "/admin/solution_requests/"


@pytest.fixture
def item():
    solution = SolutionPageFactory(title="Модульная установка очистки шахтных вод", slug="water")
    return SolutionRequest.objects.create(
        solution=solution, solution_title=solution.title, name="Анна Петрова", city="Новокузнецк",
        organisation="=HYPERLINK(\"http://evil.example\")", role="city", email="anna.petrova@example.org",
        phone="+7 923 123-45-67", message="Нужна установка на 200 м³ в сутки.")


@pytest.fixture
def editor(client):
    user = admin_user("editor", EDITORS, first_name="Тестовый", last_name="Редактор")
    client.force_login(user)
    return user


def raw(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def body(response):
    return raw(response).decode()


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_noc_groups_see_requests_and_needs_with_contacts(client, item, group):
    client.force_login(admin_user("member", group))
    NeedSubmission.objects.create(name="Иван Сидоров", city="Прокопьевск", need_text="Очистка стоков",
                                  scale="city", timing="year", phone="+7 923 000-00-00")

    assert "Анна Петрова" in client.get(INDEX).content.decode()
    assert "Иван Сидоров" in client.get("/admin/need_submissions/").content.decode()
    assert "Анна Петрова" in client.get(f"{INDEX}edit/{item.pk}/").content.decode()


def test_admin_user_outside_the_groups_sees_no_personal_data(client, item):
    client.force_login(admin_user("author"))

    for url in (INDEX, f"{INDEX}edit/{item.pk}/", f"{INDEX}history/{item.pk}/", f"{INDEX}?export=csv",
                "/admin/need_submissions/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Петрова" not in body(response)
    dashboard = client.get("/admin/").content.decode()
    assert "Обращения" not in dashboard and "Новые обращения" not in dashboard


def test_nobody_creates_requests_in_the_admin(client, item, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@noc.example", "pw-123456789"))

    assert client.get(f"{INDEX}new/").status_code in (302, 403)
    assert f'href="{INDEX}new/"' not in client.get(INDEX).content.decode()


def test_status_change_with_note_is_kept_in_history(client, item, editor):
    response = client.post(f"{INDEX}edit/{item.pk}/", {"status": "in_progress", "note": "Позвонили, ждём ТЗ"})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == SolutionRequest.Status.IN_PROGRESS
    assert item.name == "Анна Петрова"  # read-only fields are untouched
    history = client.get(f"{INDEX}history/{item.pk}/").content.decode()
    # Taking a new item into work makes the editor its assignee (tests/.../test_inbox_assignee.py).
    assert "Статус: новая → в работе. Ответственный: Тестовый Редактор. Позвонили, ждём ТЗ" in history
    assert "Тестовый Редактор" in history
    assert "Позвонили, ждём ТЗ" in client.get(f"{INDEX}edit/{item.pk}/").content.decode()


def test_closing_dates_the_item_and_reopening_clears_it(client, item, editor):
    client.post(f"{INDEX}edit/{item.pk}/", {"status": "closed", "note": ""})
    item.refresh_from_db()
    assert item.closed_at is not None

    client.post(f"{INDEX}edit/{item.pk}/", {"status": "in_progress", "note": "Вернулись к запросу"})
    item.refresh_from_db()
    assert item.closed_at is None


def test_filters_by_status_city_and_solution(client, item, editor):
    other_solution = SolutionPageFactory(title="Питомник саженцев", slug="nursery")
    SolutionRequest.objects.create(solution=other_solution, solution_title=other_solution.title,
                                   name="Пётр Иванов", city="Кемерово", email="p@example.org", message="Нужны саженцы",
                                   status=SolutionRequest.Status.CLOSED)

    def names(query):
        html = client.get(INDEX + query).content.decode()
        return {name for name in ("Анна Петрова", "Пётр Иванов") if name in html}

    assert names("?status=new") == {"Анна Петрова"}
    assert names("?city=Кемер") == {"Пётр Иванов"}
    assert names(f"?solution={other_solution.pk}") == {"Пётр Иванов"}
    assert names("?q=Петрова") == {"Анна Петрова"}
    assert names("") == {"Анна Петрова", "Пётр Иванов"}


def test_filters_by_date_received(client, item, editor):
    item.created_at = timezone.now() - timedelta(days=40)
    item.save()
    SolutionRequest.objects.create(solution_title="Питомник саженцев", name="Пётр Иванов", city="Кемерово",
                                   email="p@example.org", message="Нужны саженцы")
    since = (timezone.localdate() - timedelta(days=7)).isoformat()

    html = client.get(f"{INDEX}?created_at_from={since}").content.decode()

    assert "Пётр Иванов" in html and "Анна Петрова" not in html


@pytest.mark.parametrize("query", ["?status=bogus", "?solution=abc", "?created_at_from=вчера", "?page=999"])
def test_bad_filter_values_give_a_normal_page(client, item, editor, query):
    assert client.get(INDEX + query).status_code in (200, 404)


def test_csv_export_has_contacts_and_defuses_formulas(client, item, editor):
    response = client.get(INDEX + "?export=csv")

    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert response["Content-Disposition"].startswith('attachment; filename="zaprosy-resheniy.csv"')
    assert rows[0]["Имя"] == "Анна Петрова"
    assert rows[0]["Телефон"] == "+7 923 123-45-67"
    assert rows[0]["Статус"] == "новая"
    assert rows[0]["Организация"] == "'=HYPERLINK(\"http://evil.example\")"


def test_xlsx_export_lists_needs_with_categories(client, editor, django_assert_max_num_queries):
    water = NeedFactory(name="Очистка воды")
    need = NeedSubmission.objects.create(name="Иван Сидоров", city="Прокопьевск", need_text="Очистка стоков",
                                         scale="city", timing="year", email="i@example.org")
    need.needs.set([water])

    response = client.get("/admin/need_submissions/?export=xlsx")
    for number in range(5):
        NeedSubmission.objects.create(name=f"Житель {number}", city="Белово", need_text="Очистка стоков",
                                      scale="city", timing="year", email="b@example.org").needs.set([water])
    with django_assert_max_num_queries(8):
        many = raw(client.get("/admin/need_submissions/?export=xlsx"))

    sheet = openpyxl.load_workbook(io.BytesIO(raw(response))).active
    rows = list(sheet.values)
    header = dict(zip(rows[0], rows[1], strict=True))
    assert len(list(openpyxl.load_workbook(io.BytesIO(many)).active.values)) == 7
    assert header["Город или муниципалитет"] == "Прокопьевск"
    assert header["Категории"] == "Очистка воды"
    assert header["Масштаб"] == "город или муниципальный округ"


def test_dashboard_counts_new_items_for_the_groups(client, item, editor):
    NeedSubmission.objects.create(name="Иван Сидоров", city="Прокопьевск", need_text="Очистка стоков",
                                  scale="city", timing="year", status=NeedSubmission.Status.CLOSED)

    html = client.get("/admin/").content.decode()

    assert "Новые обращения" in html
    assert "Запросы решений: <strong>1</strong>" in html
    assert "Потребности городов: <strong>0</strong>" in html
    assert "уведомление не&nbsp;ушло" not in html


def test_dashboard_points_at_undelivered_notifications(client, item, editor):
    item.mail_state = SolutionRequest.MailState.FAILED
    item.save()

    html = client.get("/admin/").content.decode()

    assert f'href="{INDEX}?mail_state=failed">уведомление не&nbsp;ушло: 1</a>' in html
    assert "Анна Петрова" in client.get(INDEX + "?mail_state=failed").content.decode()


def test_exports_show_times_in_the_sites_time_zone(client, item, editor):
    """The admin shows Novokuznetsk time (UTC+7); the exports must say the same, not UTC."""
    received = datetime.datetime(2026, 3, 2, 23, 30, tzinfo=datetime.UTC)  # 3 March, 06:30 in Novokuznetsk
    type(item).objects.filter(pk=item.pk).update(created_at=received)

    rows = list(csv.DictReader(io.StringIO(body(client.get(INDEX + "?export=csv")))))
    sheet = openpyxl.load_workbook(io.BytesIO(raw(client.get(INDEX + "?export=xlsx")))).active
    values = list(sheet.values)

    assert rows[0]["Получено"] == "2026-03-03 06:30"
    assert dict(zip(values[0], values[1], strict=True))["Получено"] == datetime.datetime(2026, 3, 3, 6, 30)


def test_listing_links_contacts_and_the_solution(client, item, editor):
    html = client.get(INDEX).content.decode()

    assert '<a href="mailto:anna.petrova@example.org">anna.petrova@example.org</a>' in html
    assert '<a href="tel:+79231234567">+7 923 123-45-67</a>' in html
    assert f'<a href="{item.solution.url}" target="_blank" rel="noopener">{item.solution.title}</a>' in html
