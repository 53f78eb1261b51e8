#!/usr/bin/env python3
"""Latency and throughput of the site under gunicorn on loopback. Prints tables; asserts nothing.

    .venv/bin/python bench/serve.py --database-url sqlite:////path/to/db.sqlite3
    .venv/bin/python bench/serve.py --database-url postgresql://postgres@127.0.0.1/noc_bench \\
        --redis-url redis://127.0.0.1:6379/2 --load-test 60 --search-backend-down

Each kind of page (home, catalogue with two filters, deployment map, solution page, search, API list, /healthz, an
organisation's profile, the /organizations/ directory, /labs/ with
a filter, a laboratory's page) is asked for at up to --distinct different addresses read
from the database (other solutions, other filter pairs, other
queries), because real visitors spread over thousands of addresses. Phases:

* cold     — each address once, one by one, right after a start with the cache emptied: every answer is built;
* first    — each kind's addresses split in two: the workers are warmed under load on one half (templates
             compiled, connections open, shared caches such as the dictionary filled, as on a running site), then
             each address of the other half is asked for once, one by one: a first-time answer on a warm server
             (for search: a query nobody asked before);
* warm     — --concurrency connections for --duration seconds cycling over the addresses after a warm-up:
             anonymous answers come from the response cache (catalogue/response_cache.py);
* rendered — the same load on a server started with RESPONSE_CACHE_SECONDS=0: every answer is built, with the
             facet counts and fragments cached as usual;
* load     — with --load-test S: S seconds at --load-connections connections over every address of every kind
             at once, errors counted (any failed connection or status other than 200/404 is an error).

The load comes from Debian's `wrk` when it is installed (`apt install wrk`), else from a Python client of threads
sharing the two cores with the server (fewer requests per second, same errors). Traffic goes to 127.0.0.1 only.
"""
import argparse
import http.client
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

from services import require_database, require_redis

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HEADERS = {"Host": "localhost", "X-Forwarded-Proto": "https", "User-Agent": "noc-bench/1"}
OK_STATUSES = (200, 404)
QUERIES = ["очистка шахтных вод", "рекультивация отвалов", "метан", "уголь", "мониторинг", "переработка отходов",
           "беспилотник", "реабилитация", "энергосбережение", "обогащение угля", "подземный транспорт",
           "цифровой двойник", "очистка воздуха", "шахтные воды", "водоотлив", "сорбент", "пыль", "кадры",
           "горноспасатели", "рекультивацыя отвалов", "очистка сточных вод", "рекультивация", "угольная пыль",
           "тепловизор", "обучение горняков", "мониторинг воздуха", "шахтный метан", "обогащение", "вентиляция шахты",
           "утилизация отходов", "геология", "дрон", "питьевая вода", "реабилитация шахтёров", "освещение улиц",
           "отопление", "переобучение", "анкерное крепление", "биоплато", "золошлаковые отходы"]

# Read by `manage.py shell` in the benchmarked configuration: real addresses to ask for.
DISCOVER = """
import json
from django.db.models import Count
from catalogue.models import Need, Organization, Region, Sector, SolutionPage
from labs.models import LabPage, LabService
limit = %d
solutions = [page.url for page in SolutionPage.objects.live().order_by("?")[:limit]]
sectors = list(Sector.objects.filter(solutions__live=True).distinct().values_list("slug", flat=True))
needs = list(Need.objects.filter(solutions__live=True).distinct().values_list("slug", flat=True))
# The organisations with the most solutions first: their profiles are the heaviest.
organizations = list(Organization.objects.annotate(n=Count("solutions")).order_by("-n")
                     .values_list("slug", flat=True)[:limit])
kinds = list(Organization.objects.values_list("kind", flat=True).distinct())
regions = list(Region.objects.filter(organizations__isnull=False).distinct().values_list("slug", flat=True))
labs = [page.url for page in LabPage.objects.live().order_by("?")[:limit]]
services = list(LabService.objects.values_list("kind", flat=True).distinct())
lab_hosts = list(Organization.objects.filter(labs__live=True).distinct().values_list("slug", flat=True))
print(json.dumps({"solutions": solutions, "sectors": sectors, "needs": needs, "organizations": organizations,
                  "kinds": kinds, "regions": regions, "labs": labs, "services": services,
                  "lab_hosts": lab_hosts}))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--settings", default="config.settings.production")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", default="", help="REDIS_URL for the server (default: local memory cache)")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: site/gunicorn.conf.py's)")
    parser.add_argument("--distinct", type=int, default=40, help="addresses per kind of page")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load per kind of page")
    parser.add_argument("--phases", default="cold,first,warm,rendered")
    parser.add_argument("--kinds", default="", help="comma-separated kinds of page to measure (default: all), "
                                                    "each word picks the kinds starting with it, e.g. 'solution,API'")
    parser.add_argument("--load-test", type=float, default=0, help="seconds of mixed load (0 = none)")
    parser.add_argument("--load-connections", type=int, default=50)
    parser.add_argument("--search-backend-down", action="store_true",
                        help="also run the load test with ELASTICSEARCH_URL pointing at a closed port")
    return parser.parse_args()


def server_env(args, static_root, **overrides):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": args.settings,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "STATIC_ROOT": str(static_root),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "LOG_LEVEL": "ERROR",
        **overrides,
    }


def manage(env, *command):
    result = subprocess.run([PYTHON, "manage.py", *command], cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(command)} failed:\n{result.stderr}")
    return result.stdout


def addresses(env, distinct):
    """Up to `distinct` addresses for each kind of page, from what the database holds."""
    found = json.loads(manage(env, "shell", "-c", DISCOVER % distinct).strip().splitlines()[-1])
    pairs = [(sector, need) for sector in found["sectors"] for need in found["needs"]][:distinct]
    queries = [quote(query) for query in QUERIES[:distinct]]
    return {
        "home": ["/"],
        "catalogue, 2 filters": [f"/catalogue/?sector={sector}&need={need}" for sector, need in pairs],
        "map": ["/catalogue/map/", *[f"/catalogue/map/?sector={sector}" for sector in found["sectors"]]][:distinct],
        "map, 2 filters": [f"/catalogue/map/?sector={sector}&need={need}" for sector, need in pairs],
        "solution": found["solutions"],
        "search": [f"/search/?q={query}" for query in queries],
        "API list": [f"/api/v2/solutions/?limit=20&offset={20 * page}" for page in range(distinct)],
        "API search": [f"/api/v2/solutions/?search={query}" for query in queries],
        "healthz": ["/healthz"],
        "organisation": [f"/catalogue/org/{slug}/" for slug in found["organizations"]],
        "organisations": (["/organizations/"] + [f"/organizations/?kind={kind}" for kind in found["kinds"]]
                          + [f"/organizations/?region={region}" for region in found["regions"]]
                          + [f"/organizations/?page={page}" for page in range(2, distinct)])[:distinct],
        "labs": (["/labs/"] + [f"/labs/?service={service}" for service in found["services"]]
                 + [f"/labs/?org={slug}" for slug in found["lab_hosts"]]
                 + [f"/labs/?sector={sector}" for sector in found["sectors"]])[:distinct],
        "lab": found["labs"],
    }


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env, workers):
    port = free_port()
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers or "")}
    server = subprocess.Popen([str(Path(PYTHON).with_name("gunicorn")), "-c", "site/gunicorn.conf.py"],
                              cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_up(port):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch(http.client.HTTPConnection("127.0.0.1", port, timeout=5), "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer /healthz within 60 s")


def fetch(connection, path):
    """One GET: (status, seconds)."""
    started = time.perf_counter()
    connection.request("GET", path, headers=HEADERS)
    response = connection.getresponse()
    response.read()
    return response.status, time.perf_counter() - started


class Result:
    """What one phase measured: latencies in seconds, answers by status, failed connections, wall time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.statuses, self.failures, self.elapsed = [], {}, 0, 0.0
        self.p50 = self.p95 = self.requests = None  # set directly when wrk reports them

    def add(self, status, seconds):
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def fail(self):
        with self.lock:
            self.failures += 1

    def count(self):
        return self.requests if self.requests is not None else len(self.latencies)

    def percentile(self, share):
        latencies = sorted(self.latencies)
        if not latencies:
            return float("nan")
        if share == 0.5:
            return statistics.median(latencies)
        return latencies[min(len(latencies) - 1, int(len(latencies) * share))]

    def errors(self):
        return self.failures + sum(count for status, count in self.statuses.items() if status not in OK_STATUSES)


def one_by_one(port, paths):
    result = Result()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.monotonic()
    for path in paths:
        try:
            result.add(*fetch(connection, path))
        except (OSError, http.client.HTTPException):
            result.fail()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    result.elapsed = time.monotonic() - started
    return result


def python_load(port, paths, connections, duration):
    """`connections` threads cycling over `paths`, each on its own connection, until the time is up."""
    result, deadline = Result(), time.monotonic() + duration

    def client(offset):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        index = offset
        while time.monotonic() < deadline:
            try:
                result.add(*fetch(connection, paths[index % len(paths)]))
            except (OSError, http.client.HTTPException):
                result.fail()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            index += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(offset,)) for offset in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.monotonic() - started
    return result


WRK_SCRIPT = """
local paths = {%s}
local index = 0
request = function()
  index = index %% #paths + 1
  return wrk.format("GET", paths[index], {["Host"] = "localhost", ["X-Forwarded-Proto"] = "https"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status, latency:percentile(50), latency:percentile(95)))
end
"""


def wrk_load(port, paths, connections, duration):
    """Debian's wrk cycling over `paths`; its Lua `done` hook reports the figures that wrk alone does not print."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT % ", ".join(json.dumps(path) for path in paths))
        script.flush()
        output = subprocess.run(
            ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{duration:.0f}s",
             "--timeout", "30s", "-s", script.name, f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, check=True).stdout
    requests, micros, failures, bad_statuses, p50, p95 = map(
        int, next(line for line in output.splitlines() if line.startswith("RESULT")).split()[1:])
    result = Result()
    result.requests, result.elapsed, result.failures = requests, micros / 1e6, failures
    result.statuses = {"non-2xx/3xx": bad_statuses} if bad_statuses else {200: requests}
    result.p50, result.p95 = p50 / 1e6, p95 / 1e6
    return result


def under_load(port, paths, connections, duration):
    return (wrk_load if shutil.which("wrk") else python_load)(port, paths, connections, duration)


def print_header(title):
    print(f"\n{title}")
    print(f"{'page':<22} {'phase':<8} {'addrs':>5} {'reqs':>7} {'errs':>4} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}")


def print_row(kind, phase, paths, result):
    p50 = result.p50 if result.p50 is not None else result.percentile(0.5)
    p95 = result.p95 if result.p95 is not None else result.percentile(0.95)
    print(f"{kind:<22} {phase:<8} {len(paths):>5} {result.count():>7} {result.errors():>4} {p50 * 1000:>8.1f} "
          f"{p95 * 1000:>8.1f} {result.count() / max(result.elapsed, 1e-9):>8.1f}", flush=True)


def warm_up(args, port, paths):
    """Every address built once (enough when the workers share Redis), then a short load so that every worker
    has its own local-memory entries and connections when they share nothing."""
    one_by_one(port, paths)
    under_load(port, paths, args.concurrency, max(2.0, args.duration / 3))


def measure(args, env, pages, phase):
    with gunicorn(env, args.workers) as port:
        for kind, paths in pages.items():
            if phase == "cold":
                print_row(kind, phase, paths, one_by_one(port, paths))
                continue
            if phase == "first":
                warm, fresh = paths[::2], paths[1::2] or paths
                under_load(port, warm, args.concurrency, max(2.0, args.duration / 3))
                print_row(kind, phase, fresh, one_by_one(port, fresh))
                continue
            warm_up(args, port, paths)
            print_row(kind, phase, paths, under_load(port, paths, args.concurrency, args.duration))


def load_test(args, env, pages, label):
    everything = [path for paths in pages.values() for path in paths]
    with gunicorn(env, args.workers) as port:
        warm_up(args, port, everything)
        result = under_load(port, everything, args.load_connections, args.load_test)
    print_row(label, "load", everything, result)
    print(f"  answers: {result.statuses}; failed connections: {result.failures}")


def chosen_kinds(pages, kinds):
    """The kinds of page named in `--kinds`: each comma-separated word picks the kinds whose name starts with it
    («catalogue» picks «catalogue, 2 filters»; «API» both API kinds)."""
    words = [word.strip() for word in kinds.split(",") if word.strip()]
    chosen = {kind: urls for kind, urls in pages.items() if any(kind.startswith(word) for word in words)}
    if not chosen:
        sys.exit(f"--kinds {kinds!r} names none of: {', '.join(pages)}")
    return chosen


def main():
    args = parse_args()
    require_database(args.database_url)
    require_redis(args.redis_url)
    with tempfile.TemporaryDirectory() as static_root:
        env = server_env(args, static_root)
        manage(env, "collectstatic", "--noinput", "-v0")
        pages = addresses(env, args.distinct)
        if args.kinds:
            pages = chosen_kinds(pages, args.kinds)
        client = "wrk" if shutil.which("wrk") else "Python threads"
        workers = args.workers or f"{2 * os.cpu_count() + 1} (2 × CPU + 1)"
        print(f"gunicorn: {workers} sync workers on loopback; settings {args.settings}; database "
              f"{urlsplit(args.database_url).scheme}; cache {'redis' if args.redis_url else 'local memory'}; "
              f"load from {client}, {args.concurrency} connections × {args.duration:.0f} s per page")
        print_header("p50/p95 latency and throughput")
        for phase in args.phases.split(","):
            overrides = {"RESPONSE_CACHE_SECONDS": "0"} if phase == "rendered" else {}
            measure(args, server_env(args, static_root, **overrides), pages, phase)
        if args.load_test:
            print_header(f"load test: {args.load_test:.0f} s at {args.load_connections} connections, "
                         "every address of every kind")
            load_test(args, env, pages, "all pages")
            if args.search_backend_down:
                down = server_env(args, static_root, ELASTICSEARCH_URL="http://127.0.0.1:9")
                load_test(args, down, pages, "search backend down")


if __name__ == "__main__":
    main()
