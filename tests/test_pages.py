"""Every page type renders, and the page tree only allows pages where they belong."""
import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from catalogue.models import CatalogueIndexPage, SolutionPage
from home.models import HomePage, StandardPage
from tests.factories import NeedFactory, SectorFactory, SolutionPageFactory


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_catalogue_lives_under_home_once(self):
        self.assertAllowedParentPageTypes(CatalogueIndexPage, {HomePage})
        # max_count = 1 and the data migration already made it.
        self.assertFalse(CatalogueIndexPage.can_create_at(HomePage.objects.get()))

    def test_solutions_live_only_in_the_catalogue(self):
        self.assertAllowedParentPageTypes(SolutionPage, {CatalogueIndexPage})
        self.assertAllowedSubpageTypes(SolutionPage, set())
        self.assertCanCreateAt(CatalogueIndexPage, SolutionPage)
        self.assertCanNotCreateAt(HomePage, SolutionPage)

    def test_standard_pages_under_home(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_every_page_type_renders(self):
        home = HomePage.objects.get()
        catalogue = CatalogueIndexPage.objects.get()
        solution = SolutionPageFactory(title="Модульная установка очистки шахтных вод", trl=8,
                                       sectors=[SectorFactory(name="Экология")],
                                       needs=[NeedFactory(name="Очистка воды")])
        standard = StandardPage(title="Контакты", slug="contacts", intro="Как связаться с НОЦ")
        home.add_child(instance=standard)
        for page in (home, catalogue, solution, standard):
            self.assertPageIsRenderable(page)


@pytest.mark.django_db
def test_fresh_database_serves_home_and_catalogue(client):
    assert client.get("/").status_code == 200
    response = client.get("/catalogue/")
    assert response.status_code == 200
    assert "Каталог решений" in response.content.decode()


@pytest.mark.django_db
def test_solution_page_shows_readiness_in_words(client):
    SolutionPageFactory(title="Питомник саженцев", slug="nursery", trl=9)
    html = client.get("/catalogue/nursery/").content.decode()
    assert "Продемонстрирована работа реальной системы в условиях реальной эксплуатации" in html
    assert "Серийное производство" in html


def test_server_error_page_renders_without_a_request():
    # Django renders 500.html with an empty context: it must not need settings, a page or the database.
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Что-то сломалось на&nbsp;нашей стороне" in html
    assert "/static/css/site.css" in html


@pytest.mark.django_db
def test_standard_page_has_its_title_intro_and_breadcrumbs(client):
    from wagtail.blocks import StreamValue

    from catalogue.blocks import StoryBlock

    body = StreamValue(StoryBlock(), [("paragraph", "<p>Пишите нам в любое время.</p>")], is_lazy=False)
    page = StandardPage(title="Контакты", slug="contacts", intro="Как связаться с НОЦ", body=body)
    HomePage.objects.get().add_child(instance=page)
    html = client.get("/contacts/").content.decode()
    assert "<h1>Контакты</h1>" in html
    assert '<meta name="description" content="Как связаться с НОЦ">' in html
    assert "Пишите нам в любое время." in html
    assert 'aria-label="Навигационная цепочка"' in html
