"""Laboratories in an import: the "labs" section of a JSON object and the sheet «Лаборатории» of a workbook —
published at /labs/<slug>/, idempotent, and nothing written on any error."""
import pytest
from django.core.management.base import CommandError

from catalogue.models import Region
from labs.models import LabPage
from tests.catalogue.test_import import run_import, solution, write_json
from tests.catalogue.test_import_organizations import KUZSTU, failed_import, xlsx
from tests.factories import NeedFactory, OrganizationFactory, RegionFactory, SectorFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db

XRAY = {"slug": "xray", "title": "Лаборатория структурного анализа углей", "organization": "ФИЦ УУХ СО РАН",
        "city": "Кемерово", "region": "Кемеровская область", "year": 2021,
        "summary": "Исследует состав и структуру углей.", "body": "Первый абзац.\n\nВторой абзац.",
        "equipment": [{"name": "Рентгеновский дифрактометр", "model": "ДРОН-8", "specs": "Cu-анод"}],
        "services": ["анализ и измерения: фазовый анализ золы", {"kind": "testing", "description": "износ"},
                     "поверка весов"],
        "accreditation": "Аттестат № 1", "sectors": ["Углехимия"], "needs": ["Очистка воды"],
        "solutions": ["mine-water"]}


@pytest.fixture
def directory(db):
    region = RegionFactory(name="Кемеровская область", kind=Region.Kind.REGION)
    RegionFactory(name="Кемерово", kind=Region.Kind.CITY, parent=region)
    SectorFactory(name="Углехимия")
    NeedFactory(name="Очистка воды")
    SolutionPageFactory(slug="mine-water", title="Очистка шахтных вод")
    return OrganizationFactory(name="ФИЦ УУХ СО РАН", slug="fic")


def test_labs_section_publishes_labs_with_everything_and_a_second_run_changes_nothing(tmp_path, client, directory):
    path = write_json(tmp_path, {"labs": [XRAY]})
    out, _ = run_import(path)
    assert "создано 1, обновлено 0, без изменений 0" in out
    lab = LabPage.objects.get(slug="xray")
    assert lab.live and lab.organization == directory and lab.region.name == "Кемеровская область"
    assert lab.year_opened == 2021 and lab.equipment_data == [
        {"name": "Рентгеновский дифрактометр", "model": "ДРОН-8", "specs": "Cu-анод"}]
    assert [(item["kind"], item["description"]) for item in lab.services_data] == [
        ("analysis", "фазовый анализ золы"), ("testing", "износ"), ("other", "поверка весов")]
    assert [solution.slug for solution in lab.solutions.all()] == ["mine-water"]
    html = client.get("/labs/xray/").content.decode()
    assert "ДРОН-8" in html and "Второй абзац." in html

    out, _ = run_import(path)
    assert "создано 0, обновлено 0, без изменений 1" in out
    # An empty region is the city's, as in the editor: still nothing to change.
    out, _ = run_import(write_json(tmp_path, {"labs": [XRAY | {"region": ""}]}))
    assert "создано 0, обновлено 0, без изменений 1" in out
    out, _ = run_import(write_json(tmp_path, {"labs": [XRAY | {"year": 2022}]}))
    assert "создано 0, обновлено 1, без изменений 0" in out
    assert LabPage.objects.get(slug="xray").year_opened == 2022


def test_a_lab_may_name_the_files_own_organisation_and_solution(tmp_path, directory):
    row = XRAY | {"organization": "КузГТУ", "solutions": ["new-one"]}
    run_import(write_json(tmp_path, {"organizations": [KUZSTU], "solutions": [solution("new-one")], "labs": [row]}))
    lab = LabPage.objects.get(slug="xray")
    assert lab.organization.name == "КузГТУ" and [page.slug for page in lab.solutions.all()] == ["new-one"]


def test_a_lab_may_name_the_sectors_of_the_files_solutions_and_the_city_its_organisations_add(tmp_path, directory):
    new_solution = solution("new-one", sectors=["Экология и рекультивация"], needs=["Очистка шахтных вод"])
    host = KUZSTU | {"city": "Березовский"}
    row = XRAY | {"organization": "КузГТУ", "city": "Березовский", "region": "",
                  "sectors": ["экология и рекультивация"], "needs": ["Очистка шахтных вод"], "solutions": ["new-one"]}
    path = write_json(tmp_path, {"organizations": [host], "solutions": [new_solution], "labs": [row]})
    run_import(path)
    lab = LabPage.objects.get(slug="xray")
    assert (lab.city.name, lab.region.name) == ("Березовский", "Кемеровская область")
    assert [item.name for item in lab.sectors.all()] == ["Экология и рекультивация"]
    assert [item.name for item in lab.needs.all()] == ["Очистка шахтных вод"]
    out, _ = run_import(path)
    assert "лаборатории: создано 0, обновлено 0, без изменений 1" in out


@pytest.mark.parametrize(("row", "message"), [
    (XRAY | {"organization": "Неизвестный институт"}, "поле «organization»: неизвестная организация"),
    ({key: value for key, value in XRAY.items() if key != "organization"},
     "поле «organization»: обязательное поле отсутствует"),
    (XRAY | {"organization": ""}, "поле «organization»: обязательное поле не заполнено"),
    (XRAY | {"solutions": ["nowhere"]}, "поле «solutions»: нет решений с адресами: nowhere"),
    (XRAY | {"services": [{"kind": "massage"}]}, "поле «services»: услуга № 1: неизвестный вид «massage»"),
    (XRAY | {"equipment": [{"model": "ДРОН"}]}, "поле «equipment»: прибор № 1: не указано название"),
    (XRAY | {"year": "давно"}, "поле «year»: ожидается целое число"),
    # Neither in the directory nor brought by the file's solutions or organisations.
    (XRAY | {"sectors": ["Космос"]}, "поле «sectors»: нет в справочнике: Космос"),
    (XRAY | {"city": "Прокопьевск"}, "поле «city»: неизвестный город «Прокопьевск»"),
])
def test_bad_lab_rows_are_russian_errors_with_row_and_column_and_nothing_is_written(tmp_path, directory, row,
                                                                                       message):
    errors = failed_import(write_json(tmp_path, {"organizations": [KUZSTU], "labs": [row]}))
    assert any(line.startswith("Labs, запись 1") and message in line for line in errors), errors
    assert not LabPage.objects.exists()
    assert not directory.__class__.objects.filter(name="КузГТУ").exists()


def test_duplicate_slugs_and_titles_are_errors(tmp_path, directory):
    errors = failed_import(write_json(tmp_path, {"labs": [XRAY, XRAY | {"title": "Другая"}]}))
    assert any("запись 2" in line and "поле «slug»: повторяется" in line for line in errors), errors
    errors = failed_import(write_json(tmp_path, {"labs": [XRAY, XRAY | {"slug": "xray-2",
                                                                        "title": XRAY["title"].upper()}]}))
    assert any("запись 2" in line and "поле «title»: повторяется" in line for line in errors), errors
    run_import(write_json(tmp_path, {"labs": [XRAY]}))
    errors = failed_import(write_json(tmp_path, {"labs": [XRAY | {"slug": "xray-2"}]}))
    assert any("поле «title»: такое название уже у лаборатории «xray»" in line for line in errors), errors
    assert LabPage.objects.count() == 1


def test_workbook_sheet_labs_with_equipment_and_services_in_cells(tmp_path, directory):
    columns = ["slug", "title", "organization", "city", "summary", "equipment", "services", "sectors"]
    path = tmp_path / "labs.xlsx"
    path.write_bytes(xlsx({"Лаборатории": [columns, [
        "xray", "Лаборатория анализа", "ФИЦ УУХ СО РАН", "Кемерово", "Исследует угли.",
        "Рентгеновский дифрактометр | ДРОН-8 | Cu-анод; Машина трения | СМЦ-2",
        "испытания: износ; обучение и стажировки",
        "Углехимия"]]}))
    run_import(path)
    lab = LabPage.objects.get(slug="xray")
    assert [(item["name"], item["model"], item["specs"]) for item in lab.equipment_data] == [
        ("Рентгеновский дифрактометр", "ДРОН-8", "Cu-анод"), ("Машина трения", "СМЦ-2", "")]
    assert [(item["kind"], item["description"]) for item in lab.services_data] == [
        ("testing", "износ"), ("training", "")]
    out, _ = run_import(path)
    assert "без изменений 1" in out

    path.write_bytes(xlsx({"Лаборатории": [columns, ["x", "Т", "Никто", "", "Е.", "", "", ""]]}))
    with pytest.raises(CommandError):
        run_import(path)


def test_import_for_moderation_submits_labs_as_drafts(tmp_path, directory, make_member):
    from catalogue.importer import sections
    from catalogue.models import CatalogueIndexPage
    from tests.catalogue.test_permissions import EDITORS

    editor = make_member("editor", EDITORS)
    parent = CatalogueIndexPage.objects.get()
    path = write_json(tmp_path, {"labs": [XRAY]})
    plan = sections.check(path.name, path.read_bytes(), parent)
    sections.apply(plan, parent, submit_by=editor)
    lab = LabPage.objects.get(slug="xray")
    assert not lab.live and lab.workflow_in_progress
    assert lab.get_latest_revision().user == editor
