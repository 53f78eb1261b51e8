"""Elasticsearch/OpenSearch configuration, tested without a server, and the fall-back to the database."""
import logging
import os

import pytest
from elastic_transport import ConnectionError as TransportConnectionError
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

from catalogue.models import SolutionPage
from search import backends, service


def es_backend():
    params = backends.elasticsearch_backends("http://es.invalid:9200")["default"]
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
        backends.elasticsearch_backends("http://localhost:9200", engine="solr")


def test_unreachable_server_falls_back_to_the_database(catalogue, settings, monkeypatch, caplog):
    settings.WAGTAILSEARCH_BACKENDS = backends.elasticsearch_backends("http://es.invalid:9200")
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
    settings.WAGTAILSEARCH_BACKENDS = backends.elasticsearch_backends("http://127.0.0.1:9", engine="elasticsearch9")
    page = catalogue["lighting"]
    page.title = "Умное уличное освещение"
    page.save_revision().publish()  # modelsearch logs the indexing error; the page is still published
    assert SolutionPage.objects.get(pk=page.pk).title == "Умное уличное освещение"


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"),
                    reason="ELASTICSEARCH_URL is not set: no Elasticsearch/OpenSearch server to test against")
def test_elasticsearch_finds_russian_word_forms(catalogue, settings):
    settings.WAGTAILSEARCH_BACKENDS = backends.elasticsearch_backends(
        os.environ["ELASTICSEARCH_URL"], engine=os.environ.get("ELASTICSEARCH_ENGINE", "elasticsearch9"))
    backend = get_search_backend("default")
    index = backend.get_index_for_model(SolutionPage)
    index.reset()
    index.add_model(SolutionPage)
    index.add_items(SolutionPage, list(SolutionPage.objects.live()))
    index.refresh()
    result = service.search(SolutionPage.objects.live(), "мембранной очистке")
    assert SolutionPage.objects.get(pk=result.ids[0]).slug == "mine-water"
