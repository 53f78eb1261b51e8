"""The warm-up gunicorn's master runs before forking (ops/warmup.py): it compiles every template of the site and
plans a search, and a database that is not ready only makes it log a warning."""
import logging
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError

from ops import warmup

TEMPLATE_FOLDER = Path(settings.TEMPLATES[0]["DIRS"][0])


def test_every_template_of_the_site_compiles(caplog):
    with caplog.at_level(logging.WARNING, logger="ops.warmup"):
        compiled = warmup.compile_project_templates()
    assert compiled == len(list(TEMPLATE_FOLDER.rglob("*.html"))) > 50
    assert not caplog.records


def test_a_broken_template_is_named_in_the_log_and_the_rest_still_compile(caplog, settings, tmp_path):
    (tmp_path / "broken.html").write_text("{% if %}", encoding="utf-8")
    (tmp_path / "fine.html").write_text("{{ title }}", encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with caplog.at_level(logging.WARNING, logger="ops.warmup"):
        assert warmup.compile_project_templates() == 1
    assert "broken.html" in caplog.text


@pytest.mark.django_db
def test_a_database_that_is_not_ready_leaves_the_workers_cold_but_running(caplog, monkeypatch):
    from search import planning

    def unreachable(text):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(planning, "plan", unreachable)
    with caplog.at_level(logging.WARNING, logger="ops.warmup"):
        warmup.warm_up()  # does not raise
    assert "workers start cold" in caplog.text and "could not connect" in caplog.text
