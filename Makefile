# Spredningsnetværket: `make run` starts the platform with demo data; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi
export FORUM_SECRET_KEY ?= $(shell cat instance/secret-key 2>/dev/null)

.PHONY: install install-dev browser run test test-postgres lint bench bench-postgres bench-search clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

instance/secret-key:
	mkdir -p instance
	$(PYTHON) -c "import secrets; print(secrets.token_hex(32))" > $@
	chmod 600 $@

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v /usr/bin/chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; }

run: install instance/secret-key
	FORUM_SECRET_KEY=$$(cat instance/secret-key) $(FLASK) db upgrade
	FORUM_SECRET_KEY=$$(cat instance/secret-key) $(FLASK) seed-demo --if-empty
	@echo ""
	@echo "  Spredningsnetværket runs on http://127.0.0.1:$(PORT)"
	@echo "  Demo logins (password: spredning-demo):"
	@echo "    member       alice@aarhus.dk"
	@echo "    facilitator  majken@coi.dk"
	@echo "    admin        admin@coi.dk"
	@echo ""
	FORUM_SECRET_KEY=$$(cat instance/secret-key) $(BIN)/gunicorn --workers 2 --bind 127.0.0.1:$(PORT) --access-logfile - wsgi:app

test: install-dev browser
	$(BIN)/pytest -q

test-postgres: install-dev browser
	FORUM_TEST_DATABASE_URI=$${FORUM_TEST_DATABASE_URI:-postgresql+psycopg://postgres@127.0.0.1:5432/test} $(BIN)/pytest -q

lint: install-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) instance/search-index

# Extract Danish source strings, merge them into the English catalog, compile. Translate
# forum/translations/en/LC_MESSAGES/messages.po between the update and the compile.
# --ignore-dirs: without it pybabel skips folders starting with "_" (templates/_macros).
translations: install-dev
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 --no-location \
	  --ignore-dirs=".* __pycache__" \
	  --project=Spredningsnetværket --copyright-holder="Center for Offentlig Innovation" \
	  -o forum/translations/messages.pot .
	test -f forum/translations/en/LC_MESSAGES/messages.po || \
	  $(BIN)/pybabel init -i forum/translations/messages.pot -d forum/translations -l en
	$(BIN)/pybabel update -i forum/translations/messages.pot -d forum/translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d forum/translations --statistics

# The platform beside a bare Flask page (not part of `make test`): seeds or reuses a
# 1,000-member, 20,000-thread, 200,000-post database in instance/bench; needs wrk.
bench: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The same on PostgreSQL (the production database): a database `bench` on the local server,
# created here if missing and seeded on first use (instance/bench-pg holds its search index).
bench-postgres: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	-createdb -h 127.0.0.1 -U postgres bench 2>/dev/null
	BENCH_DATABASE_URI=$${BENCH_DATABASE_URI:-postgresql+psycopg://postgres@127.0.0.1:5432/bench} \
	  $(BIN)/python bench/run.py --folder instance/bench-pg $(BENCH_ARGS)

# Search benchmark (not part of `make test`): 200,000 generated Danish posts in a temporary
# Whoosh index; prints the build time and warm p50/p95 query latency. Takes a few minutes.
bench-search: install
	$(BIN)/python bench/bench_search.py --posts $${POSTS:-200000}
	$(BIN)/python bench/bench_search_pg.py --posts $${POSTS:-200000}
