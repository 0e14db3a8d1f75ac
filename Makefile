# Summitry: `make run` serves the app with its data loaded; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
PORT ?= 8000
BIN := $(VENV)/bin
DATA := fixtures/seed.jsonl fixtures/central-asia.jsonl fixtures/hsg-visits.jsonl fixtures/hsg-travels.jsonl
# Development commands run with DEBUG on unless the caller says otherwise.
DEV := DEBUG=$${DEBUG:-true} $(BIN)/python manage.py

.PHONY: install system-packages run serve test lint migrations-check bench ci

# Debian packages the tests and benchmarks use: chromium for browser tests, wrk for load,
# gettext for the test that extracts the interface's strings (never needed to serve pages:
# the compiled catalogue is committed).
SYSTEM_PACKAGES := chromium wrk gettext

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

# Development server with DEBUG on; honours DATABASE_URL. Safe to run again: the import
# updates its records but skips (and lists) any an editor changed since; never add --force.
run: install
	$(DEV) migrate --noinput
	$(DEV) import_meetings $(DATA)
	$(DEV) runserver 127.0.0.1:$(PORT)

# Production-style serving: gunicorn, static files through whitenoise. Needs SECRET_KEY.
serve: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn meetings.wsgi --bind 127.0.0.1:$(PORT) --workers $${WORKERS:-2}

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: install
	$(DEV) makemigrations --check --dry-run

# The public pages under load at 3,000 and 100,000 meetings on PostgreSQL and SQLite, beside
# Datasette on the same meetings; writes benchmarks/RESULTS.md (benchmarks/README.md).
# Needs wrk (make system-packages) and a PostgreSQL server at PGURL; builds its own scratch
# databases there (summitry_bench3k, summitry_bench100k) and under BENCH_DIR.
bench: install
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	@command -v wrk >/dev/null || $(MAKE) system-packages
	$(BIN)/python benchmarks/run.py

ci:
	bash .ci/run
