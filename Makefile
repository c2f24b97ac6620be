# make run   : set up the virtual environment, migrate, load the demo and a two-year demo history into an empty
#              database, serve on PORT
# make test  : set up the virtual environment (and Chromium for the browser tests), run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8050
HOST   ?= 127.0.0.1
export APP_ENV ?= development

.PHONY: run test bench venv chromium clean

$(BIN)/.terpasang: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# XStatic-Bootstrap ships only a source archive whose build needs setuptools' pkg_resources.
	$(BIN)/pip install -q "setuptools<75" wheel
	$(BIN)/pip install -q --no-build-isolation $$(grep -i '^xstatic-bootstrap==' requirements.txt)
	$(BIN)/pip install -q -r requirements.txt
	touch $@

venv: $(BIN)/.terpasang

run: venv
	$(BIN)/flask --app app:server db upgrade
	$(BIN)/flask --app app:server demo load --jika-kosong
	$(BIN)/flask --app app:server demo generate --kecamatan 5 --years 2 --seed 1 --jika-kosong
	$(BIN)/gunicorn --bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile - app:server

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Memasang Chromium dari paket Debian..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

test: venv chromium
	$(BIN)/ruff check .
	$(BIN)/pytest

# make bench : callback speed of the dashboards on the 33-kecamatan, five-year demo history (built once)
bench: venv
	$(BIN)/python tests/bench/bench_dasbor.py

clean:
	rm -rf $(VENV) .pytest_cache
