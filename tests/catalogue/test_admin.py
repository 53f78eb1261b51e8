"""The admin speaks Russian and keeps the catalogue's categories under one «Справочники» menu, in editors' order."""
import pytest
from django.urls import reverse

from tests.factories import SectorFactory


@pytest.mark.django_db
def test_login_page_is_in_russian(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert '<html lang="ru"' in html
    assert "Войти" in html


@pytest.mark.django_db
def test_dashboard_is_in_russian_with_the_categories_menu(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Панель управления" in html
    # The sidebar menu is passed to the admin's JavaScript as JSON with \u-escaped Cyrillic.
    assert "Справочники".encode("unicode_escape").decode() in html


@pytest.mark.django_db
def test_category_listing_follows_the_editors_order(admin_client):
    SectorFactory(name="Энергетика", sort_order=20)
    SectorFactory(name="Горное дело", sort_order=10)
    SectorFactory(name="Медицина", sort_order=30)
    html = admin_client.get(reverse("wagtailsnippets_catalogue_sector:list")).content.decode()
    positions = [html.index(name) for name in ("Горное дело", "Энергетика", "Медицина")]
    assert positions == sorted(positions)
