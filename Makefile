# One-command set-up: `make demo` records the seed, `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_LIB ?= $(or $(TMPDIR),/tmp)/citekit-demo

.PHONY: demo test lint bench clean install install-test library system-deps

# The real tools the tests run: bibtex (plainnat) and biber/biblatex for exports, pandoc's
# citeproc, Chromium for the HTML views, lualatex for papers in other scripts. Installed from
# Debian when missing.
DEBIAN_PACKAGES := texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber \
	pandoc chromium fonts-dejavu-core tmux texlive-luatex time
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(BIN)/citekit: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -m compileall -q citekit  # byte code ahead: no compile per process
	touch $@

install: $(BIN)/citekit

$(VENV)/.test-deps: $(BIN)/citekit
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install-test: $(VENV)/.test-deps

system-deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

demo: install
	rm -rf $(DEMO_LIB) && mkdir -p $(DEMO_LIB)
	$(BIN)/citekit --library $(DEMO_LIB) add seeds/*.txt
	$(BIN)/citekit --library $(DEMO_LIB) entries
	$(BIN)/citekit --library $(DEMO_LIB) figures

test: install-test system-deps
	$(BIN)/ruff check citekit tests benchmarks
	$(BIN)/pytest -q

bench: install-test system-deps
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/check.py
	$(BIN)/python benchmarks/batch.py
	$(BIN)/python benchmarks/views.py

library: install
	rm -rf refs.bib annotations
	$(BIN)/citekit --library . add seeds/*.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
