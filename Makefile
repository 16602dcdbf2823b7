# Two commands on a fresh machine with only python3 and make:
#   make demo   - create .venv, install claimx and its model, run it on a sample
#   make test   - install the test extras (and Dask, for the cluster tests) and run the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DASK   := $(VENV)/.installed-dask
SAMPLE ?= samples/harbour-visit.txt

.PHONY: demo test test-fast lint install dask check-install score gate bench clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Non-editable install, so the tests exercise the wheel's layout (models/ inside the package).
$(STAMP): $(BIN)/python pyproject.toml $(shell find src models -type f 2>/dev/null)
	$(BIN)/python -m pip install --quiet ".[test,lint]"
	@touch $(STAMP)

install: $(STAMP)

# The optional Dask extra (claimx extract --scheduler). Order-only on the main install, so that editing
# src/ does not reinstall Dask.
$(DASK): pyproject.toml | $(STAMP)
	$(BIN)/python -m pip install --quiet ".[dask]"
	@touch $(DASK)

dask: $(DASK)

demo: $(STAMP)
	$(BIN)/claimx extract $(SAMPLE) --format table

# The package as a user installs it: a fresh venv with the interpreter's own pip (not upgraded, no
# cache), `pip install .`, then the installed claimx on a saved web page. The other targets upgrade pip
# first, so they cannot see a dependency that only a newer pip finds (jusText asks for lxml's extra as
# `html_clean`, which pip 23 does not match to lxml 6's `html-clean`). CI runs it (about a minute).
CHECK_PAGE := tests/data/saved-page.html
CHECK_TEXT := Commodore Dana Whitfield reopened the island ferry route
check-install:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp/venv" && \
	"$$tmp/venv/bin/python" -m pip install --quiet --no-cache-dir . && \
	"$$tmp/venv/bin/claimx" extract $(CHECK_PAGE) -f json -o "$$tmp/page.json" -q && \
	{ grep -q "$(CHECK_TEXT)" "$$tmp/page.json" || { echo "check-install: the page's text is not in the record"; exit 1; }; } && \
	echo "check-install: claimx installed with $$("$$tmp/venv/bin/python" -m pip --version | cut -d' ' -f1-2) read $(CHECK_PAGE)"

# Everything: unit, component, model and slow system tests (worker processes, SIGKILL, huge inputs,
# a Dask cluster on loopback).
test: $(STAMP) $(DASK)
	$(BIN)/python -m pytest -q

# The fast tier for development: blank or tiny pipelines, no model, no subprocess batches (< 1 min).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not model and not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

# claimx next to the raw model on every shared corpus (the dev set and ../shared/bench/*), one table.
score: $(STAMP)
	$(BIN)/python bench/score.py

# The corpus gate CI runs: claimx on every shared corpus, failing when a figure falls below
# bench/floors.json (raise the floors with `python bench/score.py --write-floors bench/floors.json`).
gate: $(STAMP)
	$(BIN)/python bench/score.py --gate bench/floors.json

# Throughput and memory against plain nlp.pipe, same model, same run (several minutes; see README);
# with a row for a local Dask cluster.
bench: $(STAMP) $(DASK)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) build dist .pytest_cache

# Headless Chromium for the browser tests (tests/browser.py): Debian's `chromium` package, installed
# where missing (as root, or with sudo). .ci/run runs it before `make test`, so there they never skip.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$sudo apt-get install -y chromium || { $$sudo apt-get update && $$sudo apt-get install -y chromium; }; }
