# stagepipe — every target installs what it needs and is idempotent.
# `make demo` runs the main job on the sample data; `make test` runs the whole test suite.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libreoffice-writer-nogui poppler-utils fonts-dejavu-core fonts-liberation2

.PHONY: help venv system demo test lint validate bench clean

help:
	@echo "make demo      set up and run the main job on the sample data"
	@echo "make test      set up and run the whole test suite"
	@echo "make validate  validate inputs/"
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

demo: venv
	$(PY) -m pipeline validate inputs/

lint: venv
	$(VENV)/bin/ruff check pipeline tests bench
	$(VENV)/bin/mypy pipeline

test: venv system lint
	$(PY) -m pytest

bench: venv system
	$(PY) -m bench

clean:
	rm -rf $(VENV) .cache outputs/*/ .pytest_cache
