# Two entry points (see README): `make demo` runs the main job, `make test` runs the tests.
# Both set up what they need on a fresh machine (a .venv; Debian packages when run as root).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEB_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils \
	chromium chromium-driver

.PHONY: demo test lint system-deps setup

$(BIN)/kb: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,server]'
	touch $(BIN)/kb

setup: system-deps $(BIN)/kb

system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "missing Debian packages (install them as root):$$missing"; fi; \
	fi

demo: setup
	mkdir -p out
	$(BIN)/kb validate
	$(BIN)/kb memo --regime state --lang ky --format md -o out/memo-state-ky.md
	$(BIN)/kb memo --regime municipal --lang ky --format pdf -o out/memo-municipal-ky.pdf
	$(BIN)/kb law --section 1 --body-type district-administration --as-of 2024-01-01
	$(BIN)/kb evaluate examples/ministry-violations.json --as-of 2025-06-30 --format pdf -o out/report-ky.pdf
	$(BIN)/kb evaluate examples/ministry-violations.json --as-of 2025-06-30 --format html --lang ru -o out/report-ru.html
	$(BIN)/kb evaluate examples/local-self-government.json --as-of 2025-06-30 --format json -o out/report-lsg.json
	$(BIN)/kb template --body-type state-body --format xlsx -o out/blank-state-body.xlsx --force
	@echo "written: out/ (memo, findings reports, a blank Excel facts workbook)"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/kb validate
	$(BIN)/python -m pytest -q -n auto
