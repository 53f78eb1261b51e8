"""Editors write and submit solutions, moderators approve and publish: through the admin, as people would."""
import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from catalogue.models import CatalogueIndexPage, Need, SolutionPage
from home.models import HomePage
from tests.factories import SectorFactory, SolutionPageFactory

EDITORS, MODERATORS = "Редакторы НОЦ", "Модераторы НОЦ"


@pytest.fixture
def make_member(django_user_model):
    def make(username, group_name):
        user = django_user_model.objects.create_user(username=username, password="не-нужен-для-force-login")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def editor(client, make_member):
    client.force_login(make_member("editor", EDITORS))
    return client


@pytest.fixture
def moderator_client(make_member):
    client = Client()
    client.force_login(make_member("moderator", MODERATORS))
    return client


def edit_form(client, url, **changes):
    """The admin form as the browser would send it, with some fields changed by the person."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The StreamField editor is drawn by JavaScript, so the HTML has no inputs for it: send every StreamField
    # (the story, IP, certificates) empty.
    data.update(nested_form_data({field.name: streamfield([]) for field in SolutionPage._meta.get_fields()
                                  if isinstance(field, StreamField)}))
    for name, value in changes.items():
        data[name] = value
    return response, data


def submit_new_solution(client, **fields):
    catalogue = CatalogueIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=("catalogue", "solutionpage", catalogue.pk))
    _, data = edit_form(client, url, title="Модульная установка очистки шахтных вод", slug="mine-water",
                        summary="Очищает шахтные воды до норм сброса.", trl="8", **fields)
    data["action-submit"] = "Отправить на модерацию"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return SolutionPage.objects.get(slug="mine-water")


@pytest.mark.django_db
def test_groups_and_workflow_exist_after_migrate():
    workflow = Workflow.objects.get(name="Модерация НОЦ")
    task = workflow.tasks.get().specific
    assert task.name == "Проверка модератором"
    assert list(task.groups.values_list("name", flat=True)) == [MODERATORS]
    assert CatalogueIndexPage.objects.get().get_workflow() == workflow
    assert HomePage.objects.get().get_workflow() == workflow
    assert set(Group.objects.values_list("name", flat=True)) == {EDITORS, MODERATORS}


@pytest.mark.django_db
def test_editor_creates_a_solution_and_submits_it_but_it_stays_unpublished(editor):
    sector = SectorFactory(name="Экология и рекультивация")
    page = submit_new_solution(editor, sectors=str(sector.pk))

    assert not page.live
    assert page.sectors.get() == sector
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.current_workflow_task.name == "Проверка модератором"
    assert editor.get("/catalogue/mine-water/").status_code == 404


@pytest.mark.django_db
def test_editor_is_not_offered_publish_and_cannot_force_it(editor):
    page = SolutionPageFactory(title="Редукторы для конвейеров", slug="reducers", live=False)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response, data = edit_form(editor, url, summary="Новая редакция описания.")

    assert 'name="action-publish"' not in response.content.decode()
    assert 'name="action-submit"' in response.content.decode()
    data["action-publish"] = "Опубликовать"
    editor.post(url, data)

    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision_as_object().summary == "Новая редакция описания."


@pytest.mark.django_db
def test_editor_edits_a_live_solution_as_a_draft_and_the_public_page_keeps_the_old_text(editor, client):
    page = SolutionPageFactory(title="Питомник саженцев", slug="nursery", summary="Старое описание.")
    page.save_revision().publish()
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    _, data = edit_form(editor, url, summary="Правка редактора.")
    data["action-submit"] = "Отправить на модерацию"
    editor.post(url, data)

    page.refresh_from_db()
    assert page.live and page.summary == "Старое описание."
    assert page.has_unpublished_changes
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_moderator_approves_the_submitted_solution_and_it_goes_live(editor, moderator_client):
    page = submit_new_solution(editor)
    task_state = page.current_workflow_task_state
    assert editor.post(reverse("wagtailadmin_pages:workflow_action",
                               args=(page.pk, "approve", task_state.pk))).status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live, "an editor must not be able to approve"

    response = moderator_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)))
    assert response.status_code in (200, 302)

    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    assert moderator_client.get("/catalogue/mine-water/").status_code == 200


@pytest.mark.django_db
def test_moderators_are_told_by_email_about_a_submission(editor, make_member, mailoutbox):
    moderator = make_member("moderator-with-mail", MODERATORS)
    moderator.email = "moderator@example.org"
    moderator.save()
    submit_new_solution(editor)
    assert [message.to for message in mailoutbox] == [["moderator@example.org"]]
    assert "Модульная установка очистки шахтных вод" in mailoutbox[0].subject


@pytest.mark.django_db
def test_editor_previews_a_draft_before_submitting(editor):
    page = SolutionPageFactory(title="Питомник саженцев", slug="nursery-preview", live=False)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    _, data = edit_form(editor, reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                        summary="Саженцы для рекультивации отвалов.", trl="9")
    assert editor.post(url, data).json()["is_valid"]
    html = editor.get(url).content.decode()
    assert "Саженцы для рекультивации отвалов." in html
    assert "Серийное производство" in html


@pytest.mark.django_db
def test_moderator_sees_the_submission_on_the_dashboard(editor, moderator_client):
    submit_new_solution(editor)
    html = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Модульная установка очистки шахтных вод" in html


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["sector", "need", "region", "organization"])
def test_category_listings_render_for_editors_and_moderators(editor, moderator_client, model):
    for client in (editor, moderator_client):
        response = client.get(reverse(f"wagtailsnippets_catalogue_{model}:list"))
        assert response.status_code == 200


@pytest.mark.django_db
def test_category_listing_counts_live_solutions_and_finds_by_word_form(moderator_client):
    mining = SectorFactory(name="Горное дело")
    SolutionPageFactory(sectors=[mining])
    SolutionPageFactory(sectors=[mining], live=False)
    html = moderator_client.get(reverse("wagtailsnippets_catalogue_sector:list"), {"q": "горн"}).content.decode()
    assert "Горное дело" in html
    assert "Опубликованных решений" in html


@pytest.mark.django_db
def test_editors_add_categories_but_only_moderators_delete_them(editor, moderator_client):
    response = editor.post(reverse("wagtailsnippets_catalogue_need:add"),
                           {"name": "Очистка воды", "slug": "", "description": "", "sort_order": "10"})
    assert response.status_code == 302
    need = Need.objects.get()
    assert need.slug == "ochistka-vody"
    delete_url = reverse("wagtailsnippets_catalogue_need:delete", args=(need.pk,))

    editor.post(delete_url)
    assert Need.objects.filter(pk=need.pk).exists()

    assert moderator_client.post(delete_url).status_code == 302
    assert not Need.objects.filter(pk=need.pk).exists()



@pytest.mark.django_db
def test_only_moderators_edit_the_noc_settings(editor, moderator_client):
    url = reverse("wagtailsettings:edit", args=("home", "nocsettings"))
    # Without the right Wagtail sends the person back to the dashboard instead of showing the form.
    assert 'name="email"' not in editor.get(url, follow=True).content.decode()
    response = moderator_client.get(url, follow=True)
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()
