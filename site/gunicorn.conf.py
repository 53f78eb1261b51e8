"""Gunicorn configuration: `gunicorn -c site/gunicorn.conf.py` from the repository root (nginx in front).

Environment: GUNICORN_BIND (default 127.0.0.1:8000 — loopback, nginx proxies to it), GUNICORN_WORKERS
(default 2 × CPU + 1), GUNICORN_THREADS (1), GUNICORN_TIMEOUT (30 s), GUNICORN_MAX_REQUESTS (0: never restart a
worker), DJANGO_SETTINGS_MODULE (production).
"""
import gc
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
# Workers are not restarted after a number of requests unless asked (a remedy for a memory leak, none known): the
# arbiter takes up to a second to replace a worker that leaves, and measured under load (bench/serve.py) restarts
# every 2,000 requests put p95 latency of stored pages at 0.4-1 s instead of 6 ms and cost a third of the
# throughput. The jitter keeps workers, if restarted, from leaving together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 2
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


def when_ready(server):
    """Once, in the master, before the first worker is forked: imports every view, compiles the templates and plans
    a search (ops/warmup.py), so no worker pays for that on its first requests."""
    if not server.cfg.preload_app:  # without it the master has not set Django up, and warming it would be wasted
        return
    from ops.warmup import warm_up

    warm_up()


def pre_fork(server, worker):
    """Moves what the master loaded (Django, Wagtail, this site: some 200,000 objects) out of reach of the cyclic
    garbage collector, which otherwise walks all of them on every full collection in every worker: measured at
    3-7 ms per catalogue or API page, under 1.5 ms frozen. Also keeps those pages shared between workers."""
    gc.freeze()


def worker_exit(server, worker):
    """Writes the searches this worker counted but has not written yet (search/query_log.py), so a restart or
    a scale-down loses none of the query log."""
    from search import query_log

    query_log.flush()
