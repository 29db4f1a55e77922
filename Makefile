# Nabij — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
UV_VERSION := 0.13.8
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PY := .venv/bin/python
export UV_PYTHON ?= python3
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
CHROMIUM_FLAGS_NOTE := see tests/e2e/conftest.py

.PHONY: help run test test-all e2e lint bench demo assets venv migrate clean messages

help:
	@echo "make run    start Nabij with demo data on http://127.0.0.1:$(PORT)"
	@echo "make test   run the test suite (SQLite; DATABASE_URL=postgres://… for PostgreSQL)"
	@echo "make e2e    browser tests (Playwright + Debian chromium)"
	@echo "make lint   ruff"
	@echo "make messages  regenerate the English catalogue and list what is untranslated"

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

# WeasyPrint (PDF letters and plans) needs the pango system library; install it when absent
# (Debian/Ubuntu, run as root; see docs/decisions/0003-weasyprint-pdf.md). The catalogue test
# (core/tests/test_i18n_catalogue.py) runs makemessages, which needs GNU gettext.
venv: $(UV)
	@ldconfig -p 2>/dev/null | grep -q libpango-1.0 || (apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null)
	@command -v xgettext >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	$(UV) sync --frozen --inexact --quiet

migrate: venv
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo

run: demo
	@echo "Nabij draait op http://127.0.0.1:$(PORT)  (stoppen: Ctrl+C)"
	@$(PY) manage.py run_huey --quiet & HUEY_PID=$$!; \
	trap 'kill $$HUEY_PID 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv
	$(PY) -m pytest -m "not e2e" $(PYTEST_ARGS)

e2e: $(UV)
	$(UV) sync --frozen --inexact --quiet --group e2e
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	$(PY) -m pytest -m e2e -p no:randomly tests/e2e $(PYTEST_ARGS)

# Regenerate the English catalogue, compile it, and list what is untranslated or fuzzy
# (needs GNU gettext; exits non-zero while anything is left; scripts/i18n_missing.py).
messages: venv
	$(PY) scripts/i18n_missing.py

lint: venv
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

# Rebuild the vendored front-end files from the npm registry (needs Node; the built
# files are committed so `make run` does not).
assets:
	rm -rf .assets-build && mkdir .assets-build && cp assets-package.json .assets-build/package.json
	cd .assets-build && npm install --no-audit --no-fund --silent
	cp .assets-build/node_modules/@utrecht/component-library-css/dist/index.css src/nabij/static/vendor/utrecht/component-library.css
	cp .assets-build/node_modules/@utrecht/design-tokens/dist/theme.css src/nabij/static/vendor/utrecht/design-tokens.css
	cp .assets-build/node_modules/htmx.org/dist/htmx.min.js src/nabij/static/vendor/htmx/htmx.min.js
	cp .assets-build/node_modules/axe-core/axe.min.js tests/e2e/vendor/axe.min.js
	rm -rf .assets-build

# City-scale benchmark (issue 7): two PostgreSQL databases, nginx and gunicorn, wrk, pgbench; minutes,
# not part of `make test` or CI. BENCH_LARGE=100000 for a quicker run. See docs/performance.md.
bench: venv
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	@command -v nginx >/dev/null || (apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null)
	$(PY) bench/run.py

clean:
	rm -rf .venv .tools var
