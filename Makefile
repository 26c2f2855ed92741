# Two commands a newcomer needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?= demo-pass-123

# Development defaults; production sets its own environment (see README).
export DJANGO_DEBUG ?= 1
export DJANGO_SECRET_KEY ?= insecure-development-key-do-not-use-in-production

.PHONY: install run serve migrate seed test lint format bench browsers clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo --password '$(DEMO_PASSWORD)'

run: seed serve

serve: install
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Tests run with DEBUG off, as production does.
test: export DJANGO_DEBUG = 0
test: export DJANGO_SECRET_KEY = test-only-secret-key
test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python benchmarks/import_bench.py
	$(BIN)/python benchmarks/pages_bench.py

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache
