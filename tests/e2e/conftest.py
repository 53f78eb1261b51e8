"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""
import os
from importlib import import_module
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


def restore_site_tree():
    """The live server reads committed data, so these tests commit and each ends with a flush of every table —
    the site tree made by the data migration included. Put it back the way that migration does."""
    from django.apps import apps
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    from catalogue.models import CatalogueIndexPage

    if CatalogueIndexPage.objects.exists():
        return
    ContentType.objects.clear_cache()
    locale = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    import_module("home.migrations.0002_site_tree").create_site_tree(apps, None)


@pytest.fixture
def showcase(transactional_db):
    from tests.showcase import build_showcase

    restore_site_tree()
    return build_showcase()
