"""The XLSX template of «Справочники → Импорт решений»: a sheet per import section (organisations, solutions with
their deployments, laboratories), each with one illustrative row, imports unchanged and idempotently."""
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from wagtail.models import Revision

from catalogue.models import ImportJob, Organization, Region, SolutionPage
from labs.models import LabPage
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db
URL = "/admin/catalogue/import/"
# The keys issue 15 names for each section, in its order.
ORGANIZATION_KEYS = ["name", "slug", "kind", "city", "region", "website", "description", "role"]
LAB_KEYS = ["slug", "title", "organization", "city", "region", "year", "summary", "body", "equipment", "services",
            "accreditation", "sectors", "needs", "solutions"]


@pytest.fixture
def template(moderator_client):
    response = moderator_client.get(f"{URL}template.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content


@pytest.fixture
def region(db):
    """The region the examples name. Their city, Кемерово, is new: the organisation's row adds it and the lab's
    row finds it."""
    return RegionFactory(name="Кемеровская область")


def sheet_rows(workbook, title):
    return [list(row) for row in workbook[title].iter_rows(values_only=True)]


def test_the_template_has_a_sheet_per_section_with_the_issue_keys(template):
    workbook = load_workbook(BytesIO(template))
    assert workbook.sheetnames == ["Организации", "Решения", "Внедрения", "Лаборатории", "Пояснения"]
    organizations, labs = sheet_rows(workbook, "Организации"), sheet_rows(workbook, "Лаборатории")
    assert organizations[0] == ORGANIZATION_KEYS
    assert labs[0] == LAB_KEYS
    # The example organisation is the developer the example solution names; the example lab is marked as one.
    organization = dict(zip(organizations[0], organizations[1], strict=True))
    solution = dict(zip(*sheet_rows(workbook, "Решения")[:2], strict=True))
    lab = dict(zip(labs[0], labs[1], strict=True))
    assert organization["name"] == solution["organizations"] == lab["organization"] == "КузГТУ"
    assert organization["description"].startswith("Кузбасский государственный технический университет.")
    assert organization["website"] is None and "(пример)" in lab["title"]
    assert lab["solutions"] == solution["slug"]
    explained = [row[0] for row in sheet_rows(workbook, "Пояснения")]
    for title in ("Организации", "Решения", "Внедрения", "Лаборатории"):
        assert f"лист «{title}»" in explained
    assert all(key in explained for key in ORGANIZATION_KEYS + LAB_KEYS)


def upload_and_publish(client, data):
    """The dry run's counts, then the import published: the job's counts."""
    response = client.post(URL, {"file": SimpleUploadedFile("шаблон.xlsx", data)})
    assert response.status_code == 302, response.content.decode()
    dry_run = client.get(response["Location"])
    assert dry_run.status_code == 200 and not dry_run.context.get("errors")
    client.post(response["Location"], {"mode": "publish"})
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportJob.Status.DONE
    return dry_run.context["counts"], (job.created, job.updated, job.unchanged)


def test_the_downloaded_template_imports_unchanged_and_twice_changes_nothing(moderator_client, template, region):
    counts, written = upload_and_publish(moderator_client, template)
    assert counts == {"new": 3, "changed": 0, "unchanged": 0}
    assert written == (3, 0, 0)

    kuzgtu = Organization.objects.get(name="КузГТУ")
    assert (kuzgtu.slug, kuzgtu.kind, kuzgtu.role, kuzgtu.city.name, kuzgtu.region) == (
        "kuzgtu", "university", "member", "Кемерово", region)
    solution = SolutionPage.objects.live().get(slug="mine-water-treatment")
    assert list(solution.organizations.all()) == [kuzgtu]
    lab = LabPage.objects.live().get(slug="example-mine-water-analysis-lab")
    assert lab.organization == kuzgtu and lab.city == kuzgtu.city and lab.region == region
    assert [item.name for item in lab.equipment.all()] == ["Стенд очистки воды", "Спектрофотометр"]
    assert [item.kind for item in lab.services.all()] == ["analysis", "prototyping"]
    assert [item.name for item in lab.sectors.all()] == ["Экология и рекультивация"]
    assert [item.name for item in lab.needs.all()] == ["Очистка шахтных вод"]
    assert list(lab.solutions.all()) == [solution]
    revisions = Revision.objects.count()

    counts, written = upload_and_publish(moderator_client, template)
    assert counts == {"new": 0, "changed": 0, "unchanged": 3}
    assert written == (0, 0, 3)
    assert Revision.objects.count() == revisions
    assert Organization.objects.filter(name="КузГТУ").count() == 1
    assert Region.objects.filter(name="Кемерово").count() == 1
    assert LabPage.objects.count() == 1 and SolutionPage.objects.count() == 1
