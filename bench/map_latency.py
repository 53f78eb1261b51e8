"""Latency and SQL queries of the deployment map (and the pages that show deployments) on a large catalogue.

    createdb -h 127.0.0.1 -U postgres noc_map
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/noc_map .venv/bin/python bench/map_latency.py \\
        [--size 10000] [--deployments 20000] [--requests 30] [--keep]

Builds the catalogue in the database DATABASE_URL names (migrate, `bench/generate.py`'s catalogue through
`import_solutions`, then `--deployments` deployments spread over the solutions and over the towns of the bundled
gazetteer in the catalogue's regions, ANALYZE); an already built catalogue of that size is reused. Then asks each
page with Django's test client inside this process, response cache off (RESPONSE_CACHE_SECONDS=0):

* hit    — the catalogue cache holds the map's markers and list (the normal state between publications);
* change — the catalogue's generation bumped before every request (the first visitor after a publication:
           facets, markers and list worked out again from 20,000 deployments).

Prints p50/p95 ms and queries per request. Asserts nothing.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site"), str(ROOT / "bench")]


def build(size, deployments, seed=1):
    from catalogue.geo import gazetteer
    from catalogue.models import Deployment, Region, SolutionPage

    if SolutionPage.objects.count() != size:
        from generate import generate_catalogue

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "catalogue.json"
            path.write_text(json.dumps(generate_catalogue(size, seed), ensure_ascii=False), encoding="utf-8")
            started = time.perf_counter()
            subprocess.run([sys.executable, "manage.py", "import_solutions", str(path)], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
            print(f"imported {size} solutions in {time.perf_counter() - started:.0f} s")
    if Deployment.objects.count() != deployments:
        Deployment.objects.all().delete()
        rng = random.Random(seed)
        regions = [region for region in Region.objects.filter(kind=Region.Kind.REGION) if region.code]
        cities = []
        for region in regions:  # every gazetteer town of the catalogue's regions, as cities of the catalogue
            for place in [place for place in gazetteer_towns(gazetteer, region.code)][:60]:
                city, _ = Region.objects.get_or_create(name=place, defaults={"kind": Region.Kind.CITY,
                                                                             "parent": region})
                cities.append(city)
        pages = list(SolutionPage.objects.values_list("pk", flat=True))
        rows = []
        for number in range(deployments):
            city = rng.choice(cities) if cities and rng.random() < 0.8 else None
            region = None if city else rng.choice(regions)
            rows.append(Deployment(page_id=pages[number % len(pages)], site=f"Объект {number} (синтетический)",
                                   city=city, region=region, year=2010 + rng.randrange(16),
                                   status=rng.choice(["pilot", "operating", "completed"]), sort_order=number))
        Deployment.objects.bulk_create(rows, batch_size=2000)
        print(f"created {deployments} deployments over {len(cities)} towns and {len(regions)} regions")
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def gazetteer_towns(gazetteer, code):
    data = json.loads(gazetteer.DATA_FILE.read_text(encoding="utf-8"))
    return [row[0] for row in data["cities"] if row[1] == code]


def addresses():
    from catalogue.models import Need, Sector, SolutionPage

    sector = Sector.objects.order_by("pk").values_list("slug", flat=True).first()
    need = Need.objects.order_by("pk").values_list("slug", flat=True).first()
    solution = SolutionPage.objects.live().order_by("pk").first()
    return {
        "map": "/catalogue/map/",
        "map, 1 filter": f"/catalogue/map/?sector={sector}",
        "map, 2 filters": f"/catalogue/map/?sector={sector}&need={need}",
        "map, text": "/catalogue/map/?q=очистка%20воды",
        "home": "/",
        "solution": solution.url,
        "catalogue, 2 filters": f"/catalogue/?sector={sector}&need={need}",
    }


def measure(client, path, requests, bump):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from catalogue import cache as catalogue_cache

    for _ in range(3):  # per-process caches (site root paths) and the first fills of the catalogue cache
        client.get(path)
    times, queries = [], []
    for _ in range(requests):
        if bump:
            catalogue_cache.bump()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries.append(len(captured))
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)], max(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--deployments", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    from services import require_database

    require_database(os.environ.get("DATABASE_URL", ""))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.setdefault("RESPONSE_CACHE_SECONDS", "0")
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True,
                   env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"})
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.RESPONSE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["*"]
    build(args.size, args.deployments)
    client = Client()
    print(f"{connection.vendor}, {args.size} solutions, {args.deployments} deployments, "
          f"{args.requests} requests per address and phase; load average {os.getloadavg()[0]:.1f}")
    print("| page | hit p50 / p95 ms | queries | after a change p50 / p95 ms | queries |")
    print("|---|---|---|---|---|")
    for name, path in addresses().items():
        hit = measure(client, path, args.requests, bump=False)
        change = measure(client, path, max(args.requests // 3, 5), bump=True)
        print(f"| {name} | {hit[0]:.0f} / {hit[1]:.0f} | {hit[2]} | {change[0]:.0f} / {change[1]:.0f} | {change[2]} |")


if __name__ == "__main__":
    main()
