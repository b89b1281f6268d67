# workbench: two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= demo-project
PORT ?= 8501
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: install install-test system-deps demo demo-data app test lint migration bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed  ## environment only

install-test: $(VENV)/.installed-test

# Debian packages the tests use: PostgreSQL (throwaway server) and Chromium (browser tests).
system-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then \
	  echo "installing PostgreSQL and Chromium from Debian"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql chromium >/dev/null; \
	fi

demo-data: install
	$(BIN)/workbench demo $(DEMO_DIR)

app: install
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true -- --project $(DEMO_DIR)

demo: demo-data app  ## environment + demo project + Streamlit

lint: install-test
	$(BIN)/ruff check workbench tests bench app.py ui

test: install-test system-deps lint
	WORKBENCH_REQUIRE_SYSTEM_DEPS=1 $(BIN)/python -m pytest -q -n 2 --dist loadfile

migration: install  ## regenerate the initial migration after model changes (pre-release)
	$(BIN)/python scripts/regenerate_initial_migration.py
	$(BIN)/ruff format -q workbench/migrations/versions

# ASReview (the comparison in bench/screening.py) pins older pandas/rispy: it gets its own environment.
.venv-bench/.installed: pyproject.toml
	$(PY) -m venv .venv-bench
	.venv-bench/bin/pip install -q --upgrade pip
	.venv-bench/bin/pip install -q -e '.[bench]'
	touch $@

bench: install-test .venv-bench/.installed
	OMP_NUM_THREADS=1 $(BIN)/python bench/deid.py
	$(BIN)/python bench/plot_deid_leaks.py
	$(BIN)/python bench/coding.py
	$(BIN)/python bench/dedup.py
	.venv-bench/bin/python bench/screening.py --seeds 5

clean:
	rm -rf $(VENV) .venv-bench $(DEMO_DIR) .pytest_cache
