"""RSS and Atom feeds of new and updated laboratories and centres, filtered like /labs/."""
import xml.etree.ElementTree as ET

import pytest

from tests.factories import publish

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published_labs(labs):
    """The labs of tests/labs/conftest.py published in this order (the draft stays a draft)."""
    return {key: publish(lab) if key != "draft" else lab for key, lab in labs.items()}


def rss_items(client, query=""):
    response = client.get("/labs/feed/" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def titles(items):
    return [item.findtext("title") for item in items]


def test_rss_lists_live_labs_latest_first_without_the_draft(client, published_labs):
    channel, items = rss_items(client)
    assert channel.findtext("title") == "Новые и обновлённые лаборатории и центры НОЦ «Кузбасс – Донбасс»"
    assert channel.findtext("language") == "ru"
    assert channel.findtext("link").endswith("/labs/")
    assert titles(items) == ["Лаборатория водоподготовки", "Испытательный центр горного оборудования",
                             "Лаборатория структурного анализа углей"]
    wear = items[1]
    assert wear.findtext("link").endswith("/labs/wear/")
    assert wear.findtext("description") == "Проверяет узлы горных машин до выхода в забой."
    assert wear.findtext("pubDate")
    assert {category.text for category in wear.findall("category")} == {
        "Строительство и материалы", "испытания", "обучение и стажировки"}


def test_an_updated_lab_moves_to_the_top(client, published_labs):
    xray = published_labs["xray"]
    xray.summary = "Новая редакция: добавлен элементный анализ золы."
    publish(xray)
    _channel, items = rss_items(client)
    assert titles(items)[0] == "Лаборатория структурного анализа углей"
    assert items[0].findtext("description") == "Новая редакция: добавлен элементный анализ золы."


def test_a_plant_subscribes_to_one_service_and_host(client, published_labs):
    channel, items = rss_items(client, "?service=testing&org=kuzgtu")
    assert titles(items) == ["Испытательный центр горного оборудования"]
    assert "Услуги: испытания" in channel.findtext("title")
    assert "Организация: КузГТУ" in channel.findtext("title")
    # The channel links to /labs/ with the same filters (the `service` filter is the labs' own).
    assert channel.findtext("link").endswith("/labs/?service=testing&org=kuzgtu")


@pytest.mark.parametrize("query, expected", [
    ("?sector=coal-chemistry", ["Лаборатория структурного анализа углей"]),
    ("?need=water", ["Лаборатория водоподготовки"]),
    ("?region=dnr", ["Лаборатория водоподготовки"]),
    ("?q=дифрактометр", ["Лаборатория структурного анализа углей"]),
    ("?service=analysis&sort=title&page=2", ["Лаборатория водоподготовки", "Лаборатория структурного анализа углей"]),
])
def test_filters_and_search_as_on_the_labs_page(client, published_labs, query, expected):
    _channel, items = rss_items(client, query)
    assert titles(items) == expected


def test_a_lab_that_is_unpublished_leaves_the_feed(client, published_labs):
    published_labs["wear"].unpublish()
    _channel, items = rss_items(client)
    assert "Испытательный центр горного оборудования" not in titles(items)


def test_a_private_lab_never_appears(client, published_labs):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=published_labs["water"], restriction_type="password", password="x")
    _channel, items = rss_items(client)
    assert "Лаборатория водоподготовки" not in titles(items)
    _channel, items = rss_items(client, "?need=water")
    assert items == []


def test_atom_feed_names_the_host_and_dates(client, published_labs):
    response = client.get("/labs/feed/atom/?org=fic")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.findtext(f"{ATOM}subtitle").startswith("Лаборатории и центры вузов и институтов НОЦ")
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Лаборатория структурного анализа углей"]
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "ФИЦ УУХ СО РАН"
    assert entries[0].findtext(f"{ATOM}published")
    assert entries[0].findtext(f"{ATOM}updated")
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"][0]
    assert self_link.get("href").endswith("/labs/feed/atom/?org=fic")


def test_hostile_text_keeps_the_feed_well_formed(client, published_labs):
    wear = published_labs["wear"]
    wear.title = "Центр </title><script>alert(1)</script> & Co\x01"
    publish(wear)
    _channel, items = rss_items(client, "?q=%01центр")
    assert "Центр &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in titles(items)


def test_readers_polling_an_unchanged_feed_get_304(client, published_labs):
    first = client.get("/labs/feed/?service=analysis")
    assert client.get("/labs/feed/?service=analysis", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    water = published_labs["water"]
    water.summary = "Подбирает схемы очистки шахтных и карьерных вод."
    publish(water)
    assert client.get("/labs/feed/?service=analysis", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.parametrize("url", ["/labs/feed/?service=welding", "/labs/feed/atom/?org=nobody",
                                 "/labs/feed/?stage=pilot", "/labs/feed/?sector=%01"])
def test_bad_filters_answer_400_in_russian(client, published_labs, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("Неверные параметры запроса:")


def test_the_labs_page_announces_its_feeds_with_its_filters(client, published_labs):
    page = client.get("/labs/?service=testing&org=kuzgtu&page=1").content.decode()
    assert ('<link rel="alternate" type="application/rss+xml" title="Новые и обновлённые лаборатории и центры (RSS)" '
            'href="/labs/feed/?service=testing&amp;org=kuzgtu">') in page
    assert 'type="application/atom+xml" title="Новые и обновлённые лаборатории и центры (Atom)" ' \
           'href="/labs/feed/atom/?service=testing&amp;org=kuzgtu"' in page
    assert "/catalogue/feed/" not in page
    # The announced feed lists what the page lists.
    _channel, items = rss_items(client, "?service=testing&org=kuzgtu")
    assert titles(items) == ["Испытательный центр горного оборудования"]
    assert 'href="/labs/feed/"' in client.get(published_labs["xray"].url).content.decode()
