"""The admin speaks Russian and keeps the catalogue's categories under one «Справочники» menu, in editors' order."""
import pytest
from django.urls import reverse

from catalogue.models import Organization, Region
from tests.factories import OrganizationFactory, RegionFactory, SectorFactory


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


@pytest.mark.django_db
def test_organisation_listing_filters_by_kind_and_region(admin_client):
    kuzbass = RegionFactory(name="Кемеровская область")
    OrganizationFactory(name="КузГТУ", kind="university", region=kuzbass)
    OrganizationFactory(name="Завод (пример)", kind="company", region=kuzbass)
    OrganizationFactory(name="ДонГТУ", kind="university")
    listing = reverse("wagtailsnippets_catalogue_organization:list")

    html = admin_client.get(listing, {"kind": "university", "region": kuzbass.pk}).content.decode()
    assert "КузГТУ" in html and "ДонГТУ" not in html and "Завод (пример)" not in html


@pytest.mark.django_db
def test_organisation_form_has_the_profile_fields_and_checks_the_city_against_the_region(admin_client):
    kuzbass = RegionFactory(name="Кемеровская область")
    dnr = RegionFactory(name="Донецкая Народная Республика")
    kemerovo = RegionFactory(name="Кемерово", kind=Region.Kind.CITY, parent=kuzbass)
    add = reverse("wagtailsnippets_catalogue_organization:add")
    html = admin_client.get(add).content.decode()
    for label in ("Тип", "Роль в НОЦ", "Логотип", "Публичный канал связи", "Регион", "Город"):
        assert label in html, label
    assert 'id="id_logo"' in html  # the image chooser

    data = {"name": "КузГТУ", "slug": "", "description": "", "sort_order": 0, "kind": "university", "role": "member",
            "region": dnr.pk, "city": kemerovo.pk, "website": "", "contact": "", "parent": "", "logo": ""}
    response = admin_client.post(add, data)
    assert "Город «Кемерово» входит в регион «Кемеровская область»" in response.content.decode()
    assert not Organization.objects.exists()

    admin_client.post(add, data | {"region": ""})
    saved = Organization.objects.get()
    assert (saved.city, saved.region, saved.role) == (kemerovo, kuzbass, "member")
