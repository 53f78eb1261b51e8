"""The solution editor's organisation and region choosers: the form posts ids as a multi-select did, a form sent
back with an error keeps the choice, and creating an organisation from the chooser needs the right to add one."""
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from catalogue.models import Organization, SolutionPage
from tests.catalogue.test_permissions import EDITORS, edit_form
from tests.factories import OrganizationFactory, RegionFactory, SolutionPageFactory

CHOOSER = "/admin/snippets/choose/catalogue/organization/"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="x")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


@pytest.fixture
def solution(db):
    return SolutionPageFactory(slug="mine-water", organizations=[OrganizationFactory(name="КузГТУ")],
                               regions=[RegionFactory(name="Кузбасс")])


def test_the_editor_shows_the_chosen_items_without_listing_every_organisation(editor, solution):
    for number in range(30):
        OrganizationFactory(name=f"Предприятие № {number}")
    html = editor.get(reverse("wagtailadmin_pages:edit", args=(solution.pk,))).content.decode()
    assert "Выбрать или создать организацию" in html and "Выбрать регионы и города" in html
    assert "КузГТУ" in html and "Кузбасс" in html
    assert "Предприятие № 7" not in html  # no select with 257 options: the chooser searches instead


def test_saving_keeps_added_and_removed_items(editor, solution):
    sibgiu, city = OrganizationFactory(name="СибГИУ"), RegionFactory(name="Новокузнецк")
    url = reverse("wagtailadmin_pages:edit", args=(solution.pk,))
    _, data = edit_form(editor, url)
    assert data.getlist("organizations") == [str(solution.organizations.get().pk)]
    data.setlist("organizations", [str(sibgiu.pk)])
    data.setlist("regions", [str(solution.regions.get().pk), str(city.pk)])
    assert editor.post(url, dict(data.lists())).status_code == 302
    draft = SolutionPage.objects.get(pk=solution.pk).get_latest_revision_as_object()
    assert [org.name for org in draft.organizations.all()] == ["СибГИУ"]
    assert sorted(region.name for region in draft.regions.all()) == ["Кузбасс", "Новокузнецк"]


def test_removing_every_organisation_is_a_choice(editor, solution):
    url = reverse("wagtailadmin_pages:edit", args=(solution.pk,))
    _, data = edit_form(editor, url)
    data.setlist("organizations", [])
    assert editor.post(url, dict(data.lists())).status_code == 302
    assert not SolutionPage.objects.get(pk=solution.pk).get_latest_revision_as_object().organizations.exists()


def test_a_form_with_an_error_keeps_the_choice_and_names_an_unknown_id(editor, solution):
    sibgiu = OrganizationFactory(name="СибГИУ")
    url = reverse("wagtailadmin_pages:edit", args=(solution.pk,))
    _, data = edit_form(editor, url, title="")
    data.setlist("organizations", [str(sibgiu.pk), "999999"])
    html = editor.post(url, dict(data.lists())).content.decode()
    assert "Выберите корректный вариант" in html
    assert "СибГИУ" in html
    assert SolutionPage.objects.get(pk=solution.pk).organizations.get().name == "КузГТУ"


def test_an_editor_creates_an_organisation_in_the_chooser(editor, db):
    assert "+ создать" in editor.get(CHOOSER).json()["html"]
    response = editor.post(CHOOSER + "create/", {"name": "Институт угля СО РАН", "kind": "institute"})
    assert response.json()["step"] == "chosen"
    created = Organization.objects.get(name="Институт угля СО РАН")
    assert response.json()["result"]["id"] == str(created.pk) and created.slug


def test_the_chooser_refuses_a_duplicate_name_in_russian(editor, db):
    OrganizationFactory(name="КузГТУ")
    response = editor.post(CHOOSER + "create/", {"name": "КузГТУ", "kind": "university"})
    assert "уже существует" in response.json()["htmlFragment"]
    assert Organization.objects.filter(name="КузГТУ").count() == 1


def test_people_without_the_add_right_get_no_creation_form(client, django_user_model, db):
    user = django_user_model.objects.create_user(username="viewer", password="x", is_staff=False)
    user.groups.add(Group.objects.get(name=EDITORS))
    user.groups.clear()
    client.force_login(user)
    assert client.post(CHOOSER + "create/", {"name": "Чужая", "kind": "other"}).status_code in (302, 403)
    assert not Organization.objects.filter(name="Чужая").exists()


def test_the_editor_saves_only_when_asked_and_warns_of_unsaved_edits(editor, solution):
    """No autosave (settings: WAGTAIL_AUTOSAVE_INTERVAL): the form has no background saver, and the footer carries
    Wagtail's «unsaved edits» warning rather than the autosave indicator's messages."""
    html = editor.get(reverse("wagtailadmin_pages:edit", args=(solution.pk,))).content.decode()
    form_tag = re.search(r'<form\s[^>]*id="page-edit-form"[^>]*>', html).group()
    assert "w-unsaved" in form_tag and "w-autosave" not in form_tag
    assert "несохраненные изменения" in html and "Сохраните изменения перед выходом" in html
