# Every target creates or refreshes the environment in .venv first; nothing is installed outside it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
STAMP := $(VENV)/.installed
SRC := analysis tests benchmarks

.DEFAULT_GOAL := help
.PHONY: help venv lock report test lint format lab notebooks benchmark clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements.lock
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (analysis)" >/dev/null
	touch $(STAMP)

venv: $(STAMP) ## Create or refresh .venv from the lock file

lock: ## Re-resolve requirements.lock from pyproject.toml (needs the registry)
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

report: $(STAMP) ## Analyse data/raw/* -> tables in data/processed/, figures in figures/
	$(PY) -m analysis report --jobs 0

test: $(STAMP) lint ## Run ruff and the whole test suite (notebooks included), offline
	$(PY) -m pytest

lint: $(STAMP) ## Ruff lint and format check over analysis/, tests/, benchmarks/
	$(VENV)/bin/ruff check $(SRC)
	$(VENV)/bin/ruff format --check $(SRC)

format: $(STAMP) ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix $(SRC)
	$(VENV)/bin/ruff format $(SRC)

lab: $(STAMP) ## Open JupyterLab on notebooks/
	$(VENV)/bin/jupyter lab notebooks/

notebooks: $(STAMP) ## Execute notebooks/ on the seed in place and strip volatile metadata
	$(PY) -m analysis.notebook

benchmark: $(STAMP) ## Run the measurement scripts in benchmarks/ (needs ../shared)
	$(PY) benchmarks/run_all.py

clean: ## Remove regenerable outputs (keeps data/raw and .venv)
	rm -rf data/processed/* figures/*
