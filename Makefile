# Hearth: developer and CI entry points. GNU make.
#
#   make run         set up .venv, migrate + seed the demo store, serve on 127.0.0.1:8501
#   make test        set up .venv, install system packages if missing, ruff, then pytest
#   make help        everything else

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

HOST ?= 127.0.0.1
PORT ?= 8501
# the public front door (public_app.py: self-assessment, duty to refer); empty: not served
PUBLIC_PORT ?= 8502
# its own plain, high-contrast look (GOV.UK-like), whatever .streamlit/config.toml sets for staff
PUBLIC_THEME := --theme.base light --theme.primaryColor '\#1d70b8' --theme.textColor '\#0b0c0c' \
  --theme.backgroundColor '\#ffffff' --theme.secondaryBackgroundColor '\#f3f2f1' \
  --client.toolbarMode minimal
# pytest-xdist workers for the non-browser tests; 0 runs them in one process.
PYTEST_WORKERS ?= 2
# extra arguments for every pytest run, e.g. make test PYTEST_ARGS='-x -k letters'
PYTEST_ARGS ?=

.PHONY: help venv run test test-unit test-browser lint system-deps bench load clean reset-demo

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-13s %s\n", $$1, $$2}'

# --- the virtual environment ---------------------------------------------------------------
# Created once; the project is (re)installed only when pyproject.toml is newer than the stamp.
$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "python3.11 (or python3) not found on PATH" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the project with its dev tools

# --- the app -------------------------------------------------------------------------------
# The public front door runs beside the staff app, in the background, and stops when the staff
# app stops (the trap). It opens no store: it hands forms to the inbox folder
# (HEARTH_PUBLIC_INBOX, the same for both apps), so it runs beside the staff app on every store.
run: $(STAMP) ## migrate and seed the demo store, serve the app on :8501 and the public front door on :8502
	@mkdir -p data
	$(BIN)/python -m logic.store init --demo
	@public=""; \
	if [ -n "$(PUBLIC_PORT)" ]; then \
	  $(BIN)/streamlit run public_app.py --server.address $(HOST) --server.port $(PUBLIC_PORT) \
	    --server.headless true $(PUBLIC_THEME) & public=$$!; \
	  trap 'kill $$public 2>/dev/null || true' EXIT INT TERM; \
	  echo "public front door: http://$(HOST):$(PUBLIC_PORT)"; \
	fi; \
	$(BIN)/streamlit run app.py --server.address $(HOST) --server.port $(PORT) \
	  --server.headless true

# --- checks --------------------------------------------------------------------------------
system-deps: ## install chromium, postgresql, DejaVu fonts, poppler (Debian) if missing
	@bash scripts/system-deps.sh

lint: $(STAMP) ## ruff check
	$(BIN)/ruff check .

# Non-browser tests run in parallel (each xdist worker has its own PostgreSQL cluster and its
# own DuckDB files); the real-browser tests run afterwards on their own, so a Streamlit server
# and Chromium do not compete with them for the two cores.
test-unit: $(STAMP) ## pytest, all but the real-browser tests
	$(BIN)/python -m pytest -m "not browser" $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS)) $(PYTEST_ARGS)

test-browser: $(STAMP) ## pytest, the real-browser tests only (screenshots in test-artifacts/)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

# -k: a lint error or a failing unit test still lets the later steps run and report, so one
# CI run shows everything that is wrong; make still exits non-zero if any step failed.
test: $(STAMP) system-deps ## everything CI runs: system packages, ruff, all tests
	@$(MAKE) -k lint test-unit test-browser

# Builds (once; cached in data/bench/) a 100,000-household store and the demo store, then times
# every screen, the main queries, letters and the engine; exits 1 naming what is too slow.
# make bench BENCH_ARGS='--households 20000 --no-postgres' for a quicker look.
BENCH_ARGS ?=
bench: $(STAMP) ## every screen timed at 100,000 households against the demo store (benchmarks/)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

# 20 officers at once in headless Chromium against the served app for LOAD_SECONDS (signing in,
# opening a case, saving a note, issuing a letter); prints and writes test-artifacts/load/report.txt.
LOAD_SECONDS ?= 120
load: $(STAMP) system-deps ## 20 officers at once for 2 minutes: errors, lost writes, page times
	LOAD_SECONDS=$(LOAD_SECONDS) $(BIN)/python -m pytest -m browser -s -q tests/browser/test_load.py $(PYTEST_ARGS)

# --- housekeeping --------------------------------------------------------------------------
clean: ## remove .venv and caches (never the demo store: see reset-demo)
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build test-artifacts *.egg-info
	find . -path ./data -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

reset-demo: ## delete the demo store data/hearth.duckdb: make reset-demo CONFIRM=yes
	@if [ "$(CONFIRM)" != "yes" ]; then \
	  echo "This deletes the demo store data/hearth.duckdb and everything in it."; \
	  echo "To go ahead: make reset-demo CONFIRM=yes"; exit 1; fi
	rm -f data/hearth.duckdb data/hearth.duckdb.wal
	@echo "Deleted. 'make run' seeds a fresh demo store."
