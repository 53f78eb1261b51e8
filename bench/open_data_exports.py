"""Time, peak Python memory and database queries of the catalogue exports as the catalogue grows.

    .venv/bin/python bench/open_data_exports.py [sizes…]      (default: 250 1000 2000 solutions)

Runs on a throwaway test database (never db.sqlite3); prints figures, asserts nothing. Peak memory is what
tracemalloc sees while the whole response is produced and read. Both exports walk the results a chunk at a time,
so it levels off as the catalogue grows; what remains is the chunks the garbage collector has not yet freed
(page instances hold reference cycles) and, for XLSX, openpyxl's table of shared strings.
"""
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

from services import require_database  # noqa: E402

require_database(os.environ.get("DATABASE_URL", ""))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

EXPORTS = ("/catalogue/export.csv", "/catalogue/export.xlsx")


def grow_catalogue(to_size):
    from catalogue.models import SolutionPage
    from tests.factories import NeedFactory, OrganizationFactory, RegionFactory, SectorFactory, SolutionPageFactory

    sectors = [SectorFactory(name=f"Отрасль {n}") for n in range(8)]
    needs = [NeedFactory(name=f"Потребность {n}") for n in range(12)]
    regions = [RegionFactory(name=f"Регион {n}") for n in range(6)]
    organizations = [OrganizationFactory(name=f"Организация {n}") for n in range(40)]
    for n in range(SolutionPage.objects.count(), to_size):
        solution = SolutionPageFactory(
            title=f"Решение №{n}: очистка шахтных вод и рекультивация отвалов", trl=n % 9 + 1,
            summary="Краткое описание решения для выгрузки, чтобы строки были похожи на настоящие. " * 3,
            sectors=sectors[n % 8:n % 8 + 2], needs=needs[n % 12:n % 12 + 2], regions=[regions[n % 6]],
            organizations=organizations[n % 40:n % 40 + 2])
        solution.tags.add(f"тег {n % 30}")
        solution.save()


def download(client, url):
    response = client.get(url)
    size = sum(len(chunk) for chunk in response.streaming_content)
    response.close()
    return size


def measure(client, url):
    """Seconds (timed on its own: tracemalloc slows Python down), peak traced bytes, queries, response bytes."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        size = download(client, url)
        elapsed = time.perf_counter() - started
    query_count = len(queries.captured_queries)  # read now: the next request clears Django's query log
    tracemalloc.start()
    download(client, url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, query_count, size


def main(sizes):
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        client = Client()
        print(f"{'solutions':>9}  {'export':<24} {'seconds':>8} {'peak MiB':>9} {'queries':>8} {'KiB':>8}")
        for size in sizes:
            grow_catalogue(size)
            for url in EXPORTS:
                elapsed, peak, queries, length = measure(client, url)
                print(f"{size:>9}  {url:<24} {elapsed:>8.2f} {peak / 2**20:>9.1f} {queries:>8} {length / 1024:>8.0f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [250, 1000, 2000])
