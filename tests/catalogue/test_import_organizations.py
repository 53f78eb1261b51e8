"""Organisations in an import: the object format `{"organizations": [...], "solutions": [...]}`, sheets of a
workbook, and what an editor sees happen to the profiles (or not, on any error)."""
import json
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from catalogue.models import Organization, Region, SolutionPage
from tests.catalogue.test_import import run_import, solution, write_json
from tests.factories import OrganizationFactory, RegionFactory

pytestmark = pytest.mark.django_db

KUZSTU = {"name": "КузГТУ", "slug": "kuzstu", "kind": "university", "city": "Кемерово",
          "region": "Кемеровская область", "website": "https://kuzstu.ru",
          "description": "Кузбасский государственный технический университет.", "role": "member"}


@pytest.fixture
def kemerovo():
    region = RegionFactory(name="Кемеровская область", kind=Region.Kind.REGION)
    return RegionFactory(name="Кемерово", kind=Region.Kind.CITY, parent=region)


def test_object_format_creates_organisations_then_solutions_that_refer_to_them(tmp_path, kemerovo):
    out, _ = run_import(write_json(tmp_path, {"organizations": [KUZSTU], "solutions": [solution("mine-water")]}))

    kuzstu = Organization.objects.get(name="КузГТУ")
    assert (kuzstu.slug, kuzstu.kind, kuzstu.role, kuzstu.city, kuzstu.region.name, kuzstu.website) == (
        "kuzstu", "university", "member", kemerovo, "Кемеровская область", "https://kuzstu.ru")
    assert list(SolutionPage.objects.get(slug="mine-water").organizations.all()) == [kuzstu]
    assert Organization.objects.count() == 1
    assert "организации: создано 1" in out and "решения: создано 1" in out


def test_second_run_changes_nothing_and_a_changed_field_is_an_update(tmp_path, kemerovo):
    path = write_json(tmp_path, {"organizations": [KUZSTU]})
    run_import(path)
    out, _ = run_import(path)
    assert "создано 0, обновлено 0, без изменений 1" in out

    out, _ = run_import(write_json(tmp_path, {"organizations": [KUZSTU | {"kind": "вуз", "role": "партнёр"}]}),
                        "--dry-run")
    assert "обновить  «КузГТУ» (kuzstu): role" in out
    assert Organization.objects.get().role == "member"


def test_plain_list_is_still_the_solutions(tmp_path):
    out, _ = run_import(write_json(tmp_path, [solution("mine-water")]))
    assert "создано 1, обновлено 0, без изменений 0" in out
    assert SolutionPage.objects.filter(slug="mine-water").exists()


@pytest.mark.parametrize(("row", "message"), [
    (KUZSTU | {"kind": "school"}, "поле «kind»: неизвестный тип «school»; допустимы: university"),
    (KUZSTU | {"region": "Марс"}, "поле «region»: неизвестный регион «Марс»"),
    (KUZSTU | {"region": "", "city": "Атлантида"}, "поле «city»: неизвестный город «Атлантида»"),
    (KUZSTU | {"website": "kuzstu"}, "поле «website»: «kuzstu» — ожидается адрес сайта"),
    (KUZSTU | {"name": "  "}, "поле «name»: обязательное поле не заполнено"),
    ({"slug": "x"}, "поле «name»: обязательное поле отсутствует"),
])
def test_bad_rows_are_russian_errors_with_row_and_column_and_nothing_is_written(tmp_path, kemerovo, row, message):
    errors = failed_import(write_json(tmp_path, {"organizations": [row], "solutions": [solution("mine-water")]}))
    assert any(line.startswith("Organizations, запись 1") and message in line for line in errors), errors
    assert not Organization.objects.exists() and not SolutionPage.objects.filter(slug="mine-water").exists()


def failed_import(path):
    """The error lines of an import that must fail and write nothing."""
    err = StringIO()
    with pytest.raises(CommandError, match="ничего не записано"):
        call_command("import_solutions", str(path), stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines()


def test_duplicate_names_are_an_error_naming_both_records(tmp_path, kemerovo):
    rows = {"organizations": [KUZSTU, KUZSTU | {"slug": "kuzstu-2", "name": "кузгту"}]}
    assert failed_import(write_json(tmp_path, rows)) == [
        "Organizations, запись 2 («кузгту»), поле «name»: повторяется (впервые: organizations, запись 1)"]
    assert not Organization.objects.exists()


def test_unknown_section_and_slug_of_another_organisation_are_refused(tmp_path, kemerovo):
    with pytest.raises(CommandError, match="неизвестный раздел «companies»; допустимы: organizations"):
        run_import(write_json(tmp_path, {"companies": []}))
    OrganizationFactory(name="СибГИУ", slug="kuzstu")
    with pytest.raises(CommandError, match="ничего не записано"):
        run_import(write_json(tmp_path, {"organizations": [KUZSTU]}))
    assert Organization.objects.count() == 1


def test_a_new_city_is_added_under_the_rows_region(tmp_path, kemerovo):
    run_import(write_json(tmp_path, {"organizations": [
        {"name": "СибГИУ", "kind": "university", "city": "Новокузнецк", "region": "Кемеровская область"}]}))
    sibgiu = Organization.objects.get(name="СибГИУ")
    assert (sibgiu.city.name, sibgiu.city.kind, sibgiu.city.parent, sibgiu.region) == (
        "Новокузнецк", "city", kemerovo.parent, kemerovo.parent)


def xlsx(sheets):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_workbook_with_a_sheet_per_section(tmp_path, kemerovo):
    columns = ["slug", "title", "summary", "trl", "organizations"]
    path = tmp_path / "import.xlsx"
    path.write_bytes(xlsx({
        "Пояснения": [["что угодно"]],
        "Организации": [list(KUZSTU), list(KUZSTU.values())],
        "Решения": [columns, ["mine-water", "Установка", "Очищает воды.", 8, "КузГТУ"]],
    }))
    run_import(path)
    assert SolutionPage.objects.get(slug="mine-water").organizations.get().kind == "university"

    path.write_bytes(xlsx({"Организации": [list(KUZSTU), [*list(KUZSTU.values())[:2], "школа"]]}))
    with pytest.raises(CommandError):
        run_import(path)


def test_csv_of_organisations_with_the_section_option(tmp_path, kemerovo):
    path = tmp_path / "orgs.csv"
    path.write_text("name;kind;city\nКузГТУ;вуз;Кемерово\n", encoding="utf-8")
    run_import(path, "--section", "organizations")
    assert Organization.objects.get().region == kemerovo.parent


def test_json_object_needs_lists(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"organizations": {"name": "КузГТУ"}}), encoding="utf-8")
    with pytest.raises(CommandError, match="раздел «organizations» должен быть JSON-массивом"):
        run_import(path)
