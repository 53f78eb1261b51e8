"""Import rate of `manage.py import_solutions`: prints rows/s and peak memory, asserts nothing.

    .venv/bin/python bench/import_rate.py [--sizes 1000 10000] [--seed 1]

For each N it generates a synthetic catalogue (bench/generate.py), migrates a fresh database and imports in a
child process three times: the file (creates and publishes N solutions), the same file again (finds them all
unchanged), then a copy with every summary edited (a new published revision of each solution).
Databases: a SQLite file in a temporary folder, and PostgreSQL too when DATABASE_URL points to one (a scratch
database `<name>_importbench` is created next to it and dropped afterwards).
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "bench")]

from generate import generate_catalogue  # noqa: E402
from services import require_database  # noqa: E402


def child_import(path):
    """Runs inside the child: one import, then its own timing and peak memory as a JSON line on stdout."""
    sys.path[:0] = [str(REPO), str(REPO / "site")]
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    started, cpu_started = time.monotonic(), time.process_time()
    call_command("import_solutions", path, stdout=out, stderr=StringIO())
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"seconds": time.monotonic() - started, "cpu": time.process_time() - cpu_started,
                      "peak_mb": usage.ru_maxrss / 1024, "summary": out.getvalue().strip()}, ensure_ascii=False))


def run_child(path, env):
    result = subprocess.run([sys.executable, __file__, "--child", str(path)], env=env, cwd=REPO,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def migrate(env):
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=REPO, check=True)


def sqlite_url(folder, n):
    return f"sqlite:///{folder}/bench-{n}.sqlite3"


class ScratchPostgres:
    """A throwaway database on the server DATABASE_URL points at."""

    def __init__(self, url):
        self.parsed = urlparse(url)
        self.name = self.parsed.path.lstrip("/") + "_importbench"

    @property
    def url(self):
        return urlunparse(self.parsed._replace(path=f"/{self.name}"))

    def _admin(self, sql):
        import psycopg2

        connection = psycopg2.connect(urlunparse(self.parsed._replace(path="/postgres")))
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    def recreate(self):
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')
        self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')


def measure(label, url, paths, n):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "false",
           "PYTHONPATH": f"{REPO}:{REPO / 'site'}"}
    migrate(env)
    created, unchanged, updated = (run_child(path, env) for path in (paths[0], paths[0], paths[1]))
    print(f"| {label:10} | {n:6} | {created['seconds']:8.1f} | {n / created['seconds']:6.1f} | "
          f"{n / created['cpu']:10.1f} | {created['peak_mb']:7.0f} | {n / unchanged['seconds']:13.0f} | "
          f"{n / updated['seconds']:12.1f} |", flush=True)


def write_catalogues(folder, n, seed):
    """The generated catalogue, and a copy of it with every solution's summary edited."""
    rows = generate_catalogue(n, seed)
    paths = [Path(folder) / f"catalogue-{n}.json", Path(folder) / f"catalogue-{n}-edited.json"]
    paths[0].write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    edited = [{**row, "summary": row["summary"] + " Сведения обновлены."} for row in rows]
    paths[1].write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"],
                        help="PostgreSQL runs only when DATABASE_URL points to a server")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_import(args.child)

    database_url = os.environ.get("DATABASE_URL", "")
    on_postgres = "postgresql" in args.databases and database_url.startswith(("postgres://", "postgresql://"))
    if on_postgres:
        require_database(database_url)
    postgres = ScratchPostgres(database_url) if on_postgres else None
    print(f"CPUs: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f}")
    print("| database   |      N | import s | rows/s | rows/CPU-s | peak MB | re-run rows/s | update rows/s |")
    print("|------------|--------|----------|--------|------------|---------|---------------|---------------|")
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            paths = write_catalogues(folder, n, args.seed)
            if "sqlite" in args.databases:
                measure("SQLite", sqlite_url(folder, n), paths, n)
            if postgres:
                postgres.recreate()
                try:
                    measure("PostgreSQL", postgres.url, paths, n)
                finally:
                    postgres.drop()


if __name__ == "__main__":
    main()
