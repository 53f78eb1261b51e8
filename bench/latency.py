"""Search latency on a large synthetic catalogue (default 10,000 solutions) in a fresh test database.

    .venv/bin/python bench/latency.py [--size 10000]              # uses DATABASE_URL (SQLite by default)
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/noc_search .venv/bin/python bench/latency.py
    DATABASE_URL=postgresql://… .venv/bin/python bench/latency.py --opensearch-url http://127.0.0.1:9200

Solutions are recombined from the relevance corpus's words, so common words are common and rare words rare.
Every relevance query runs through CatalogueQuery (first page of results, as the search page asks); prints
p50/p95 and queries per search. With --opensearch-url the same catalogue is then indexed into that node
(`update_index`, timed, under its own index prefix, removed afterwards) and the searches run again with it as the
search server; the script counts the searches it answered, so a silent fall-back to the database shows.
BENCH_TEST_DATABASE names the scratch database (default: Django's test_<name>). Prints figures; asserts nothing.
"""
import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "relevance"  # ../shared/relevance beside the clone


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--extra", default=ROOT / "bench" / "relevance_extra.json")
    parser.add_argument("--opensearch-url", help="also measure with this OpenSearch node as the search server")
    parser.add_argument("--keep", action="store_true",
                        help="keep the scratch database for the next run, and reuse the catalogue it holds")
    parser.add_argument("--slowest", type=int, default=0, help="also print the N slowest searches")
    args = parser.parse_args()
    from services import scratch_database

    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    with scratch_database(keep=args.keep) as connection:
        from catalogue.models import SolutionPage

        corpus, queries = load_set(args.extra)
        held = SolutionPage.objects.count()
        if held != args.size:
            if held:
                sys.exit(f"the kept database holds {held} solutions, not {args.size}: drop it (BENCH_TEST_DATABASE)")
            started = time.perf_counter()
            build_catalogue(corpus, args.size)
            print(f"{connection.vendor}: {args.size} solutions built and indexed in "
                  f"{time.perf_counter() - started:.0f} s")
        ranked = measure(connection, connection.vendor, [item["q"] for item in queries], slowest=args.slowest)
        if args.opensearch_url:
            with_opensearch(connection, args.opensearch_url, [item["q"] for item in queries], ranked)

def with_opensearch(connection, url, queries, ranked_by_database):
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import override_settings
    from modelsearch.backends import get_search_backend

    from bench.relevance import count_candidate_sources
    from search.server import elasticsearch_backends

    prefix = f"bench_latency_{os.getpid()}_"
    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_backends(url, engine="opensearch2",
                                                                         index_prefix=prefix)):
        try:
            started = time.perf_counter()
            call_command("update_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
            print(f"{connection.vendor} + OpenSearch: update_index of the catalogue in "
                  f"{time.perf_counter() - started:.0f} s")
            cache.clear()
            served = count_candidate_sources()
            ranked = measure(connection, f"{connection.vendor} + OpenSearch", queries)
            print(f"candidates from OpenSearch for {served['server']} searches, from the database for "
                  f"{served['database']}; top ten differing from the database's for "
                  f"{sum(ranked[query] != ranked_by_database[query] for query in queries)} of {len(queries)} queries")
        finally:
            get_search_backend("default").es.indices.delete(index=f"{prefix}*")


def load_set(extra):
    corpus = json.loads((SHARED / "dev_corpus.json").read_text())
    queries = json.loads((SHARED / "dev_queries.json").read_text())
    more = json.loads(Path(extra).read_text())
    return corpus + more["corpus"], queries + more["queries"]


def build_catalogue(corpus, size):
    """Pages added without per-save indexing, then indexed and the dictionary rebuilt in bulk."""
    from django.core.management import call_command
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler

    from catalogue.models import CatalogueIndexPage, Need, Sector, SolutionPage
    from search.signals import on_save

    post_save.disconnect(post_save_signal_handler, sender=SolutionPage)
    post_save.disconnect(on_save, sender=SolutionPage, dispatch_uid="search-save-catalogue.SolutionPage")
    rng = random.Random(10_000)
    words = " ".join(f"{item['title']} {item['summary']} {item['body']}" for item in corpus).split()
    sectors = [Sector.objects.get_or_create(name=name)[0] for name in {s for i in corpus for s in i["sectors"]}]
    needs = [Need.objects.get_or_create(name=name)[0] for name in {n for i in corpus for n in i["needs"]}]
    index = CatalogueIndexPage.objects.get()
    for number in range(size):
        base = corpus[number % len(corpus)]
        page = SolutionPage(
            title=f"{base['title']} {' '.join(rng.sample(words, 2))}", slug=f"s{number}",
            summary=f"{base['summary']} {' '.join(rng.sample(words, 8))}", trl=rng.randint(1, 9),
            body=[{"type": "paragraph", "value": f"<p>{' '.join(rng.sample(words, 40))}</p>"}],
            sectors=rng.sample(sectors, 2), needs=rng.sample(needs, 1))
        index.add_child(instance=page)
    call_command("update_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("rebuild_search_vocabulary", stdout=open(os.devnull, "w"))  # noqa: SIM115


def measure(connection, label, queries, slowest=0):
    from django.core.cache import cache
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from catalogue.query import CatalogueQuery

    cache.clear()  # a kept database's run starts as cold as a fresh one's
    timings, sql, ranked, by_query = [], [], {}, []
    for query in queries * 2:
        params = QueryDict(mutable=True)
        params["q"] = query
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            ranked[query] = [page.pk for page in CatalogueQuery.from_params(params).results()[:10]]
            timings.append((time.perf_counter() - started) * 1000)
        sql.append(len(captured.captured_queries))
        by_query.append((timings[-1], len(captured.captured_queries), query))
    for elapsed, count, query in sorted(by_query, reverse=True)[:slowest]:
        print(f"    {elapsed:6.0f} ms  {count:2} SQL  {query}")
    timings.sort()
    print(f"{label}: {len(timings)} searches, p50 {timings[len(timings) // 2]:.0f} ms, "
          f"p95 {timings[int(0.95 * (len(timings) - 1))]:.0f} ms, max {timings[-1]:.0f} ms, "
          f"SQL queries per search ≤ {max(sql)}")
    return ranked


if __name__ == "__main__":
    main()
