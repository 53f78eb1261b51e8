"""Search against a real OpenSearch node (marker `opensearch`): indexing, ranking, facets, a node that dies.

Runs when a node answers at OPENSEARCH_TEST_URL, with ELASTICSEARCH_ENGINE (default opensearch2); skipped with
the reason otherwise. `make ci-opensearch` starts the node of ops/opensearch (`make opensearch`), runs
`pytest -m opensearch` and stops it. Each test writes its own indexes (prefix `test_<pid>_`) and removes them.
The test that kills the node needs the one `make opensearch` started (its PID file); it restarts it.
"""
import json
import logging
import os
import random
import signal
import subprocess
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from django.core.cache import cache
from django.core.management import call_command
from modelsearch.backends import get_search_backend

from bench.relevance import SHARED, count_candidate_sources, misspell
from catalogue.models import Organization, SolutionPage
from search import backends, server
from tests.factories import OrganizationFactory, SolutionPageFactory

ROOT = Path(__file__).resolve().parents[2]
URL = os.environ.get("OPENSEARCH_TEST_URL", "").rstrip("/")
ENGINE = os.environ.get("ELASTICSEARCH_ENGINE", "opensearch2")
NODE_SCRIPT = ROOT / "ops" / "opensearch" / "node.sh"
PID_FILE = Path(os.environ.get("OPENSEARCH_HOME", ROOT / ".opensearch")) / "opensearch.pid"


def node_version(url):
    """The version an OpenSearch node at `url` reports, or why there is none."""
    if not url:
        return None, "OPENSEARCH_TEST_URL is not set: no OpenSearch node to test against (make ci-opensearch)"
    if not ENGINE.startswith("opensearch"):
        return None, f"ELASTICSEARCH_ENGINE={ENGINE} is not an OpenSearch engine"
    try:
        with urlopen(url, timeout=3) as response:
            about = json.load(response)
    except (URLError, OSError, ValueError) as error:
        return None, f"no OpenSearch node answers at {url} ({error})"
    if about.get("version", {}).get("distribution") != "opensearch":
        return None, f"the server at {url} is not OpenSearch"
    return about["version"]["number"], ""


VERSION, SKIP_REASON = node_version(URL)
pytestmark = [pytest.mark.opensearch, pytest.mark.django_db,
              pytest.mark.skipif(VERSION is None, reason=SKIP_REASON)]


@pytest.fixture
def database_backends(settings):
    """The site's own search configuration (the database), to compare the server's answers with."""
    return settings.WAGTAILSEARCH_BACKENDS


@pytest.fixture
def node(settings, database_backends):
    """The node as the site's search server, with indexes of this test's own; removed afterwards."""
    prefix = f"test_{os.getpid()}_"
    settings.WAGTAILSEARCH_BACKENDS = server.elasticsearch_backends(URL, engine=ENGINE, index_prefix=prefix)
    backend = get_search_backend("default")
    yield backend
    backends.search_server_breaker.reset()
    backend.es.indices.delete(index=f"{prefix}*")


@pytest.fixture
def server_answers(monkeypatch):
    """How many candidate lookups the server answered, and how many the database postings answered instead."""
    return count_candidate_sources(monkeypatch.setattr)


def update_index():
    call_command("update_index", stdout=open(os.devnull, "w"))  # noqa: SIM115


def page_index(node):
    index = node.get_index_for_model(SolutionPage)
    index.refresh()
    return index


def indexed(node, page):
    """The document the node holds for a page (its `_source`), or None."""
    index = page_index(node)
    mapping = node.mapping_class(SolutionPage)
    found = node.es.get(index=index.name, id=mapping.get_document_id(page), ignore=404)
    return found.get("_source") if found.get("found") else None


def server_slugs(node, text):
    """What the node itself finds among live solutions (no database fall-back), as slugs."""
    page_index(node)
    return {page.slug for page in SolutionPage.objects.live().search(text, operator="or", backend="default")}


def search_page_slugs(client, text, **filters):
    response = client.get("/search/", {"q": text, **filters})
    assert response.status_code == 200
    return [item["object"].slug for item in response.context["items"]]


def test_update_index_builds_the_index_with_the_russian_analyzer(node, catalogue, client, server_answers):
    update_index()
    index = page_index(node)
    name = next(iter(node.es.indices.get(index=index.name)))  # the alias's current index
    about = node.es.indices.get(index=name)[name]
    analysis = about["settings"]["index"]["analysis"]
    assert analysis["analyzer"]["default"]["filter"] == ["lowercase", "russian_stop", "russian_stemmer"]
    assert analysis["filter"]["russian_stemmer"] == {"type": "stemmer", "language": "russian"}
    headline = next(value for key, value in about["mappings"]["properties"].items()
                    if key.endswith("search_headline"))
    assert headline["type"] == "text" and "analyzer" not in headline  # the index's default: Russian
    tokens = node.es.indices.analyze(index=name, body={"text": "Очистка шахтных вод и ёмкостей для них"})
    assert [token["token"] for token in tokens["tokens"]] == ["очистк", "шахтн", "вод", "емкост"]
    assert node.es.count(index=index.name)["count"] >= SolutionPage.objects.live().count()
    # The site searches through it: word forms the pages do not contain find them.
    assert search_page_slugs(client, "мембранной очистке шахтной воды")[0] == "mine-water"
    # Three lookups, all by the server: the solutions listed and the counts on the «Лаборатории» and «Организации»
    # tabs.
    assert server_answers == {"server": 3, "database": 0}


def test_organisations_are_indexed_and_found_through_the_server(node, client, server_answers):
    """Organisations (a plain model, not a page) get their stemmed text into the server's index, on
    `update_index` and on each save, and the server finds their candidates: no fall-back to the database."""
    OrganizationFactory(name="ФИЦ УУХ СО РАН", slug="fic", kind="institute",
                        description="Федеральный исследовательский центр угля и углехимии.")
    OrganizationFactory(name="КузГТУ", slug="kuzgtu", description="Технический университет.")
    update_index()
    OrganizationFactory(name="СибГИУ", slug="sibgiu", description="Индустриальный университет, металлургия.")
    node.get_index_for_model(Organization).refresh()  # what the save wrote, searchable now rather than in 1 s
    response = client.get("/api/v2/organizations/", {"search": "угольного"})
    assert [item["slug"] for item in response.json()["items"]] == ["fic"]
    response = client.get("/api/v2/organizations/", {"search": "металлургический"})  # saved after update_index
    assert [item["slug"] for item in response.json()["items"]] == ["sibgiu"]
    assert server_answers == {"server": 2, "database": 0}


def test_publishing_unpublishing_moving_and_deleting_update_the_index(node, catalogue):
    update_index()
    page = catalogue["lighting"]
    assert server_slugs(node, "датчик движения") == set()

    page.title = "Уличное освещение с датчиками движения"
    page.save_revision().publish()
    assert server_slugs(node, "датчик движения") == {"street-lighting"}
    assert indexed(node, page)["live_filter"] is True

    page.unpublish()
    assert indexed(node, page)["live_filter"] is False
    assert server_slugs(node, "датчик движения") == set()
    page.save_revision().publish()

    first = SolutionPage.objects.order_by("path").first()
    assert first.pk != page.pk
    page.move(first, pos="left")
    moved = SolutionPage.objects.get(pk=page.pk)
    assert moved.path < first.path
    assert indexed(node, page)["path_filter"] == moved.path

    moved.delete()
    assert indexed(node, page) is None
    assert server_slugs(node, "освещение") == set()


def relevance_queries():
    """Every query of the public relevance sets, and a misspelt variant of each (as bench/relevance.py makes)."""
    queries = [item["q"] for item in json.loads((SHARED / "dev_queries.json").read_text(encoding="utf-8"))]
    more = json.loads((SHARED / "dev_queries_v2.json").read_text(encoding="utf-8"))
    queries += [item["q"] for group in more.values() for item in group]
    rng = random.Random(20261126)  # the seed bench/relevance.py uses
    return queries + [misspell(query, rng) for query in queries]


@pytest.fixture
def public_corpus():
    corpus = SHARED / "dev_corpus.json"
    if not corpus.exists():
        pytest.skip(f"the public relevance set is not at {SHARED}")
    call_command("import_solutions", str(corpus), stdout=open(os.devnull, "w"))  # noqa: SIM115
    return [row["slug"] for row in json.loads(corpus.read_text(encoding="utf-8"))]


def ranked_everywhere(client, text):
    """The ranked slugs of the search page, the catalogue's `q` and the API for one text."""
    catalogue = client.get("/catalogue/", {"q": text})
    api = client.get("/api/v2/solutions/", {"search": text, "limit": 20})
    assert catalogue.status_code == api.status_code == 200
    return {
        "page": search_page_slugs(client, text),
        "catalogue": [solution.slug for solution in catalogue.context["solutions"]],
        "api": [item["meta"]["slug"] for item in api.json()["items"]],
    }


def answers_with(settings, search_backends, ask):
    settings.WAGTAILSEARCH_BACKENDS = search_backends
    cache.clear()  # cached rankings and pages must not answer for the other backend
    return ask()


def test_page_catalogue_and_api_rank_as_the_database_does(node, public_corpus, client, settings,
                                                          database_backends, server_answers):
    update_index()
    through_node = settings.WAGTAILSEARCH_BACKENDS
    queries = relevance_queries()
    assert len(queries) == 58
    found_something = 0
    for text in queries:
        served = server_answers["server"]
        by_node = answers_with(settings, through_node, lambda text=text: ranked_everywhere(client, text))
        assert server_answers["server"] > served, text  # the node answered, not the fall-back
        by_database = answers_with(settings, database_backends, lambda text=text: ranked_everywhere(client, text))
        assert by_node == by_database, text
        assert by_node["page"] == by_node["catalogue"] == by_node["api"][:len(by_node["page"])], text
        found_something += bool(by_node["page"])
    assert found_something >= len(queries) // 2  # not empty answers agreeing with each other (layout/translit
    # queries of the second set find nothing on either backend)
    assert not backends.search_server_breaker.is_open()


@pytest.mark.parametrize("text, filters", [
    ("очистка воды", {}),
    ("шахта", {"trl_min": "7"}),
    ("мониторинг", {"stage": "pilot"}),
    ("тепловой насос школа", {}),
])
def test_facets_and_filters_agree_with_the_database(node, public_corpus, client, settings, database_backends,
                                                    server_answers, text, filters):
    update_index()
    through_node = settings.WAGTAILSEARCH_BACKENDS

    def answer():
        page = client.get("/search/", {"q": text, **filters})
        facets = {facet: [(value.slug, value.count) for value in values]
                  for facet, values in page.context["facets"].items()}
        # Narrow by the first sector the facets offer, as a person clicking it would.
        sector = facets["sector"][0][0] if facets.get("sector") else None
        narrowed = search_page_slugs(client, text, **filters, **({"sector": sector} if sector else {}))
        return facets, [item["object"].slug for item in page.context["items"]], narrowed

    by_node = answers_with(settings, through_node, answer)
    assert server_answers["server"] >= 1 and server_answers["database"] == 0
    by_database = answers_with(settings, database_backends, answer)
    assert by_node == by_database
    facets, slugs, narrowed = by_node
    assert slugs and facets["sector"]
    assert set(narrowed) <= set(slugs)


def node_pid():
    try:
        pid = int(PID_FILE.read_text())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def test_a_node_killed_mid_run_falls_back_then_update_index_restores_it(node, catalogue, client, caplog):
    pid = node_pid()
    if pid is None:
        pytest.skip(f"the node was not started by `make opensearch` (no live PID in {PID_FILE}); not killing it")
    update_index()
    assert search_page_slugs(client, "мембранная очистка")[0] == "mine-water"

    os.kill(pid, signal.SIGKILL)
    for _ in range(50):
        if node_pid() is None:
            break
        time.sleep(0.1)
    cache.clear()
    with caplog.at_level(logging.WARNING):
        # Searches fall back to the database: a normal page, the same first answer.
        assert search_page_slugs(client, "мембранная очистка")[0] == "mine-water"
        assert "using the database instead" in caplog.text
        # Publishing still works, and the database finds the new page at once.
        page = SolutionPageFactory(slug="pit-dewatering", title="Насосы для осушения карьеров",
                                   summary="Откачка подземных вод из карьера перед вскрышей.")
        page.save_revision().publish()
        assert client.get("/catalogue/pit-dewatering/").status_code == 200
        assert search_page_slugs(client, "осушение карьера")[0] == "pit-dewatering"

    subprocess.run([str(NODE_SCRIPT), "start"], check=True, capture_output=True, timeout=240)
    backends.search_server_breaker.reset()  # as if the 30 s pause were over
    assert "pit-dewatering" not in server_slugs(node, "осушение карьера")  # saved while the node was down
    update_index()
    assert "pit-dewatering" in server_slugs(node, "осушение карьера")
    cache.clear()
    assert search_page_slugs(client, "осушение карьера")[0] == "pit-dewatering"
    assert not backends.search_server_breaker.is_open()
