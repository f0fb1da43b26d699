# The two commands of the README. Everything is installed through this file: Debian packages by
# scripts/setup-system.sh, Python packages into .venv from pyproject.toml, Ace by DAISY into .tools by
# scripts/setup-ace.sh (where npm is).
PYTHON ?= python3
VENV := .venv
INSTALLED := $(VENV)/.installed

.PHONY: books test pictures clean

## Install, then build every manuscript in manuscripts/ into dist/ (EPUB and PDF).
books: $(INSTALLED)
	$(VENV)/bin/octavo batch manuscripts --out dist

## Install, then run the whole test suite.
test: $(INSTALLED)
	$(VENV)/bin/pytest -n auto --dist loadgroup

## Draw the README's picture of the sample book again (docs/images/).
pictures: $(INSTALLED)
	$(VENV)/bin/python scripts/readme-pictures.py

$(INSTALLED): pyproject.toml scripts/setup-system.sh scripts/setup-ace.sh
	bash scripts/setup-system.sh
	bash scripts/setup-ace.sh
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --editable '.[test]'
	touch $@

clean:
	rm -rf $(VENV) .tools dist
