"""The public needs board (/needs/): only what a city asked to publish and a moderator approved, never personal
data; filters; «Предложить решение» into the inbox; the moderator's approval in the admin."""
import pytest
from django.core import mail

from catalogue.models import NeedSubmission, PublicStatus, SolutionOffer
from catalogue.submissions.groups import EDITORS, MODERATORS
from tests.catalogue.submissions.helpers import admin_user, contact_data, published_need
from tests.factories import NeedFactory, RegionFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db
PERSONAL = ("Анна Петрова", "anna.petrova@example.org", "923 123-45-67", "Администрация Прокопьевского округа",
            "Анна Петрова просит")


@pytest.fixture
def water():
    return NeedFactory(name="Очистка воды", slug="water")


@pytest.fixture
def treatment(water):
    return SolutionPageFactory(title="Модульная установка очистки шахтных вод", slug="treatment",
                               summary="Очистка шахтных вод до норм рыбохозяйственных водоёмов.", needs=[water])


def test_the_need_form_offers_publication_unticked(client):
    html = client.get("/needs/submit/").content.decode()
    assert 'name="publish_requested"' in html
    assert 'name="publish_requested" checked' not in html
    assert "Опубликовать потребность" in html


@pytest.mark.parametrize("ticked", [True, False])
def test_ticking_publication_asks_for_it_and_publishes_nothing_yet(client, ticked, settings):
    data = contact_data(city="Прокопьевск", need_text="Очистка шахтных вод", scale="city", timing="year")
    if ticked:
        data["publish_requested"] = "on"
    assert client.post("/needs/submit/", data).status_code == 302

    need = NeedSubmission.objects.get()
    assert need.publish_requested is ticked
    assert need.published is False
    assert need.public_text == ("Очистка шахтных вод" if ticked else "")
    assert "Прокопьевск" not in client.get("/needs/").content.decode()
    assert client.get(f"/needs/{need.pk}/").status_code == 404


def test_published_need_shows_public_facts_and_matches_but_no_personal_data(client, water, treatment):
    region = RegionFactory(name="Кемеровская область", slug="kuzbass")
    need = published_need(needs=[water], region=region)

    for html in (client.get("/needs/").content.decode(), client.get(f"/needs/{need.pk}/").content.decode()):
        assert "Прокопьевск" in html
        assert "Очистка шахтных вод перед сбросом в реку Аба" in html
        assert "открыта" in html
        assert "Очистка воды" in html
        for personal in PERSONAL:
            assert personal not in html
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "Модульная установка очистки шахтных вод" in page
    assert "Кемеровская область" in page
    assert f"/needs/{need.pk}/offer/" in page


@pytest.mark.parametrize("state", [{"published": False}, {"publish_requested": False}])
def test_unapproved_needs_are_nowhere(client, state):
    need = published_need(**state)
    assert client.get(f"/needs/{need.pk}/").status_code == 404
    assert client.get(f"/needs/{need.pk}/offer/").status_code == 404
    assert client.get(f"/needs/{need.pk}/subscribe/").status_code == 404
    assert "Прокопьевск" not in client.get("/needs/").content.decode()
    assert f"/needs/{need.pk}/" not in client.get("/sitemap.xml").content.decode()
    assert "Прокопьевск" not in client.get("/catalogue/feed/").content.decode()


def test_published_need_is_in_the_sitemap(client):
    need = published_need()
    assert f"/needs/{need.pk}/</loc>" in client.get("/sitemap.xml").content.decode()


def test_filters_by_category_region_and_status(client, water):
    kuzbass = RegionFactory(name="Кемеровская область", slug="kuzbass")
    city = RegionFactory(name="Новокузнецк", slug="novokuznetsk", kind="city", parent=kuzbass)
    donbass = RegionFactory(name="Донецкая Республика", slug="donbass")
    published_need(city="Новокузнецк", needs=[water], region=city)
    published_need(city="Макеевка", region=donbass, public_status=PublicStatus.SOLVED)

    def cities(query):
        html = client.get(f"/needs/?{query}").content.decode()
        return [name for name in ("Новокузнецк", "Макеевка") if f": {name}</a>" in html]

    assert cities("") == ["Новокузнецк", "Макеевка"] or cities("") == ["Макеевка", "Новокузнецк"]
    assert cities("need=water") == ["Новокузнецк"]
    assert cities("region=kuzbass") == ["Новокузнецк"]  # a city inside the chosen region counts
    assert cities("region=donbass") == ["Макеевка"]
    assert cities("status=solved") == ["Макеевка"]
    assert cities("status=open") == ["Новокузнецк"]


@pytest.mark.parametrize("query, message", [
    ("need=nope", "Такой категории потребностей нет"),
    ("status=%00", "Такого статуса нет"),
    ("region=%3Cscript%3E", "опубликованных потребностей нет"),
])
def test_bad_filters_answer_in_russian_without_an_error(client, query, message):
    published_need()
    response = client.get(f"/needs/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Прокопьевск" in response.content.decode()


# --- «Предложить решение» --------------------------------------------------------------------------------------

def offer_data(**overrides):
    return {**contact_data(organisation="ООО «Кузбасс-Экотех»", name="Иван Сидоров",
                           email="ivan@ecotech.example"), **overrides}


def test_offer_with_a_catalogue_solution_reaches_the_inbox_and_the_editors(client, treatment, settings):
    settings.NOC_NOTIFY_EMAILS = ["inbox@noc.example"]
    need = published_need()
    response = client.post(f"/needs/{need.pk}/offer/", offer_data(solution=treatment.pk))

    assert response.status_code == 302
    assert "Предложение отправлено" in client.get(response["Location"]).content.decode()
    offer = SolutionOffer.objects.get()
    assert (offer.need, offer.solution, offer.solution_title) == (need, treatment, treatment.title)
    assert (offer.city, offer.organisation, offer.role) == ("Прокопьевск", "ООО «Кузбасс-Экотех»", "business")
    assert offer.consent_at and offer.ip_hash
    letter = mail.outbox[0]
    assert "Модульная установка очистки шахтных вод" in letter.body
    assert f"Потребность №{need.pk}: Прокопьевск" in letter.body
    assert "ivan@ecotech.example" not in letter.body


def test_offer_with_a_free_description(client):
    need = published_need()
    client.post(f"/needs/{need.pk}/offer/", offer_data(description="Мобильная установка обратного осмоса"))
    assert SolutionOffer.objects.get().description == "Мобильная установка обратного осмоса"


@pytest.mark.parametrize("overrides, message", [
    ({}, "Выберите решение из каталога или опишите своё."),
    ({"description": "Установка", "consent": ""}, "Без согласия на обработку персональных данных"),
    ({"description": "Установка", "organisation": ""}, "Требуется заполнить это поле"),
    ({"description": "Установка", "email": "", "phone": ""}, "Укажите электронную почту или телефон"),
    ({"solution": "999999"}, "Выберите корректный вариант"),
])
def test_bad_offer_is_refused_in_russian_keeping_the_input(client, overrides, message):
    need = published_need()
    response = client.post(f"/needs/{need.pk}/offer/", offer_data(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "ООО «Кузбасс-Экотех»" in html or overrides.get("organisation") == ""
    assert not SolutionOffer.objects.exists()


def test_offer_needs_csrf(treatment):
    from django.test import Client

    need = published_need()
    response = Client(enforce_csrf_checks=True).post(f"/needs/{need.pk}/offer/", offer_data(description="x"))
    assert response.status_code == 403
    assert not SolutionOffer.objects.exists()


def test_offers_share_the_forms_rate_limit(client, settings):
    settings.NOC_SUBMISSION_LIMIT = 2
    need = published_need()
    for _ in range(2):
        assert client.post(f"/needs/{need.pk}/offer/", offer_data(description="x")).status_code == 302
    refused = client.post(f"/needs/{need.pk}/offer/", offer_data(description="x"))
    assert refused.status_code == 429
    assert SolutionOffer.objects.count() == 2
    # One counter for every public form: the need form is refused too.
    assert client.post("/needs/submit/", contact_data(city="Х", need_text="у", scale="city",
                                                      timing="year")).status_code == 429


def test_honeypot_offer_is_not_stored(client):
    need = published_need()
    response = client.post(f"/needs/{need.pk}/offer/", offer_data(description="x", homepage="http://spam"))
    assert response.status_code == 302
    assert not SolutionOffer.objects.exists()


def test_a_solved_need_takes_no_offers(client):
    need = published_need(public_status=PublicStatus.SOLVED)
    html = client.get(f"/needs/{need.pk}/").content.decode()
    assert "решено" in html
    assert f"/needs/{need.pk}/offer/" not in html
    client.post(f"/needs/{need.pk}/offer/", offer_data(description="x"))
    assert not SolutionOffer.objects.exists()


# --- the moderator ----------------------------------------------------------------------------------------------

NEEDS_ADMIN = "/admin/need_submissions/"


def edit(client, need, **fields):
    return client.post(f"{NEEDS_ADMIN}edit/{need.pk}/", {"status": "in_progress", "note": "",
                                                          "public_status": "open", **fields})


def test_moderator_approves_with_an_edited_text_and_the_board_shows_it_at_once(client, settings):
    settings.RESPONSE_CACHE_SECONDS = 600
    need = published_need(published=False)
    assert "Прокопьевск" not in client.get("/needs/").content.decode()  # stored for anonymous visitors

    moderator = admin_user("moderator", MODERATORS)
    client.force_login(moderator)
    response = edit(client, need, published="on", public_text="Очистка шахтных вод <b>до нормы</b>")
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.published and need.published_at
    assert need.public_text == "Очистка шахтных вод до нормы"

    client.logout()
    client.cookies.clear()
    html = client.get("/needs/").content.decode()
    assert "Очистка шахтных вод до нормы" in html


def test_a_need_the_city_did_not_offer_cannot_be_published(client):
    need = published_need(published=False, publish_requested=False)
    client.force_login(admin_user("moderator", MODERATORS))
    response = edit(client, need, published="on", public_text="Текст")
    assert "Город не просил публиковать эту потребность" in response.content.decode()
    need.refresh_from_db()
    assert not need.published


def test_publishing_needs_a_public_text(client):
    need = published_need(published=False, public_text="")
    client.force_login(admin_user("moderator", MODERATORS))
    response = edit(client, need, published="on", public_text="  ")
    assert "Напишите текст для доски" in response.content.decode()
    need.refresh_from_db()
    assert not need.published


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_noc_groups_see_offers_in_the_inbox(client, group):
    need = published_need()
    SolutionOffer.objects.create(need=need, need_label=need.public_title(), name="Иван Сидоров", city=need.city,
                                 organisation="ООО «Кузбасс-Экотех»", email="ivan@ecotech.example",
                                 description="Установка")
    client.force_login(admin_user("someone", group))
    html = client.get("/admin/solution_offers/").content.decode()
    assert "ООО «Кузбасс-Экотех»" in html
    assert "ivan@ecotech.example" in html


def test_admin_outside_the_groups_sees_no_offers(client):
    client.force_login(admin_user("outsider"))
    assert client.get("/admin/solution_offers/").status_code in (302, 403)
