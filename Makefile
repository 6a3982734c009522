# The two commands of the README: `make run` and `make test`. Both set up everything they
# need on a fresh Debian machine with Python 3.11 (run as root for the apt step of `test`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SYSTEM_PACKAGES := chromium chromium-driver fonts-noto-cjk poppler-utils postgresql
# Node.js and npm run the JavaScript linter (`make lint`; the app itself needs no Node).
# Installed from Debian only when the commands are missing, not checked with dpkg: a Node
# from another apt source (NodeSource's nodejs bundles npm and conflicts with Debian's npm
# package) is used as it is, never replaced.
NODE_PACKAGES := nodejs npm
NPM_STAMP := node_modules/.installed
# pytest caches its assertion-rewritten test modules in __pycache__ only when bytecode may
# be written: a shell that forbids it makes every run (and every xdist worker) rewrite ~470
# modules again (about 6 s of CPU each).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast test-unit venv system-deps data lint

# --no-compile: pip byte-compiles every file it installs (plotly alone ships thousands of
# modules); Python compiles what is imported, once, on first use: 11 s less of a fresh
# install.
$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV) || { apt-get update && apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --disable-pip-version-check --no-compile -q -r requirements.txt
	touch $@

venv: $(BIN)/.installed

data: venv
	test -f data/indicators.csv || $(BIN)/python -m dashboard.pipeline build

run: data
	$(BIN)/python app.py

system-deps:
	dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(SYSTEM_PACKAGES); }
	command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(NODE_PACKAGES); }

# ESLint as pinned in package.json / package-lock.json (npm ci installs exactly that).
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make lint: the JavaScript linter needs Node.js and npm; run 'make system-deps' as root (or apt-get install $(NODE_PACKAGES))" >&2; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

# Python (ruff) and the app's own browser scripts (ESLint, eslint.config.mjs: assets/*.js,
# not the vendored bundles in assets/vendor/).
lint: venv $(NPM_STAMP)
	$(BIN)/ruff check .
	node_modules/.bin/eslint assets

# Lanes (markers in pyproject.toml, given in tests/conftest.py and tests/lanes.py).
# The whole suite, every test: lint, then one pytest run on both cores (PostgreSQL tests
# start their own throwaway cluster; slow process tests and the fuzzers on their full
# budget, at least 2,000 requests each). The browser tests are one xdist group
# (tests/lanes.py): they run one Chromium at a time on one worker (on two loaded cores, two
# Chromiums made page waits time out) while the other worker runs the rest; the browser
# unit keeps one core busy and is the run's critical path. FUZZ_BUDGET is removed so that
# a value left in the shell can never make this lane weaker.
test: system-deps venv lint
	env -u FUZZ_BUDGET $(BIN)/pytest -n 2 --dist loadgroup

# The unit lane and the fuzzers: those of callbacks and entry writes on a 300-request budget
# (the API's and /admin/users' always send 2,000). No browser, PostgreSQL or slow test.
test-fast: venv lint
	FUZZ_BUDGET=300 $(BIN)/pytest -m "not browser and not postgres and not slow" -n 2

# The edit-test loop: no browser, PostgreSQL, slow process or corpus test, no fuzzer.
test-unit: venv
	$(BIN)/pytest -m "not browser and not postgres and not slow and not fuzz" -n 2
