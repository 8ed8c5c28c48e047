# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test install serve stack migrate seed lint bench

# Re-install only when requirements.txt changes.
$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(BIN)/.installed

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
	$(BIN)/gunicorn unodc_site.wsgi:application --bind $(HOST):$(PORT) --workers 2 --access-logfile -

# Production server: needs the environment of README "Deploying" (SECRET_KEY, ALLOWED_HOSTS, ...).
serve: install
	DJANGO_SETTINGS_MODULE=unodc_site.settings.production $(BIN)/gunicorn unodc_site.wsgi:application \
		--bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# The production topology on this machine (README "Trying the production topology"): nginx on $(STACK_PORT)
# in front of gunicorn with the production settings, Redis, migrations and launch content. Ctrl+C stops it.
STACK_PORT ?= 8080
stack: install
	PORT=$(STACK_PORT) $(BIN)/python -m deploy.stack

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# Performance benchmark at 10,000 news items (needs PostgreSQL, Redis, wrk, nginx with the cache
# purge module): prints the table and writes it into docs/performance.md. BENCH_ARGS=--reuse keeps the data.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)
