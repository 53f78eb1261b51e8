# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON_BIN ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.install-stamp

.PHONY: install migrate demo run test lint check-migrations check-reversible services services-stop ci \
	opensearch opensearch-stop ci-opensearch ci-schemathesis audit

install: $(STAMP)

# Reinstall only when the dependency list changes; a fresh clone gets a venv on first use.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[test]"
	touch $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# Links in mail and the admin point at the server actually started (`PORT=8080 make run`), unless set explicitly.
run: demo
	SITE_BASE_URL=$${SITE_BASE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Browser tests run in their own process: Playwright's event loop gives Django a second database connection in
# the main thread, which must not meet the connections that the rest of the suite has already opened.
test: install
	$(PY) -m pytest -m "not e2e"
	$(PY) -m pytest -m e2e

lint: install
	$(PY) -m ruff check .

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

# Every project migration can be unapplied and applied again (run against DATABASE_URL; CI gives a scratch one).
check-reversible: install
	$(PY) manage.py migrate --noinput -v0
	for app in alerts shortlist labs search home catalogue; do $(PY) manage.py migrate $$app zero --noinput -v0 || exit 1; done
	$(PY) manage.py migrate --noinput -v0

# Not needed by `run` or `test`. PostgreSQL and Redis on 127.0.0.1 (installed from Debian's packages when absent)
# for the PostgreSQL suite and the benchmarks, set up exactly as CI does; Chromium too for the browser tests.
services:
	bash .ci/services --browser

services-stop:
	bash .ci/services --stop

# The whole CI run, as CI runs it (root installs what is missing; see the README).
ci:
	bash .ci/run

# A single-node OpenSearch 2.19 on 127.0.0.1:9200, built from Maven Central artifacts (ops/opensearch/README.md):
# started in the background and waited for until green; data and logs in .opensearch/. Both idempotent.
opensearch:
	ops/opensearch/node.sh start

opensearch-stop:
	ops/opensearch/node.sh stop

# The integration tests against a real node (marker opensearch): start it, run them, stop it whatever happens.
ci-opensearch: install
	ops/opensearch/ci.sh

# Schemathesis against the API as served (scratch database with the demo content, a free loopback port), a bounded
# number of generated requests per operation (SCHEMATHESIS_EXAMPLES, default 40); the server stops whatever happens.
ci-schemathesis: install
	PY=$(PY) ops/ci/schemathesis.sh

# Lighthouse 12.2.3 (mobile and desktop) and the Nu Html Checker over the public pages of the demo site served as in
# production (AUDIT_PORT, default 8301); prints the table kept in docs/public-site.md. Needs npm, Java, Chromium.
audit: install
	$(PY) ops/ci/audit.py
