# The front door: `make run` and `make test` are the two set-up commands of the README.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB := data/tracker.duckdb
# The demo: England's official files as published, then the four sample CCGs' tracker returns.
OFFICIAL := $(sort $(wildcard data/official/*.csv data/official/*.xlsx))
# What `make update` fetched (kept in data/official/downloads/): a rebuild loads it again.
OFFICIAL += $(sort $(filter-out %/manifest.csv,$(wildcard data/official/downloads/*.csv)))
TRACKER := $(sort $(wildcard data/sample/*.csv))
# The loader and its SQL: a change to either rebuilds the demo database too.
ETL_CODE := $(shell find etl -name '*.py' -o -name '*.sql')
PORT ?= 8501
MONTH ?= 2019-03

.PHONY: run data update test test-fast bench boardpack demo lint clean
# A load that fails leaves no half-built database behind for the next `make` to trust.
.DELETE_ON_ERROR:

$(VENV)/installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Rebuilt from scratch when it is missing or older than any input file or the loader.
$(DB): $(OFFICIAL) $(TRACKER) $(ETL_CODE) $(VENV)/installed
	rm -f $(DB) $(DB).wal
	$(PY) -m etl load --db $(DB) $(OFFICIAL) $(TRACKER)

data: $(DB)

demo: data

run: $(DB)
	$(PY) -m streamlit run dashboard/app.py --server.port $(PORT)

# The month's official files from the NHS sites into the live database ($$TRACKER_DB, else $(DB)).
update: $(VENV)/installed $(if $(TRACKER_DB),,$(DB))
	$(PY) -m etl fetch

test: $(VENV)/installed
	$(PY) -m pytest

# The quick inner loop: everything but the slow and the browser tests, on every core (pytest-xdist).
test-fast: $(VENV)/installed
	$(PY) -m pytest -m "not slow and not browser" -n auto

lint: $(VENV)/installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

bench: $(VENV)/installed
	$(PY) -m tests.bench

boardpack: $(DB)
	$(PY) -m dashboard.boardpack --month $(MONTH) --out boardpack/$(MONTH)

clean:
	rm -rf $(VENV) $(DB) $(DB).wal boardpack test-output *.egg-info
