"""Elasticsearch/OpenSearch configuration, tested without a server, and the fall-back to the database."""
import logging
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from elastic_transport import ConnectionError as TransportConnectionError
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

from catalogue.models import SolutionPage
from search import backends, server, server_backends, service


def es_backend():
    params = server.elasticsearch_backends("http://es.invalid:9200")["default"]
    return Elasticsearch9SearchBackend({key: value for key, value in params.items() if key != "BACKEND"})


def test_index_settings_analyse_russian_everywhere():
    analysis = es_backend().settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["filter"] == ["lowercase", "russian_stop", "russian_stemmer"]
    assert analysis["filter"]["russian_stemmer"] == {"type": "stemmer", "language": "russian"}
    assert "ё => е" in analysis["char_filter"]["yo_to_ye"]["mappings"]
    # modelsearch's own analyzers survive the merge (autocomplete keeps working).
    assert "ngram_analyzer" in analysis["analyzer"]


def test_mapping_indexes_stemmed_text_with_title_and_summary_boosted():
    mapping = es_backend().mapping_class(SolutionPage).get_mapping()
    properties = mapping["properties"]
    headline = next(value for key, value in properties.items() if key.endswith("search_headline"))
    details = next(value for key, value in properties.items() if key.endswith("search_details"))
    assert headline["type"] == details["type"] == "text"  # analysed by the «default» (Russian) analyzer
    assert "_all_text_boost_3_0" in headline["copy_to"]
    assert details["copy_to"] == "_all_text"


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="ELASTICSEARCH_ENGINE"):
        server.elasticsearch_backends("http://localhost:9200", engine="solr")


def test_unreachable_server_falls_back_to_the_database(catalogue, settings, monkeypatch, caplog):
    settings.WAGTAILSEARCH_BACKENDS = server.elasticsearch_backends("http://es.invalid:9200")
    asked = []

    def down(queryset, query_string, backend, limit):
        asked.append(backend)
        raise TransportConnectionError("connection refused")

    monkeypatch.setattr(backends, "backend_ids", down)
    with caplog.at_level(logging.WARNING, logger="search.backends"):
        result = service.search(SolutionPage.objects.live(), "мембранная очистка")
    assert asked == ["default"]
    assert SolutionPage.objects.get(pk=result.ids[0]).slug == "mine-water"
    assert "using the database instead" in caplog.text


def test_publishing_works_while_the_server_is_down(catalogue, settings):
    settings.WAGTAILSEARCH_BACKENDS = server.elasticsearch_backends("http://127.0.0.1:9", engine="elasticsearch9")
    page = catalogue["lighting"]
    page.title = "Умное уличное освещение"
    page.save_revision().publish()  # modelsearch logs the indexing error; the page is still published
    assert SolutionPage.objects.get(pk=page.pk).title == "Умное уличное освещение"


@pytest.fixture
def closing_server():
    """A loopback «search server» that accepts each connection and closes it unanswered, counting them."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    connections, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            connections.append(connection)
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", connections
    stop.set()
    thread.join()
    listener.close()


@pytest.fixture
def unreachable_server():
    """A loopback address where connecting hangs, as with a firewalled or powered-off host: a listener that
    never accepts, its queue already full, so the kernel drops further connection attempts."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    address = listener.getsockname()
    queued = []
    for _ in range(3):
        waiting = socket.socket()
        waiting.setblocking(False)
        waiting.connect_ex(address)
        queued.append(waiting)
    yield f"http://127.0.0.1:{address[1]}"
    for waiting in queued:
        waiting.close()
    listener.close()


def search_page_titles(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return [item["object"].title for item in response.context["items"]]


def test_a_failing_server_is_left_alone_for_a_while(client, catalogue, settings, caplog, closing_server,
                                                    monkeypatch):
    url, connections = closing_server
    settings.WAGTAILSEARCH_BACKENDS = server.elasticsearch_backends(url)
    with caplog.at_level(logging.WARNING, logger="search.backends"):
        assert search_page_titles(client, "мембранная очистка")[0] == "Мембранная очистка шахтных вод"
        tried = len(connections)
        # Every later search within the pause comes from the database without a single connection attempt.
        assert search_page_titles(client, "беспилотник")[0] == "Маркшейдерская съёмка карьеров с беспилотников"
        assert search_page_titles(client, "светильники") == ["Интеллектуальное уличное освещение"]
        assert tried > 0 and len(connections) == tried
        assert len([record for record in caplog.records if record.name == "search.backends"]) == 1
        # After the pause the server is asked again (and, still failing, warned about once more).
        later = time.monotonic() + backends.BREAKER_SECONDS + 1
        monkeypatch.setattr(backends.time, "monotonic", lambda: later)
        assert search_page_titles(client, "тренажёр") == ["Тренажёр для подготовки шахтёров"]
    assert len(connections) > tried
    assert len([record for record in caplog.records if record.name == "search.backends"]) == 2


def test_an_unreachable_server_costs_one_short_connect_timeout(client, catalogue, settings, unreachable_server):
    settings.WAGTAILSEARCH_BACKENDS = server.elasticsearch_backends(unreachable_server)
    started = time.monotonic()
    assert search_page_titles(client, "мембранная очистка")[0] == "Мембранная очистка шахтных вод"
    # The connect timeout, not the 5-second request timeout (nor several of them, one per retry).
    assert time.monotonic() - started < server.CONNECT_TIMEOUT + 2
    for q in ("беспилотник", "светильники", "тренажёр"):
        started = time.monotonic()
        assert search_page_titles(client, q)
        assert time.monotonic() - started < server.CONNECT_TIMEOUT


def answering_server(status, body, content_type, *, product=""):
    """A loopback «search server» that answers every request with this status and body."""
    headers = {"Content-Type": content_type, **({"X-Elastic-Product": product} if product else {})}

    class Handler(BaseHTTPRequestHandler):
        def answer(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = answer

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


@pytest.fixture
def serve():
    """Runs answering servers in threads for one test; gives their address."""
    running = []

    def start(http_server):
        threading.Thread(target=http_server.serve_forever, daemon=True).start()
        running.append(http_server)
        return f"http://127.0.0.1:{http_server.server_address[1]}"

    yield start
    for http_server in running:
        http_server.shutdown()
        http_server.server_close()


INDEX_MISSING = b'{"error": {"type": "index_not_found_exception"}, "status": 404}'
PROXY_ERROR = b"<html><body><h1>502 Bad Gateway</h1></body></html>"


@pytest.mark.parametrize("engine, status, body, content_type, product", [
    # `update_index` never ran: the server answers, but the index is missing.
    ("elasticsearch9", 404, INDEX_MISSING, "application/json", "Elasticsearch"),
    # nginx in front of a stopped server.
    ("elasticsearch9", 502, PROXY_ERROR, "text/html", ""),
    ("opensearch3", 404, INDEX_MISSING, "application/json", ""),
    ("opensearch3", 502, PROXY_ERROR, "text/html", ""),
])
def test_a_server_answering_with_errors_falls_back_to_the_database(client, catalogue, settings, caplog, serve,
                                                                   engine, status, body, content_type, product):
    url = serve(answering_server(status, body, content_type, product=product))
    settings.WAGTAILSEARCH_BACKENDS = server.elasticsearch_backends(url, engine=engine)
    with caplog.at_level(logging.WARNING, logger="search.backends"):
        assert search_page_titles(client, "мембранная очистка")[0] == "Мембранная очистка шахтных вод"
    assert "using the database instead" in caplog.text


def test_configured_backends_index_behind_the_breaker(settings):
    for engine in server.ENGINES:
        settings.WAGTAILSEARCH_BACKENDS = server.elasticsearch_backends("http://127.0.0.1:9", engine=engine)
        backend = get_search_backend("default")
        assert backend.__class__ is server_backends.guarded_backend(engine)
        modelsearch_engine = server_backends.MODELSEARCH_BACKENDS.get(engine, engine)
        assert backend.__class__.__mro__[1].__module__ == f"modelsearch.backends.{modelsearch_engine}"


def test_saves_while_the_server_is_down_skip_it_after_the_first_failure(catalogue, settings, caplog,
                                                                       closing_server):
    url, connections = closing_server
    settings.WAGTAILSEARCH_BACKENDS = server.elasticsearch_backends(url)
    page = catalogue["lighting"]
    with caplog.at_level(logging.WARNING, logger="search.server_backends"):
        page.title = "Умное уличное освещение"
        page.save_revision().publish()
        tried = len(connections)
        for title in ("Уличное освещение с датчиками", "Освещение дворов"):
            page.title = title
            started = time.monotonic()
            page.save_revision().publish()
            assert time.monotonic() - started < server.CONNECT_TIMEOUT
    assert tried > 0 and len(connections) == tried
    assert SolutionPage.objects.get(pk=page.pk).title == "Освещение дворов"
    assert "run update_index once it is back" in caplog.text
    # Searches skip the server too, and still find the renamed page through the database postings.
    result = service.search(SolutionPage.objects.live(), "освещение дворов")
    assert SolutionPage.objects.get(pk=result.ids[0]).pk == page.pk
    assert len(connections) == tried


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"),
                    reason="ELASTICSEARCH_URL is not set: no Elasticsearch/OpenSearch server to test against")
def test_elasticsearch_finds_russian_word_forms(catalogue, settings):
    settings.WAGTAILSEARCH_BACKENDS = server.elasticsearch_backends(
        os.environ["ELASTICSEARCH_URL"], engine=os.environ.get("ELASTICSEARCH_ENGINE", "elasticsearch9"))
    backend = get_search_backend("default")
    index = backend.get_index_for_model(SolutionPage)
    index.reset()
    index.add_model(SolutionPage)
    index.add_items(SolutionPage, list(SolutionPage.objects.live()))
    index.refresh()
    result = service.search(SolutionPage.objects.live(), "мембранной очистке")
    assert SolutionPage.objects.get(pk=result.ids[0]).slug == "mine-water"
