"""Gunicorn configuration: `gunicorn -c site/gunicorn.conf.py` from the repository root (nginx in front).

Environment: GUNICORN_BIND (default 127.0.0.1:8000 — loopback, nginx proxies to it), GUNICORN_WORKERS
(default 2 × CPU + 1), GUNICORN_THREADS (1), GUNICORN_TIMEOUT (30 s), DJANGO_SETTINGS_MODULE (production).
"""
import multiprocessing
import os
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent
REPO_DIR = SITE_DIR.parent

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
pythonpath = f"{SITE_DIR},{REPO_DIR}"
wsgi_app = "config.wsgi:application"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker restarts after this many requests (with jitter so they do not all restart at once): bounds any leak.
max_requests = 2000
max_requests_jitter = 200
# Load the application once in the master: workers fork with Django ready, and a broken setting fails at start.
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access and error logs as JSON lines on stdout, like Django's own (ops.log_format).
accesslog = "-"
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.log_format.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    # Gunicorn merges this over its defaults, whose root logger names a handler replaced here.
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
