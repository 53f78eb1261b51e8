"""A catalogue backed up with backup_site comes back whole from restore_site into a fresh database and media folder.

Runs on whichever database the suite runs on (CI runs it on SQLite and again on PostgreSQL).
"""
import hashlib
import json
import os
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import SolutionPageFactory, publish

REPO = Path(__file__).resolve().parents[2]

# Runs in the restored site's process and reports what a visitor and an editor would find there.
INSPECT_RESTORED_SITE = """
import hashlib, json
from catalogue.models import SolutionPage
page = SolutionPage.objects.get()
document = next(block.value["document"] for block in page.body if block.block_type == "document")
rendition = page.hero_image.renditions.get()
print(json.dumps({
    "live_title": page.title,
    "draft_title": page.get_latest_revision_as_object().title,
    "revisions": page.revisions.count(),
    "image": hashlib.sha256(page.hero_image.file.read()).hexdigest(),
    "rendition_on_disk": rendition.file.storage.exists(rendition.file.name),
    "document": hashlib.sha256(document.file.read()).hexdigest(),
}, ensure_ascii=False))
"""


def sha256(field_file):
    field_file.open("rb")
    try:
        return hashlib.sha256(field_file.read()).hexdigest()
    finally:
        field_file.close()


def build_catalogue():
    image = Image.objects.create(title="Установка на площадке", file=get_test_image_file("ustanovka.png"))
    image.get_rendition("fill-320x180")
    document = Document.objects.create(title="Технический паспорт",
                                       file=ContentFile("Паспорт установки".encode(), name="pasport.txt"))
    page = SolutionPageFactory(title="Очистка шахтных вод", hero_image=image,
                               body=[("document", {"document": document, "title": "Паспорт"})])
    page = publish(page)
    page.title = "Очистка шахтных вод: новая редакция"
    page.save_revision()  # a draft on top of the live version: the restore must keep both
    return {
        "live_title": "Очистка шахтных вод",
        "draft_title": "Очистка шахтных вод: новая редакция",
        "revisions": 2,
        "image": sha256(image.file),
        "rendition_on_disk": True,
        "document": sha256(document.file),
    }


@pytest.fixture
def fresh_database_url(tmp_path):
    """An empty database of the same engine as the suite's, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"noc_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"],
                             port=db["PORT"] or 5432)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        yield f"postgresql://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def manage(database_url, media_root, *args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url,
           "MEDIA_ROOT": str(media_root)}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_restores_pages_revisions_images_and_documents(tmp_path, fresh_database_url):
    expected = build_catalogue()
    out = StringIO()
    call_command("backup_site", str(tmp_path / "backups"), stdout=out)
    archive = out.getvalue().strip()
    assert Path(archive).name.startswith("noc-backup-") and archive.endswith(".tar.gz")

    restored_media = tmp_path / "restored-media"
    restored = manage(fresh_database_url, restored_media, "restore_site", archive)
    assert restored.returncode == 0, restored.stderr
    assert "Восстановлено и сверено с описью" in restored.stdout

    inspected = manage(fresh_database_url, restored_media, "shell", "-c", INSPECT_RESTORED_SITE)
    assert inspected.returncode == 0, inspected.stderr
    assert json.loads(inspected.stdout.strip().splitlines()[-1]) == expected

    # Restoring again over the now-filled database is refused unless asked for, and changes nothing.
    again = manage(fresh_database_url, restored_media, "restore_site", archive)
    assert again.returncode != 0
    assert "База данных уже содержит таблицы" in again.stderr


def test_restore_of_a_missing_archive_says_so(tmp_path):
    result = manage(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path / "media", "restore_site",
                    str(tmp_path / "нет-такого.tar.gz"))
    assert result.returncode != 0
    assert "Файл резервной копии не найден" in result.stderr
