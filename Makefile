# wiretrace: `make run` executes every notebook on the seeds; `make test` runs all tests.
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup run test test-lib test-notebooks lab clean-notebooks manifest clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@# strip outputs from source notebooks on commit (only inside a git checkout)
	@git rev-parse --git-dir >/dev/null 2>&1 && \
	  git config filter.wiretrace-notebooks.clean "$(BIN)/wiretrace clean-notebooks --stdin" && \
	  git config filter.wiretrace-notebooks.smudge cat || true
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install wiretrace with its test tools

run: setup ## run every notebook on the seeds: outputs/NN-slug.{ipynb,md} and outputs/NN-slug/
	$(BIN)/wiretrace run --corpus seeds --out outputs

test: test-lib test-notebooks ## library tests (with a fresh run compared to outputs/), then nbval

test-lib: setup ## pytest on tests/
	$(BIN)/pytest tests

test-notebooks: setup ## nbval on copies of the executed notebooks (kernels write into a temp dir beside seeds/)
	@tmp=$$(mktemp -d "$$PWD/.nbval-XXXXXX") && cp outputs/*.ipynb "$$tmp"/ && \
	  $(BIN)/pytest -c pyproject.toml --rootdir . --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg "$$tmp"/*.ipynb; \
	  rc=$$?; rm -rf "$$tmp"; exit $$rc

lab: setup ## open the notebooks in JupyterLab
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	$(BIN)/nbdime config-git --enable
	$(BIN)/jupyter lab notebooks/

clean-notebooks: setup ## strip outputs from notebooks/*.ipynb
	$(BIN)/wiretrace clean-notebooks

manifest: setup ## rewrite seeds/MANIFEST.csv (only when the seeds really change)
	$(BIN)/wiretrace manifest seeds

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache lib/*.egg-info
