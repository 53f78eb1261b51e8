"""The needs board and alerts in a real browser: a city ticks «опубликовать» → a moderator approves it in the
admin with an edited text → it is on /needs/ without personal data → a developer offers a solution → the inbox
lists the offer; and subscribe → confirm → digest → unsubscribe."""
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from catalogue.models import NeedSubmission, SolutionOffer
from tests.e2e.conftest import LIVE_DB, log_in_to_admin

pytestmark = [pytest.mark.e2e, LIVE_DB]
PASSWORD = "a-long-password-1"


@pytest.fixture
def catalogue(settings):
    from tests.factories import NeedFactory, SolutionPageFactory

    settings.NOC_NOTIFY_EMAILS = ["inbox@noc.example"]
    cache.clear()
    water = NeedFactory(name="Очистка воды", slug="water")
    solution = SolutionPageFactory(title="Модульная установка очистки шахтных вод", slug="treatment",
                                   summary="Очистка шахтных вод до норм рыбохозяйственных водоёмов.", needs=[water])
    return {"water": water, "solution": solution}


def test_city_publishes_a_need_moderator_approves_developer_offers(page, live_server, catalogue, browser):
    from catalogue.submissions.groups import MODERATORS
    from tests.catalogue.submissions.helpers import admin_user

    tab = page
    tab.goto(f"{live_server.url}/needs/submit/")
    tab.get_by_label("Город или муниципалитет").fill("Прокопьевск")
    tab.get_by_label("Какую задачу нужно решить").fill("Очистка шахтных вод перед сбросом в реку Аба. Звонить Анне.")
    tab.get_by_label("Очистка воды").check()
    tab.get_by_label("город или муниципальный округ").check()
    tab.get_by_label("в течение года").check()
    assert not tab.get_by_label("Опубликовать потребность").is_checked()  # off by default
    tab.get_by_label("Опубликовать потребность").check()
    tab.get_by_label("Имя").fill("Анна Петрова")
    tab.get_by_label("Организация").fill("Администрация Прокопьевского округа")
    tab.get_by_label("Электронная почта").fill("anna.petrova@example.org")
    tab.get_by_label("152-ФЗ").check()
    tab.get_by_role("button", name="Отправить и посмотреть решения").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "Потребность принята"
    need = NeedSubmission.objects.get()
    assert need.publish_requested and not need.published

    tab.goto(f"{live_server.url}/needs/")
    assert "Прокопьевск" not in tab.content()  # not before a moderator approves it

    admin_user("moderator", MODERATORS)  # with the password PASSWORD
    moderator_context = browser.new_context(locale="ru-RU")
    admin = moderator_context.new_page()
    log_in_to_admin(admin, live_server, "moderator", PASSWORD)
    admin.goto(f"{live_server.url}/admin/need_submissions/edit/{need.pk}/")
    admin.get_by_label("Текст для доски").fill("Очистка шахтных вод перед сбросом в реку Аба.")
    admin.get_by_label("Опубликована на доске потребностей").check()
    admin.get_by_role("button", name="Сохранить").click()
    admin.wait_for_url(re.compile(r".*/admin/need_submissions/(\?.*)?$"))

    tab.goto(f"{live_server.url}/needs/")
    tab.get_by_role("link", name=f"Потребность №{need.pk}: Прокопьевск").click()
    text = tab.content()
    assert "Очистка шахтных вод перед сбросом в реку Аба." in text
    assert "Модульная установка очистки шахтных вод" in text
    for personal in ("Анна Петрова", "Звонить Анне", "anna.petrova@example.org", "Администрация Прокопьевского"):
        assert personal not in text

    tab.get_by_role("link", name="Предложить решение").click()
    tab.get_by_label("Решение из каталога").select_option(label="Модульная установка очистки шахтных вод")
    tab.get_by_label("Организация-разработчик").fill("ООО «Кузбасс-Экотех»")
    tab.get_by_label("Контактное лицо").fill("Иван Сидоров")
    tab.get_by_label("Электронная почта").fill("ivan@ecotech.example")
    tab.get_by_label("152-ФЗ").check()
    tab.get_by_role("button", name="Отправить предложение").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "Предложение отправлено"
    offer = SolutionOffer.objects.get()
    assert offer.need == need
    assert "Модульная установка очистки шахтных вод" in mail.outbox[-1].body

    admin.goto(f"{live_server.url}/admin/solution_offers/")
    listing = admin.content()
    assert "ООО «Кузбасс-Экотех»" in listing
    assert "ivan@ecotech.example" in listing
    moderator_context.close()


def test_subscribe_confirm_digest_unsubscribe(page, live_server, catalogue, settings):
    from alerts.digest import send_alerts
    from alerts.models import Subscription
    from tests.factories import SolutionPageFactory

    settings.SITE_BASE_URL = live_server.url
    tab = page
    tab.goto(f"{live_server.url}/catalogue/?need=water")
    tab.get_by_role("link", name="Подписаться на новые решения").click()
    assert "Потребность: Очистка воды" in tab.content()
    tab.get_by_label("Электронная почта").fill("gorod@example.org")
    tab.get_by_label("152-ФЗ").check()
    tab.get_by_role("button", name="Подписаться").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "Проверьте почту"
    assert len(mail.outbox) == 1

    tab.goto(re.search(r"http\S+/alerts/confirm/\S+/", mail.outbox[0].body).group(0))
    assert tab.get_by_role("heading", level=1).inner_text() == "Подписка подтверждена"

    later = timezone.now() + timedelta(hours=1)
    fresh = SolutionPageFactory(title="Сорбционные фильтры для шахтных вод", needs=[catalogue["water"]])
    type(fresh).objects.filter(pk=fresh.pk).update(first_published_at=later - timedelta(minutes=1),
                                                   last_published_at=later - timedelta(minutes=1))
    send_alerts(now=later)
    digest = mail.outbox[-1]
    assert "Сорбционные фильтры для шахтных вод" in digest.body

    tab.goto(re.search(r"http\S+/alerts/unsubscribe/\S+/", digest.body).group(0))
    assert tab.get_by_role("heading", level=1).inner_text() == "Отписаться от рассылки?"
    assert Subscription.objects.count() == 1  # opening the link changes nothing
    tab.get_by_role("button", name="Отписаться").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "Вы отписаны"
    assert not Subscription.objects.exists()
