# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT
GUNICORN := $(BIN)/gunicorn --config deploy/gunicorn.conf.py unodc_site.wsgi:application
NODE_TOOLS := node_modules/.installed

.PHONY: run test test-fast install install-dev lock serve worker stack migrate seed lint bench

# The lock files, installed in pip's hash-checking mode, again only when one changes (README "Upgrading"):
# requirements.txt alone for the site (run, serve, stack); requirements-dev.txt beside it for test and lint.
# The venv's own pip installs them: upgrading it first would fetch the one package no hash checks.
$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(BIN)/.installed-dev: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $(BIN)/.installed $@

install: $(BIN)/.installed

install-dev: $(BIN)/.installed-dev

# The test tools of package-lock.json: the Nu HTML Checker (tests/test_html_validity.py) and Lighthouse
# (tests/browser/test_lighthouse.py). Without npm those tests are skipped (as without Java or Chromium), unless
# REQUIRE_BROWSER_TESTS is set. --ignore-scripts: vnu-jar's own install script would download a Java runtime,
# and Lighthouse runs the machine's Chromium.
$(NODE_TOOLS): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: the HTML validation and Lighthouse tests will be skipped (apt-get install -y npm)"; \
	fi

# After editing requirements.in or requirements-dev.in: resolve both lock files again, for Python 3.11 on
# any platform, keeping every pin the edit does not move. LOCK_ARGS=--upgrade moves all pins to their newest
# releases, LOCK_ARGS="--upgrade-package NAME" one package.
LOCK := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(LOCK_ARGS)
lock: install-dev
	$(LOCK) requirements.in -o requirements.txt
	$(LOCK) requirements-dev.in -o requirements-dev.txt

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py load_seed_content

run: seed
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "Serving the site at http://$(HOST):$(PORT)/ (DEBUG off). Stop with Ctrl+C."
	@echo "To use the admin at http://$(HOST):$(PORT)/admin/, first create an account in another terminal:"
	@echo "    $(BIN)/python manage.py createsuperuser"
	@echo ""
	$(GUNICORN) --bind $(HOST):$(PORT) --workers 2

# Production server: needs the environment of README "Deploying" (SECRET_KEY, ALLOWED_HOSTS, ...).
serve: install
	DJANGO_SETTINGS_MODULE=unodc_site.settings.production $(GUNICORN) \
		--bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# The task worker beside `make serve` (README "Deploying"): the purges and other tasks a publish queues.
worker: install
	DJANGO_SETTINGS_MODULE=unodc_site.settings.production $(BIN)/python manage.py db_worker

# The production topology on this machine (README "Trying the production topology"): nginx on $(STACK_PORT)
# in front of gunicorn with the production settings, Redis, migrations and launch content. Ctrl+C stops it.
STACK_PORT ?= 8080
stack: install
	PORT=$(STACK_PORT) $(BIN)/python -m deploy.stack

# PYTEST_ARGS narrows the run, e.g. .ci/run's second pass on PostgreSQL (README "Tests").
test: install-dev $(NODE_TOOLS)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The inner loop: leaves out the browser, proxy (nginx, redis-server, gunicorn) and slow tests.
test-fast: install-dev
	$(BIN)/python -m pytest -m "not browser and not proxy and not slow"

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -q tests/test_catalogues.py

# Performance benchmark at 10,000 news items (needs PostgreSQL, Redis, wrk, nginx with the cache
# purge module): prints the table and writes it into docs/performance.md. BENCH_ARGS=--reuse keeps the data.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)
