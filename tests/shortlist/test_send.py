"""«Отправить подборку в НОЦ»: one request about every shortlisted solution, in the inbox and in the mail."""
import pytest
from django.core import mail

from catalogue.models import SolutionRequest
from tests.shortlist.conftest import add

pytestmark = pytest.mark.django_db

FORM = {"message": "Готовим программу развития, нужны консультации по всем трём.", "name": "Анна Петрова",
        "organisation": "Администрация города", "city": "Прокопьевск", "role": "city",
        "email": "anna@example.ru", "phone": "", "consent": "on"}


@pytest.fixture
def shortlisted(client, solutions, settings):
    settings.NOC_NOTIFY_EMAILS = ["inbox@noc.example"]
    for solution in solutions:
        add(client, solution)
    return client


def test_one_request_linked_to_every_solution(shortlisted, solutions):
    page = shortlisted.get("/podborka/send/").content.decode()
    assert "Один запрос обо всех решениях подборки (3)" in page
    assert "Я&nbsp;даю согласие на&nbsp;обработку моих персональных данных" in page
    response = shortlisted.post("/podborka/send/", FORM)
    assert response["Location"] == "/podborka/send/sent/"
    stored = SolutionRequest.objects.get()
    assert set(stored.solutions.all()) == set(solutions)
    assert stored.solution is None and str(stored) == f"Запрос №{stored.pk} — Подборка: 3 шт."
    assert stored.consent_at and stored.ip_hash and stored.name == "Анна Петрова"
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Поступил запрос по подборке решений (3):" in body
    assert all(f"— {solution.title}" in body for solution in solutions)
    assert "Анна Петрова" not in body and "anna@example.ru" not in body  # contacts stay in the admin
    assert "Подборка отправлена" in shortlisted.get("/podborka/send/sent/").content.decode()


def test_without_consent_nothing_is_stored(shortlisted):
    response = shortlisted.post("/podborka/send/", {**FORM, "consent": ""})
    assert response.status_code == 200
    assert "Без согласия на обработку персональных данных" in response.content.decode()
    assert not SolutionRequest.objects.exists() and not mail.outbox


def test_an_empty_shortlist_cannot_be_sent(client, db):
    assert client.get("/podborka/send/")["Location"] == "/podborka/"
    assert client.post("/podborka/send/", FORM)["Location"] == "/podborka/"
    assert not SolutionRequest.objects.exists()


def test_the_forms_rate_limit_applies(shortlisted, settings):
    settings.NOC_SUBMISSION_LIMIT = 1
    shortlisted.post("/podborka/send/", FORM)
    refused = shortlisted.post("/podborka/send/", FORM)
    assert refused.status_code == 429 and refused["Retry-After"]
    assert SolutionRequest.objects.count() == 1


def test_a_bot_filling_the_honeypot_stores_nothing(shortlisted):
    response = shortlisted.post("/podborka/send/", {**FORM, "homepage": "http://spam.example"})
    assert response["Location"] == "/podborka/send/sent/"
    assert not SolutionRequest.objects.exists()


def test_the_inbox_lists_the_solutions(shortlisted, solutions, admin_client):
    from django.urls import reverse
    from wagtail.admin.admin_url_finder import AdminURLFinder

    shortlisted.post("/podborka/send/", FORM)
    stored = SolutionRequest.objects.get()
    html = admin_client.get(AdminURLFinder().get_edit_url(stored)).content.decode()
    assert all(solution.title in html for solution in solutions)
    assert "Подборка: 3 шт." in admin_client.get(reverse("solution_requests:index")).content.decode()
