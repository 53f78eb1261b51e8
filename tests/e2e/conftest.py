"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""
import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).parent / "screenshots"
WIDTHS = {"phone": 375, "desktop": 1280}


def pytest_collection_modifyitems(items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: install Debian's chromium package to run browser tests")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop; Django must be told that its ORM calls here are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900}, locale="ru-RU")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def showcase(django_db_serialized_rollback, transactional_db):
    """The live server reads committed data, so the test commits; the rollback restores the migrated site tree
    that a flush would otherwise erase for the next test."""
    from tests.showcase import build_showcase

    return build_showcase()
