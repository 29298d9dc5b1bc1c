# Two commands on a fresh machine: `make run` (the site with demo content) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install messages demo worker cluster cluster-stop test test-fast test-cluster lint format test-tools bench bench-render bench-lighthouse bench-search bench-site-search screenshots bench-booking bench-backup bench-cluster-email bench-server-loss clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) messages

# DEBUG is off unless set (settings.py fails closed). The local targets turn it on: the demo,
# the site on this machine, the tests and the in-process benches. compilemessages reads the
# settings too, and needs no secret for that. Production never runs these targets.
messages demo run test test-fast bench-search bench-site-search screenshots bench-booking: export DEBUG = 1

# The interface's translations: the committed .po catalogs compiled to the .mo files Django
# reads (never committed). msgfmt comes with Debian's gettext, installed here if missing.
messages: $(STAMP)
	@command -v msgfmt >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gettext >/dev/null; }
	$(BIN)/python manage.py compilemessages --ignore=$(VENV) --verbosity 0

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

# The site at http://$(HOST):$(PORT) on SQLite, with the background worker that sends email.
run: demo
	@echo "Starting the site at http://$(HOST):$(PORT) and the email worker (Ctrl-C stops both)"
	$(BIN)/python manage.py db_worker --interval 1 & \
	WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: install
	$(BIN)/python manage.py db_worker

# The site as on several machines, here (deploy/cluster.py): nginx on 127.0.0.1:$(CLUSTER_PORT)
# in front of two app servers, two workers, S3 (moto) and an SMTP sink, with production
# settings, on PostgreSQL (CLUSTER_DATABASE_URL) and Redis (CLUSTER_REDIS_URL, emptied at start).
# Ctrl-C stops it all; `make cluster-stop` stops one started in the background.
CLUSTER_PORT ?= 8080
cluster: install test-tools
	CLUSTER_PORT=$(CLUSTER_PORT) $(BIN)/python -m deploy.cluster

cluster-stop:
	$(BIN)/python -m deploy.cluster stop

# Debian's chromium for the browser tests (Playwright's own download is not used).
# Debian's packages the tests drive: chromium (browser tests), wrk (the bench's own tests),
# nginx-light (tests/test_proxy.py starts deploy/nginx.conf on loopback ports of its own) and
# the Noto fonts that draw every script of the language-help taglines (no web fonts).
test-tools:
	@command -v chromium >/dev/null && command -v wrk >/dev/null && fc-list :lang=am | grep -q . \
	  && { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium wrk nginx-light fonts-noto-core fonts-noto-cjk >/dev/null; }

# The suite on every core (pytest-xdist): each worker has its own test database. Then the
# cluster tests (tests/cluster/), one after another on the one cluster they start.
TEST_WORKERS ?= auto
test: install test-tools
	$(BIN)/python manage.py makemigrations --check --dry-run >/dev/null
	$(BIN)/pytest -n $(TEST_WORKERS) -m "not cluster"
	$(BIN)/pytest -m cluster

test-fast: install
	$(BIN)/pytest -n $(TEST_WORKERS) -m "not browser and not cluster"

# Only the cluster tests (needs DATABASE_URL=postgres://... and Redis).
test-cluster: install test-tools
	$(BIN)/pytest -m cluster

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# CPU time per render of the heaviest pages, in one process, on the demo in DATABASE_URL (or SQLite).
bench-render: demo
	$(BIN)/python bench/render_cpu.py

bench-lighthouse: install
	bench/lighthouse.sh $(BENCH_ARGS)

bench-search: install
	$(BIN)/python bench/search_bench.py

bench-booking: install
	$(BIN)/python bench/booking_bench.py

# backup_site and restore_site timed at the demo's size and at five years of requests
# (DATABASE_URL=postgres://...; it works in scratch databases named after it).
bench-backup: install
	$(BIN)/python bench/backup_bench.py

# 5,000 appointment requests through the cluster's nginx; every email sent exactly once.
bench-cluster-email: install test-tools
	$(BIN)/python -u bench/cluster_email.py

# wrk through the cluster's nginx with two app servers, one, and while one is killed and
# restarted, with patients posting appointment requests (no error, nothing lost or doubled).
bench-server-loss: install test-tools
	$(BIN)/python -u bench/server_loss.py

# Site search at ten times the demo's content (DATABASE_URL=postgres://... for PostgreSQL).
bench-site-search: install
	$(BIN)/python bench/site_search_bench.py

# Home, SI joint fusion, an office, a provider, locations and resources at 375 and 1280 px,
# into screenshots/ (not committed), from the demo served on a port of its own.
SHOT_PORT ?= 8001
screenshots: demo test-tools
	$(BIN)/python manage.py runserver --noreload 127.0.0.1:$(SHOT_PORT) >/dev/null 2>&1 & \
	SERVER=$$!; trap 'kill $$SERVER 2>/dev/null' EXIT INT TERM; \
	for _ in $$(seq 30); do curl -sf -o /dev/null http://127.0.0.1:$(SHOT_PORT)/healthz && break; sleep 1; done; \
	BASE_URL=http://127.0.0.1:$(SHOT_PORT) $(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache screenshots
