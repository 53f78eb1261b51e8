"""«Отчёты → Состояние каталога»: what needs an editor's attention, and the one-click «Подтвердить актуальность»."""
import datetime
import re
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from catalogue.models import SolutionRequest
from tests.factories import OrganizationFactory, SolutionPageFactory, publish

pytestmark = pytest.mark.django_db
URL = "/admin/reports/catalogue-health/"



@pytest.fixture
def solutions():
    today = timezone.localdate()
    fresh = publish(SolutionPageFactory(title="Свежая", last_verified=today, contact="Отдел трансфера",
                                        organizations=[OrganizationFactory(name="КузГТУ")]))
    stale = publish(SolutionPageFactory(title="Давняя", last_verified=today - datetime.timedelta(days=400)))
    never = publish(SolutionPageFactory(title="Непроверенная"))
    for _ in range(2):
        SolutionRequest.objects.create(solution=stale, name="Иван", email="ivan@example.org", message="Нужно",
                                       solution_title="Давняя")
    return fresh, stale, never


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def row_of(html, title):
    start = html.index(f"> {title} <")
    return html[start:html.index("</tr>", start)]


def test_report_lists_problems_and_requests(member, solutions):
    html = text(member("Модераторы НОЦ").get(URL))

    assert "давно не проверялось" in row_of(html, "Давняя")
    assert "не проверялось" in row_of(html, "Непроверенная")
    assert "нет организации" in row_of(html, "Давняя") and "нет контакта" in row_of(html, "Давняя")
    assert "нет организации" not in row_of(html, "Свежая")
    assert "<td > 2 </td>" in row_of(html, "Давняя")
    # The row links to the editor.
    assert f"/admin/pages/{solutions[1].pk}/edit/" in html


def test_filter_by_problem(member, solutions):
    html = text(member("Модераторы НОЦ").get(URL, {"problem": "never"}))
    assert "> Непроверенная <" in html and "> Давняя <" not in html and "> Свежая <" not in html


def test_verify_in_one_click_is_in_the_page_history(member, solutions):
    _, stale, _ = solutions
    moderator = member("Модераторы НОЦ")
    assert "Подтвердить актуальность" in row_of(text(moderator.get(URL)), "Давняя")

    response = moderator.post(f"{URL}{stale.pk}/verify/", {"next": URL})

    assert response.status_code == 302
    stale.refresh_from_db()
    assert stale.last_verified == timezone.localdate()
    assert PageLogEntry.objects.filter(page=stale, action="catalogue.verified").exists()
    history = moderator.get(f"/admin/pages/{stale.pk}/history/").content.decode()
    assert "Актуальность подтверждена" in history
    assert "давно не проверялось" not in row_of(text(moderator.get(URL)), "Давняя")


def test_editors_see_the_report_but_cannot_verify(member, solutions):
    editor = member("Редакторы НОЦ")
    html = text(editor.get(URL))
    assert "> Давняя <" in html and "Подтвердить актуальность" not in html
    editor.post(f"{URL}{solutions[1].pk}/verify/")
    solutions[1].refresh_from_db()
    assert solutions[1].last_verified != timezone.localdate()


def test_anonymous_get_the_login_page(client):
    assert client.get(URL)["Location"].startswith("/admin/login/")


def test_dashboard_panel_counts(member, solutions):
    html = member("Редакторы НОЦ").get("/admin/").content.decode()
    assert "Требуют проверки" in html
    assert "Не проверялись: <strong>1</strong>" in html
    assert "Проверены больше 12 мес. назад: <strong>1</strong>" in html


def test_xlsx_export(member, solutions):
    response = member("Модераторы НОЦ").get(URL, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Давняя"][3] == 2
    assert "давно не проверялось" in rows["Давняя"][2]


def test_verify_never_sends_the_moderator_to_another_site(member, solutions):
    _, stale, _ = solutions
    moderator = member("Модераторы НОЦ")
    response = moderator.post(f"{URL}{stale.pk}/verify/", {"next": "https://evil.example/admin/"})
    assert response.status_code == 302 and response.url == URL


@pytest.fixture
def clicks(solutions):
    """Clicks from the search page: recent ones for «Свежая» and «Давняя», an old one that no longer counts."""
    from search.models import SearchClick

    fresh, stale, _ = solutions
    today = timezone.localdate()
    SearchClick.objects.create(page=fresh, date=today, clicks=3)
    SearchClick.objects.create(page=fresh, date=today - datetime.timedelta(days=30), clicks=4)
    SearchClick.objects.create(page=stale, date=today - datetime.timedelta(days=89), clicks=1)
    SearchClick.objects.create(page=stale, date=today - datetime.timedelta(days=120), clicks=50)
    return solutions


def test_report_counts_search_clicks_of_the_last_90_days(member, clicks):
    html = text(member("Модераторы НОЦ").get(URL))
    assert "Переходы из поиска, 90 дней" in html
    assert "<td > 7 </td>" in row_of(html, "Свежая")
    assert "<td > 2 </td> <td > 1 </td>" in row_of(html, "Давняя")  # requests, then clicks
    assert "<td > 0 </td> <td > 0 </td>" in row_of(html, "Непроверенная")


def test_report_sorts_by_search_clicks(member, clicks):
    moderator = member("Модераторы НОЦ")
    html = text(moderator.get(URL))
    assert "ordering=-recent_clicks" in html or "ordering=recent_clicks" in html
    html = text(moderator.get(URL, {"ordering": "-recent_clicks"}))
    assert html.index("> Свежая <") < html.index("> Давняя <") < html.index("> Непроверенная <")
    html = text(moderator.get(URL, {"ordering": "recent_clicks"}))
    assert html.index("> Непроверенная <") < html.index("> Давняя <") < html.index("> Свежая <")


def test_xlsx_export_has_the_search_clicks(member, clicks):
    response = member("Модераторы НОЦ").get(URL, {"export": "xlsx"})
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Переходы из поиска, 90 дней")
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert (rows["Свежая"][column], rows["Давняя"][column], rows["Непроверенная"][column]) == (7, 1, 0)


def test_report_rows_cost_the_same_queries_with_or_without_clicks(member, solutions):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.models import SearchClick

    moderator = member("Модераторы НОЦ")
    moderator.get(URL)
    with CaptureQueriesContext(connection) as before:
        moderator.get(URL)
    for page in solutions:
        SearchClick.objects.create(page=page, date=timezone.localdate(), clicks=1)
    with CaptureQueriesContext(connection) as after:
        moderator.get(URL)
    assert len(after) == len(before)
