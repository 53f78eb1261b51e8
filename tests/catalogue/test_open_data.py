"""What search engines and link previews read: sitemap, robots.txt, JSON-LD and OpenGraph/Twitter tags."""
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import extruct
import factory
import pytest
from django.template import Context, Template
from django.test import RequestFactory
from wagtail_factories import ImageFactory

from catalogue.models import Region
from home.models import HomePage, NocSettings
from tests.factories import OrganizationFactory, RegionFactory, publish

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOSTILE_TITLE = 'Очистка </script><script>alert("x")</script> & «вод»'


class HeadMeta(HTMLParser):
    """<meta property|name=… content=…> and <link rel=canonical> of a page."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.canonical = {}, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]


def json_ld(html):
    """The page's one JSON-LD document, read by extruct (what search-engine tooling uses), as {@type: node}."""
    documents = extruct.extract(html, base_url="http://localhost/", syntaxes=["json-ld"], uniform=False)["json-ld"]
    assert len(documents) == 1, documents
    assert documents[0]["@context"] == "https://schema.org"
    return {node["@type"]: node for node in documents[0]["@graph"]}


@pytest.fixture
def solution(open_catalogue):
    image = ImageFactory(title="Установка на шахте", file=factory.django.ImageField(width=1600, height=1000))
    page = open_catalogue["water"]
    page.hero_image = image
    page.tags.add("шахтные воды")
    return publish(page)


# --- sitemap and robots ----------------------------------------------------------------------------------

def test_sitemap_lists_every_live_page_with_lastmod(client, open_catalogue):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
            for url in ET.fromstring(response.content).findall(f"{SITEMAP}url")}
    paths = {re.sub(r"^https?://[^/]+", "", loc) for loc in urls}
    assert paths == {"/", "/catalogue/", "/catalogue/mine-water/", "/catalogue/dumps/", "/catalogue/reducer/",
                     # every category with a published solution has its landing page
                     "/catalogue/sector/ecology/", "/catalogue/sector/mining/",
                     "/catalogue/need/water/", "/catalogue/need/rekultivatsiya/",
                     "/catalogue/org/kuzgtu/", "/catalogue/org/sibgiu/",
                     "/labs/"}
    assert all(urls.values()), "every page carries lastmod, even the home page the migration created"
    reducer_date = next(date for loc, date in urls.items() if loc.endswith("/reducer/"))
    catalogue_date = next(date for loc, date in urls.items() if loc.endswith("/catalogue/"))
    assert catalogue_date == reducer_date, "a listing changes when the solution published last changes"
    assert urls[next(loc for loc in urls if loc.endswith("/org/sibgiu/"))] == reducer_date
    assert len({re.match(r"^https?://[^/]+", loc).group() for loc in urls}) == 1, "one host for every address"


def test_every_organisation_profile_is_in_the_sitemap_even_without_a_solution(client, open_catalogue):
    OrganizationFactory(name="ДонНТУ", slug="donntu", description="Донецкий национальный технический университет.")
    urls = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
            for url in ET.fromstring(client.get("/sitemap.xml").content).findall(f"{SITEMAP}url")}
    profile = next(loc for loc in urls if loc.endswith("/catalogue/org/donntu/"))
    assert urls[profile] is None  # no solution, no date to give
    page = client.get(profile)
    assert page.status_code == 200
    assert "Решений этой организации в&nbsp;каталоге пока нет" in page.content.decode()
    # The profiles of organisations with solutions keep their latest solution's date.
    assert all(urls[loc] for loc in urls if "/org/kuzgtu/" in loc or "/org/sibgiu/" in loc)


def test_category_without_a_published_solution_stays_out_of_the_sitemap(client, open_catalogue):
    open_catalogue["water"].unpublish()
    content = client.get("/sitemap.xml").content
    assert b"/catalogue/need/water/" not in content
    assert b"/catalogue/need/rekultivatsiya/" in content  # the draft on it does not count, dumps does


@pytest.mark.parametrize("path, title", [("/catalogue/need/water/", "Очистка воды: решения"),
                                         ("/catalogue/sector/mining/", "Горное дело: решения"),
                                         ("/catalogue/org/kuzgtu/", "КузГТУ: решения")])
def test_category_pages_are_canonical_to_themselves_with_the_sitemap_host(client, open_catalogue, path, title):
    html = client.get(path).content.decode()
    head = HeadMeta(html)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert head.canonical.endswith(path)
    assert head.meta["og:url"] == head.canonical
    assert head.meta["og:title"] == title
    assert f"<title>{title} — " in html
    assert f"<loc>{head.canonical}</loc>" in sitemap


def test_canonical_sitemap_and_robots_name_the_wagtail_sites_host(client, open_catalogue):
    site = HomePage.objects.get().get_site()
    site.hostname, site.port = "catalog.example.ru", 443
    site.save()
    robots = client.get("/robots.txt", HTTP_HOST="127.0.0.1").content.decode()
    canonical = HeadMeta(client.get("/catalogue/need/water/", HTTP_HOST="localhost").content.decode()).canonical
    sitemap = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()

    assert "Sitemap: https://catalog.example.ru/sitemap.xml" in robots.splitlines()
    assert canonical == "https://catalog.example.ru/catalogue/need/water/"
    assert "<loc>https://catalog.example.ru/catalogue/need/water/</loc>" in sitemap


def test_sitemap_leaves_out_unpublished_pages(client, open_catalogue):
    open_catalogue["reducer"].unpublish()
    assert b"/catalogue/reducer/" not in client.get("/sitemap.xml").content
    assert b"/catalogue/draft/" not in client.get("/sitemap.xml").content


def test_robots_txt_points_to_the_sitemap_and_keeps_admin_out(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /embed/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines  # the Wagtail site, as in the sitemap itself


# --- JSON-LD ---------------------------------------------------------------------------------------------

def test_solution_page_describes_itself_as_a_creative_work(client, solution):
    data = json_ld(client.get("/catalogue/mine-water/").content.decode())["CreativeWork"]
    assert data["@id"] == data["url"] + "#solution"
    assert data["name"] == "Модульная очистка шахтных вод"
    assert data["description"] == "Очищает шахтные воды до норм рыбохозяйственных водоёмов."
    assert data["url"].endswith("/catalogue/mine-water/")
    assert data["provider"] == [{"@type": "Organization", "name": "КузГТУ", "url": "https://kuzstu.ru"}]
    assert data["spatialCoverage"] == [{"@type": "AdministrativeArea", "name": "Кемеровская область – Кузбасс"}]
    assert data["offers"]["areaServed"] == data["spatialCoverage"]
    assert data["offers"]["offeredBy"] == data["provider"]
    assert data["dateModified"].startswith(str(solution.last_published_at.date()))
    assert re.search(r"/images/.+fill-1200x630", data["image"])
    assert data["keywords"] == "Экология, Очистка воды, шахтные воды"


def test_hostile_title_cannot_break_out_of_the_script(client, open_catalogue):
    page = open_catalogue["reducer"]
    page.title = HOSTILE_TITLE
    publish(page)
    html = client.get("/catalogue/reducer/").content.decode()
    assert json_ld(html)["CreativeWork"]["name"] == HOSTILE_TITLE
    assert '<script>alert("x")' not in html


def test_home_page_carries_organization_and_website_with_search(client, db):
    NocSettings.objects.create(site_id=HomePage.objects.get().get_site().pk, email="noc@example.ru")
    data = json_ld(client.get("/").content.decode())
    assert set(data) == {"Organization", "WebSite"}, "the home page has no breadcrumb trail"
    organization, website = data["Organization"], data["WebSite"]
    assert organization["logo"]["url"].endswith(".png") and organization["logo"]["width"] >= 112
    assert organization["name"] == "НОЦ «Кузбасс – Донбасс»"
    assert organization["email"] == "noc@example.ru"
    assert "telephone" not in organization, "empty contacts are left out rather than published empty"
    assert website["@type"] == "WebSite"
    assert website["publisher"] == {"@id": organization["@id"]}
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"].endswith("/search/?q={search_term_string}")
    assert action["query-input"] == "required name=search_term_string"


def test_solution_without_a_picture_shows_the_centres_logo(client, open_catalogue):
    data = json_ld(client.get("/catalogue/reducer/").content.decode())["CreativeWork"]
    assert data["image"].endswith(".png") and "/static/" in data["image"]


def test_solution_page_carries_its_breadcrumb_trail(client, open_catalogue):
    data = json_ld(client.get("/catalogue/reducer/").content.decode())["BreadcrumbList"]
    trail = [(item["position"], item["name"], re.sub(r"^https?://[^/]+", "", item["item"]))
             for item in data["itemListElement"]]
    assert trail == [(1, "Главная", "/"), (2, "Каталог решений", "/catalogue/"),
                     (3, "Редуктор ленточного конвейера", "/catalogue/reducer/")]


def test_category_page_lists_its_solutions_and_its_trail(client, open_catalogue):
    data = json_ld(client.get("/catalogue/org/sibgiu/").content.decode())
    assert set(data) == {"CollegeOrUniversity", "BreadcrumbList", "ItemList"}
    assert [item["name"] for item in data["BreadcrumbList"]["itemListElement"]][-2:] == ["Каталог решений", "СибГИУ"]
    items = data["ItemList"]["itemListElement"]
    assert [item["position"] for item in items] == [1, 2]
    assert {re.sub(r"^https?://[^/]+", "", item["url"]) for item in items} == {"/catalogue/dumps/",
                                                                               "/catalogue/reducer/"}


@pytest.mark.parametrize(("kind", "schema_type"), [
    ("university", "CollegeOrUniversity"), ("institute", "ResearchOrganization"),
    ("authority", "GovernmentOrganization"), ("centre", "Organization"), ("other", "Organization"),
])
def test_organisation_profile_is_the_type_its_kind_implies_with_its_parent(client, open_catalogue, kind,
                                                                         schema_type):
    kuzbass = RegionFactory(name="Кемеровская область", kind=Region.Kind.REGION)
    kemerovo = RegionFactory(name="Кемерово", kind=Region.Kind.CITY, parent=kuzbass)
    parent = OrganizationFactory(name="Российская академия наук (пример)", kind="institute",
                                 website="https://ras.example")
    OrganizationFactory(name="Институт (пример)", slug="institute", kind=kind, city=kemerovo, parent=parent,
                        website="https://institute.example", description="Иллюстративная организация.")

    node = json_ld(client.get("/catalogue/org/institute/").content.decode())[schema_type]
    assert node["name"] == "Институт (пример)"
    assert node["url"] == "http://localhost/catalogue/org/institute/"
    assert node["sameAs"] == "https://institute.example"
    assert node["address"] == {"@type": "PostalAddress", "addressLocality": "Кемерово",
                               "addressRegion": "Кемеровская область", "addressCountry": "RU"}
    assert node["parentOrganization"] == {"@type": "ResearchOrganization", "name": "Российская академия наук (пример)",
                                          "url": "https://ras.example"}


def test_catalogue_page_lists_the_cards_on_screen_with_their_positions(client, open_catalogue):
    data = json_ld(client.get("/catalogue/?page=1").content.decode())
    html = client.get("/catalogue/").content.decode()
    on_screen = re.findall(r'<h3 class="card__title"><a href="([^"]+)"', html)
    assert [re.sub(r"^https?://[^/]+", "", item["url"]) for item in data["ItemList"]["itemListElement"]] == on_screen


# --- OpenGraph and Twitter -------------------------------------------------------------------------------

def test_solution_page_shares_with_its_hero_image(client, solution):
    head = HeadMeta(client.get("/catalogue/mine-water/").content.decode())
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{head.canonical}</loc>" in sitemap, "the canonical address is the one the sitemap gives"
    assert head.canonical.endswith("/catalogue/mine-water/")
    assert head.meta["og:url"] == head.canonical
    assert head.meta["og:title"] == "Модульная очистка шахтных вод"
    assert head.meta["og:description"] == "Очищает шахтные воды до норм рыбохозяйственных водоёмов."
    assert head.meta["og:type"] == "article"
    assert head.meta["og:locale"] == "ru_RU"
    assert re.match(r"https?://[^/]+/media/images/.+fill-1200x630", head.meta["og:image"])
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1200", "630")
    assert head.meta["og:image:alt"] == "Установка на шахте"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["twitter:image"] == head.meta["og:image"]


def test_page_without_image_gets_a_summary_card(client, db):
    head = HeadMeta(client.get("/").content.decode())
    assert head.meta["og:type"] == "website"
    assert head.meta["twitter:card"] == "summary"
    assert "og:image" not in head.meta
    assert head.meta["og:description"].startswith("НОЦ «Кузбасс – Донбасс» объединяет 257 вузов")


def test_search_description_wins_over_the_summary(client, open_catalogue):
    page = open_catalogue["dumps"]
    page.search_description = "Как вернуть отвалам плодородный слой"
    publish(page)
    head = HeadMeta(client.get("/catalogue/dumps/").content.decode())
    assert head.meta["og:description"] == head.meta["twitter:description"] == "Как вернуть отвалам плодородный слой"


# --- links to other formats keep the current filters -----------------------------------------------------

def render_include(name, query_string):
    request = RequestFactory().get("/catalogue/?" + query_string)
    return Template(f'{{% include "includes/{name}" %}}').render(Context({"request": request}))


def test_export_links_keep_filters_and_drop_the_page(db):
    html = render_include("export_links.html", "need=water&q=%D0%B2%D0%BE%D0%B4%D0%B0&page=3&view=grid")
    assert 'href="/catalogue/export.xlsx?need=water&amp;q=%D0%B2%D0%BE%D0%B4%D0%B0"' in html
    assert 'href="/catalogue/export.csv?need=water&amp;q=%D0%B2%D0%BE%D0%B4%D0%B0"' in html


def test_feed_links_keep_filters(db):
    html = render_include("feed_links.html", "sector=ecology&sector=mining&page=2")
    assert 'type="application/rss+xml"' in html
    assert 'href="/catalogue/feed/?sector=ecology&amp;sector=mining"' in html
    assert 'href="/catalogue/feed/atom/?sector=ecology&amp;sector=mining"' in html
