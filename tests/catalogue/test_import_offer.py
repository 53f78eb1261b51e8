"""Importing deployments and the offer's terms: JSON fields, a second CSV file, the «Внедрения» sheet of a
workbook; bad input is named in Russian and nothing is written."""
import csv
import datetime
import json
from io import BytesIO

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from catalogue.importer.jobs import check
from catalogue.importer.template import template_workbook
from catalogue.models import Deployment, Organization, SolutionPage
from tests.factories import CityFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def places(db):
    kuzbass = RegionFactory(name="Кемеровская область", slug="kemerovskaya-oblast")
    return {"kuzbass": kuzbass, "kemerovo": CityFactory(name="Кемерово", slug="kemerovo", parent=kuzbass)}


def solution(slug="mine-water", **extra):
    return {"slug": slug, "title": "Модульная очистка шахтных вод", "summary": "Очищает шахтные воды.", "trl": 8,
            **extra}


DEPLOYMENT = {"site": "Очистные сооружения (пример)", "city": "Кемерово", "year": 2023, "status": "в эксплуатации",
              "scale": "2 модуля", "effects": [{"value": "−40 %", "label": "взвешенных веществ"}],
              "organization": "КузГТУ", "confirmed_by_customer": True, "confirmed_on": "2024-05-14"}


def run_import(tmp_path, rows, *args):
    path = tmp_path / "solutions.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    call_command("import_solutions", str(path), *args)


def import_errors(tmp_path, rows, capsys):
    with pytest.raises(CommandError, match="ничего не записано"):
        run_import(tmp_path, rows)
    return capsys.readouterr().err


def test_json_brings_deployments_terms_ip_and_certificates(tmp_path, places):
    run_import(tmp_path, [solution(
        deployments=[DEPLOYMENT, {"site": "Карьер (пример)", "region": "kemerovskaya-oblast", "status": "pilot",
                                  "lat": 54.3, "lon": 86.1}],
        terms=["supply", "licence"], price_from=12_500_000, price_note="за модуль", payback_months=30,
        capacity="20 установок в год", lead_time="4 месяца",
        ip=[{"kind": "invention", "number": "RU 2 745 123", "title": "Способ очистки"}],
        certificates=[{"kind": "сертификат соответствия", "number": "РОСС RU.001", "valid_until": "2030-01-01"}])])
    page = SolutionPage.objects.get(slug="mine-water")
    assert page.live and page.cooperation_forms == ["licence", "supply"]
    assert (page.price_from, page.price_note, page.payback_months) == (12_500_000, "за модуль", 30)
    assert page.ip[0].value["number"] == "RU 2 745 123"
    assert page.certificates[0].value["valid_until"] == datetime.date(2030, 1, 1)
    first, second = page.deployments.all()
    assert (first.city, first.year, first.status, first.organization.name) == (
        places["kemerovo"], 2023, "operating", "КузГТУ")
    assert first.effects[0].value["value"] == "−40 %"
    assert first.confirmed_on == datetime.date(2024, 5, 14)
    assert (second.region, second.status, second.lat, second.lon) == (places["kuzbass"], "pilot", 54.3, 86.1)
    # The page's revision has them too, so the admin editor shows what the site shows.
    assert len(page.get_latest_revision_as_object().deployments.all()) == 2


def test_importing_again_replaces_the_deployments(tmp_path):
    run_import(tmp_path, [solution(deployments=[DEPLOYMENT, DEPLOYMENT])])
    run_import(tmp_path, [solution(deployments=[{"site": "Новый объект", "city": "Кемерово"}])])
    assert list(Deployment.objects.values_list("site", flat=True)) == ["Новый объект"]


@pytest.mark.parametrize("deployment, message", [
    ({"site": "Без места"}, "укажите город (city) или регион (region)"),
    ({**DEPLOYMENT, "effects": [{"value": "", "label": "экономия"}]}, "эффект № 1: не указано значение"),
    ({**DEPLOYMENT, "year": timezone.localdate().year + 1}, "year: ожидается целое число от 1950 до"),
    ({**DEPLOYMENT, "status": "в планах"}, "status: «в планах» — допустимо"),
    ({**DEPLOYMENT, "city": "Атлантида"}, "город «Атлантида» не найден в справочнике регионов и городов"),
])
def test_bad_deployments_are_named_and_nothing_is_written(tmp_path, capsys, deployment, message):
    err = import_errors(tmp_path, [solution("good"), solution(deployments=[deployment])], capsys)
    assert message in err
    assert "(«mine-water»)" in err
    assert not SolutionPage.objects.exists()
    assert not Deployment.objects.exists()
    assert not Organization.objects.exists()


def test_a_certificate_without_a_number_and_unknown_terms_are_refused(tmp_path, capsys):
    err = import_errors(tmp_path, [solution(
        certificates=[{"kind": "сертификат соответствия", "valid_until": "2030-01-01"}], terms=["barter"])], capsys)
    assert "сертификат № 1: number (номер): не заполнено" in err
    assert "неизвестно: barter; допустимо: licence, supply, service, joint, rnd" in err
    assert not SolutionPage.objects.exists()


def write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_csv_with_a_second_file_of_deployments(tmp_path, places):
    solutions = write_csv(tmp_path / "solutions.csv", [
        {"slug": "mine-water", "title": "Очистка шахтных вод", "summary": "Очищает.", "trl": "8",
         "terms": "licence; rnd", "price_note": "по запросу"},
        {"slug": "dumps", "title": "Рекультивация отвалов", "summary": "Озеленяет.", "trl": "7", "terms": "",
         "price_note": ""}])
    deployments = write_csv(tmp_path / "deployments.csv", [
        {"slug": "mine-water", "site": "Очистные (пример)", "city": "Кемерово", "region": "", "year": "2022",
         "status": "завершено", "effects": "−40 % | взвешенных веществ; 3 года | окупаемость",
         "confirmed_on": "2023-01-10"},
        {"slug": "mine-water", "site": "Карьер (пример)", "city": "", "region": "Кемеровская область",
         "year": "", "status": "", "effects": "", "confirmed_on": ""}])
    call_command("import_solutions", str(solutions), "--deployments", str(deployments))
    page = SolutionPage.objects.get(slug="mine-water")
    assert page.cooperation_forms == ["licence", "rnd"] and page.price_note == "по запросу"
    first, second = page.deployments.all()
    assert [(e.value["value"], e.value["label"]) for e in first.effects] == [
        ("−40 %", "взвешенных веществ"), ("3 года", "окупаемость")]
    assert first.status == "completed" and first.confirmed_by_customer
    assert (second.region, second.status) == (places["kuzbass"], "operating")
    assert not SolutionPage.objects.get(slug="dumps").deployments.exists()


def test_a_deployments_row_for_an_unknown_slug_writes_nothing(tmp_path, capsys):
    solutions = write_csv(tmp_path / "solutions.csv", [
        {"slug": "mine-water", "title": "Очистка шахтных вод", "summary": "Очищает.", "trl": "8"}])
    deployments = write_csv(tmp_path / "deployments.csv", [
        {"slug": "elsewhere", "site": "Очистные (пример)", "city": "Кемерово"}])
    with pytest.raises(CommandError):
        call_command("import_solutions", str(solutions), "--deployments", str(deployments))
    assert "Файл внедрений, строка 2 («elsewhere»), поле «slug»: решения «elsewhere» нет среди решений файла" in (
        capsys.readouterr().err)
    assert not SolutionPage.objects.exists()


def test_the_admin_template_with_its_deployments_sheet_imports_as_is():
    workbook = openpyxl.load_workbook(BytesIO(template_workbook()))
    assert workbook.sheetnames == ["Организации", "Решения", "Внедрения", "Лаборатории", "Пояснения"]
    plan = check("template.xlsx", template_workbook())
    row = plan.plans["solutions"].items[0].row
    assert row.values["terms"] == ("licence", "supply")
    assert [item.site for item in row.values["deployments"]] == ["Очистные сооружения угольного разреза (пример)"]


def test_a_bad_row_on_the_deployments_sheet_is_named(tmp_path):
    workbook = openpyxl.load_workbook(BytesIO(template_workbook()))
    workbook["Внедрения"]["E2"] = ""  # no region, and no city either
    out = BytesIO()
    workbook.save(out)
    from catalogue.importer.rows import ImportValidationError

    with pytest.raises(ImportValidationError) as caught:
        check("template.xlsx", out.getvalue())
    assert [str(error) for error in caught.value.errors] == [
        "Лист «Внедрения», строка 2 («mine-water-treatment»), поле «внедрение»: "
        "укажите город (city) или регион (region)"]
