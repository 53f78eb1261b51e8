"""Relevance of site search on a Russian test catalogue: nDCG@10 and success@3, per database.

    .venv/bin/python bench/relevance.py                      # SQLite, and PostgreSQL when reachable
    .venv/bin/python bench/relevance.py --extra bench/relevance_extra.json
    .venv/bin/python bench/relevance.py --databases sqlite --verbose
    .venv/bin/python bench/relevance.py --databases opensearch    # after `make opensearch`

For each database the catalogue goes in the way an administrator puts it in: a fresh database (a SQLite file in
a temporary folder; a PostgreSQL database created on the --postgres-url server and dropped afterwards) is set up
with `manage.py migrate` and filled with `manage.py import_solutions CORPUS` (then the --extra set's corpus).
Every query, and a misspelt variant of each, is then asked of the public API,
`GET /api/v2/solutions/?search=<query>&limit=10`, through Django's test client, and the slugs it answers are
scored with the shared metrics.py. `opensearch` is SQLite with the OpenSearch node at --opensearch-url as the
search server (indexed with `manage.py update_index` after the import, under its own index prefix); the script
counts the searches the server answered, so a silent fall-back to the database shows. As a cross-check the script
also asks CatalogueQuery, which the API is meant to delegate to, and prints how many queries it ranks differently.
Prints figures; asserts nothing.
"""
import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse
from urllib.request import Request, urlopen

ROOT = Path(__file__).resolve().parent.parent
# The shared relevance data sits next to the checkout or one level further up.
SHARED = next((folder for folder in (ROOT.parent / "shared" / "relevance", ROOT.parent.parent / "shared" / "relevance")
               if folder.is_dir()), ROOT.parent.parent / "shared" / "relevance")
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
DEFAULT_OPENSEARCH = "http://127.0.0.1:9200"
API_URL = "/api/v2/solutions/"
TOP = 10
WEAK_NDCG = 0.8


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("RELEVANCE_CORPUS", SHARED / "dev_corpus.json"))
    parser.add_argument("--queries", default=os.environ.get("RELEVANCE_QUERIES", SHARED / "dev_queries.json"))
    parser.add_argument("--metrics", default=SHARED / "metrics.py")
    parser.add_argument("--groups", default=os.environ.get("RELEVANCE_GROUPS", SHARED / "dev_queries_v2.json"),
                        help="a JSON file {group: [queries]} over the same corpus (wrong layout, transliteration, "
                             "English, everyday words…), each group reported on its own; '' for none")
    parser.add_argument("--extra", help="a JSON file {corpus: [...], queries: [...]} added to the public set")
    parser.add_argument("--databases", nargs="+", choices=["sqlite", "postgresql", "opensearch"],
                        default=["sqlite", "postgresql"])
    server = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("POSTGRES_URL") or DEFAULT_POSTGRES
    parser.add_argument("--postgres-url", default=server,
                        help="any database on the server; the bench creates and drops its own next to it")
    parser.add_argument("--opensearch-url", default=os.environ.get("OPENSEARCH_TEST_URL", DEFAULT_OPENSEARCH))
    parser.add_argument("--verbose", action="store_true",
                        help="print each query that misses the top three or ranks poorly")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # the child's part
    return parser.parse_args()


def main():
    args = parse_args()
    if args.measure:
        measure(args)
        return
    print(f"CPUs: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as folder:
        corpus_files = import_files(args, Path(folder))
        for vendor in args.databases:
            if vendor == "opensearch" and not answers(args.opensearch_url):
                print(f"opensearch: no node at {args.opensearch_url}, skipped (start one with `make opensearch`)")
                continue
            database = scratch_postgres(args.postgres_url) if vendor == "postgresql" else scratch_sqlite(folder, vendor)
            with database as url:
                if url is None:
                    from services import HOW  # bench/ is on the path when this runs as a script

                    print(f"{vendor}: no server at {args.postgres_url}, skipped. {HOW}")
                    continue
                env = bench_env(url)
                if vendor == "opensearch":
                    env.update(ELASTICSEARCH_URL=args.opensearch_url, ELASTICSEARCH_ENGINE="opensearch2",
                               ELASTICSEARCH_INDEX_PREFIX=f"bench_relevance_{os.getpid()}_")
                try:
                    prepare_and_measure(args, vendor, env, corpus_files)
                finally:
                    if vendor == "opensearch":
                        delete_indexes(args.opensearch_url, env["ELASTICSEARCH_INDEX_PREFIX"])


def prepare_and_measure(args, vendor, env, corpus_files):
    started = time.perf_counter()
    manage(env, "migrate", "--noinput", "-v0")
    for path in corpus_files:
        manage(env, "import_solutions", str(path))
    if vendor == "opensearch":
        manage(env, "update_index")
    print(f"{vendor}: migrated and imported in {time.perf_counter() - started:.1f} s", flush=True)
    subprocess.run([sys.executable, __file__, "--measure", *forwarded(args)], env=env, cwd=ROOT, check=True)


def import_files(args, folder):
    """The files handed to import_solutions: the corpus as it is, and the extra set's corpus on its own."""
    files = [Path(args.corpus)]
    if args.extra:
        extra_corpus = folder / "extra_corpus.json"
        extra_corpus.write_text(json.dumps(read_json(args.extra)["corpus"], ensure_ascii=False), encoding="utf-8")
        files.append(extra_corpus)
    return files


@contextmanager
def scratch_sqlite(folder, name="sqlite"):
    yield f"sqlite:///{folder}/relevance-{name}.sqlite3"


def answers(url):
    try:
        with urlopen(url, timeout=3):
            return True
    except OSError:
        return False


def delete_indexes(url, prefix):
    with urlopen(Request(f"{url}/{prefix}*", method="DELETE"), timeout=30):
        pass


@contextmanager
def scratch_postgres(server_url):
    """A database of its own on the server (trust auth), dropped on the way out; None when there is no server."""
    import psycopg2

    parsed = urlparse(server_url)
    name = f"{os.environ.get('BENCH_DATABASE_PREFIX', 'noc_relevance')}_{os.getpid()}"  # a shared server's naming rule

    def admin(sql):
        connection = psycopg2.connect(urlunparse(parsed._replace(path="/postgres")), connect_timeout=3)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    try:
        admin(f'CREATE DATABASE "{name}"')
    except psycopg2.OperationalError:
        yield None
        return
    try:
        yield urlunparse(parsed._replace(path=f"/{name}"))
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def bench_env(database_url):
    # Development settings as `manage.py` uses them, without DEBUG's per-query bookkeeping; the database backend
    # for search even if the shell has an Elasticsearch configured (`opensearch` sets its own).
    return {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DEBUG": "false", "ELASTICSEARCH_URL": ""}


def manage(env, *command):
    """Run a management command quietly; on failure show what it said and stop."""
    result = subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, capture_output=True,
                            text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def forwarded(args):
    options = ["--corpus", str(args.corpus), "--queries", str(args.queries), "--metrics", str(args.metrics),
               "--groups", str(args.groups or "")]
    if args.extra:
        options += ["--extra", str(args.extra)]
    return options + (["--verbose"] if args.verbose else [])


def read_json(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


# --- The child: runs against the database DATABASE_URL names, already migrated and imported ---------------------

def measure(args):
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client's `testserver` host through ALLOWED_HOSTS
    client = Client()
    from search.backends import uses_search_server

    served = count_candidate_sources() if uses_search_server() else None
    label = "opensearch" if served is not None else connection.vendor
    metrics = load_metrics(args.metrics)
    queries = read_json(args.queries) + (read_json(args.extra)["queries"] if args.extra else [])
    rng = random.Random(20261126)
    misspelt = [{"q": misspell(item["q"], rng), "rel": item["rel"]} for item in queries]
    sets = [("queries", queries), ("misspelt", misspelt)]
    if args.groups and Path(args.groups).is_file():
        for group, items in read_json(args.groups).items():
            sets.append((group, items))
            if group == "translit":  # typed in Latin letters with a typo as well
                sets.append(("translit~", [{"q": misspell(item["q"], rng), "rel": item["rel"]} for item in items]))
    for kind, selected in sets:
        run, timings = {}, []
        for item in selected:
            started = time.perf_counter()
            run[item["q"]] = api_ranking(client, item["q"])
            timings.append(time.perf_counter() - started)
        ndcg, success = metrics.score(run, selected)
        differing = sum(run[item["q"]] != catalogue_query_ranking(item["q"]) for item in selected)
        print(f"{label:10} {kind:10} n={len(selected):3} nDCG@10={ndcg:.3f} success@3={success:.3f} "
              f"p95={percentile(timings, 0.95) * 1000:.0f} ms  ranked differently by CatalogueQuery: {differing}",
              flush=True)
        if args.verbose:
            print_weak(metrics, run, selected)
    if served is not None:
        print(f"{label:10} candidates from the search server for {served['server']} searches, "
              f"from the database (fall-back) for {served['database']}", flush=True)


def count_candidate_sources(patch=setattr):
    """{server, database}: how many candidate lookups the search server answered, and how many the database
    postings answered (the fall-back, or the only source without a server). Tests pass monkeypatch.setattr."""
    from search import backends, documents

    counts = {"server": 0, "database": 0}

    def counting(function, key):
        def counted(*args, **kwargs):
            result = function(*args, **kwargs)
            counts[key] += 1
            return result
        return counted

    patch(backends, "backend_ids", counting(backends.backend_ids, "server"))
    patch(documents, "candidate_ids", counting(documents.candidate_ids, "database"))
    return counts


def print_weak(metrics, run, selected):
    """Each query that misses the top three, or whose nDCG@10 is below WEAK_NDCG (grade-1 pages ranked low)."""
    for item in selected:
        ranked = run[item["q"]]
        ndcg = metrics.ndcg(ranked, item["rel"])
        if not metrics.success(ranked, item["rel"]):
            print(f"    miss: {item['q']!r} → {ranked[:3]} want {item['rel']}")
        elif ndcg < WEAK_NDCG:
            print(f"    weak ({ndcg:.2f}): {item['q']!r} → {ranked[:5]} want {item['rel']}")


def load_metrics(path):
    spec = importlib.util.spec_from_file_location("metrics", path)
    metrics = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(metrics)
    return metrics


def api_ranking(client, query):
    """The slugs of the API's first page for this search, in its order."""
    response = client.get(API_URL, {"search": query, "limit": TOP})
    if response.status_code != 200:
        raise RuntimeError(f"{API_URL}?search={query!r}: HTTP {response.status_code} {response.content[:200]!r}")
    return [item["meta"]["slug"] for item in response.json()["items"]]


def catalogue_query_ranking(query):
    from django.http import QueryDict

    from catalogue.query import CatalogueQuery

    params = QueryDict(mutable=True)
    params["q"] = query
    return [page.slug for page in CatalogueQuery.from_params(params).results()[:TOP]]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def misspell(query, rng):
    """The query with one letter of its longest word dropped, doubled, swapped or replaced."""
    words = query.split()
    position = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[position]
    if len(word) < 5:
        return query
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "double", "swap", "replace"])
    if kind == "drop":
        word = word[:i] + word[i + 1:]
    elif kind == "double":
        word = word[:i] + word[i] + word[i:]
    elif kind == "swap":
        word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    else:
        vowels = "aeiouy" if word.isascii() else "аеиоуыя"
        word = word[:i] + rng.choice(vowels) + word[i + 1:]
    words[position] = word
    return " ".join(words)


if __name__ == "__main__":
    main()
