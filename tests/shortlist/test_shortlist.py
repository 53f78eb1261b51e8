"""«Подборка»: adding from any card without JavaScript or with it, notes, removal, the limit, what is stored."""
import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from shortlist.models import MAX_ITEMS, Shortlist, ShortlistItem
from tests.factories import SolutionPageFactory
from tests.shortlist.conftest import ORIGIN, add, add_json

pytestmark = pytest.mark.django_db


def test_every_card_and_solution_page_offer_the_plain_form(client, solutions):
    catalogue = client.get("/catalogue/").content.decode()
    assert catalogue.count('action="/podborka/add/"') == 3
    assert f'name="solution" value="{solutions[0].pk}"' in catalogue
    page = client.get(solutions[0].url).content.decode()
    assert 'action="/podborka/add/"' in page and "Добавить в&nbsp;подборку" in page


def test_catalogue_pages_stay_the_same_for_everyone(client, solutions):
    """No token and no session on the cards: the page sets no cookie, so the response cache may keep it."""
    response = client.get("/catalogue/")
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_adding_without_javascript_returns_to_the_page_with_a_message(client, solutions):
    response = add(client, solutions[0])
    assert response.status_code == 302 and response["Location"] == "/catalogue/"
    page = client.get("/catalogue/").content.decode()
    assert "«Очистка шахтных вод мембранами» добавлено в подборку." in page
    assert 'data-shortlist-count>1</span>' in page
    shortlist = client.get("/podborka/").content.decode()
    assert "Очистка шахтных вод мембранами" in shortlist and "В&nbsp;подборке 1 из&nbsp;50" in shortlist


def test_adding_with_javascript_answers_json_with_the_count(client, solutions):
    assert add_json(client, solutions[0]).json()["count"] == 1
    answer = add_json(client, solutions[1]).json()
    assert answer == {"message": "«Рекультивация отвалов» добавлено в подборку.", "count": 2, "url": "/podborka/"}
    again = add_json(client, solutions[1])
    assert again.status_code == 200 and again.json()["message"] == "«Рекультивация отвалов» уже есть в подборке."
    assert ShortlistItem.objects.count() == 2


def test_the_shortlist_lives_in_the_database_and_survives_a_new_process(client, solutions):
    add(client, solutions[0])
    key = client.session["shortlist"]["key"]
    assert len(key) >= 43 and Shortlist.objects.get(key=key).items.count() == 1
    # A restart: a new client with only the cookie finds the shortlist through the session stored in the database.
    revived = Client()
    revived.cookies = client.cookies
    assert "Очистка шахтных вод мембранами" in revived.get("/podborka/").content.decode()
    assert Session.objects.count() == 1


def test_a_foreign_site_cannot_add(client, solutions):
    response = client.post("/podborka/add/", {"solution": solutions[0].pk}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403 and "только со страниц этого сайта" in response.content.decode()
    assert client.post("/podborka/add/", {"solution": solutions[0].pk}).status_code == 403  # no Origin, no Referer
    assert not ShortlistItem.objects.exists()
    same_site_referer = client.post("/podborka/add/", {"solution": solutions[0].pk},
                                    HTTP_REFERER="http://testserver/catalogue/")
    assert same_site_referer.status_code == 302 and ShortlistItem.objects.count() == 1


def test_the_other_forms_need_the_csrf_token(solutions):
    strict = Client(enforce_csrf_checks=True)
    add(strict, solutions[0])
    for address in ("/podborka/remove/", "/podborka/note/", "/podborka/share/", "/podborka/city/"):
        assert strict.post(address, {"solution": solutions[0].pk, "note": "x", "city": "x"}).status_code == 403
    assert ShortlistItem.objects.get().note == ""


@pytest.mark.parametrize("value", ["", "abc", "-1", "99999999", "1e3", "\x00"])
def test_bad_solution_ids_get_a_russian_message_and_change_nothing(client, solutions, value):
    response = client.post("/podborka/add/", {"solution": value}, HTTP_ACCEPT="application/json", **ORIGIN)
    assert response.status_code == 400
    assert response.json()["message"] == "Такого решения нет в каталоге: возможно, его сняли с публикации."
    assert not ShortlistItem.objects.exists()


def test_unpublished_solutions_cannot_be_added_and_drop_out_of_the_list(client, solutions):
    add_json(client, solutions[0])
    solutions[0].unpublish()
    assert add_json(client, solutions[0]).status_code == 400
    page = client.get("/podborka/").content.decode()
    assert "Очистка шахтных вод мембранами" not in page and "Подборка пуста" in page
    assert client.session["shortlist"]["ids"] == []  # the header counts what the list shows


def test_notes_are_saved_as_plain_text_and_limited(client, solutions):
    add(client, solutions[0])
    response = client.post("/podborka/note/", {"solution": solutions[0].pk, "note": "<b>Для</b> Прокопьевска"})
    assert response["Location"] == f"/podborka/#item-{solutions[0].pk}"
    assert ShortlistItem.objects.get().note == "Для Прокопьевска"
    page = client.get("/podborka/").content.decode()
    assert "Заметка сохранена." in page and "Для Прокопьевска</textarea>" in page
    client.post("/podborka/note/", {"solution": solutions[0].pk, "note": "я" * 1001})
    assert "Заметка длиннее 1000 знаков" in client.get("/podborka/").content.decode()
    assert ShortlistItem.objects.get().note == "Для Прокопьевска"


def test_a_note_for_a_solution_not_in_the_shortlist_changes_nothing(client, solutions):
    add(client, solutions[0])
    client.post("/podborka/note/", {"solution": solutions[1].pk, "note": "чужая"})
    assert ShortlistItem.objects.get().note == ""


def test_removal(client, solutions):
    add(client, solutions[0])
    add(client, solutions[1])
    response = client.post("/podborka/remove/", {"solution": solutions[0].pk})
    assert response["Location"] == "/podborka/"
    page = client.get("/podborka/").content.decode()
    assert "«Очистка шахтных вод мембранами» убрано из подборки." in page
    assert list(ShortlistItem.objects.values_list("solution", flat=True)) == [solutions[1].pk]
    assert client.session["shortlist"]["ids"] == [solutions[1].pk]


def test_at_most_fifty_solutions(client, solutions):
    more = [SolutionPageFactory() for _ in range(MAX_ITEMS - len(solutions))]
    for solution in solutions + more:
        assert add_json(client, solution).status_code == 200
    extra = SolutionPageFactory(title="Пятьдесят первое")
    response = add_json(client, extra)
    assert response.status_code == 409
    assert response.json()["message"].startswith("В подборке уже 50 решений — это предел.")
    assert ShortlistItem.objects.count() == MAX_ITEMS
    add(client, extra)  # without JavaScript: the same message on the page it came from
    assert "В подборке уже 50 решений" in client.get("/catalogue/").content.decode()


def test_each_visitor_has_an_own_shortlist(client, solutions):
    add(client, solutions[0])
    other = Client()
    add(other, solutions[1])
    assert "Рекультивация отвалов" not in client.get("/podborka/").content.decode()
    assert "Очистка шахтных вод мембранами" not in other.get("/podborka/").content.decode()


def test_no_personal_data_is_stored(client, solutions):
    add(client, solutions[0])
    stored = {field.name for field in Shortlist._meta.get_fields()} | {
        field.name for field in ShortlistItem._meta.get_fields()}
    assert not stored & {"name", "email", "phone", "ip_hash", "user", "organisation"}


def test_need_matches_offer_the_add_form(client, solutions):
    from django.core import signing

    from catalogue.models import NeedSubmission
    from catalogue.submissions.views import NEED_REF_SALT

    submission = NeedSubmission.objects.create(city="Прокопьевск", need_text="очистка шахтных вод", name="Анна",
                                               email="a@example.ru", scale="city", timing="year")
    ref = signing.dumps(submission.pk, salt=NEED_REF_SALT)
    page = client.get(f"/needs/submit/sent/?ref={ref}").content.decode()
    assert 'action="/podborka/add/"' in page


def test_empty_shortlist_page(client, db):
    page = client.get("/podborka/").content.decode()
    assert "Подборка пуста" in page
    assert not client.cookies.get("sessionid")
