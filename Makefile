# Babeldesk: `make run` to try it, `make test` to check it. Both install what they need first.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install install-test run test lint typecheck bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -e '.[test]'
	touch $@

## install: the virtualenv with Babeldesk in it (idempotent)
install: $(VENV)/.installed

## install-test: also the test tools and Debian's Chromium for the browser tests
install-test: $(VENV)/.installed-test
	@if [ ! -x "$(CHROMIUM)" ]; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; \
	fi

## run: embedded PostgreSQL, demo data, server and worker; prints the console URL and sign-in
run: install
	$(VENV)/bin/babeldesk run

## test: lint, type-check and the whole test suite (browser tests included)
test: install-test lint typecheck
	$(VENV)/bin/pytest

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

typecheck: $(VENV)/.installed-test
	$(VENV)/bin/mypy

## bench: ingest and realtime benchmarks, and language detection beside its peers, as ratios
bench: install-test
	$(PIP) install -e '.[bench]'
	$(PY) -m bench.run_all
	$(PY) -m bench.langid_peers

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
