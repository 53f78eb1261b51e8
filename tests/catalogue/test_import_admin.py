"""«Справочники → Импорт решений» in the admin: who may import, the dry run, publishing or moderation."""
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import WorkflowState

from catalogue.models import ImportJob, SolutionPage
from tests.factories import SolutionPageFactory, publish

pytestmark = pytest.mark.django_db
MENU_ITEM = '"name": "catalogue-import", "label": ' + json.dumps("Импорт решений")

URL = "/admin/catalogue/import/"
GOOD = ("title;summary;trl;sectors\r\n"
        "Очистка шахтных вод;Очищает воды до норм сброса.;8;Экология\r\n"
        "Съёмка отвалов с БПЛА;Объём отвалов за один вылет.;5;Горное дело\r\n")



def upload(client, text, name="решения.csv", encoding="cp1251"):
    return client.post(URL, {"file": SimpleUploadedFile(name, text.encode(encoding))})


def test_anonymous_visitors_get_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_editors_cannot_import_nor_see_the_menu_item(member):
    editor = member("Редакторы НОЦ")
    response = editor.get(URL)
    assert response.status_code == 403
    assert "доступен модераторам НОЦ" in response.content.decode()
    assert editor.post(URL, {"file": SimpleUploadedFile("a.csv", GOOD.encode())}).status_code == 403
    assert editor.get(f"{URL}template.xlsx").status_code == 403
    assert MENU_ITEM not in editor.get("/admin/").content.decode()
    assert not SolutionPage.objects.exists()


def test_moderators_find_it_under_the_categories_menu(member):
    moderator = member("Модераторы НОЦ")
    sidebar = moderator.get("/admin/").content.decode()  # the menu is drawn from JSON data in the page
    assert MENU_ITEM in sidebar
    categories = sidebar.index(json.dumps("Справочники"))
    assert sidebar.rindex('"wagtail.sidebar.SubMenuItem"', 0, sidebar.index(MENU_ITEM)) < categories
    assert moderator.get(URL).status_code == 200


def test_dry_run_then_publish(member):
    moderator = member("Модераторы НОЦ")
    existing = publish(SolutionPageFactory(title="Старое название", slug="ochistka-shakhtnykh-vod", trl=6,
                                           summary="Очищает воды до норм сброса."))

    response = upload(moderator, GOOD)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    dry_run = moderator.get(response["Location"]).content.decode()

    assert 'data-count="new">1<' in dry_run and 'data-count="changed">1<' in dry_run
    assert 'data-count="unchanged">0<' in dry_run
    # The diff: field, old value, new value of the changed solution; nothing is written yet.
    assert "Старое название" in dry_run and "Очистка шахтных вод" in dry_run and "УГТ" in dry_run
    assert SolutionPage.objects.count() == 1
    existing.refresh_from_db()
    assert existing.title == "Старое название"

    moderator.post(response["Location"], {"mode": "publish"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and (job.created, job.updated) == (1, 1)
    assert sorted(SolutionPage.objects.live().values_list("title", flat=True)) == [
        "Очистка шахтных вод", "Съёмка отвалов с БПЛА"]
    assert "Создано 1, обновлено 1" in moderator.get(response["Location"]).content.decode()

    # Pressing «Применить» again (a double click, the back button) does not run it twice.
    moderator.post(response["Location"], {"mode": "publish"})
    assert SolutionPage.objects.get(slug="ochistka-shakhtnykh-vod").revisions.count() == 2
    # The same file again: nothing to apply.
    again = moderator.get(upload(moderator, GOOD)["Location"]).content.decode()
    assert 'data-count="unchanged">2<' in again and "применять нечего" in again


def test_send_for_moderation_creates_drafts_in_the_workflow(member):
    moderator = member("Модераторы НОЦ")
    location = upload(moderator, GOOD, encoding="utf-8-sig")["Location"]

    moderator.post(location, {"mode": "moderate"})

    pages = SolutionPage.objects.all()
    assert len(pages) == 2 and not any(page.live for page in pages)
    states = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    assert states.count() == 2
    assert {state.workflow.name for state in states} == {"Модерация НОЦ"}
    assert "отправлены на модерацию" in moderator.get(location).content.decode()


def test_bad_file_shows_every_error_and_changes_nothing(member):
    moderator = member("Модераторы НОЦ")
    bad = GOOD + "Третье;;12;\r\n" + "Четвёртое;Кратко.;семь;\r\n"

    response = upload(moderator, bad)

    assert response.status_code == 400
    page = response.content.decode()
    assert "ошибок: 3" in page
    assert "Строка 4 («trete»)" in page and "summary" in page and "обязательное поле не заполнено" in page
    assert "ожидается целое число от 1 до 9, получено 12" in page
    assert "Строка 5 («chetviortoe»)" in page and "получено «семь»" in page
    assert not SolutionPage.objects.exists() and not ImportJob.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("решения.txt", b"title", "ожидается таблица .xlsx или .csv"),
    ("решения.xlsx", b"not a workbook", "не удалось прочитать как таблицу Excel"),
    ("решения.csv", b"slug;summary\r\nx;y\r\n", "нет обязательного столбца"),
])
def test_unreadable_files_are_explained(member, name, content, message):
    response = member("Модераторы НОЦ").post(URL, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_template_download_is_an_importable_workbook(member):
    response = member("Модераторы НОЦ").get(f"{URL}template.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    from io import BytesIO
    sheet = load_workbook(BytesIO(response.content))["Решения"]
    assert [cell.value for cell in sheet[1]][:4] == ["slug", "title", "summary", "trl"]


def test_running_import_shows_progress_and_refreshes(member):
    from catalogue.importer import jobs

    moderator = member("Модераторы НОЦ")
    location = upload(moderator, GOOD)["Location"]
    ImportJob.objects.update(status=ImportJob.Status.RUNNING, started_at=timezone.now())
    jobs.set_progress(ImportJob.objects.get().pk, 1, 2)

    page = moderator.get(location).content.decode()

    assert '<progress max="2" value="1">' in page and "1 из 2" in page
    assert '<meta http-equiv="refresh" content="2">' in page
    ImportJob.objects.update(started_at=timezone.now() - jobs.STALE_AFTER * 2)
    stale = moderator.get(location).content.decode()
    assert "ничего не записано" in stale and "http-equiv" not in stale


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_apply_runs_in_a_background_thread(member, settings):
    import threading

    settings.NOC_IMPORT_IN_BACKGROUND = True
    moderator = member("Модераторы НОЦ")
    location = upload(moderator, GOOD)["Location"]

    moderator.post(location, {"mode": "publish"})
    for thread in threading.enumerate():
        if thread.name.startswith("import-"):
            thread.join(timeout=60)

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE and job.created == 2
    assert SolutionPage.objects.live().count() == 2


def test_the_template_with_its_deployments_sheet_imports_through_the_admin(member):
    from catalogue.importer.template import template_workbook
    from tests.factories import RegionFactory

    RegionFactory(name="Кемеровская область")
    moderator = member("Модераторы НОЦ")
    response = moderator.post(URL, {"file": SimpleUploadedFile("шаблон.xlsx", template_workbook())})
    assert response.status_code == 302
    moderator.post(response["Location"], {"mode": "publish"})
    page = SolutionPage.objects.get(slug="mine-water-treatment")
    assert page.cooperation_forms == ["licence", "supply"] and page.price_from == 12_500_000
    assert [item.site for item in page.deployments.all()] == ["Очистные сооружения угольного разреза (пример)"]


def test_a_deployment_without_a_place_is_refused_in_the_admin_and_nothing_is_saved(member):
    from io import BytesIO

    from catalogue.importer.template import template_workbook

    workbook = load_workbook(BytesIO(template_workbook()))
    workbook["Внедрения"]["E2"] = ""
    out = BytesIO()
    workbook.save(out)
    response = member("Модераторы НОЦ").post(URL, {"file": SimpleUploadedFile("шаблон.xlsx", out.getvalue())})
    assert response.status_code == 400
    assert "укажите город (city) или регион (region)" in response.content.decode()
    assert not SolutionPage.objects.exists() and not ImportJob.objects.exists()
