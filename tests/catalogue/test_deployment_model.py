"""A deployment's own rules: a place is required, no future year or confirmation date, both coordinates or none."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalogue.models import Deployment, Region, SolutionPage
from tests.factories import CityFactory, DeploymentFactory, RegionFactory, SolutionPageFactory


def errors_of(deployment):
    with pytest.raises(ValidationError) as caught:
        deployment.full_clean(exclude=["page"])
    return caught.value.message_dict


@pytest.mark.django_db
def test_a_deployment_in_a_city_is_valid_and_names_its_city_and_region():
    kuzbass = RegionFactory(name="Кемеровская область – Кузбасс")
    kemerovo = CityFactory(name="Кемерово", parent=kuzbass)
    deployment = Deployment(site="Очистные сооружения", city=kemerovo, year=2023, effects=[
        ("effect", {"value": "−40 %", "label": "взвешенных веществ в сбросе"})])
    deployment.full_clean(exclude=["page"])
    assert deployment.place_name == "Кемерово"
    assert deployment.place_region == kuzbass
    assert str(deployment) == "Очистные сооружения (Кемерово)"


@pytest.mark.django_db
def test_a_deployment_without_a_city_or_region_is_refused_in_russian():
    assert errors_of(Deployment(site="Очистные сооружения"))["city"] == ["Укажите город или регион внедрения."]


@pytest.mark.django_db
def test_a_year_in_the_future_is_refused():
    next_year = timezone.localdate().year + 1
    errors = errors_of(Deployment(site="Разрез", region=RegionFactory(), year=next_year))
    assert errors["year"] == [f"Год не может быть в будущем: {next_year}."]


@pytest.mark.django_db
def test_an_effect_without_a_value_is_refused():
    deployment = Deployment(site="Разрез", region=RegionFactory(), effects=[
        ("effect", {"value": "", "label": "экономия электроэнергии"})])
    assert errors_of(deployment)["effects"] == ["эффект № 1: не указано значение (например, «−40 %»)"]


@pytest.mark.django_db
def test_a_region_given_as_city_and_a_lone_coordinate_are_refused():
    region = RegionFactory()
    errors = errors_of(Deployment(site="Разрез", city=region, lat=54.3))
    assert "city" in errors  # only cities are offered as a city (limit_choices_to)
    assert errors["lon"] == ["Укажите обе координаты — широту и долготу — или ни одной."]


@pytest.mark.django_db
def test_a_confirmation_date_needs_the_flag_and_cannot_be_in_the_future():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    errors = errors_of(Deployment(site="Разрез", region=RegionFactory(), confirmed_by_customer=True,
                                  confirmed_on=tomorrow))
    assert errors["confirmed_on"] == ["Дата не может быть в будущем."]
    errors = errors_of(Deployment(site="Разрез", region=RegionFactory(), confirmed_on=datetime.date(2024, 5, 1)))
    assert "только если внедрение подтверждено заказчиком" in errors["confirmed_on"][0]


@pytest.mark.django_db
def test_deployments_belong_to_their_solution_in_order():
    page = SolutionPageFactory()
    city = CityFactory()
    DeploymentFactory(page=page, site="Второй", city=city, sort_order=1)
    DeploymentFactory(page=page, site="Первый", city=city, sort_order=0)
    saved = SolutionPage.objects.get(pk=page.pk)
    assert [item.site for item in saved.deployments.all()] == ["Первый", "Второй"]


@pytest.mark.django_db
def test_a_region_with_cities_includes_them():
    kuzbass = RegionFactory(name="Кузбасс")
    kemerovo = CityFactory(name="Кемерово", parent=kuzbass)
    CityFactory(name="Донецк")
    assert set(Region.objects.filter(pk=kuzbass.pk).with_cities()) == {kuzbass, kemerovo}
    assert set(Region.objects.filter(pk=kemerovo.pk).with_cities()) == {kemerovo}
