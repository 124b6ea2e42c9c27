# The two commands a newcomer needs: `make demo` and `make test`.
# Each creates its own virtual environment and installs what it needs.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
APP := $(VENV)/.installed-app
DEV := $(VENV)/.installed-dev

.PHONY: demo test lint typecheck check system-deps app-deps clean

# What the product needs to run (the demo).
$(APP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $(APP)

# Plus what the tests need: linters, reference implementations (pm4py, SimPy, Ciw), Spark, Playwright.
$(DEV): $(APP)
	$(BIN)/python -m pip install --quiet -e '.[all,dev,spark]'
	touch $(DEV)

# Debian packages: the pictures and reports need a few; the browser and database tests more.
system-deps:
	@bash scripts/system-deps.sh test

app-deps:
	@bash scripts/system-deps.sh app

# The demo organisation's gaps and health in the terminal, then the web app with it (Ctrl-C stops it).
demo: $(APP) app-deps
	$(BIN)/tomkit demo
	$(BIN)/tomkit serve --demo

test: $(DEV) system-deps
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest
	@# The web app's database tests again, on PostgreSQL (.ci/run starts one and sets TOMKIT_TEST_POSTGRES).
	@if [ -n "$$TOMKIT_TEST_POSTGRES" ]; then \
	  DATABASE_URL="$$TOMKIT_TEST_POSTGRES" $(BIN)/pytest -m "integration and not e2e" tests/integration/web; \
	elif [ "$$CI" = "true" ]; then \
	  echo "CI=true but TOMKIT_TEST_POSTGRES is not set: the PostgreSQL pass cannot run" >&2; exit 1; \
	else echo "PostgreSQL pass skipped: TOMKIT_TEST_POSTGRES is not set (source scripts/ci-services.sh; start_postgres)"; fi

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(DEV)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
