# Two entry points do all set-up on a fresh machine with Python 3.11 and make:
#   make demo   - create .venv, install, run the whole pipeline on corpora/demo
#   make test   - create .venv with test extras, run the whole suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN    ?= runs/demo

.PHONY: demo test figures install install-test bench fuzz clean lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/compare demo --out $(RUN)

test: install-test
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# Regenerates the demo figures committed under figures/ (byte for byte).
# No translation models are used, so the figures do not depend on what is
# installed on the machine; versions.json records the packages they came from.
FIGURES_RUN := runs/figures
figures: install
	rm -rf $(FIGURES_RUN)
	ARGOS_PACKAGES_DIR=$(CURDIR)/$(FIGURES_RUN)-no-models $(BIN)/compare --quiet demo --out $(FIGURES_RUN)
	rm -rf figures/*.pdf figures/*.svg figures/*.png
	$(BIN)/compare --quiet figures $(FIGURES_RUN) --out figures
	$(BIN)/python -c "import json; from compare.pipeline import package_versions; print(json.dumps(package_versions(), indent=2, sort_keys=True))" > figures/versions.json

bench: install-test
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) runs .pytest_cache

# Reliability checks too long for the unit suite (docs/reliability.md):
# 10,000 generated hostile inputs through every reader and stage, then 20
# kill -9 / resume cycles of `compare run` compared byte for byte.
FUZZ_CASES ?= 10000
FUZZ_SEED  ?= 13
fuzz: install-test
	$(BIN)/python bench/fuzz.py --cases $(FUZZ_CASES) --seed $(FUZZ_SEED) --json runs/fuzz.json
	$(BIN)/python bench/kill_test.py --kills 20 --seed $(FUZZ_SEED) --json runs/kill-test.json
