"""RSS and Atom feeds of new and updated solutions, filtered like the catalogue."""
import xml.etree.ElementTree as ET

import pytest

from tests.factories import publish

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, query=""):
    response = client.get("/catalogue/feed/" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def test_rss_lists_published_solutions_latest_first(client, open_catalogue):
    channel, items = rss_items(client)
    assert channel.findtext("language") == "ru"
    assert channel.findtext("title") == "Новые и обновлённые решения НОЦ «Кузбасс – Донбасс»"
    assert [item.findtext("title") for item in items] == [
        "Редуктор ленточного конвейера", "Рекультивация отвалов осадками сточных вод", "Модульная очистка шахтных вод",
    ]
    first = items[0]
    assert first.findtext("link").endswith("/catalogue/reducer/")
    assert first.findtext("description") == "Отечественный редуктор вместо импортного."
    assert first.findtext("pubDate")


def test_an_updated_solution_moves_to_the_top(client, open_catalogue):
    water = open_catalogue["water"]
    water.summary = "Новая редакция: очистка до норм рыбохозяйственных водоёмов."
    publish(water)
    _channel, items = rss_items(client)
    assert items[0].findtext("title") == "Модульная очистка шахтных вод"


def test_a_city_subscribes_to_one_need(client, open_catalogue):
    channel, items = rss_items(client, "?need=rekultivatsiya")
    # The draft about reclamation stays out of the feed.
    assert [item.findtext("title") for item in items] == ["Рекультивация отвалов осадками сточных вод"]
    assert "Потребность: Рекультивация земель" in channel.findtext("title")
    assert channel.findtext("link").endswith("/catalogue/?need=rekultivatsiya")
    site_root = items[0].findtext("link").removesuffix("/catalogue/dumps/")
    assert channel.findtext("link") == site_root + "/catalogue/?need=rekultivatsiya", "one address for the site"
    categories = {category.text for category in items[0].findall("category")}
    assert categories == {"Экология", "Рекультивация земель", "почвы"}


def test_filters_and_search_combine(client, open_catalogue):
    _channel, items = rss_items(client, "?sector=ecology&stage=pilot&org=sibgiu")
    assert [item.findtext("title") for item in items] == ["Рекультивация отвалов осадками сточных вод"]
    _channel, items = rss_items(client, "?q=редуктор")
    assert [item.findtext("title") for item in items] == ["Редуктор ленточного конвейера"]


def test_catalogue_sort_and_page_do_not_change_the_feed(client, open_catalogue):
    _channel, plain = rss_items(client)
    _channel, sorted_items = rss_items(client, "?sort=title&page=3")
    assert [item.findtext("title") for item in sorted_items] == [item.findtext("title") for item in plain]


def test_atom_feed_carries_update_dates(client, open_catalogue):
    response = client.get("/catalogue/feed/atom/?region=kuzbass")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Рекультивация отвалов осадками сточных вод", "Модульная очистка шахтных вод",
    ]
    assert entries[0].findtext(f"{ATOM}updated")
    assert entries[0].findtext(f"{ATOM}published")
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "КузГТУ, СибГИУ"
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"][0]
    assert self_link.get("href").endswith("/catalogue/feed/atom/?region=kuzbass")


def test_hostile_title_keeps_the_feed_well_formed(client, open_catalogue):
    reducer = open_catalogue["reducer"]
    reducer.title = "Редуктор </title><script>alert(1)</script> & Co"
    publish(reducer)
    _channel, items = rss_items(client)
    # Double escaping: readers that render titles as HTML show the text, not a script.
    assert items[0].findtext("title") == "Редуктор &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"


def test_readers_polling_an_unchanged_feed_get_304(client, open_catalogue):
    first = client.get("/catalogue/feed/?sector=ecology")
    assert client.get("/catalogue/feed/?sector=ecology",
                      HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get("/catalogue/feed/?sector=ecology", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    publish(open_catalogue["water"])
    assert client.get("/catalogue/feed/?sector=ecology", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.parametrize("url", ["/catalogue/feed/?need=nothing", "/catalogue/feed/atom/?trl_min=12",
                                 "/catalogue/feed/?colour=red"])
def test_bad_filters_answer_400_in_russian(client, open_catalogue, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("Неверные параметры запроса:")
