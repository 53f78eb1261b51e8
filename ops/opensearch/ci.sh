#!/usr/bin/env bash
# CI stage: the search tests against a real OpenSearch 2.19 node (tests/search/test_opensearch.py, marker
# opensearch). Builds the node if needed, starts it, runs the tests with ELASTICSEARCH_ENGINE=opensearch2 and
# stops it whatever happens. Called as `make ci-opensearch`; a first run downloads ≈ 60 MB from Maven Central.
set -euo pipefail
cd "$(dirname "$0")/../.."
node=ops/opensearch/node.sh
trap '"$node" stop' EXIT
"$node" start
OPENSEARCH_TEST_URL="http://127.0.0.1:${OPENSEARCH_PORT:-9200}" ELASTICSEARCH_ENGINE=opensearch2 \
    .venv/bin/python -m pytest -m opensearch tests/search/test_opensearch.py -p no:cacheprovider "$@"
