# stagepipe — every target installs what it needs and is idempotent.
# `make demo` runs the main job on the sample data; `make test` runs the whole test suite.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libreoffice-writer-nogui python3-uno poppler-utils fonts-dejavu-core fonts-liberation2
# the browser tests: Debian's Chromium and its driver (never a browser build of anyone's own), npm for axe-core
TEST_APT_PACKAGES := chromium chromium-driver
AXE_VERSION := 4.14.1
AXE := .cache/axe-core/axe.min.js

.PHONY: help venv system system-test axe serve languagetool demo test corpus lint validate bench clean packs templates reports check-reports catalogs dist

help:
	@echo "make demo      set up and run the main job on the sample data"
	@echo "make test      set up and run the whole test suite"
	@echo "make validate  validate inputs/"
	@echo "make packs     render the sample cohort's contract packs (DOCX and PDF) to outputs/"
	@echo "make templates regenerate templates/ from tools/make_templates.py"
	@echo "make reports   regenerate the sample reports in inputs/reports/ from tools/make_reports.py"
	@echo "make check-reports  stagepipe check on every sample report (HTML in outputs/reports/)"
	@echo "make corpus    the real-world corpus test (files from other projects' test suites, from git mirrors)"
	@echo "make lint      ruff and mypy"
	@echo "make catalogs  update the message catalogs (pipeline/locale) after changing messages in the code"
	@echo "make serve     the students' web page on http://127.0.0.1:8080/ (stagepipe serve)"
	@echo "make bench     benchmarks (prints 'bench: <name> <value> <unit>' lines)"
	@echo "make languagetool  fetch the pinned LanguageTool server jars from Maven Central, build stagepipe's dt rules jar"
	@echo "make dist      build the wheel and sdist into dist/ (pipx install dist/stagepipe-*.whl)"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# message catalogs: .po (committed, edited by translators) → .mo (built here, git-ignored)
MO := pipeline/locale/nl/LC_MESSAGES/stagepipe.mo pipeline/locale/en/LC_MESSAGES/stagepipe.mo

$(MO): %.mo: %.po $(STAMP)
	@$(VENV)/bin/pybabel compile --domain=stagepipe --input-file=$< --output-file=$@ 2>&1 | grep -v '^compiling' || true
	@test -s $@

venv: $(STAMP) $(MO)

# after changing messages in the code: new ids into both catalogs (to translate), unused ones out
catalogs: venv
	$(PY) tools/catalogs.py update
	$(PY) tools/catalogs.py check

# Debian packages (LibreOffice for PDF and page counts, python3-uno to keep it warm, poppler for PDF pictures and
# page texts); apt-get update once.
system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# what only the tests need: Chromium and chromedriver from Debian (the browser tests fail without them)
system-test: system
	@missing=""; for p in $(TEST_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages for the browser tests:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# axe-core (the accessibility rules the browser tests run in the page), pinned, from the npm registry with npm
$(AXE): Makefile
	@rm -rf .cache/axe-core && mkdir -p .cache/axe-core
	@cd .cache/axe-core && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && \
	  tar -xzf axe-core-$(AXE_VERSION).tgz package/axe.min.js && mv package/axe.min.js . && rmdir package && \
	  rm axe-core-$(AXE_VERSION).tgz
	@test -s $@

axe: system-test $(AXE)

# LanguageTool server jars, pinned in tools/languagetool/pom.xml, copied from Maven Central into
# tools/languagetool/lib/ (git-ignored). The stamp is keyed on the pom: nothing is fetched twice.
LT_DIR := tools/languagetool
LT_STAMP := $(LT_DIR)/lib/.stamp
MVN ?= mvn

$(LT_STAMP): $(LT_DIR)/pom.xml
	@missing=""; command -v java >/dev/null || missing="openjdk-17-jre-headless"; \
	command -v $(MVN) >/dev/null || missing="$$missing maven"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages for LanguageTool:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@if [ -f $@ ] && sha256sum --status -c $@ && ls $(LT_DIR)/lib/languagetool-server-*.jar >/dev/null 2>&1; then \
	  touch $@; \
	else \
	  rm -rf $(LT_DIR)/lib && \
	  (cd $(LT_DIR) && $(MVN) -B -q --no-transfer-progress -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=lib) && \
	  sha256sum $(LT_DIR)/pom.xml > $@ && echo "LanguageTool jars in $(LT_DIR)/lib/"; \
	fi

# stagepipe's own Dutch dt rules in LanguageTool's XML format (tools/languagetool/rules/, pinned to 6.8's tag set).
# LanguageTool loads org/languagetool/rules/nl/grammar_custom.xml from its classpath (lib/*), so this jar in lib/
# adds them with LanguageTool's own tagger. Rebuilt when the XML's sha256 differs from the one the jar was built
# from; a running server started with older rules is restarted by the next check (pipeline/language/server.py).
LT_RULES_XML := $(LT_DIR)/rules/org/languagetool/rules/nl/grammar_custom.xml
LT_RULES_JAR := $(LT_DIR)/lib/stagepipe-nl-rules.jar

$(LT_RULES_JAR): $(LT_RULES_XML) $(LT_STAMP) $(STAMP)
	$(PY) tools/languagetool_rules.py
	@touch $@

languagetool: $(LT_STAMP) $(LT_RULES_JAR)

validate: venv
	$(PY) -m pipeline validate inputs/

demo: venv system languagetool
	$(PY) -m pipeline validate inputs/
	$(PY) -m pipeline render inputs/cases --out outputs --pdf
	$(MAKE) --no-print-directory check-reports
	@echo
	@echo "De webpagina voor studenten / the students' web page: make serve  (then open http://127.0.0.1:8080/)"

# the students' page and POST /api/check on 127.0.0.1:8080 (SERVE_ARGS="--workers 4 --cases inputs/cases" ...)
serve: venv system languagetool
	$(PY) -m pipeline serve $(SERVE_ARGS)

# contract packs of the sample cohort; unchanged cases are skipped (add FORCE=1 to render all again)
packs: venv system
	$(PY) -m pipeline render inputs/cases --out outputs --pdf $(if $(FORCE),--force)

templates: venv
	$(PY) tools/make_templates.py

# sample reports for `stagepipe check` (inputs/reports/, manifest reports.json); LibreOffice makes the PDF
reports: venv system
	$(PY) tools/make_reports.py

# `stagepipe check` on each sample report with its case (or program), HTML to outputs/reports/<name>.html;
# fails only when an exit code differs from the manifest's `expect` (the bad samples are meant to fail)
check-reports: venv system languagetool
	@mkdir -p outputs/reports; failed=0; \
	while IFS=$$'\t' read -r name file program case expect; do \
	  if [ "$$case" != - ]; then scope=(--case "$$case"); elif [ "$$program" != - ]; then scope=(--program "$$program"); \
	  else scope=(); fi; \
	  echo "== stagepipe check inputs/reports/$$file $${scope[*]}"; \
	  $(PY) -m pipeline check "inputs/reports/$$file" "$${scope[@]}" --html "outputs/reports/$$name.html" </dev/null; \
	  code=$$?; \
	  if [ "$$code" = "$$expect" ]; then echo "ok    $$file: exit $$code as expected -> outputs/reports/$$name.html"; \
	  else echo "FAIL  $$file: exit $$code, expected $$expect"; failed=1; fi; \
	done < <($(PY) tools/make_reports.py --list); \
	exit $$failed

lint: venv
	$(VENV)/bin/ruff check pipeline tests bench tools
	$(VENV)/bin/mypy --strict pipeline

# one pytest run per layer, fastest first, each run to its end; the target fails when any run fails, also with
# pytest's exit code 5 (no tests collected: an empty layer), and when a folder of tests is not a listed layer
TEST_LAYERS := unit integration acceptance
# layers with a target of their own: `corpus` needs files from outside the repository (see the corpus target)
OTHER_LAYERS := corpus

test: venv system languagetool axe lint
	@unlisted=$$(find tests -mindepth 2 -name 'test_*.py' | cut -d/ -f2 | sort -u | grep -vx $(addprefix -e ,$(TEST_LAYERS) $(OTHER_LAYERS))); \
	if [ -n "$$unlisted" ]; then echo "tests/$$unlisted holds tests but is not in TEST_LAYERS"; exit 1; fi
	@status=0; for layer in $(TEST_LAYERS); do \
	  echo "== pytest tests/$$layer"; $(PY) -m pytest tests/$$layer || status=$$?; \
	done; exit $$status

# the real-world corpus (tests/corpus/): tools/corpus.py copies other projects' test files, with their licences, from
# git mirrors in $STAGEPIPE_MIRRORS (default /work/.mirror; `git clone --mirror https://github.com/OWNER/NAME
# DIR/OWNER+NAME/repo` makes one) into .cache/corpus/, and fails when there is none; then the corpus tests run. Not
# part of `make test`, which needs nothing from outside the repository; the tests fail, never skip, without a corpus.
corpus: venv system
	$(PY) tools/corpus.py
	$(PY) -m pytest tests/corpus

bench: venv system languagetool
	$(PY) -m bench

# the wheel a coordinator installs (pipx install dist/stagepipe-<version>-py3-none-any.whl) and the sdist; schemas,
# templates, the sample profiles and the compiled catalogs are package data (pipeline/data/, pipeline/locale/)
dist: venv
	rm -rf dist
	$(PY) -m build --outdir dist . > /dev/null
	@ls dist

clean:
	rm -rf $(VENV) .cache outputs/*/ .pytest_cache dist build
