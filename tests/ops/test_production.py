"""Production settings, exercised in a separate process as gunicorn would load them."""
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_with_production_settings(tmp_path, *args, **extra_env):
    # As a deployment has it: without the test run's own variables (browser tests allow sync ORM calls in a loop).
    inherited = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-production-like-secret-key-for-the-tests-0123456789-abcdefghijklmnop",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


def test_deployment_check_finds_nothing_to_fix(tmp_path):
    result = run_with_production_settings(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_starts_with_a_search_server_configured(tmp_path):
    # The settings read the server's configuration before any model can be imported.
    result = run_with_production_settings(tmp_path, "check", ELASTICSEARCH_URL="http://127.0.0.1:9")
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_with_production_settings(tmp_path, "check", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


# Runs inside the production process: fetch the hashed stylesheet the way a browser would after the home page.
FETCH_HASHED_STYLESHEET = """
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
url = staticfiles_storage.url("css/site.css")
response = Client().get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip")
print(url, response.status_code, response.get("Content-Encoding"), response.get("Cache-Control", "").replace(" ", ""))
"""


def test_collected_static_files_are_served_hashed_and_compressed(tmp_path):
    collected = run_with_production_settings(tmp_path, "collectstatic", "--noinput")
    assert collected.returncode == 0, collected.stderr
    result = run_with_production_settings(tmp_path, "shell", "-c", FETCH_HASHED_STYLESHEET)
    assert result.returncode == 0, result.stderr
    url, status, encoding, cache_control = result.stdout.split()[-4:]
    assert url.startswith("/static/css/site.") and url.endswith(".css") and url != "/static/css/site.css"
    assert status == "200"
    assert encoding == "gzip"
    # A hashed name never changes content, so WhiteNoise lets browsers keep it for a year.
    assert "max-age=315360000" in cache_control
