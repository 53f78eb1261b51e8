"""What browsers and feed readers discover on their own: the feeds of the page in view, /favicon.ico."""
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from tests.factories import NeedFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', html))


def test_every_page_announces_the_rss_and_atom_feeds(client):
    links = alternates(client.get("/").content.decode())
    assert links == {"application/rss+xml": "/catalogue/feed/", "application/atom+xml": "/catalogue/feed/atom/"}
    assert client.get(links["application/rss+xml"]).status_code == 200
    assert client.get(links["application/atom+xml"]).status_code == 200


def test_a_filtered_view_announces_the_feed_of_the_same_filters(client):
    NeedFactory(name="Очистка воды", slug="water")
    links = alternates(client.get("/catalogue/?need=water&page=1").content.decode())
    assert links["application/rss+xml"] == "/catalogue/feed/?need=water"


def test_a_landing_page_announces_the_feed_of_its_category(client):
    water = NeedFactory(name="Очистка воды", slug="water")
    SolutionPageFactory(title="Очистка шахтных вод", needs=[water])
    links = alternates(client.get("/catalogue/need/water/").content.decode())
    assert links["application/atom+xml"] == "/catalogue/feed/atom/?need=water"
    assert "Очистка шахтных вод" in client.get(links["application/atom+xml"]).content.decode()


def test_favicon_ico_answers_with_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("img/favicon.ico")
    icon = Path(finders.find("img/favicon.ico")).read_bytes()
    assert icon[:4] == b"\0\0\1\0"  # a real ICO file (16, 32 and 48 px), not the SVG renamed
