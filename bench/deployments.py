"""The filtered catalogue with deployments: 10,000 solutions and 20,000 deployments (defaults) in a scratch
database, then every deployment filter, facet and sort through CatalogueQuery and the catalogue page.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres BENCH_TEST_DATABASE=deploy14_bench \
        .venv/bin/python bench/deployments.py [--size 10000] [--deployments 20000] [--repeat 7]

Solutions come from bench/generate.py through `import_solutions`; deployments are spread over 60 % of them in
the generator's regions and cities (Kuzbass and Donbass cities made cities of their regions), with forms of
cooperation on a random share. Each query runs with the catalogue's caches emptied first («cold»: facets and
results worked out) and then again with them («warm»). Prints p50/max in ms and SQL queries; asserts nothing.
"""
import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CITIES = {"Кемеровская область": ["Кемерово", "Новокузнецк", "Прокопьевск", "Междуреченск", "Ленинск-Кузнецкий"],
          "Донецкая Народная Республика": ["Донецк", "Макеевка", "Горловка"]}
QUERIES = [
    "",
    "has_deployments=true",
    "deployed_in={kuzbass}",
    "deployed_in={novokuznetsk}",
    "terms=licence",
    "terms=supply&has_deployments=true",
    "sort=deployments",
    "deployed_in={kuzbass}&terms=service&sort=deployments",
    "sector={ecology}&deployed_in={dnr}",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--deployments", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "site")]
    from services import scratch_database

    with scratch_database() as connection:
        started = time.perf_counter()
        build(args.size, args.deployments)
        print(f"{connection.vendor}: {args.size} solutions and {args.deployments} deployments built in "
              f"{time.perf_counter() - started:.0f} s")
        measure(args.repeat)

def build(size, deployments):
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import generate_catalogue
    from catalogue.models import Deployment, Region, SolutionPage
    from catalogue.models.terms import TERMS

    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as file:
        json.dump(generate_catalogue(size, seed=1), file, ensure_ascii=False)
    try:
        call_command("import_solutions", file.name, stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))  # noqa: SIM115
    finally:
        os.unlink(file.name)
    for region_name, cities in CITIES.items():
        region, _ = Region.objects.get_or_create(name=region_name)
        for city in cities:
            Region.objects.update_or_create(name=city, defaults={"kind": Region.Kind.CITY, "parent": region})
    rng = random.Random(1)
    places = list(Region.objects.all())
    pages = list(SolutionPage.objects.values_list("pk", flat=True))
    deployed = rng.sample(pages, int(len(pages) * 0.6))
    statuses = [value for value, _label in Deployment.Status.choices]
    rows = []
    for number in range(deployments):
        place = rng.choice(places)
        city = place if place.kind == Region.Kind.CITY else None
        rows.append(Deployment(
            page_id=deployed[number % len(deployed)], site=f"Объект {number}", city=city,
            region=None if city else place, year=rng.randint(2015, 2025), status=rng.choice(statuses),
            effects=[("effect", {"value": f"−{rng.randint(5, 60)} %", "label": "затрат"})], sort_order=number))
    Deployment.objects.bulk_create(rows, batch_size=2000)
    for field, _label in TERMS.values():
        SolutionPage.objects.filter(pk__in=rng.sample(pages, len(pages) // 4)).update(**{field: True})
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(repeat):
    from django.core.cache import cache
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from catalogue.query import CatalogueQuery

    def query_once(string):
        query = CatalogueQuery.from_params(QueryDict(string))
        query.facets()
        return [page.pk for page in query.results()[:12]], query.count()

    def timed(action, cold):
        times, counts = [], []
        for _ in range(repeat):
            if cold:
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                result = action()
                times.append((time.perf_counter() - started) * 1000)
            counts.append(len(queries))
        return statistics.median(times), max(times), counts[-1], result

    from catalogue.models import Region, Sector

    slugs = {"kuzbass": Region.objects.get(name="Кемеровская область").slug,
             "novokuznetsk": Region.objects.get(name="Новокузнецк").slug,
             "dnr": Region.objects.get(name="Донецкая Народная Республика").slug,
             "ecology": Sector.objects.get(name="Экология и рекультивация").slug}
    client = Client()
    print(f"{'query':62} {'phase':5} {'found':>6} {'p50 ms':>8} {'max ms':>8} {'SQL':>4}")
    with override_settings(RESPONSE_CACHE_SECONDS=0):
        for string in (template.format(**slugs) for template in QUERIES):
            for cold in (True, False):
                p50, worst, count, (_ids, found) = timed(lambda s=string: query_once(s), cold)
                print(f"CatalogueQuery ?{string:47} {'cold' if cold else 'warm':5} {found:6} {p50:8.1f} "
                      f"{worst:8.1f} {count:4}")
            for cold in (True, False):
                p50, worst, count, response = timed(lambda s=string: client.get(f"/catalogue/?{s}"), cold)
                assert response.status_code == 200, response.status_code
                print(f"page /catalogue/?{string:45} {'cold' if cold else 'warm':5} {'':6} {p50:8.1f} "
                      f"{worst:8.1f} {count:4}")


if __name__ == "__main__":
    main()
