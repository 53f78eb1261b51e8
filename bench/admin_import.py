"""Timing of the admin's import (/admin/catalogue/import/) through Django's test client; asserts nothing.

    .venv/bin/python bench/admin_import.py [--size 1000] [--seed 1]

A generated catalogue of N solutions (bench/generate.py) is written as Russian Excel's CSV (semicolons,
Windows-1251), uploaded by a superuser into a freshly migrated database, and timed at each step: the upload
(read, validate, plan, store), the dry-run page (planned again and drawn with its per-row diff), «Применить»
(run inside the request here, `NOC_IMPORT_IN_BACKGROUND=false`, so its duration is the import's), and the dry
run of the same file again (every row unchanged). SQLite always; PostgreSQL too when DATABASE_URL points to one
(scratch database `<name>_importbench`, dropped afterwards).
"""
import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "bench")]

from generate import generate_catalogue  # noqa: E402
from import_rate import ScratchPostgres, migrate, sqlite_url  # noqa: E402

LIST_FIELDS = ("sectors", "needs", "organizations", "regions", "tags")


def russian_excel_csv(rows):
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["; ".join(row[key]) if key in LIST_FIELDS and key in row else row.get(key, "")
                         for key in columns])
    return out.getvalue().encode("cp1251", errors="replace")


def child(path):
    sys.path[:0] = [str(REPO), str(REPO / "site")]
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    settings.NOC_IMPORT_IN_BACKGROUND = False
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("bench", "bench@example.org", "bench"))
    data = Path(path).read_bytes()
    timings = {}

    def timed(label, call):
        started = time.monotonic()
        response = call()
        timings[label] = time.monotonic() - started
        assert response.status_code in (200, 302), (label, response.status_code)
        return response

    upload = timed("upload", lambda: client.post("/admin/catalogue/import/",
                                                 {"file": SimpleUploadedFile("решения.csv", data)}))
    job_url = upload["Location"]
    timed("dry_run_page", lambda: client.get(job_url))
    timed("apply", lambda: client.post(job_url, {"mode": "publish"}))
    again = timed("upload_again", lambda: client.post("/admin/catalogue/import/",
                                                      {"file": SimpleUploadedFile("решения.csv", data)}))
    timed("dry_run_page_again", lambda: client.get(again["Location"]))
    print(json.dumps(timings))


def measure(label, url, path, n):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "false",
           "PYTHONPATH": f"{REPO}:{REPO / 'site'}"}
    migrate(env)
    result = subprocess.run([sys.executable, __file__, "--child", str(path)], env=env, cwd=REPO,
                            capture_output=True, text=True, check=True)
    t = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"| {label:10} | {n:5} | {t['upload']:6.1f} | {t['dry_run_page']:7.1f} | {t['apply']:6.1f} "
          f"| {n / t['apply']:6.1f} | {t['upload_again']:6.1f} | {t['dry_run_page_again']:7.1f} |", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    database_url = os.environ.get("DATABASE_URL", "")
    print(f"CPUs: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f}")
    print("| database   |     N | upload s | dry-run page s | apply s | rows/s | again: upload s | page s |")
    print("|------------|-------|----------|----------------|---------|--------|-----------------|--------|")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalogue.csv"
        path.write_bytes(russian_excel_csv(generate_catalogue(args.size, args.seed)))
        measure("SQLite", sqlite_url(folder, args.size), path, args.size)
        if database_url.startswith(("postgres://", "postgresql://")):
            postgres = ScratchPostgres(database_url)
            postgres.recreate()
            try:
                measure("PostgreSQL", postgres.url, path, args.size)
            finally:
                postgres.drop()


if __name__ == "__main__":
    main()
