"""The bundled gazetteer: places named as editors and import files name them get coordinates, and nothing else
is guessed."""
import pytest
from django.core.exceptions import ValidationError

from catalogue.geo import gazetteer
from catalogue.models import Region


@pytest.mark.parametrize("name, code", [
    ("Кемеровская область", "RU-KEM"),
    ("Кемеровская область — Кузбасс", "RU-KEM"),
    ("кузбасс", "RU-KEM"),
    ("Донецкая Народная Республика", "RU-DPR"),
    ("ЛНР", "RU-LPR"),
    ("Москва", "RU-MOW"),
    ("Московская область", "RU-MOS"),
    ("Алтайский край", "RU-ALT"),
    ("Республика Алтай", "RU-AL"),
])
def test_regions_are_found_by_their_usual_names(name, code):
    assert gazetteer.find_region(name).code == code


def test_every_federal_subject_is_there_once():
    codes = [region.code for region in gazetteer.regions()]
    assert len(codes) == len(set(codes)) == 89


@pytest.mark.parametrize("name, region, lat, lon", [
    ("Кемерово", "RU-KEM", 55.35, 86.09),
    ("г. Новокузнецк", "RU-KEM", 53.76, 87.14),
    ("Киселевск", "RU-KEM", 53.99, 86.66),  # «ё» or «е», both found
    ("Донецк", "RU-DPR", 48.02, 37.80),
    ("Алчевск", "RU-LPR", 48.47, 38.80),
])
def test_cities_have_their_coordinates_and_region(name, region, lat, lon):
    city = gazetteer.find_city(name)
    assert city.code == region
    assert abs(city.lat - lat) < 0.05 and abs(city.lon - lon) < 0.05


def test_a_city_name_is_looked_up_within_the_region_when_given():
    # Two towns called Берёзовский: in Kuzbass and near Yekaterinburg.
    assert gazetteer.find_city("Берёзовский", "RU-KEM").code == "RU-KEM"
    assert gazetteer.find_city("Берёзовский", "RU-SVE").code == "RU-SVE"
    assert gazetteer.find_city("Кемерово", "RU-SVE") is None


def test_unknown_names_find_nothing():
    assert gazetteer.find_region("Нарния") is None
    assert gazetteer.find_city("Нарния") is None


@pytest.mark.django_db
def test_a_region_and_its_city_get_coordinates_from_the_gazetteer_when_none_are_entered():
    region = Region.objects.create(name="Кемеровская область — Кузбасс")
    city = Region.objects.create(name="Прокопьевск", kind=Region.Kind.CITY, parent=region)
    assert region.code == "RU-KEM" and round(region.lat) == 55 and round(region.lon) == 87
    assert city.code == "RU-KEM" and (round(city.lat, 1), round(city.lon, 1)) == (53.9, 86.7)


@pytest.mark.django_db
def test_coordinates_an_editor_entered_are_kept():
    city = Region.objects.create(name="Кемерово", kind=Region.Kind.CITY, lat=55.0, lon=86.0)
    city.refresh_from_db()
    assert (city.lat, city.lon) == (55.0, 86.0)


@pytest.mark.django_db
def test_a_place_unknown_to_the_gazetteer_stays_without_a_point():
    place = Region.objects.create(name="Посёлок Нигде", kind=Region.Kind.CITY)
    assert place.point is None and place.code == ""


@pytest.mark.django_db
def test_half_a_coordinate_is_refused_in_russian():
    with pytest.raises(ValidationError) as error:
        Region(name="Где-то", lat=55.0).full_clean()
    assert "обе координаты" in str(error.value)
