# The two commands: `make site` builds the site; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve export report pdf offline audit bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11, or run make PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)  ## check the content, then build site/ (unchanged if anything fails)
	$(PY) -m generator build

test: $(STAMP)  ## run the whole test suite
	$(PY) -m pytest -q

check: $(STAMP)
	$(PY) -m generator check

report: $(STAMP)
	$(PY) -m generator report

export: $(STAMP)
	$(PY) -m generator export

serve: $(STAMP)  ## preview on http://127.0.0.1:8000, reloading when content/ changes
	$(PY) -m generator serve

pdf: $(STAMP)  ## the study guide as a PDF (needs Pango), then site/ with the PDF linked
	$(PY) -m generator pdf

offline: $(STAMP)  ## dist/therapeutic-relationship-offline.zip: the site, working from the file system
	$(PY) -m generator offline

audit: $(STAMP)  ## build, serve on 127.0.0.1 and run every quality gate plus Lighthouse; one table
	$(PY) -m audit

bench: $(STAMP)  ## synthetic guides of 25-1,000 topics: build times against plain MkDocs, page weights
	$(PY) -m bench --write

clean:
	rm -rf site build dist .pytest_cache .cache/generator-cache.json .cache/jinja
