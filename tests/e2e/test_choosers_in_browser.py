"""In a real browser: an editor picks organisations and regions for a solution by typing in Wagtail's chooser,
creates a missing organisation without leaving the page, removes one again, and saves."""
import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Revision

from catalogue.models import Organization, Region, SolutionPage
from tests.e2e.conftest import LIVE_DB, log_in_to_admin
from tests.factories import OrganizationFactory, RegionFactory, SolutionPageFactory

pytestmark = [pytest.mark.e2e, LIVE_DB]

PASSWORD = "пароль-только-для-теста"


@pytest.fixture
def editor(page, live_server, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Редакторы НОЦ"))
    return log_in_to_admin(page, live_server, "editor", PASSWORD)


@pytest.fixture
def solution(db):
    for number in range(60):  # more than one page of the chooser: only search finds the rest
        OrganizationFactory(name=f"Предприятие № {number:02}")
    OrganizationFactory(name="Кузбасский государственный технический университет", slug="kuzgtu")
    OrganizationFactory(name="Сибирский государственный индустриальный университет", slug="sibgiu")
    kuzbass = RegionFactory(name="Кемеровская область — Кузбасс", slug="kuzbass")
    RegionFactory(name="Новокузнецк", slug="novokuznetsk", kind=Region.Kind.CITY, parent=kuzbass)
    return SolutionPageFactory(title="Очистка шахтных вод", slug="mine-water",
                               organizations=[Organization.objects.get(slug="sibgiu")])


def modal(page):
    return page.locator(".modal-dialog")


def test_choose_search_as_you_type_create_and_remove(editor, live_server, solution):
    editor.goto(f"{live_server.url}/admin/pages/{solution.pk}/edit/")
    organisations = editor.locator("[data-multiple-chooser][data-name=organizations]")
    expect(organisations).to_contain_text("Сибирский государственный индустриальный университет")

    organisations.get_by_role("button", name="Выбрать или создать организацию").click()
    expect(modal(editor)).to_contain_text("Предприятие № 00")
    search = modal(editor).get_by_role("textbox", name="Поиск")
    search.press_sequentially("кузб", delay=50)  # no Enter: the results follow the typing
    results = modal(editor).locator(".listing tbody tr")
    expect(results).to_have_count(1)
    expect(results).to_contain_text("Кузбасский государственный технический университет")
    results.first.locator("input[type=checkbox]").check()
    modal(editor).get_by_role("button", name="Подтвердить выбор").click()
    expect(organisations).to_contain_text("Кузбасский государственный технический университет")

    # «+ создать»: a missing organisation, created in the chooser and chosen at once.
    organisations.get_by_role("button", name="Выбрать или создать организацию").click()
    modal(editor).get_by_role("tab", name="+ создать").click()
    modal(editor).get_by_label("Название").fill("Институт угля СО РАН")
    modal(editor).get_by_role("button", name="Создать организацию").click()
    expect(organisations).to_contain_text("Институт угля СО РАН")

    organisations.get_by_role("button", name="Убрать: Сибирский государственный индустриальный университет").click()

    regions = editor.locator("[data-multiple-chooser][data-name=regions]")
    regions.get_by_role("button", name="Выбрать регионы и города").click()
    modal(editor).get_by_role("textbox", name="Поиск").press_sequentially("новокузн", delay=50)
    expect(modal(editor).locator(".listing tbody tr")).to_have_count(1)
    modal(editor).locator(".listing tbody tr input[type=checkbox]").check()
    modal(editor).get_by_role("button", name="Подтвердить выбор").click()
    expect(regions).to_contain_text("Новокузнецк")

    # The choices are the editor's until saved: Wagtail's footer warns, and nothing was saved behind their back.
    expect(editor.locator(".footer__save-warning")).to_contain_text("несохраненные изменения")
    assert not Revision.objects.filter(object_id=str(solution.pk)).exists()
    editor.get_by_role("button", name="Сохранить черновик").click()
    expect(editor.locator(".messages")).to_contain_text("обновлена")
    draft = SolutionPage.objects.get(pk=solution.pk).get_latest_revision_as_object()
    assert sorted(org.name for org in draft.organizations.all()) == [
        "Институт угля СО РАН", "Кузбасский государственный технический университет"]
    assert [region.slug for region in draft.regions.all()] == ["novokuznetsk"]
    assert Organization.objects.get(name="Институт угля СО РАН").kind == Organization.Kind.OTHER
