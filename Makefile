# One entry point for authors and CI. `make serve` and `make test` set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
CONFIG ?= mkdocs.yml
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup serve build build-prod test test-fast test-browser lint typecheck check pyodide browser axe vnu validate-html bench clean

help:
	@echo "make serve      - set up and preview the site with live reload (ADDR=127.0.0.1:8000)"
	@echo "make build      - build the static site into site/"
	@echo "make build-prod - build with early-access content hidden"
	@echo "make test       - set up and run every test (lint, types, unit, build, browser)"
	@echo "make check      - content health report"
	@echo "make validate-html - build, then check every page with the W3C HTML checker"

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(STAMP)

setup: $(STAMP)

pyodide: $(STAMP)
	$(BIN)/python scripts/fetch_pyodide.py

browser:
	@bash scripts/ensure_chromium.sh

axe: $(STAMP)
	$(BIN)/python scripts/fetch_axe.py

vnu: $(STAMP)
	@bash scripts/ensure_java.sh
	$(BIN)/python scripts/fetch_vnu.py

serve: setup pyodide
	$(BIN)/python scripts/serve.py --addr $(ADDR) --config-file $(CONFIG)

build: setup pyodide
	$(BIN)/mkdocs build --strict

build-prod: setup pyodide
	TERMWEAVE_HIDE_EARLY_ACCESS=1 $(BIN)/mkdocs build --strict

lint: setup
	$(BIN)/ruff check hooks scripts benchmarks tests
	$(BIN)/ruff format --check hooks scripts benchmarks tests

typecheck: setup
	$(BIN)/mypy

check: setup
	$(BIN)/python scripts/check.py

validate-html: build vnu
	$(BIN)/python scripts/validate_html.py site

test: setup pyodide browser axe vnu lint typecheck
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not browser"

test-browser: setup pyodide browser axe
	$(BIN)/python -m pytest -m browser

bench: setup
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache test-output
