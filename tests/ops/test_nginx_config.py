"""The example nginx configuration (ops/nginx/noc.conf, shown in docs/operations.md) agrees with the site."""
import re
from pathlib import Path

from django.conf import settings

from tests.ops.test_gunicorn import REPO

CONFIG = REPO / "ops" / "nginx" / "noc.conf"
UNITS = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3, "s": 1, "ms": 0.001}


def directives(text):
    """{name: [values of each occurrence]} of the simple `name value;` directives, comments left out."""
    found = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        for statement in re.findall(r"([a-z_0-9]+)\s+([^;{}]+);", line):
            found.setdefault(statement[0], []).append(statement[1].strip())
    return found


def amount(value):
    number, unit = re.fullmatch(r"(\d+)([a-z]*)", value).groups()
    return int(number) * UNITS[unit]


def test_body_size_matches_the_application_cap():
    config = directives(CONFIG.read_text())
    assert amount(config["client_max_body_size"][0]) >= settings.NOC_MAX_REQUEST_SIZE
    assert amount(config["client_max_body_size"][0]) < settings.NOC_MAX_REQUEST_SIZE + 1024 ** 2


def test_slow_and_idle_clients_never_hold_a_sync_worker():
    config = directives(CONFIG.read_text())
    assert config["proxy_request_buffering"] == ["on"]
    assert config["proxy_buffering"] == ["on"]
    for name in ("client_header_timeout", "client_body_timeout", "send_timeout", "keepalive_timeout"):
        assert amount(config[name][0]) <= 15, name


def test_gunicorn_gives_up_on_a_stuck_worker_before_nginx_gives_up_on_gunicorn():
    config = directives(CONFIG.read_text())
    gunicorn = {"__file__": str(REPO / "site" / "gunicorn.conf.py")}
    exec((REPO / "site" / "gunicorn.conf.py").read_text(), gunicorn)  # noqa: S102 - our own config file
    assert amount(config["proxy_read_timeout"][0]) > gunicorn["timeout"]


def test_proxy_passes_the_client_address_that_behind_proxy_trusts():
    config = directives(CONFIG.read_text())
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in config["proxy_set_header"]
    assert "X-Forwarded-Proto $scheme" in config["proxy_set_header"]
    assert config["proxy_pass"] == ["http://127.0.0.1:8000"]


def test_operations_guide_shows_exactly_this_file():
    guide = Path(REPO / "docs" / "operations.md").read_text()
    assert "```nginx\n" + CONFIG.read_text() + "```" in guide
