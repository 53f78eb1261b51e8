"""A lab goes through «Модерация НОЦ» like a solution: an editor writes and submits, a moderator publishes."""
import pytest
from django.urls import reverse
from wagtail.models import Workflow, WorkflowState

from labs.models import LabIndexPage, LabPage
from tests.catalogue.test_permissions import edit_form
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def submit_new_lab(client):
    host = OrganizationFactory(name="КузГТУ")
    url = reverse("wagtailadmin_pages:add", args=("labs", "labpage", LabIndexPage.objects.get().pk))
    _, data = edit_form(client, url, title="Испытательный центр", slug="test-centre",
                        summary="Испытания узлов горных машин.", organization=str(host.pk))
    data.update({"equipment-TOTAL_FORMS": "1", "equipment-0-name": "Машина трения", "equipment-0-model": "СМЦ-2",
                 "equipment-0-specs": "износ пар трения", "equipment-0-ORDER": "1",
                 "services-TOTAL_FORMS": "1", "services-0-kind": "testing",
                 "services-0-description": "испытания на износ", "services-0-ORDER": "1"})
    data["action-submit"] = "Отправить на модерацию"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return LabPage.objects.get(slug="test-centre")


def test_lab_index_is_governed_by_the_noc_workflow():
    assert LabIndexPage.objects.get().get_workflow() == Workflow.objects.get(name="Модерация НОЦ")
    assert LabIndexPage.objects.get().url == "/labs/"


def test_editor_submits_a_lab_and_only_a_moderator_publishes_it(editor, moderator_client, client):
    page = submit_new_lab(editor)
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get("/labs/test-centre/").status_code == 404
    task_state = page.current_workflow_task_state
    editor.post(reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)))
    page.refresh_from_db()
    assert not page.live, "an editor must not be able to approve"

    moderator_client.post(reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)))
    page.refresh_from_db()
    assert page.live
    text = client.get("/labs/test-centre/").content.decode()
    assert "Машина трения" in text and "испытания на износ" in text
    assert "Испытательный центр" in client.get("/labs/", {"q": "машины трения"}).content.decode()


def test_a_lab_without_a_host_is_refused_with_a_russian_message(editor):
    url = reverse("wagtailadmin_pages:add", args=("labs", "labpage", LabIndexPage.objects.get().pk))
    _, data = edit_form(editor, url, title="Без хозяина", slug="no-host", summary="Нет организации.")
    data["action-submit"] = "Отправить на модерацию"
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "Требуется заполнить это поле." in response.content.decode()
    assert not LabPage.objects.filter(slug="no-host").exists()
