# eventwire: the two commands of the README contract are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
DB ?= eventwire.db

.PHONY: demo test install install-test browser bench lint gate serve clean kb robustness train train-check vendor

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	# The machine's pip 23.2 can't resolve trafilatura with readability-lxml; pip >= 24 can.
	$(PIP) install --quiet --upgrade "pip>=24"

# The demo ends by pointing at `eventwire serve`, so install the serve/scale/export extras too.
$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(PIP) install --quiet -e ".[all]"
	touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml
	$(PIP) install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test browser

# Debian's Chromium drives the browser tests (Playwright never downloads a browser here).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "warning: could not install chromium; browser tests will be skipped"; \
		else echo "warning: /usr/bin/chromium missing and not root; browser tests will be skipped"; fi; \
	fi

demo: install
	$(VENV)/bin/eventwire demo --db $(DB)

test: install-test
	$(PY) -m pytest -q -ra

serve: install
	$(VENV)/bin/eventwire serve --db $(DB)

gate: install-test
	$(PY) -m pytest -q -m gate

# The same three checks as tests/test_lint.py; mypy's file list is in pyproject.toml ([tool.mypy]).
lint: install-test
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(PY) -m mypy

# The actor knowledge base (src/eventwire/kb/data) compiled from ../shared/kb plus scripts/kb_curated.
# Standard library only, so it needs no virtualenv.
kb:
	$(PYTHON) scripts/build_kb.py

# The learned event coder's models (src/eventwire/learn/data/*.npz) from ../shared/train and the blind
# VOA annotations (annotations/voa): deterministic, CPU, about two minutes. docs/models.md is the card.
train: install-test
	$(PY) -m eventwire.training.train --shared ../shared

# Train again into a scratch folder and compare with the shipped artifacts byte for byte.
train-check: install-test
	rm -rf artifacts/train-check && mkdir -p artifacts/train-check
	$(PY) -m eventwire.training.train --shared ../shared --out artifacts/train-check > artifacts/train-check/report.json
	cd artifacts/train-check && for f in *.npz *.tsv; do cmp "$$f" ../../src/eventwire/learn/data/"$$f" || exit 1; done
	@echo "train-check: every artifact rebuilt byte for byte"

# The dashboard's vendored front-end assets (Leaflet, topojson-client, Natural Earth boundaries, and
# axe-core for the tests) re-fetched from npm into a temporary folder. Needs npm; nothing else does.
vendor:
	scripts/vendor_assets.sh

bench: install-test
	$(PY) benchmarks/run_all.py

# Every text of every gold and training set in ../shared through the pipeline once (slow: tens of
# minutes); prints the count of failures (goal 0) and writes artifacts/robustness.json.
robustness: install-test
	$(PY) benchmarks/robustness.py --json artifacts/robustness.json

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .mypy_cache build *.egg-info src/*.egg-info
