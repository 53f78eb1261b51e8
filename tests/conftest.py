import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded images and documents go to a throwaway folder, never the developer's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with nothing cached: cached facets or counters must not leak from the test before."""
    cache.clear()


def pytest_collection_modifyitems(config, items):
    """Browser tests run on a SQLite file with the site's own options, not the in-memory database.

    In memory, pytest-django's live server shares one connection among its request threads, locks are per table and
    a conflict fails at once: a background save overlapping the editor's own «Сохранить черновик» answered a 500 now
    and then. On a file, concurrent writers queue for the busy timeout, as they do on the site (`make run`).
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3" or not any("e2e" in item.keywords for item in items):
        return
    folder = Path(tempfile.mkdtemp(prefix="noc-e2e-db-"))
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    database["TEST"] = {**database.get("TEST", {}), "NAME": str(folder / "test.sqlite3")}
    database["OPTIONS"] = dict(settings.SQLITE_FILE_OPTIONS)
