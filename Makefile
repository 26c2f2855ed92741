# Two commands a newcomer needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?= demo-pass-123

# Development defaults; production sets its own environment (see README). The
# development secret key is .env's (below), which manage.py reads.
export DJANGO_DEBUG ?= 1

.PHONY: install run dev worker serve migrate seed test lint format messages bench bench-pages profile-page bench-timeline bench-enrol bench-report bench-review bench-load bench-content bench-hostile bench-sql browsers clean

# The translations compiled from their catalogues whenever a .po is newer than its .mo
# (polib, pure Python: no GNU gettext needed; git ignores the .mo files).
install: $(STAMP)
	$(BIN)/python -m coursesite.catalogues

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# A development checkout's settings: DEBUG on and a secret key of its own, made once
# and never overwritten, so that manage.py typed in any shell (the README's
# commands) runs as `make run` does, with the same key. manage.py reads it only when
# the environment sets no DJANGO_SECRET_KEY, and never over a variable the
# environment sets; gunicorn and the tests never read it (coursesite/envfile.py).
# Git ignores it.
.env:
	@umask 077 && $(PYTHON) -c 'import secrets; print("DJANGO_DEBUG=1"); print("DJANGO_SECRET_KEY=" + secrets.token_urlsafe(50))' > $@.tmp && mv $@.tmp $@
	@echo "Wrote $@: development settings for manage.py (DEBUG on, a secret key of its own)."

# createcachetable: the database cache's table (a migration makes it too; this
# covers a site that switches from Redis back to the database later).
migrate: install .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

seed: migrate
	$(BIN)/python manage.py seed_demo --password '$(DEMO_PASSWORD)'

run: seed dev

# Django's development server, reloading on every change.
dev: install .env
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The task worker that sends mail from the queue in the database (DJANGO_TASKS=database,
# production's default). `make run` needs none: in development each task runs in the
# server's own process after its commit (README, "Mail").
worker: export DJANGO_TASKS ?= database
worker: install
	$(BIN)/python manage.py db_worker

# Production: DEBUG off, migrations, hashed and compressed static files, then
# gunicorn (gunicorn.conf.py: workers from the CPU count). The environment
# carries the rest (README, "Serving in production"): a real DJANGO_SECRET_KEY,
# DJANGO_ALLOWED_HOSTS, DATABASE_URL, REDIS_URL. Mail waits in the queue until a
# worker runs (`make worker` beside it, or its systemd unit).
serve: export DJANGO_DEBUG = 0
serve: install
	@if [ -z "$$DJANGO_SECRET_KEY" ] || [ "$$DJANGO_SECRET_KEY" = "insecure-development-key-do-not-use-in-production" ]; then \
	  echo "make serve runs production settings: set DJANGO_SECRET_KEY (and DJANGO_ALLOWED_HOSTS) first; see README.md. For development, make run." >&2; exit 2; fi
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(PORT)} $(BIN)/gunicorn --config gunicorn.conf.py

# ruff, then import-linter's contracts (pyproject.toml): a lower layer never imports a higher one.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Tests run with DEBUG off, as production does, in one pytest-xdist worker per CPU
# (each with its own test database and browser); `--dist loadgroup` keeps the tests
# that share something outside the process (marked xdist_group) in one worker.
# PYTEST_ARGS is appended, and a later -n wins: `make test PYTEST_ARGS=-n0` runs
# them one after another in a single process, as plain `pytest` does. Tests marked
# `serial` (fifty students' threads writing at once, timed against SQLite's busy
# timeout) run afterwards on their own, with no other worker taking the CPU; exit
# status 5 is pytest's "no test selected", when PYTEST_ARGS names other tests.
test: export DJANGO_DEBUG = 0
test: export DJANGO_SECRET_KEY = test-only-secret-key
test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n auto --dist loadgroup -m "not serial" $(PYTEST_ARGS)
	$(BIN)/pytest -m serial $(PYTEST_ARGS) || [ $$? -eq 5 ]

# After changing marked strings: every shipped language's catalogue (locale/) gains
# the new strings and loses the gone ones; translate the new entries, then `make
# test` checks that none is left (README, "Languages"). Needs GNU gettext.
messages: install
	$(BIN)/python manage.py makemessages --all --no-obsolete --add-location file
	$(BIN)/python -m coursesite.catalogues

bench: install
	$(BIN)/python benchmarks/import_bench.py
	$(BIN)/python benchmarks/student_pages_bench.py
	$(BIN)/python benchmarks/pages_bench.py
	$(BIN)/python benchmarks/timeline_bench.py
	$(BIN)/python benchmarks/enrol_bench.py

# Memory and time of the timeline of a lecture with 3,000 dated bullets (issue 7).
bench-timeline: install
	$(BIN)/python benchmarks/timeline_bench.py

# Server time of each student page and toggle on the demo course (issue 9:
# the lecture page under 4 ms, a toggle under 3 ms). BENCH_DATABASE_URL for PostgreSQL.
bench-pages: install
	$(BIN)/python benchmarks/student_pages_bench.py $(BENCH_ARGS)

# Each hand-written SQL statement against the ORM query it stands for (issue 16): the
# ORM's extra time per call, and the pages that pay it. BENCH_DATABASE_URL for PostgreSQL.
bench-sql: install
	$(BIN)/python benchmarks/sql_bench.py $(BENCH_ARGS)

# Where one page's time goes: make profile-page PAGE=lecture (a label of bench-pages).
PAGE ?= lecture
profile-page: install
	$(BIN)/python benchmarks/profile_page.py "$(PAGE)"

# Time to add 5,000 students from one CSV file, mails included (issue 8; target 10 s).
bench-enrol: install
	$(BIN)/python benchmarks/enrol_bench.py

# The instructor report at 10,000 students (BENCH_ARGS=--full: and 100,000), on
# PostgreSQL: DATABASE_URL, default the bench_report database, created if missing.
# Not part of `bench`: it needs a PostgreSQL server and takes minutes (issue 8).
bench-report: install
	$(BIN)/python benchmarks/report_bench.py $(BENCH_ARGS)

# Spaced-repetition review at 5,000 cards for one student (issue 11): the next card,
# its answer and a rating each under 5 ms. DATABASE_URL for PostgreSQL (a database of
# its own, e.g. .../bench_review, created if missing).
bench-review: install
	$(BIN)/python benchmarks/review_bench.py $(BENCH_ARGS)

# Timeline precision and recall, and the quiz rubric's automatic checks, on the
# corpus of notes files in corpus/ (issue 10).
bench-content: install
	$(BIN)/python benchmarks/content_bench.py $(BENCH_ARGS)

# Hostile notes (issue 17): import time and page size against doubling inputs.
bench-hostile: install
	$(BIN)/python benchmarks/hostile_bench.py $(BENCH_ARGS)

# The site under load (issue 9): make serve on PostgreSQL (and Redis if one
# answers), 2,000 students, wrk with 50 connections. Needs wrk and PostgreSQL.
bench-load: install
	$(BIN)/python benchmarks/load_bench.py $(BENCH_ARGS)

# .env stays: it holds the key that signed the development site's sessions and links.
clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache
