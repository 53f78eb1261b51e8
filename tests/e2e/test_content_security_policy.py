"""In a real browser the strict Content-Security-Policy blocks nothing the site needs, public or admin."""
import pytest
from django.contrib.auth import get_user_model
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.e2e.conftest import LIVE_DB
from tests.factories import NeedFactory, SectorFactory, SolutionPageFactory, publish

pytestmark = [pytest.mark.e2e, LIVE_DB]

PASSWORD = "надёжный-пароль-2026"


@pytest.fixture
def browser_page(page):
    page.violations = []
    page.on("console", lambda message: page.violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return page


@pytest.fixture
def solution():
    page = SolutionPageFactory(title="Очистка шахтных вод", slug="ochistka", trl=8,
                               sectors=[SectorFactory(name="Экология")], needs=[NeedFactory(name="Очистка воды")])
    return publish(page)


def png_bytes():
    return get_test_image_file().file.getvalue()


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status < 400, url
    assert page.violations == [], f"{url}: {page.violations}"


def log_in(page, live_server):
    get_user_model().objects.create_superuser("redaktor", "redaktor@example.org", PASSWORD)
    visit(page, f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "redaktor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_public_pages_need_no_exception(live_server, browser_page, solution):
    for path in ("/", "/catalogue/", solution.url):
        visit(browser_page, f"{live_server.url}{path}")


def test_admin_works_under_its_scoped_relaxation(live_server, browser_page, solution):
    log_in(browser_page, live_server)
    visit(browser_page, f"{live_server.url}/admin/")
    visit(browser_page, f"{live_server.url}/admin/pages/{solution.pk}/edit/")
    # The StreamField editor is drawn by JavaScript: if scripts were blocked, there would be no blocks to edit.
    browser_page.wait_for_selector("[data-streamfield-stream-container]", state="attached")
    visit(browser_page, f"{live_server.url}/admin/images/multiple/add/")
    browser_page.set_input_files("#fileupload", files=[{"name": "ustanovka.png", "mimeType": "image/png",
                                                        "buffer": png_bytes()}])
    # The uploader (JavaScript only) marks the file's row once the server has stored the image.
    browser_page.wait_for_selector("#upload-list li.upload-success", timeout=20_000)
    browser_page.wait_for_load_state("networkidle")
    assert browser_page.violations == []
    visit(browser_page, f"{live_server.url}/admin/images/{Image.objects.get().pk}/")  # focal point editor
    # An editor browsing the public site sees the Wagtail user bar, with the public site's strict policy.
    visit(browser_page, f"{live_server.url}{solution.url}")
    browser_page.wait_for_selector("wagtail-userbar", state="attached")
