"""A solution's page tells the case to a decision maker: story, readiness road map, developers, related, CTA."""
import pytest
from django.core.files.base import ContentFile
from wagtail.blocks import StreamValue
from wagtail.documents.models import Document

from catalogue.blocks import StoryBlock
from catalogue.related import related_solutions
from tests.factories import NeedFactory, SectorFactory, SolutionPageFactory
from tests.showcase import build_showcase

pytestmark = pytest.mark.django_db


@pytest.fixture
def showcase():
    return build_showcase()


def test_story_readiness_and_facts(client, showcase):
    html = client.get("/catalogue/biosorbent/").content.decode()
    for heading in ("<h2>Проблема</h2>", "<h2>Решение</h2>", "Эффект в цифрах", "−40 %"):
        assert heading in html
    assert "Готовность: УГТ&nbsp;6 из&nbsp;9" in html
    assert "Модель или прототип системы (подсистемы) продемонстрированы" in html
    # The road map marks the current stage for eyes and for screen readers.
    assert 'roadmap__stage roadmap__stage--current" aria-current="step"' in html
    assert html.index("roadmap__stage--current") > html.index("Разработка") - 200
    assert "Последняя проверка" in html and "2 октября 2026" in html


def test_developers_link_to_their_pages(client, showcase):
    html = client.get("/catalogue/mine-water/").content.decode()
    org = showcase["orgs"]["institute"]
    assert f'href="/catalogue/org/{org.slug}/"' in html
    assert 'href="/catalogue/need/ochistka-shakhtnykh-vod/"' in html
    assert "Кемеровская область — Кузбасс" in html


def test_cta_leads_to_the_request_form(client, showcase):
    html = client.get("/catalogue/mine-water/").content.decode()
    # The hero button and the closing call to action both open the form, one click from the case.
    assert html.count('href="/catalogue/mine-water/request/">Запросить решение') == 2


def test_related_solutions_share_needs_or_sectors(showcase, django_assert_num_queries):
    solution = showcase["solutions"]["mine-water"]
    # Its needs and sectors (2), the view restrictions (1), one row per category shared by a live solution (1),
    # then the three cards with their sectors and developers (3) — however many solutions the catalogue holds.
    with django_assert_num_queries(7):
        related = related_solutions(solution)
    # The pump and the biosorbent share two categories each (the more ready first); the nursery one sector.
    assert [page.title for page in related] == [
        "Отечественный насос для водоотлива", "Биосорбент для подотвальных вод", "Питомник саженцев для рекультивации"]


def test_unrelated_solution_has_no_related_block(client):
    SolutionPageFactory(title="Одинокое решение", slug="alone", sectors=[SectorFactory()], needs=[NeedFactory()])
    assert "Похожие решения" not in client.get("/catalogue/alone/").content.decode()


def test_documents_are_listed_for_download(client):
    document = Document.objects.create(title="Технический паспорт", file=ContentFile(b"%PDF-1.4", name="passport.pdf"))
    body = StreamValue(StoryBlock(), [("document", {"document": document, "title": ""})], is_lazy=False)
    SolutionPageFactory(title="С документом", slug="with-doc", body=body)
    html = client.get("/catalogue/with-doc/").content.decode()
    assert '<h2 id="documents-title">Документы</h2>' in html
    assert "Технический паспорт</a> (PDF" in html


def test_images_are_webp_renditions_with_srcset_and_size(client):
    from wagtail_factories import ImageFactory

    image = ImageFactory(title="Станция", description="Станция очистки на промплощадке",
                         file__width=1600, file__height=1200)
    need = NeedFactory(name="Фото")
    SolutionPageFactory(title="С фото", slug="with-photo", hero_image=image, needs=[need])
    html = client.get("/catalogue/with-photo/").content.decode()
    hero = html[html.index('class="solution__hero"') - 600:html.index('class="solution__hero"') + 400]
    assert "srcset=" in hero and ".webp 480w" in hero and ".webp 960w" in hero
    assert 'width="480"' in hero and 'height="320"' in hero
    assert 'alt="Станция очистки на промплощадке"' in hero
    card = client.get("/catalogue/", {"need": need.slug}).content.decode()
    assert 'alt=""' in card  # the card's title says it all; the picture is decoration there
    assert 'loading="lazy"' in card and ".webp 400w" in card and 'width="400"' in card and 'height="225"' in card


def test_story_images_are_responsive(client):
    from wagtail_factories import ImageFactory

    image = ImageFactory(title="Схема", description="", file__width=1600, file__height=900)
    body = StreamValue(StoryBlock(), [("image", {"image": image, "caption": "Схема установки"})], is_lazy=False)
    SolutionPageFactory(title="Со схемой", slug="with-scheme", body=body)
    html = client.get("/catalogue/with-scheme/").content.decode()
    assert ".webp 640w" in html and ".webp 1200w" in html
    assert 'alt="Схема установки"' in html and "<figcaption>Схема установки</figcaption>" in html
