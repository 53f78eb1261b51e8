"""In a real browser: a moderator uploads a table, reads the dry run, applies it and watches it finish."""
import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from catalogue.models import SolutionPage
from tests.e2e.conftest import LIVE_DB, log_in_to_admin

pytestmark = [pytest.mark.e2e, LIVE_DB]

PASSWORD = "пароль-только-для-теста"
GOOD = ("title;summary;trl;sectors\r\n"
        "Очистка шахтных вод;Очищает воды до норм сброса.;8;Экология\r\n"
        "Съёмка отвалов с БПЛА;Объём отвалов за один вылет.;5;Горное дело\r\n")


@pytest.fixture
def moderator(page, live_server, django_user_model):
    # The import runs inside the request here (test settings): the test database is SQLite in memory, whose
    # table locks would fail the page's reads while a background thread writes. The thread and the polling
    # page are tested in tests/catalogue/test_import_admin.py.
    user = django_user_model.objects.create_user(username="moderator", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Модераторы НОЦ"))
    return log_in_to_admin(page, live_server, "moderator", PASSWORD)


def choose_file(page, name, text, encoding="cp1251"):
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode(encoding)}])
    page.get_by_role("button", name="Проверить файл").click()


def test_upload_dry_run_apply(moderator):
    moderator.get_by_role("button", name="Справочники").click()
    moderator.get_by_role("link", name="Импорт решений").click()
    expect(moderator.locator("h1")).to_contain_text("Импорт решений")

    choose_file(moderator, "решения.csv", GOOD)
    expect(moderator.locator("[data-count=new]")).to_have_text("2")
    expect(moderator.locator(".noc-import-diff")).to_contain_text("Съёмка отвалов с БПЛА")
    assert not SolutionPage.objects.exists()  # a dry run writes nothing

    moderator.get_by_role("button", name="Применить").click()
    expect(moderator.locator("[data-result]")).to_contain_text("Создано 2, обновлено 0", timeout=20_000)
    assert SolutionPage.objects.live().count() == 2
    public = moderator.request.get(moderator.url.split("/admin/")[0] + "/catalogue/ochistka-shakhtnykh-vod/")
    assert public.status == 200


def test_bad_file_shows_errors_and_changes_nothing(moderator):
    moderator.goto(moderator.url + "catalogue/import/")
    choose_file(moderator, "решения.csv", GOOD + "Третье;;12;\r\n")
    errors = moderator.locator(".noc-import-errors")
    expect(errors).to_contain_text("Ничего не записано")
    expect(errors.locator("tbody tr")).to_have_count(2)
    expect(errors).to_contain_text("Строка 4 («trete»)")
    expect(errors).to_contain_text("обязательное поле не заполнено")
    assert not SolutionPage.objects.exists()
