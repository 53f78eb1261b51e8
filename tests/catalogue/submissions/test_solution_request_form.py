"""«Запросить решение»: the whole path of a request through the site, as a visitor and the editors see it."""
import logging
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Site

from catalogue.models import SolutionRequest
from catalogue.submissions.forms import CONSENT_ERROR, CONTACT_ERROR
from catalogue.submissions.phones import PHONE_ERROR
from home.models import NocSettings, StandardPage
from tests.catalogue.submissions.helpers import DOWN_MAIL_SERVER, admin_user, request_data
from tests.factories import SolutionPageFactory

pytestmark = pytest.mark.django_db
FORM_URL = "/catalogue/water-treatment/request/"
SENT_URL = "/catalogue/water-treatment/request/sent/"


@pytest.fixture
def solution():
    return SolutionPageFactory(title="Модульная установка очистки шахтных вод", slug="water-treatment", trl=8)


def post(client, **overrides):
    return client.post(FORM_URL, request_data(**overrides), REMOTE_ADDR="203.0.113.7")


def test_solution_page_offers_the_request_form(client, solution):
    html = client.get(solution.url).content.decode()
    assert f'href="{FORM_URL}"' in html
    assert "Запросить решение" in html


def test_form_names_the_solution_and_links_consent_to_the_policy(client, solution):
    policy = StandardPage(title="Политика обработки персональных данных", slug="privacy")
    Site.objects.get().root_page.add_child(instance=policy)
    NocSettings.objects.update_or_create(site=Site.objects.get(), defaults={"privacy_page": policy})

    response = client.get(FORM_URL)
    html = response.content.decode()

    assert "no-store" in response["Cache-Control"]  # a form with a CSRF token is never shared by a cache
    assert "Модульная установка очистки шахтных вод" in html
    assert "152-ФЗ" in html
    assert 'href="/privacy/"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_request_is_stored_and_the_editors_are_mailed(client, solution, notify_emails):
    response = post(client)

    assert response.status_code == 302
    assert response["Location"] == SENT_URL
    stored = SolutionRequest.objects.get()
    assert (stored.solution, stored.solution_title) == (solution, solution.title)
    assert stored.status == SolutionRequest.Status.NEW
    assert stored.phone == "+7 923 123-45-67"
    assert stored.ip_hash and "203.0.113.7" not in stored.ip_hash
    assert stored.mail_state == SolutionRequest.MailState.SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == notify_emails
    assert "Модульная установка очистки шахтных вод" in message.subject
    assert f"/admin/solution_requests/edit/{stored.pk}/" in message.body
    # Names and contacts stay in the admin, behind the НОЦ groups' permissions.
    assert "Петрова" not in message.body and "anna.petrova" not in message.body
    confirmation = client.get(SENT_URL).content.decode()
    assert "Запрос отправлен" in confirmation


def test_moderators_are_mailed_too(client, solution, settings):
    settings.NOC_NOTIFY_EMAILS = []
    moderator = admin_user("moderator", "Модераторы НОЦ")

    post(client)

    assert mail.outbox[0].to == [moderator.email]


def test_without_recipients_the_request_is_kept_and_marked(client, solution, settings):
    settings.NOC_NOTIFY_EMAILS = []

    post(client)

    assert SolutionRequest.objects.get().mail_state == SolutionRequest.MailState.NO_RECIPIENTS


def test_errors_keep_what_was_typed_and_store_nothing(client, solution, notify_emails):
    response = post(client, phone="12-34", organisation="ООО «Чистая вода»")

    html = response.content.decode()
    assert response.status_code == 200
    assert PHONE_ERROR in html
    assert "Обращение не&nbsp;отправлено" in html
    assert "ООО «Чистая вода»" in html and "12-34" in html
    assert "Нужна установка на 200 м³ в сутки" in html
    assert not SolutionRequest.objects.exists()
    assert mail.outbox == []


def test_consent_is_required(client, solution):
    data = request_data()
    del data["consent"]

    response = client.post(FORM_URL, data)

    assert CONSENT_ERROR in response.content.decode()
    assert not SolutionRequest.objects.exists()


def test_email_or_phone_is_required(client, solution):
    response = post(client, email="", phone="")

    assert CONTACT_ERROR in response.content.decode()
    assert not SolutionRequest.objects.exists()


def test_email_alone_is_enough(client, solution):
    post(client, phone="")

    assert SolutionRequest.objects.get().email == "anna.petrova@example.org"


@pytest.mark.parametrize("typed", ["+7 (923) 123-45-67", "89231234567", "7 923 123 45 67", "923.123.45.67"])
def test_russian_phone_formats_are_accepted_and_normalised(client, solution, typed):
    post(client, phone=typed, email="")

    assert SolutionRequest.objects.get().phone == "+7 923 123-45-67"


@pytest.mark.parametrize("typed", ["+1 212 555 0100", "8 923 123", "телефон", "+7 923 123 45 67 89"])
def test_other_phones_are_refused(client, solution, typed):
    response = post(client, phone=typed)

    assert PHONE_ERROR in response.content.decode()


def test_markup_is_not_stored(client, solution):
    post(client, name="<b>Анна</b>", message='<script>alert("x")</script>Нужна <i>установка</i>')

    stored = SolutionRequest.objects.get()
    assert stored.name == "Анна"
    assert "<" not in stored.message and "Нужна установка" in stored.message


def test_too_long_message_is_refused(client, solution):
    response = post(client, message="в" * 3001)

    assert "не более 3000" in response.content.decode().lower()
    assert not SolutionRequest.objects.exists()


def test_mail_failure_keeps_the_request_and_records_it(client, solution, notify_emails, settings, caplog):
    settings.EMAIL_BACKEND = DOWN_MAIL_SERVER

    with caplog.at_level(logging.ERROR, logger="catalogue.submissions.notify"):
        response = post(client)

    assert response.status_code == 302
    stored = SolutionRequest.objects.get()
    assert stored.mail_state == SolutionRequest.MailState.FAILED
    assert "SMTPServerDisconnected" in stored.mail_error
    assert any("failed" in record.message for record in caplog.records)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    output = StringIO()
    call_command("retry_submission_mail", stdout=output)

    stored.refresh_from_db()
    assert stored.mail_state == SolutionRequest.MailState.SENT
    assert stored.mail_attempts == 2
    assert len(mail.outbox) == 1
    assert "отправлено 1, не удалось 0" in output.getvalue()


def test_rate_limit_answers_429_in_russian(client, solution, settings):
    settings.NOC_SUBMISSION_LIMIT = 2
    post(client)
    post(client)

    response = post(client)

    assert response.status_code == 429
    assert "Слишком много отправок" in response.content.decode()
    assert response["Retry-After"] == str(settings.NOC_SUBMISSION_WINDOW_SECONDS)
    assert SolutionRequest.objects.count() == 2
    # Another address is not affected.
    assert client.post(FORM_URL, request_data(), REMOTE_ADDR="198.51.100.1").status_code == 302


def test_filled_honeypot_looks_sent_but_stores_nothing(client, solution, notify_emails):
    response = post(client, homepage="https://spam.example")

    assert response.status_code == 302
    assert not SolutionRequest.objects.exists()
    assert mail.outbox == []


def test_post_without_csrf_token_is_refused(solution):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(FORM_URL, request_data())

    assert response.status_code == 403
    assert not SolutionRequest.objects.exists()


def test_unpublished_solution_takes_no_requests(client, solution):
    solution.unpublish()

    assert client.get(FORM_URL).status_code == 404
    assert post(client).status_code == 404


def test_honeypot_posts_do_not_use_up_the_limit(client, solution, settings):
    settings.NOC_SUBMISSION_LIMIT = 2
    for _ in range(5):
        assert post(client, homepage="https://spam.example").status_code == 302

    # The genuine visitor at the same address still gets through.
    assert post(client).status_code == 302
    assert SolutionRequest.objects.count() == 1


def test_behind_nginx_each_client_is_counted_by_its_own_address(client, solution, settings):
    # What BEHIND_PROXY=true sets (as for the login lockout): nginx on 127.0.0.1 appends the real client.
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    settings.NOC_SUBMISSION_LIMIT = 2

    def via_nginx(forwarded_for):
        return client.post(FORM_URL, request_data(), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)

    assert via_nginx("81.200.10.7").status_code == 302
    assert via_nginx("81.200.10.7").status_code == 302
    assert via_nginx("81.200.10.7").status_code == 429
    # A forged first entry does not hide the address nginx appended.
    assert via_nginx("8.8.8.8, 81.200.10.7").status_code == 429
    # Another visitor behind the same proxy is not affected.
    assert via_nginx("95.31.20.4").status_code == 302
    stored = SolutionRequest.objects.order_by("pk")
    assert stored[0].ip_hash == stored[1].ip_hash != stored[2].ip_hash


def test_without_a_proxy_a_forged_forwarded_header_changes_nothing(client, solution, settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]  # BEHIND_PROXY=false, the default
    settings.NOC_SUBMISSION_LIMIT = 1
    assert client.post(FORM_URL, request_data(), REMOTE_ADDR="203.0.113.7",
                       HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 302

    response = client.post(FORM_URL, request_data(), REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert response.status_code == 429
