# stagepipe — every target installs what it needs and is idempotent.
# `make demo` runs the main job on the sample data; `make test` runs the whole test suite.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libreoffice-writer-nogui poppler-utils fonts-dejavu-core fonts-liberation2

.PHONY: help venv system demo test lint validate bench clean packs templates

help:
	@echo "make demo      set up and run the main job on the sample data"
	@echo "make test      set up and run the whole test suite"
	@echo "make validate  validate inputs/"
	@echo "make packs     render the sample cohort's contract packs (DOCX and PDF) to outputs/"
	@echo "make templates regenerate templates/ from tools/make_templates.py"
	@echo "make lint      ruff and mypy"
	@echo "make bench     benchmarks (prints 'bench: <name> <value> <unit>' lines)"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

venv: $(STAMP)

# Debian packages (LibreOffice for PDF and page counts, poppler for PDF pictures); apt-get update once.
system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

validate: venv
	$(PY) -m pipeline validate inputs/

demo: venv system
	$(PY) -m pipeline validate inputs/
	$(PY) -m pipeline render inputs/cases --out outputs --pdf

# contract packs of the sample cohort; unchanged cases are skipped (add FORCE=1 to render all again)
packs: venv system
	$(PY) -m pipeline render inputs/cases --out outputs --pdf $(if $(FORCE),--force)

templates: venv
	$(PY) tools/make_templates.py

lint: venv
	$(VENV)/bin/ruff check pipeline tests bench
	$(VENV)/bin/mypy pipeline

test: venv system lint
	$(PY) -m pytest

bench: venv system
	$(PY) -m bench

clean:
	rm -rf $(VENV) .cache outputs/*/ .pytest_cache
