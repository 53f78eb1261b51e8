"""The partner widget: a framable compact list; every other page refuses to be framed."""
import re
from html.parser import HTMLParser

import pytest


class Elements(HTMLParser):
    """Start tags of a document as (tag, attributes) pairs."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def all(self, tag, **wanted):
        return [attrs for name, attrs in self.found
                if name == tag and all(attrs.get(key) == value for key, value in wanted.items())]


def embed(client, query):
    response = client.get("/embed/" + query)
    return response, response.content.decode()


def test_widget_lists_matching_solutions_and_may_be_framed(client, open_catalogue):
    response, html = embed(client, "?sector=ecology&region=kuzbass")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    titles = Elements(html).all("a", **{"class": "embed__title"})
    assert [link["href"] for link in titles] == ["/catalogue/mine-water/", "/catalogue/dumps/"]
    assert all(link["target"] == "_blank" and link["rel"] == "noopener" for link in titles)
    assert "УГТ&nbsp;8" in html and "Пилотное внедрение" in html and "КузГТУ" in html


def test_widget_is_self_contained(client, open_catalogue):
    _response, html = embed(client, "?need=water")
    elements = Elements(html)
    assert [link["href"] for link in elements.all("link", rel="stylesheet")] == ["/static/css/embed.css"]
    assert not elements.all("script")
    assert not [attrs for _tag, attrs in elements.found if "style" in attrs]
    assert elements.all("meta", name="robots", content="noindex")


def test_limit_and_link_to_the_whole_selection(client, open_catalogue):
    _response, html = embed(client, "?sector=ecology&limit=1&sort=title")
    assert len(Elements(html).all("a", **{"class": "embed__title"})) == 1
    assert "Показано 1 из&nbsp;2." in html
    more = Elements(html).all("a", target="_blank")[-1]
    assert more["href"] == "/catalogue/?sector=ecology&sort=title"


def test_empty_selection_says_so(client, open_catalogue):
    _response, html = embed(client, "?sector=mining&need=water")
    assert "По&nbsp;этим условиям решений пока нет." in html


@pytest.mark.parametrize("query, param", [("?limit=0", "limit"), ("?limit=100", "limit"), ("?limit=пять", "limit"),
                                          ("?need=nothing", "need"), ("?colour=red", "colour")])
def test_bad_parameters_give_a_framable_400_page(client, open_catalogue, query, param):
    response, html = embed(client, query)
    assert response.status_code == 400
    assert "X-Frame-Options" not in response
    assert "Виджет настроен с&nbsp;ошибкой" in html
    assert f"<code>{param}</code>" in html


@pytest.mark.parametrize("url", ["/", "/catalogue/", "/catalogue/mine-water/", "/catalogue/feed/",
                                 "/catalogue/export.csv", "/sitemap.xml"])
def test_every_other_page_refuses_framing(client, open_catalogue, url):
    assert client.get(url)["X-Frame-Options"] == "DENY"


def test_embed_snippet_in_docs_points_at_the_widget():
    with open("docs/embed.md", encoding="utf-8") as docs:
        snippet = re.search(r"<iframe[^>]*>", docs.read()).group(0)
    assert 'src="https://' in snippet and "/embed/?" in snippet and "title=" in snippet
