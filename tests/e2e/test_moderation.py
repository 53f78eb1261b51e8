"""In a real browser: an editor writes a solution and submits it, a moderator approves it from the dashboard."""
import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from catalogue.models import CatalogueIndexPage, SolutionPage
from tests.e2e.conftest import LIVE_DB
from tests.factories import SectorFactory

pytestmark = [pytest.mark.e2e, LIVE_DB]

PASSWORD = "пароль-только-для-теста"
TITLE = "Модульная установка очистки шахтных вод"


@pytest.fixture
def log_in(browser, live_server, django_user_model):
    def log_in_as(username, group_name):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group_name))
        page = browser.new_context(base_url=live_server.url).new_page()
        page.goto("/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")
        return page

    return log_in_as


def test_editor_submits_and_moderator_approves(log_in, live_server):
    SectorFactory(name="Экология и рекультивация")
    catalogue = CatalogueIndexPage.objects.get()

    editor = log_in("editor", "Редакторы НОЦ")
    editor.goto(f"/admin/pages/add/catalogue/solutionpage/{catalogue.pk}/")
    editor.fill("#id_title", TITLE)
    editor.fill("#id_summary", "Очищает шахтные воды перед сбросом.")
    editor.select_option("#id_trl", "8")
    editor.locator("[data-contentpath=body] .c-sf-add-button").first.click()
    editor.get_by_role("option", name="текст").click()
    editor.locator("[data-contentpath=body] [contenteditable=true]").first.fill("Установка собирается из модулей.")
    editor.get_by_label("Экология и рекультивация").check()
    assert editor.locator("button[name=action-publish]").count() == 0
    editor.locator("footer .w-dropdown__toggle").click()
    editor.locator("button[name=action-submit]").click()
    expect(editor.locator(".messages")).to_contain_text("отправлена на модерацию")

    page = SolutionPage.objects.get()
    assert page.slug.isascii() and page.slug.startswith("modulnaya-ustanovka"), page.slug  # Latin, not Cyrillic
    assert not page.live
    assert editor.request.get(f"{live_server.url}/catalogue/{page.slug}/").status == 404

    moderator = log_in("moderator", "Модераторы НОЦ")
    moderator.locator("tr", has_text=TITLE).locator(".w-dropdown__toggle").click()  # «…» on the row
    moderator.get_by_role("button", name="Одобрить", exact=True).click()
    expect(moderator.locator("tr", has_text=TITLE)).to_have_count(0)  # no longer awaiting review

    page.refresh_from_db()
    assert page.live
    public = moderator.request.get(f"{live_server.url}/catalogue/{page.slug}/")
    assert public.status == 200
    assert "Установка собирается из модулей." in public.text()
    assert page.sectors.get().name == "Экология и рекультивация"
