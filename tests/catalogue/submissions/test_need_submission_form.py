"""«Заявить потребность»: a city states a need, sees matching ready solutions at once, and the need is stored."""
import pytest
from django.core import mail

from catalogue.models import NeedSubmission
from catalogue.submissions.forms import CONSENT_ERROR
from tests.catalogue.submissions.helpers import contact_data
from tests.factories import NeedFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db
URL = "/needs/submit/"


@pytest.fixture
def water():
    return NeedFactory(name="Очистка воды")


@pytest.fixture
def catalogue(water):
    return {
        "treatment": SolutionPageFactory(title="Модульная установка очистки шахтных вод", slug="treatment",
                                         summary="Очистка шахтных вод до норм рыбохозяйственных водоёмов.",
                                         needs=[water]),
        "filters": SolutionPageFactory(title="Сорбционные фильтры для шахтных вод", slug="filters",
                                       summary="Доочистка шахтных вод от взвесей."),
        "nursery": SolutionPageFactory(title="Питомник саженцев с закрытой корневой системой", slug="nursery",
                                       summary="Посадочный материал для рекультивации отвалов."),
    }


def need_data(**overrides):
    return contact_data(**{"city": "Прокопьевск", "need_text": "Очистка шахтных вод перед сбросом в реку Аба",
                           "scale": "city", "timing": "year", **overrides})


def test_form_offers_need_categories_scale_and_timing(client, water):
    html = client.get(URL).content.decode()

    assert "Заявить потребность города" in html
    assert "Очистка воды" in html
    assert "город или муниципальный округ" in html
    assert "в течение года" in html
    assert "152-ФЗ" in html


def test_need_is_stored_mailed_and_answered_with_matching_solutions(client, catalogue, water, notify_emails):
    response = client.post(URL, {**need_data(), "needs": [water.pk]})

    assert response.status_code == 302
    stored = NeedSubmission.objects.get()
    assert stored.city == "Прокопьевск"
    assert list(stored.needs.all()) == [water]
    assert stored.mail_state == NeedSubmission.MailState.SENT
    assert "Прокопьевск" in mail.outbox[0].subject

    html = client.get(response["Location"]).content.decode()
    assert "Потребность принята" in html
    assert "Модульная установка очистки шахтных вод" in html
    assert "Питомник саженцев" not in html


def test_matches_widen_beyond_the_chosen_categories_when_they_find_nothing(client, catalogue):
    other = NeedFactory(name="Диверсификация экономики")

    response = client.post(URL, {**need_data(need_text="Сорбционные фильтры"), "needs": [other.pk]})

    html = client.get(response["Location"]).content.decode()
    assert "Сорбционные фильтры для шахтных вод" in html


def test_no_match_says_so_and_the_need_is_still_stored(client, catalogue):
    response = client.post(URL, need_data(need_text="Строительство ледовой арены"))

    html = client.get(response["Location"]).content.decode()
    assert "Готовых решений пока не&nbsp;нашлось" in html
    assert NeedSubmission.objects.count() == 1


def test_result_page_needs_a_valid_reference(client, catalogue):
    response = client.post(URL, need_data())
    ref_url = response["Location"]

    assert client.get(ref_url[:-3] + "abc").status_code == 404
    assert client.get("/needs/submit/sent/").status_code == 404
    assert client.get("/needs/submit/sent/?ref=1").status_code == 404


def test_errors_keep_what_was_typed(client, water):
    data = {**need_data(scale=""), "needs": [water.pk]}
    del data["consent"]

    html = client.post(URL, data).content.decode()

    assert CONSENT_ERROR in html
    assert "Очистка шахтных вод перед сбросом в реку Аба" in html
    assert 'value="Прокопьевск"' in html
    assert f'value="{water.pk}" id="id_needs_0" checked' in html
    assert not NeedSubmission.objects.exists()


def test_filled_honeypot_stores_nothing(client, catalogue, notify_emails):
    response = client.post(URL, need_data(homepage="https://spam.example"))

    assert response.status_code == 200
    assert not NeedSubmission.objects.exists()
    assert mail.outbox == []


def test_rate_limit_covers_needs_too(client, settings):
    settings.NOC_SUBMISSION_LIMIT = 1
    client.post(URL, need_data())

    response = client.post(URL, need_data())

    assert response.status_code == 429
    assert NeedSubmission.objects.count() == 1


@pytest.mark.parametrize("tampered", [{"needs": ["abc"]}, {"needs": ["999999"]}, {"scale": "planet"},
                                      {"timing": ""}, {"role": "president"}])
def test_tampered_choices_give_a_form_error_not_a_crash(client, tampered):
    response = client.post(URL, {**need_data(), **tampered})

    assert response.status_code == 200
    assert "Обращение не&nbsp;отправлено" in response.content.decode()
    assert not NeedSubmission.objects.exists()


def test_bot_posts_to_the_need_form_do_not_lock_out_the_city(client, settings):
    settings.NOC_SUBMISSION_LIMIT = 1
    for _ in range(3):
        client.post(URL, need_data(homepage="https://spam.example"))

    response = client.post(URL, need_data())

    assert response.status_code == 302
    assert NeedSubmission.objects.count() == 1


def test_form_markup_passes_the_html_checker_rule_on_action(client):
    # «Bad value "" for attribute "action"»: the form posts to its own address without naming it.
    html = client.get(URL).content.decode()
    assert '<form method="post" class="submission-form">' in html
    assert 'action=""' not in html
