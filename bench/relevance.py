"""Relevance of site search on a Russian test catalogue: nDCG@10 and success@3, per database.

    .venv/bin/python bench/relevance.py                      # SQLite, and PostgreSQL when reachable
    .venv/bin/python bench/relevance.py --extra bench/relevance_extra.json
    .venv/bin/python bench/relevance.py --only sqlite

Each database is a fresh test database: the corpus is loaded as published pages, the search dictionary is
rebuilt, and every query (plus a misspelt variant of each) goes through CatalogueQuery — the code path the
catalogue page, the search page and /api/v2/solutions/?search= share. Prints figures; asserts nothing.
"""
import argparse
import importlib.util
import io
import json
import logging
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent.parent / "shared" / "relevance"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/noc_search"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("RELEVANCE_CORPUS", SHARED / "dev_corpus.json"))
    parser.add_argument("--queries", default=os.environ.get("RELEVANCE_QUERIES", SHARED / "dev_queries.json"))
    parser.add_argument("--metrics", default=SHARED / "metrics.py")
    parser.add_argument("--extra", help="a JSON file {corpus: [...], queries: [...]} added to the public set")
    parser.add_argument("--only", choices=["sqlite", "postgres"], help="run one database in this process")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument("--verbose", action="store_true", help="print each query that misses the top three")
    return parser.parse_args()


def main():
    args = parse_args()
    if args.only:
        run_here(args)
        return
    for name, url in (("sqlite", ""), ("postgres", args.postgres_url)):
        env = dict(os.environ, DATABASE_URL=url)
        if name == "postgres" and not postgres_reachable(url):
            print(f"postgres: not reachable at {url}, skipped")
            continue
        command = [sys.executable, __file__, "--only", name, *forwarded(args)]
        subprocess.run(command, env=env, check=False)


def forwarded(args):
    options = ["--corpus", str(args.corpus), "--queries", str(args.queries), "--metrics", str(args.metrics)]
    if args.extra:
        options += ["--extra", str(args.extra)]
    return options + (["--verbose"] if args.verbose else [])


def postgres_reachable(url):
    try:
        import psycopg2

        psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


def run_here(args):
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    logging.disable(logging.INFO)  # page-publishing chatter would bury the figures
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        corpus, queries = load_set(args)
        started = time.perf_counter()
        load_corpus(corpus)
        loaded = time.perf_counter() - started
        report(args, connection.vendor, corpus, queries, loaded)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def load_set(args):
    corpus = json.loads(Path(args.corpus).read_text())
    queries = json.loads(Path(args.queries).read_text())
    if args.extra:
        extra = json.loads(Path(args.extra).read_text())
        corpus += extra["corpus"]
        queries += extra["queries"]
    return corpus, queries


def load_corpus(corpus):
    """Published pages from the import format (until the importer command lands in main)."""
    from django.core.management import call_command

    from catalogue.models import CatalogueIndexPage, Need, Organization, Region, Sector, SolutionPage

    index = CatalogueIndexPage.objects.get()
    for item in corpus:
        page = SolutionPage(
            title=item["title"], slug=item["slug"], summary=item["summary"], trl=item["trl"],
            body=[{"type": "paragraph", "value": f"<p>{item['body']}</p>"}] if item.get("body") else [],
        )
        index.add_child(instance=page)
        for model, key, relation in ((Sector, "sectors", page.sectors), (Need, "needs", page.needs),
                                     (Organization, "organizations", page.organizations),
                                     (Region, "regions", page.regions)):
            relation.set([model.objects.get_or_create(name=name)[0] for name in item.get(key, [])])
        page.tags.set(item.get("tags", []))
        page.save_revision().publish()
    call_command("rebuild_search_vocabulary", stdout=io.StringIO())


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
        word = word[:i] + rng.choice("аеиоуыя") + word[i + 1:]
    words[position] = word
    return " ".join(words)


def ranked_slugs(query):
    from django.http import QueryDict

    from catalogue.query import CatalogueQuery

    params = QueryDict(mutable=True)
    params["q"] = query
    return [page.slug for page in CatalogueQuery.from_params(params).results()[:10]]


def report(args, vendor, corpus, queries, loaded):
    spec = importlib.util.spec_from_file_location("metrics", args.metrics)
    metrics = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(metrics)
    rng = random.Random(20261126)
    typo_queries = [{"q": misspell(q["q"], rng), "rel": q["rel"]} for q in queries]
    for label, selected in (("queries", queries), ("misspelt", typo_queries)):
        timings, run = [], {}
        for item in selected:
            started = time.perf_counter()
            run[item["q"]] = ranked_slugs(item["q"])
            timings.append(time.perf_counter() - started)
        ndcg, success = metrics.score(run, selected)
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))] * 1000
        print(f"{vendor:10} {label:9} n={len(selected):3} docs={len(corpus)} nDCG@10={ndcg:.3f} "
              f"success@3={success:.3f} p95={p95:.0f} ms (load {loaded:.1f} s)")
        if args.verbose:
            for item in selected:
                if not metrics.success(run[item["q"]], item["rel"]):
                    print(f"    miss: {item['q']!r} → {run[item['q']][:3]} want {item['rel']}")


if __name__ == "__main__":
    main()
