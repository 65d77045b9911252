# Two commands for a newcomer: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ADMIN_PASSWORD ?= demo-admin-2026
export DEMO_ADMIN_PASSWORD

.PHONY: run run-production install install-test test lint browser-deps deploy-deps bench screenshots translations check-migrations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q "."
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Serve the demo site at http://$(HOST):$(PORT)/ (migrates and loads demo content first).
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) update_index > /dev/null
	@echo ""
	@echo "  Site:  http://$(HOST):$(PORT)/  (Türkçe: /tr/, English: /en/)"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/  user: admin  password: $(DEMO_ADMIN_PASSWORD)"
	@echo ""
	@trap 'kill 0' INT TERM EXIT; \
	  ( while true; do $(MANAGE) publish_scheduled > /dev/null 2>&1; $(MANAGE) registrations_daily > /dev/null 2>&1; sleep 60; done ) & \
	  $(MANAGE) db_worker > /dev/null 2>&1 & \
	  $(MANAGE) runserver $(HOST):$(PORT)

## The production stack of deploy/ on this machine: nginx (TLS, self-signed) → Varnish →
## gunicorn, plus two db_workers, with production settings (deploy/stack.py).
run-production: install deploy-deps
	$(BIN)/python deploy/stack.py run

## nginx, Varnish and openssl for `make run-production` and the deployment smoke test.
deploy-deps:
	@command -v nginx > /dev/null && command -v varnishd > /dev/null && command -v openssl > /dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx varnish openssl > /dev/null; }

## Debian's Chromium for the browser tests (Playwright's own download does not work here).
browser-deps:
	@command -v chromium > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null; }

## Debian's Varnish for the caching tests (tests/test_varnish.py starts its own varnishd).

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: install-test
	$(MANAGE) makemigrations --check --dry-run

## The whole suite: lint, migrations check, unit and browser tests (SQLite unless DATABASE_URL).
## Spread over one pytest-xdist worker per core (each with its own test database), a test
## file to one worker, so content a module builds once (tests/conftest.py) is built once.
TEST_WORKERS ?= auto
test: install-test browser-deps deploy-deps lint check-migrations
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --durations=15 $(PYTEST_ARGS)

## The browser tests again, saving screenshots of every page type and journey step for people
## to look at (test-artifacts/screenshots/).
screenshots: install-test browser-deps
	SCREENSHOTS=1 $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile tests/browser $(PYTEST_ARGS)

## Benchmarks: queries and timings with many items (PostgreSQL from DATABASE_URL).
bench: install-test
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

## Refresh the .po files and compile them (.mo files are committed).
translations: install
	$(MANAGE) makemessages -l tr -l en --ignore=.venv --ignore=tests --ignore=bench
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 media test-artifacts
