"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""
import os
from pathlib import Path

import pytest

from tests.services import HOW, STRICT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Browser tests commit what the live server must see. Serialized rollback puts the migrated site tree back after
# each of them; every transactional test in the suite uses it, since a plain flush in between would collide.
LIVE_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SCREENSHOTS = Path(__file__).parent / "screenshots"
WIDTHS = {"phone": 375, "desktop": 1280}


def pytest_collection_modifyitems(items):
    if CHROMIUM.exists():
        return
    reason = f"no Chromium at {CHROMIUM}: install Debian's chromium package to run browser tests"
    if STRICT:
        raise pytest.UsageError(f"{reason} (NOC_REQUIRE_SERVICES is set; {HOW})")
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop; Django must be told that its ORM calls here are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    # Inside Playwright's event loop Django keeps a separate connection for the tests' queries; close it, or
    # PostgreSQL refuses to drop the test database at the end of the run.
    connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900}, locale="ru-RU")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def showcase():
    """Committed (the module is marked transactional), so the live server sees it."""
    from tests.showcase import build_showcase

    return build_showcase()


def log_in_to_admin(page, live_server, username, password):
    """Sign in through the admin's login form, as a person does, and wait for the dashboard."""
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page
