# The two commands of the README: `make run` and `make test`. Both set up everything they
# need on a fresh Debian machine with Python 3.11 (run as root for the apt step of `test`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SYSTEM_PACKAGES := chromium chromium-driver fonts-noto-cjk poppler-utils postgresql

.PHONY: run test test-fast venv system-deps data lint

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV) || { apt-get update && apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

venv: $(BIN)/.installed

data: venv
	test -f data/indicators.csv || $(BIN)/python -m dashboard.pipeline build

run: data
	$(BIN)/python app.py

system-deps:
	dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(SYSTEM_PACKAGES); }

lint: venv
	$(BIN)/ruff check .

# The whole suite: everything but the browser tests on both cores (PostgreSQL tests start
# their own throwaway cluster), then the browser tests (one Chromium at a time).
test: system-deps venv lint
	$(BIN)/pytest -m "not browser" -n 2
	$(BIN)/pytest -m browser

# Everything but the browser and PostgreSQL tests (no Chromium or PostgreSQL needed).
test-fast: venv lint
	$(BIN)/pytest -m "not browser and not postgres" -n 2
