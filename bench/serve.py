#!/usr/bin/env python3
"""Latency and throughput of the site under gunicorn on loopback, cold and warm. Prints a table; asserts nothing.

    .venv/bin/python bench/serve.py --database-url sqlite:////path/to/db.sqlite3
    .venv/bin/python bench/serve.py --database-url postgresql://postgres@127.0.0.1/noc_bench \\
        --redis-url redis://127.0.0.1:6379/2 --concurrency 8 --duration 15 \\
        --url /healthz --url '/search/?q=шахтные воды'

Without --url it measures: the home page, the catalogue with two filters, a solution page, a search, the API and
/healthz (slugs and the solution's address are read from the database). "cold" is the first --cold-requests
requests one by one right after a fresh start with the cache emptied; "warm" is --concurrency keep-alive
connections for --duration seconds (at most --max-requests in all) after a warm-up. Traffic goes to 127.0.0.1 only.
"""
import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HEADERS = {"Host": "localhost", "X-Forwarded-Proto": "https", "User-Agent": "noc-bench/1"}

# Read by `manage.py shell` in the benchmarked configuration: real slugs and a real solution to ask for.
DISCOVER = """
import json
from catalogue.models import Need, Sector, SolutionPage
solution = SolutionPage.objects.live().first()
sector = Sector.objects.filter(solutions__live=True).first() if solution else None
need = Need.objects.filter(solutions__live=True).first() if solution else None
print(json.dumps({"solution": solution.url if solution else None,
                  "sector": sector.slug if sector else None, "need": need.slug if need else None}))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--settings", default="config.settings.production")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", default="", help="REDIS_URL for the server (default: local memory cache)")
    parser.add_argument("--url", action="append", dest="urls", help="a path to measure; repeat for several")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--port", type=int, default=0, help="0 = any free loopback port")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of warm load per URL")
    parser.add_argument("--max-requests", type=int, default=5000, help="upper bound of warm requests per URL")
    parser.add_argument("--cold-requests", type=int, default=10)
    return parser.parse_args()


def server_env(args, static_root):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": args.settings,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "STATIC_ROOT": str(static_root),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *command):
    result = subprocess.run([PYTHON, "manage.py", *command], cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(command)} failed:\n{result.stderr}")
    return result.stdout


def default_urls(env):
    found = json.loads(manage(env, "shell", "-c", DISCOVER).strip().splitlines()[-1])
    filters = "&".join(f"{name}={found[name]}" for name in ("sector", "need") if found[name])
    return [
        "/",
        f"/catalogue/?{filters}" if filters else "/catalogue/",
        found["solution"] or "/catalogue/",
        "/search/?q=" + quote("очистка шахтных вод"),
        "/api/v2/solutions/?limit=20",
        "/healthz",
    ]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env, port, workers):
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
    server = subprocess.Popen([str(Path(PYTHON).with_name("gunicorn")), "-c", "site/gunicorn.conf.py"],
                              cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch(http.client.HTTPConnection("127.0.0.1", port, timeout=5), "/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    sys.exit("gunicorn did not answer /healthz within 60 s")


def fetch(connection, path):
    """One GET on a kept-alive connection: (status, seconds)."""
    started = time.perf_counter()
    connection.request("GET", path, headers=HEADERS)
    response = connection.getresponse()
    response.read()
    return response.status, time.perf_counter() - started


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.statuses, self.errors = [], {}, 0

    def add(self, status, seconds):
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def fail(self):
        with self.lock:
            self.errors += 1


def load(port, path, connections, duration, max_requests):
    """`connections` threads, each on its own keep-alive connection, until the time or the request budget ends."""
    tally, budget = Tally(), iter(range(max_requests))
    deadline = time.monotonic() + duration

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline and next(budget, None) is not None:
            try:
                tally.add(*fetch(connection, path))
            except (OSError, http.client.HTTPException):
                tally.fail()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.monotonic() - started


def row(path, phase, tally, elapsed):
    latencies = sorted(tally.latencies)
    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] * 1000 if latencies else float("nan")
    statuses = " ".join(f"{code}×{count}" for code, count in sorted(tally.statuses.items()))
    return (f"{unquote(path)[:48]:<48} {phase:<5} {len(latencies):>6} {tally.errors:>4} {p50:>8.1f} {p95:>8.1f} "
            f"{len(latencies) / elapsed:>8.1f}  {statuses}")


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory() as static_root:
        env = server_env(args, static_root)
        manage(env, "collectstatic", "--noinput", "-v0")
        urls = args.urls or default_urls(env)
        manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
        port = args.port or free_port()
        server = start_gunicorn(env, port, args.workers)
        try:
            cache = "redis" if args.redis_url else "local memory"
            print(f"gunicorn: {args.workers} workers on 127.0.0.1:{port}; settings {args.settings}; "
                  f"database {urlsplit(args.database_url).scheme}; cache {cache}")
            print(f"{'URL':<48} {'phase':<5} {'reqs':>6} {'errs':>4} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}  "
                  "statuses")
            for path in urls:
                print(row(path, "cold", *load(port, path, 1, 60, args.cold_requests)), flush=True)
            for path in urls:
                load(port, path, args.concurrency, 2, 200)  # warm-up: every worker has seen every page
                print(row(path, "warm", *load(port, path, args.concurrency, args.duration, args.max_requests)),
                      flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
