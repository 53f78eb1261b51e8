"""Backup and restore of the whole site: the database plus the media folder, in one .tar.gz.

The archive holds `manifest.json` (what was saved and how many of each thing), the database as
`database.sqlite3` (SQLite's online backup API: a consistent copy while the site runs) or `database.pgdump`
(pg_dump's custom format, restored with pg_restore), and `media/` (original images, renditions, documents).
Restoring checks the counts against the manifest, so a silently partial restore cannot pass for a good one.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
MANIFEST_FILE = "manifest.json"
MEDIA_DIR = "media"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Russian and says what to do."""


def inventory():
    """What a restore must bring back, counted in the current database."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
    }


def media_files(media_root):
    root = Path(media_root)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


# --- Backup ------------------------------------------------------------------------------------------------
def create_backup(target_dir):
    """Write noc-backup-<time>.tar.gz into target_dir and return its path."""
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    archive = target_dir / f"noc-backup-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        database_file = dump_database(Path(work))
        manifest = {
            "created": datetime.now().astimezone().isoformat(timespec="seconds"),
            "engine": connection.vendor,
            "counts": inventory(),
            "media_files": media_files(settings.MEDIA_ROOT),
        }
        manifest_path = Path(work) / MANIFEST_FILE
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(manifest_path, MANIFEST_FILE)
            tar.add(database_file, database_file.name)
            if Path(settings.MEDIA_ROOT).is_dir():
                tar.add(settings.MEDIA_ROOT, MEDIA_DIR)
    return archive


def dump_database(work):
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = work / SQLITE_FILE
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
        return target
    if connection.vendor == "postgresql":
        target = work / POSTGRES_FILE
        run_postgres_tool("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}")
        return target
    raise BackupError(f"Копирование базы «{connection.vendor}» не поддерживается: нужна SQLite или PostgreSQL.")


def run_postgres_tool(tool, *args):
    """Run pg_dump/pg_restore against the configured database; the password travels in the environment only."""
    db = connection.settings_dict
    command = [tool, *args, f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        command.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        command.append(f"--port={db['PORT']}")
    if db.get("USER"):
        command.append(f"--username={db['USER']}")
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{tool} завершился с ошибкой: {result.stderr.strip()}")


# --- Restore -----------------------------------------------------------------------------------------------
def restore_backup(archive, replace=False):
    """Restore an archive into the configured database and media folder; return the manifest's counts."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"Файл резервной копии не найден: {archive}")
    if connection.introspection.table_names() and not replace:
        raise BackupError(
            "База данных уже содержит таблицы. Восстанавливайте в новую пустую базу "
            "или добавьте --replace, чтобы заменить её содержимое."
        )
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(work, filter="data")
        manifest = json.loads((Path(work) / MANIFEST_FILE).read_text(encoding="utf-8"))
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"Копия сделана из базы «{manifest['engine']}», а настроена «{connection.vendor}»: "
                "восстанавливайте в базу того же вида."
            )
        load_database(Path(work))
        restore_media(Path(work) / MEDIA_DIR)
    verify(manifest)
    return manifest["counts"]


def load_database(work):
    connection.close()
    if connection.vendor == "sqlite":
        source = closing(sqlite3.connect(work / SQLITE_FILE))
        target = closing(sqlite3.connect(connection.settings_dict["NAME"]))
        with source as source_db, target as target_db:
            source_db.backup(target_db)
    else:
        run_postgres_tool("pg_restore", "--no-owner", "--no-privileges", "--clean", "--if-exists", "--exit-on-error",
                          str(work / POSTGRES_FILE))


def restore_media(saved_media):
    if saved_media.is_dir():
        shutil.copytree(saved_media, settings.MEDIA_ROOT, dirs_exist_ok=True)


def verify(manifest):
    counts = inventory()
    if counts != manifest["counts"]:
        raise BackupError(f"Восстановлено не всё: в копии {manifest['counts']}, в базе {counts}.")
    missing = sorted(set(manifest["media_files"]) - set(media_files(settings.MEDIA_ROOT)))
    if missing:
        raise BackupError(f"Не восстановлены файлы медиатеки: {', '.join(missing[:10])}")
