# One command to serve, one to test. Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve build test validate install browser axe clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

## serve: validate, build and serve the site with the bundled data on http://$(HOST):$(PORT)
serve: install
	$(PY) -m generator serve --host $(HOST) --port $(PORT)

## build: validate and build the static site into site/
build: install
	$(PY) -m generator build

validate: install
	$(PY) -m generator validate

## browser: Debian's Chromium for the browser tests (needs root; CI requires it)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else echo "chromium is missing: run 'sudo apt-get install chromium'"; fi; }

## axe: axe-core from npm, for the accessibility tests only (never served)
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

axe:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node_modules/.installed; \
	else echo "npm is missing: the accessibility tests will be skipped (CI requires them)"; fi

## test: install everything and run the whole test suite, browser tests included, one
## worker per core (pytest-xdist; a test file stays on one worker, so its fixtures build once)
test: install browser axe
	$(PY) -m pytest -q -n auto --dist loadfile

clean:
	rm -rf site docs/atlas test-artifacts
