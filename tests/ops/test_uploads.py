"""Upload limits as configured, in the admin an editor uses; documents reach visitors only through Wagtail's view."""
import io
import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

MB = 1024 * 1024


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("redaktor", "redaktor@example.org", "верный-пароль-2026")
    client.force_login(user)
    return client


def png(width, height, noise=False):
    """A PNG of that size: random pixels do not compress, one colour compresses to almost nothing."""
    if noise:
        picture = PILImage.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        picture = PILImage.new("L", (width, height), 255)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", compress_level=1)
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def upload_image(client, file):
    return client.post("/admin/images/add/", {"title": "Фото установки", "file": file})


def test_image_over_the_size_limit_is_refused_in_russian(editor_client):
    side = int((settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE / 3) ** 0.5) + 100  # just over the limit, uncompressed
    response = upload_image(editor_client, png(side, side, noise=True))
    assert "Файл слишком большой" in response.content.decode()
    assert not Image.objects.exists()


def test_image_with_too_many_pixels_is_refused_in_russian(editor_client):
    side = int(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS ** 0.5) + 100  # a small file that decompresses huge
    response = upload_image(editor_client, png(side, side))
    assert "слишком много пикселей" in response.content.decode()
    assert not Image.objects.exists()


def test_image_within_limits_is_accepted(editor_client):
    response = upload_image(editor_client, png(800, 600))
    assert response.status_code == 302
    assert Image.objects.get().width == 800


def test_document_over_the_size_limit_is_refused(editor_client):
    big = SimpleUploadedFile("otchet.pdf", b"%PDF-1.4\n" + b"0" * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
    response = editor_client.post("/admin/documents/add/", {"title": "Отчёт", "file": big})
    assert "Файл слишком большой" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_documents_are_served_by_wagtail_with_embedded_content_blocked(client):
    passport = Document.objects.create(title="Паспорт", file=ContentFile(b"%PDF-1.4 passport", name="pasport.pdf"))
    table = Document.objects.create(title="Показатели", file=ContentFile("УГТ;8\n".encode(), name="pokazateli.csv"))
    assert passport.url.startswith("/documents/")  # not the raw /media/ path: Wagtail's view checks privacy
    response = client.get(passport.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 passport"
    # A PDF opens in the browser, but nothing embedded in it may load or run.
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert client.get(table.url)["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_file_part_over_the_cap_is_refused_in_russian_before_it_is_stored(client, settings, monkeypatch):
    """A file sent to a public form that takes none (as a scanner did with 30 MB) stops at the cap."""
    settings.NOC_MAX_UPLOAD_SIZE = 1 * MB
    stored = []
    monkeypatch.setattr("django.core.files.uploadhandler.TemporaryFileUploadHandler.receive_data_chunk",
                        lambda handler, data, start: stored.append(len(data)))

    response = client.post("/needs/submit/", {"name": "Бот", "file": SimpleUploadedFile("big.bin", b"x" * (3 * MB))})

    assert response.status_code == 413
    html = response.content.decode()
    assert "Файл слишком большой" in html and "не больше 1&nbsp;МБ" in html
    assert sum(stored) <= 1 * MB  # nothing past the cap reached a temporary file


@pytest.mark.django_db
def test_body_over_the_cap_is_refused_without_reading_it(client, settings):
    settings.NOC_MAX_REQUEST_SIZE = 2 * MB
    settings.NOC_MAX_UPLOAD_SIZE = 1 * MB

    response = client.post("/needs/submit/", {"file": SimpleUploadedFile("big.bin", b"x" * (3 * MB))})

    assert response.status_code == 413
    assert "Файл слишком большой" in response.content.decode()


@pytest.mark.django_db
def test_file_under_the_cap_reaches_the_form_as_before(client):
    response = client.post("/needs/submit/", {"name": "", "file": SimpleUploadedFile("small.txt", b"x" * 1000)})
    assert response.status_code == 200  # the form answers with its own errors; the stray file is ignored
