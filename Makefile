# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON_BIN ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.install-stamp

.PHONY: install migrate demo run test lint check-migrations check-reversible

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
	for app in search home catalogue; do $(PY) manage.py migrate $$app zero --noinput -v0 || exit 1; done
	$(PY) manage.py migrate --noinput -v0
