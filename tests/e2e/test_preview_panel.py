"""In a real browser: the editor's preview panel and «preview in a new tab» show the page being edited."""
import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from home.models import HomePage, StandardPage
from tests.e2e.conftest import LIVE_DB, log_in_to_admin
from tests.factories import SolutionPageFactory, catalogue_index, publish

pytestmark = [pytest.mark.e2e, LIVE_DB]

PASSWORD = "пароль-только-для-теста"


@pytest.fixture
def editor(page, live_server):
    get_user_model().objects.create_superuser("redaktor", "redaktor@example.org", PASSWORD)
    page.violations = []
    page.on("console", lambda message: page.violations.append(message.text)
            if "Content Security Policy" in message.text or "frame" in message.text.lower() else None)
    editor = log_in_to_admin(page, live_server, "redaktor", PASSWORD)
    yield editor
    # The panel's preview requests must be over before the test database is cleaned up behind the live server.
    editor.wait_for_load_state("networkidle")
    editor.goto("about:blank")


def open_preview_panel(editor, live_server, page_pk):
    editor.goto(f"{live_server.url}/admin/pages/{page_pk}/edit/")
    editor.locator("[data-side-panel-toggle=preview]").click()
    return editor.frame_locator("#w-preview-iframe")


def test_preview_panel_shows_the_solution(editor, live_server):
    solution = publish(SolutionPageFactory(title="Очистка шахтных вод", summary="Очищает воды до норм сброса."))
    frame = open_preview_panel(editor, live_server, solution.pk)
    expect(frame.locator("h1")).to_have_text("Очистка шахтных вод")
    expect(frame.locator("main")).to_contain_text("Очищает воды до норм сброса.")
    assert editor.violations == []


@pytest.mark.parametrize("kind", ["home", "catalogue", "standard"])
def test_preview_panel_renders_every_page_type(editor, live_server, kind):
    home = HomePage.objects.get()
    target = {
        "home": lambda: home,
        "catalogue": catalogue_index,
        "standard": lambda: home.add_child(instance=StandardPage(title="О центре", slug="o-centre")),
    }[kind]()
    heading = "Готовые технологии для шахтёрских городов" if kind == "home" else target.title
    frame = open_preview_panel(editor, live_server, target.pk)
    expect(frame.locator("h1")).to_have_text(heading)
    assert editor.violations == []


def test_preview_in_new_tab(editor, live_server):
    solution = publish(SolutionPageFactory(title="Очистка шахтных вод"))
    frame = open_preview_panel(editor, live_server, solution.pk)
    expect(frame.locator("h1")).to_have_text("Очистка шахтных вод")
    with editor.context.expect_page() as new_tab:
        editor.locator("[data-w-preview-target=newTab]").click()
    tab = new_tab.value
    expect(tab.locator("h1")).to_have_text("Очистка шахтных вод")
    assert "/edit/preview/" in tab.url
