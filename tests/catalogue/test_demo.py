"""`manage.py load_demo`: the brief's solutions appear, every page opens, a second run changes nothing."""
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page, PageLogEntry, Revision, Site

from catalogue.models import Deployment, Need, Organization, Region, Sector, SolutionPage
from home.models import NocSettings, StandardPage
from labs.demo import ILLUSTRATIVE, LABS
from labs.models import LabPage

NAMED_IN_THE_BRIEF = {
    "Отечественное ПО для проектирования буровзрывных работ",
    "Редукторы для горных конвейеров",
    "Разработки для карьерных самосвалов",
    "Рекультивация нарушенных земель с использованием искусственного интеллекта",
    "Модульные установки для очистки шахтных вод",
    "Питомник саженцев с закрытой корневой системой",
    "Питомник саженцев с закрытой корневой системой в Донбассе",
    "Центр инженерных разработок по углехимии",
    "«Вторая кожа» для лечения ожогов",
}


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def database_state():
    return {model.__name__: model.objects.count()
            for model in (Page, Revision, PageLogEntry, Sector, Need, Region, Organization)}


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """Load the demo once for the module (it takes seconds); each test still runs in its own rolled-back
    transaction inside this one, and the whole module's data is rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded, db):
    pass


def test_publishes_the_solutions_named_in_the_brief(demo):
    solutions = SolutionPage.objects.live()
    assert set(solutions.values_list("title", flat=True)) == NAMED_IN_THE_BRIEF
    for solution in solutions:
        assert solution.sectors.exists() and solution.needs.exists(), solution.title
        assert solution.organizations.exists() and solution.regions.exists(), solution.title
        assert solution.tags.exists(), solution.title


def test_readiness_follows_the_brief(demo):
    deployed = SolutionPage.objects.exclude(slug__in=["coal-chemistry-engineering-centre",
                                                      "second-skin-burn-treatment"])
    assert all(7 <= page.trl <= 9 for page in deployed)
    centre = SolutionPage.objects.get(slug="coal-chemistry-engineering-centre")
    assert centre.stage.slug == "research"
    assert set(centre.organizations.values_list("name", flat=True)) == {
        "НОЦ «Кузбасс – Донбасс»", "КузГТУ", "ФИЦ УУХ СО РАН", "ДонГТУ", "СибГИУ"}
    assert centre.year == 2025


def test_cities_belong_to_their_regions(demo):
    assert Region.objects.get(name="Новокузнецк").parent.name == "Кемеровская область"
    assert Region.objects.get(name="Макеевка").parent.name == "Донецкая Народная Республика"
    assert Need.objects.filter(name="Очистка воды").exists()


def test_second_run_changes_nothing_and_writes_no_revisions(demo):
    before = database_state()
    output = load_demo()
    assert database_state() == before
    assert "ничего не изменено" in output


def test_a_rerun_keeps_what_editors_changed(demo):
    page = SolutionPage.objects.get(slug="conveyor-reducers")
    page.summary = "Уточнено редактором."
    page.save_revision().publish()
    Sector.objects.filter(name="Медицина").update(description="Описание редактора.")

    load_demo()

    assert SolutionPage.objects.get(slug="conveyor-reducers").summary == "Уточнено редактором."
    assert Sector.objects.get(name="Медицина").description == "Описание редактора."


def test_every_demo_page_renders(demo, client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    # home, catalogue, solutions, lab index, labs, text pages
    assert pages.count() == 2 + len(NAMED_IN_THE_BRIEF) + 1 + len(LABS) + 3
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_solution_pages_tell_the_story_and_say_they_are_illustrative(demo, client):
    html = client.get("/catalogue/modular-mine-water-treatment/").content.decode()
    assert "Какую задачу решает" in html
    assert "Как это работает" in html
    assert "Демонстрационная карточка" in html


def test_about_page_gives_the_centres_figures(demo, client):
    html = client.get("/about/").content.decode()
    for figure in ("257", "231", "46", "2,8 млрд ₽", "2019"):
        assert figure in html
    assert "Пилотное внедрение (УГТ 7–8)" in html


def test_footer_settings_point_at_contacts_and_policy(demo):
    settings = NocSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.contact_page.specific == StandardPage.objects.get(slug="contacts")
    assert settings.privacy_page.specific == StandardPage.objects.get(slug="privacy")
    assert "152-ФЗ" in StandardPage.objects.get(slug="privacy").intro


def test_every_page_links_the_about_page_from_its_footer(demo, client):
    for url in ("/", "/catalogue/", "/search/?q=вода", "/needs/submit/"):
        footer = client.get(url).content.decode().split('<footer class="site-footer">')[1]
        assert '<a href="/about/">О центре</a>' in footer, url


def test_consortium_profiles_say_only_what_the_brief_says(demo, client):
    members = Organization.objects.filter(role=Organization.Role.MEMBER).order_by("sort_order")
    assert [org.name for org in members] == ["КузГТУ", "ФИЦ УУХ СО РАН", "ДонГТУ", "СибГИУ"]
    assert all("Центра инженерных разработок по углехимии" in org.description for org in members)
    # No invented channels: every profile sends visitors through НОЦ.
    assert not Organization.objects.exclude(contact="").exists()
    assert not Organization.objects.exclude(website="").exists()
    assert Organization.objects.get(name="СибГИУ").place == "Новокузнецк, Кемеровская область"
    page = client.get("/catalogue/org/" + Organization.objects.get(name="КузГТУ").slug + "/").content.decode()
    assert "Участник консорциума" in page or "участник консорциума" in page
    assert "через НОЦ" in page


@pytest.mark.django_db
def test_demo_deployments_and_terms_are_marked_illustrative_and_name_no_customer(client):
    load_demo()
    deployments = Deployment.objects.select_related("city", "region")
    assert deployments.count() >= 5
    assert all(item.site.endswith("(иллюстративный пример)") for item in deployments)
    assert all("Иллюстративный пример" in item.story for item in deployments)
    assert not deployments.filter(organization__isnull=False).exists()
    assert all(item.city or item.region for item in deployments)
    html = client.get("/catalogue/modular-mine-water-treatment/").content.decode()
    assert "Где уже работает" in html and "Прокопьевск" in html and "Условия предложения" in html
    listed = client.get("/api/v2/solutions/?has_deployments=true&fields=title").json()
    assert listed["meta"]["total_count"] == 4


def test_labs_are_the_coal_chemistry_centre_and_clearly_marked_examples(demo, client):
    centre = LabPage.objects.get(title="Центр инженерных разработок по углехимии")
    assert centre.organization.name == "НОЦ «Кузбасс – Донбасс»"
    assert [solution.slug for solution in centre.solutions.all()] == ["coal-chemistry-engineering-centre"]
    examples = LabPage.objects.exclude(pk=centre.pk)
    assert examples.count() == len(LABS) - 1
    for lab in examples:
        text = client.get(lab.url).content.decode()
        assert ILLUSTRATIVE in lab.title and "Иллюстративная карточка" in text
        assert "Запросы к&nbsp;лаборатории принимает НОЦ" in text
    assert "Лаборатория анализа углей" in client.get("/labs/", {"q": "дифрактометры"}).content.decode()


@pytest.mark.parametrize("typed", ["угольного", "углехимя", "eukz b eukt[bvbb"])  # the last: Latin layout
def test_the_coal_institute_is_found_on_the_search_pages_organisations_tab(demo, client, typed):
    # Every consortium member's description names the Центр инженерных разработок по углехимии, so all of them
    # answer; the ФИЦ is among them.
    response = client.get("/search/", {"q": typed, "type": "organizations"})
    assert "ФИЦ УУХ СО РАН" in [item["object"].name for item in response.context["items"]]


def test_the_coal_institute_leads_when_named(demo, client):
    response = client.get("/search/", {"q": "фиц угля", "type": "organizations"})
    assert response.context["items"][0]["object"].name == "ФИЦ УУХ СО РАН"
