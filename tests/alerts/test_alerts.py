"""«Подписаться на новые решения»: double opt-in, the daily digest, one-click unsubscribe, retention, admin."""
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from alerts.digest import send_alerts
from alerts.models import Subscription
from catalogue.submissions.groups import EDITORS, MODERATORS
from tests.catalogue.submissions.helpers import admin_user, published_need
from tests.factories import NeedFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db
ADDRESS = "gorod@example.org"


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.SITE_BASE_URL = "https://catalog.example.ru"


@pytest.fixture
def water():
    return NeedFactory(name="Очистка воды", slug="water")


def new_solution(title, needs=(), when=None, **fields):
    """A solution published (or republished) at `when`, as the catalogue records it."""
    solution = SolutionPageFactory(title=title, needs=list(needs), **fields)
    when = when or timezone.now()
    type(solution).objects.filter(pk=solution.pk).update(first_published_at=when, last_published_at=when)
    return solution


def subscribe(client, url, email=ADDRESS, **extra):
    page = client.get(url)
    query = re.search(r'name="query" value="([^"]*)"', page.content.decode())
    data = {"email": email, "consent": "on", "homepage": "", **extra}
    if query:
        data["query"] = query.group(1).replace("&amp;", "&")
    return client.post(url, data)


def link(letter, kind):
    return re.search(rf"https://catalog\.example\.ru(/alerts/{kind}/[^/\s]+/)", letter.body).group(1)


def confirmed_subscription(client, url="/alerts/subscribe/?need=water"):
    subscribe(client, url)
    client.get(link(mail.outbox[-1], "confirm"))
    mail.outbox.clear()
    return Subscription.objects.get()


def test_catalogue_page_links_to_a_subscription_of_the_same_view(client, water):
    SolutionPageFactory(needs=[water])
    html = client.get("/catalogue/?need=water&page=1").content.decode()
    assert 'href="/alerts/subscribe/?need=water"' in html
    assert "Подписаться на&nbsp;новые решения" in html


def test_subscribing_sends_only_a_confirmation_with_an_unguessable_link(client, water):
    response = subscribe(client, "/alerts/subscribe/?need=water&sort=title&q=шахтные+воды")

    assert response.status_code == 302
    assert "Проверьте почту" in client.get(response["Location"]).content.decode()
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.query == "need=water&q=%D1%88%D0%B0%D1%85%D1%82%D0%BD%D1%8B%D0%B5+%D0%B2%D0%BE%D0%B4%D1%8B"
    assert subscription.label == "Каталог: Потребность: Очистка воды; Поиск: «шахтные воды»"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [ADDRESS]
    assert len(subscription.token) >= 43
    assert link(mail.outbox[0], "confirm") == f"/alerts/confirm/{subscription.token}/"

    new_solution("Установка очистки шахтных вод", needs=[water], when=timezone.now() + timedelta(minutes=1))
    send_alerts(now=timezone.now() + timedelta(minutes=2))
    assert len(mail.outbox) == 1  # nothing but the confirmation before the address is confirmed


def test_confirm_digest_unsubscribe_and_no_more_mail(client, water):
    new_solution("Старое решение", needs=[water], when=timezone.now() - timedelta(days=3))
    subscription = confirmed_subscription(client)
    assert subscription.confirmed_at is not None

    later = timezone.now() + timedelta(hours=1)
    new_solution("Модульная установка очистки шахтных вод", needs=[water], when=later - timedelta(minutes=5))
    new_solution("Питомник саженцев", when=later - timedelta(minutes=5))
    send_alerts(now=later)

    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert "Модульная установка очистки шахтных вод (новое)" in letter.body
    assert "Питомник саженцев" not in letter.body
    assert "Старое решение" not in letter.body
    assert "https://catalog.example.ru/catalogue/?need=water" in letter.body
    unsubscribe = link(letter, "unsubscribe")
    assert letter.extra_headers["List-Unsubscribe"] == f"<https://catalog.example.ru{unsubscribe}>"

    send_alerts(now=later + timedelta(minutes=1))  # run twice: nothing new, nothing sent
    assert len(mail.outbox) == 1

    visitor = Client()  # no login, no cookie
    page = visitor.get(unsubscribe)  # a mail scanner opening the link unsubscribes no one
    assert page.status_code == 200
    assert "Отписаться от рассылки?" in page.content.decode()
    assert Subscription.objects.count() == 1
    response = visitor.post(unsubscribe)  # the page's one button
    assert response.status_code == 200
    assert "Вы отписаны" in response.content.decode()
    assert not Subscription.objects.exists()
    new_solution("Ещё одна установка", needs=[water], when=later + timedelta(hours=1))
    send_alerts(now=later + timedelta(hours=2))
    assert len(mail.outbox) == 1
    gone = Client().get(unsubscribe)
    assert gone.status_code == 404
    assert "Этой подписки уже нет" in gone.content.decode()


def test_an_updated_solution_is_reported_as_updated(client, water):
    solution = new_solution("Установка", needs=[water], when=timezone.now() - timedelta(days=10))
    confirmed_subscription(client)
    later = timezone.now() + timedelta(hours=1)
    type(solution).objects.filter(pk=solution.pk).update(last_published_at=later - timedelta(minutes=1))
    send_alerts(now=later)
    assert "Установка (обновлено)" in mail.outbox[0].body


def test_mail_programs_one_click_post_unsubscribes_without_csrf(client, water):
    subscription = confirmed_subscription(client)
    response = Client(enforce_csrf_checks=True).post(f"/alerts/unsubscribe/{subscription.token}/",
                                                     {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_subscription_to_a_published_need(client, water):
    need = published_need(needs=[water], public_text="Очистка шахтных вод")
    assert f"/needs/{need.pk}/subscribe/" in client.get(f"/needs/{need.pk}/").content.decode()
    subscription = confirmed_subscription(client, f"/needs/{need.pk}/subscribe/")
    assert subscription.need == need
    assert subscription.label == f"Потребность №{need.pk}: Прокопьевск"

    later = timezone.now() + timedelta(hours=1)
    new_solution("Установка очистки шахтных вод", needs=[water], when=later - timedelta(minutes=1))
    send_alerts(now=later)
    assert "Установка очистки шахтных вод" in mail.outbox[0].body
    assert f"https://catalog.example.ru/needs/{need.pk}/" in mail.outbox[0].body
    assert "anna.petrova@example.org" not in mail.outbox[0].body

    # Off the board, the need's subscribers hear nothing more.
    type(need).objects.filter(pk=need.pk).update(published=False)
    new_solution("Ещё одна установка очистки шахтных вод", needs=[water], when=later + timedelta(minutes=1))
    send_alerts(now=later + timedelta(hours=1))
    assert len(mail.outbox) == 1


def test_a_confirmed_address_is_not_mailed_again_when_it_subscribes_again(client, water):
    confirmed_subscription(client)
    assert subscribe(client, "/alerts/subscribe/?need=water").status_code == 302
    assert mail.outbox == []
    assert Subscription.objects.count() == 1


@pytest.mark.parametrize("query, message", [("need=nope", "не найдено: nope"), ("trl_min=12", "целое число"),
                                            ("stage=nope", "допустимо")])
def test_a_bad_view_is_refused_in_russian(client, water, query, message):
    response = client.get(f"/alerts/subscribe/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    response = client.post("/alerts/subscribe/", {"query": query, "email": ADDRESS, "consent": "on"})
    assert response.status_code == 400
    assert not Subscription.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("data, message", [
    ({"email": "not-an-address", "consent": "on"}, "Проверьте адрес"),
    ({"email": ADDRESS}, "Без согласия на обработку персональных данных"),
])
def test_bad_input_keeps_what_was_typed(client, water, data, message):
    response = client.post("/alerts/subscribe/", {"query": "need=water", **data})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'value="{data["email"]}"' in html
    assert not Subscription.objects.exists()


def test_subscribing_needs_csrf(water):
    response = Client(enforce_csrf_checks=True).post("/alerts/subscribe/", {"query": "need=water", "email": ADDRESS,
                                                                             "consent": "on"})
    assert response.status_code == 403
    assert not Subscription.objects.exists()


def test_subscribing_shares_the_forms_rate_limit(client, water, settings):
    settings.NOC_SUBMISSION_LIMIT = 2
    for number in range(2):
        assert subscribe(client, "/alerts/subscribe/?need=water", email=f"a{number}@example.org").status_code == 302
    assert subscribe(client, "/alerts/subscribe/?need=water", email="a3@example.org").status_code == 429
    assert Subscription.objects.count() == 2


def test_honeypot_subscription_is_not_stored(client, water):
    subscribe(client, "/alerts/subscribe/?need=water", homepage="http://spam.example")
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_unconfirmed_addresses_expire(client, water, settings):
    settings.NOC_ALERT_CONFIRM_DAYS = 7
    subscribe(client, "/alerts/subscribe/?need=water")
    confirm = link(mail.outbox[0], "confirm")
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=8))

    assert client.get(confirm).status_code == 404
    assert send_alerts().purged == 1
    assert not Subscription.objects.exists()


def test_confirmed_addresses_do_not_expire(client, water):
    confirmed_subscription(client)
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=400))
    assert send_alerts().purged == 0
    assert Subscription.objects.count() == 1


def test_a_wrong_token_confirms_nothing(client, water):
    subscribe(client, "/alerts/subscribe/?need=water")
    assert client.get("/alerts/confirm/not-the-token/").status_code == 404
    assert Subscription.objects.get().confirmed_at is None


def test_send_alerts_command_reports_what_it_did(client, water, capsys):
    confirmed_subscription(client)
    call_command("send_alerts")
    assert "Писем отправлено: 0" in capsys.readouterr().out


# --- the admin --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_noc_groups_list_and_filter_subscriptions(client, water, group):
    confirmed_subscription(client)
    subscribe(client, "/alerts/subscribe/?need=water", email="other@example.org")
    client.force_login(admin_user("someone", group))
    assert ADDRESS in client.get("/admin/alert_subscriptions/").content.decode()
    unconfirmed = client.get("/admin/alert_subscriptions/?confirmed=false").content.decode()
    assert "other@example.org" in unconfirmed
    assert ADDRESS not in unconfirmed


def test_moderator_deletes_a_subscription_and_nobody_adds_one(client, water):
    subscription = confirmed_subscription(client)
    client.force_login(admin_user("moderator", MODERATORS))
    assert client.get("/admin/alert_subscriptions/new/").status_code in (302, 403)
    client.post(f"/admin/alert_subscriptions/delete/{subscription.pk}/")
    assert not Subscription.objects.exists()


def test_admin_outside_the_groups_sees_no_addresses(client, water):
    confirmed_subscription(client)
    client.force_login(admin_user("outsider"))
    response = client.get("/admin/alert_subscriptions/")
    assert response.status_code in (302, 403)
    assert ADDRESS not in response.content.decode()
