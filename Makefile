# The two commands: `make site` builds the site; `make test` runs every test.
# Recipes are silent (@): what a command prints is its own output, so `make export > guide.json`
# writes JSON only. The one-time setup writes to stderr for the same reason.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ENGINE ?= mkdocs  # or properdocs: make site ENGINE=properdocs (manual/engines.md)

export NO_MKDOCS_2_WARNING := 1

.PHONY: help site test test-fast screenshots check serve export report pdf offline audit conformance bench bench-write clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 22

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11, or run make PYTHON=python3" >&2; exit 1; }
	@echo "first run: creating $(VENV) and installing the generator (about a minute)" >&2
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip >&2
	@$(PY) -m pip install --quiet -e '.[test]' >&2
	@touch $(STAMP)

site: $(STAMP)  ## check the content, then build site/ (unchanged if anything fails); ENGINE=properdocs to use ProperDocs
	@$(PY) -m generator build --engine $(ENGINE)

test: $(STAMP)  ## run the whole test suite, browser gates included (16 to 25 min on 2 cores, as the README says)
	@$(PY) -m pytest -q

test-fast: $(STAMP)  ## unit, golden, corpus and hostile-content tests only: the edit-test loop
	@$(PY) -m pytest -q tests/unit tests/golden tests/corpus tests/hostile

screenshots: $(STAMP)  ## build the site and retake the README's screenshots into manual/screenshots/
	@$(PY) -m pytest -q tests/browser/test_presentation.py -k readme_screenshots --update-golden

check: $(STAMP)  ## check the content and print every problem
	@$(PY) -m generator check

report: $(STAMP)  ## a table per topic: words, grade, citations, quiz items, review age
	@$(PY) -m generator report

export: $(STAMP)  ## the validated content as JSON on stdout
	@$(PY) -m generator export

serve: $(STAMP)  ## preview on http://127.0.0.1:8000 (or the next free port; PORT=8001 picks one), drafts shown
	@$(PY) -m generator serve $(if $(PORT),--dev-addr 127.0.0.1:$(PORT))

pdf: $(STAMP)  ## the study guide as a PDF (needs Pango), then site/ with the PDF linked
	@$(PY) -m generator pdf

offline: $(STAMP)  ## dist/<title>-offline.zip (the guide's title from content/site.yml): the site, working from the file system
	@$(PY) -m generator offline

audit: $(STAMP)  ## build, serve on 127.0.0.1 and run every quality gate plus Lighthouse; one table
	@$(PY) -m audit

conformance: $(STAMP)  ## the guide built by MkDocs, ProperDocs and Zensical, checked side by side (build/conformance.md)
	@$(PY) -m audit.conformance

bench: site  ## synthetic guides of 25-1,000 topics, then Lighthouse on each page kind; build/benchmarks.md, build/lighthouse.md
	@$(PY) -m bench
	@$(PY) -m audit.lighthouse --runs 3 > build/lighthouse.md && cat build/lighthouse.md

bench-write: site  ## the same, and update manual/benchmarks.md with the build results
	@$(PY) -m bench --write
	@$(PY) -m audit.lighthouse --runs 3 > build/lighthouse.md && cat build/lighthouse.md

clean:  ## remove what the builds made
	rm -rf site build dist .pytest_cache .cache/generator-cache.json .cache/jinja
