# The front door: `make run` and `make test` are the two set-up commands of the README.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB := data/tracker.duckdb
SAMPLE := $(wildcard data/sample/official/*.csv data/sample/official/*.xlsx data/sample/*.csv)
PORT ?= 8501
MONTH ?= 2019-03

.PHONY: run test bench boardpack demo lint clean

$(VENV)/installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The demo database is rebuilt when it is missing or older than the sample files.
$(DB): $(SAMPLE) $(VENV)/installed
	rm -f $(DB)
	$(PY) -m etl load --db $(DB) $(SAMPLE)

demo: $(DB)

run: $(DB)
	$(PY) -m streamlit run dashboard/app.py --server.port $(PORT)

test: $(VENV)/installed
	$(PY) -m pytest

lint: $(VENV)/installed
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

bench: $(VENV)/installed
	$(PY) -m tests.bench

boardpack: $(DB)
	$(PY) -m dashboard.boardpack --month $(MONTH) --out boardpack/$(MONTH)

clean:
	rm -rf $(VENV) $(DB) boardpack test-output
