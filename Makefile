# wijkteam — the commands a developer and CI use. `make run` and `make test` work on a fresh machine
# with Python 3.11+, git and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
STAMP := $(VENV)/.installed-$(shell sha256sum $(LOCK) 2>/dev/null | cut -c1-16)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
LOCAL := HTTPS=false

.PHONY: run test lint bench ci setup lock chromium translations demo check-python

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "wijkteam needs Python 3.11 or newer (found: $$($(PYTHON) --version 2>&1))."; exit 1; }

$(STAMP): $(LOCK) | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
	  { echo "Could not create $(VENV). On Debian/Ubuntu: apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP) translations

translations: $(STAMP)
	@$(BIN)/python manage.py compile_translations

demo: setup
	$(LOCAL) $(BIN)/python manage.py migrate --noinput
	$(LOCAL) $(BIN)/python manage.py load_demo

## Set up, load the demo into var/wijkteam.sqlite3 and serve it at http://127.0.0.1:8000
run: demo
	@echo ""
	@echo "wijkteam draait op http://$(HOST):$(PORT)/  (stoppen: Ctrl+C)"
	$(LOCAL) $(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

## Debian's chromium for the browser tests (installed with apt-get when run as root)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's chromium for the browser tests …"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's chromium. Run:  sudo apt-get update && sudo apt-get install -y chromium"; \
	    exit 1; \
	  fi; }

## Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL)
test: setup chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -c pyproject.toml -r wijkteam config bench scripts --severity-level medium

## Load test on PostgreSQL (SCALE=M by default, SCALE=L national; BENCH_DATABASE_URL), writes docs/benchmarks.md
SCALE ?= M
bench: setup
	SCALE=$(SCALE) $(BIN)/python -m bench

ci:
	bash .ci/run

## Re-pin requirements.in into requirements.lock (maintainers; needs pip-tools)
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o $(LOCK) requirements.in
