"""site/gunicorn.conf.py as deployed: serves on loopback and writes JSON access lines to stdout."""
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_healthz(port, deadline):
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz?probe=1", headers={"X-Forwarded-Proto": "https", "Host": "localhost"})
            response = connection.getresponse()
            return response.status, response.read()
        except OSError:
            time.sleep(0.3)
    raise AssertionError("gunicorn did not answer within the time limit")


def test_gunicorn_serves_on_loopback_with_json_access_log(tmp_path):
    port = free_port()
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="gunicorn-test-" + "x" * 50,
               DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", GUNICORN_BIND=f"127.0.0.1:{port}",
               GUNICORN_WORKERS="1")
    server = subprocess.Popen([str(GUNICORN), "-c", "site/gunicorn.conf.py"], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        status, body = get_healthz(port, time.monotonic() + 60)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert status == 200
    assert json.loads(body) == {"status": "ok", "database": "ok"}
    entries = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    access = [entry for entry in entries if entry["logger"] == "gunicorn.access"]
    assert access and access[0]["path"] == "/healthz" and access[0]["query"] == "probe=1"
    assert access[0]["status"] == 200
    assert any(f"Listening at: http://127.0.0.1:{port}" in entry.get("message", "") for entry in entries)
    # The database here has no tables yet: the master's warm-up (ops/warmup.py) says so and the site starts anyway.
    assert any(entry["level"] == "WARNING" and "workers start cold" in entry["message"] for entry in entries)
