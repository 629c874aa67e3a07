# Two entry points do all set-up on a fresh machine with Python 3.11 and make:
#   make demo   - create .venv, install, run the whole pipeline on corpora/demo
#   make test   - create .venv with test extras, run the whole suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN    ?= runs/demo

.PHONY: demo test figures install install-test bench clean lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

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
figures: install
	$(BIN)/compare --quiet demo --out $(RUN)
	$(BIN)/compare figures $(RUN) --out figures

bench: install-test
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) runs .pytest_cache
