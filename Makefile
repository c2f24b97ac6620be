# make run   : set up the virtual environment, migrate, load the demo and a two-year demo history into an empty
#              database, serve on PORT
# make test  : set up the virtual environment with the test tools (and Chromium for the browser tests), check the
#              code (ruff, import contracts, mypy) and run the whole test suite
# make fuzz  : the long property-based run (tests/fuzz): 20,000 random and hostile requests (FUZZ_JUMLAH) to every
#              callback and route, as every role and anonymous, on a fresh SQLite demo database, then on PostgreSQL
#              when FUZZ_DB_URL (or TEST_DATABASE_URL) names a server (the run creates and drops its own database
#              there); prints inputs tried, answers by status, 500s with their tracebacks, writes on refused requests
#              and refusals without an audit row; fails when any of those is not 0
# make bench-layar : every menu page drawn in Chromium as admin and kabupaten.malang on BENCH_LAYAR_URL (else BENCH_DB's
#              file): seconds until drawn, largest callback answer; fails over 5 s or 1 MB (tests/bench/bench_layar.py)
# make lock  : re-resolve requirements.txt / requirements-test.txt from pyproject.toml (versions kept unless
#              UPGRADE=1), with hashes
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8050
HOST   ?= 127.0.0.1
export APP_ENV ?= development

.PHONY: run serve test test-cepat fuzz bench bench-layar load venv venv-test chromium lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(BIN)/.terpasang: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements.txt
	touch $@

$(BIN)/.terpasang-uji: requirements-test.txt | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements-test.txt
	touch $@ $(BIN)/.terpasang

venv: $(BIN)/.terpasang
venv-test: $(BIN)/.terpasang-uji

run: venv
	$(BIN)/flask --app app:server db upgrade
	$(BIN)/flask --app app:server demo load --jika-kosong
	$(BIN)/flask --app app:server demo generate --kabupaten Malang --kecamatan 5 --years 2 --seed 1 --jika-kosong
	$(BIN)/flask --app app:server demo generate --kabupaten "Tanjung Jabung Barat" --kecamatan 4 --years 2 --seed 1 --jika-kosong
	$(BIN)/gunicorn --bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile - app:server

# make serve : production serving: migrate, then gunicorn with WORKERS processes of THREADS threads against
#              DATABASE_URL (PostgreSQL, or SQLite in WAL mode with a 30 s busy timeout), one JSON line per request
#              on stderr, /sehat and /siap for the balancer. SECRET_KEY must be set.
WORKERS ?= 4
THREADS ?= 4
serve: venv
	$(BIN)/flask --app app:server db upgrade
	LOG_PERMINTAAN=$${LOG_PERMINTAAN:-1} $(BIN)/gunicorn --bind $(HOST):$(PORT) --workers $(WORKERS) \
	  --threads $(THREADS) --timeout 60 --graceful-timeout 30 --keep-alive 75 --error-logfile - app:server

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Memasang Chromium dari paket Debian..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

fonts:
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || { \
	  echo "Memasang fonta DejaVu dari paket Debian..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core; }

test: venv-test chromium
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest

# The suite without the browser tests (pytest -m "not e2e"), for a quick run while working.
test-cepat: venv-test
	$(BIN)/pytest -m "not e2e"

# make load  : 50 simulated users of the real roles for two minutes against gunicorn on a fresh demo database
#              (SQLite; and PostgreSQL when LOAD_PG_URL names a database URL), then every write checked
load: venv-test
	$(BIN)/python -m tests.muat.jalankan --pengguna 50 --detik 120
	@if [ -n "$$LOAD_PG_URL" ]; then $(BIN)/python -m tests.muat.jalankan --db "$$LOAD_PG_URL" --pengguna 50 --detik 120; fi

FUZZ_JUMLAH ?= 20000
fuzz: venv-test
	@status=0; $(BIN)/python -m tests.fuzz.jalankan --jumlah $(FUZZ_JUMLAH) || status=1; \
	url="$${FUZZ_DB_URL:-$$TEST_DATABASE_URL}"; \
	if [ -n "$$url" ]; then $(BIN)/python -m tests.fuzz.jalankan --jumlah $(FUZZ_JUMLAH) --db "$$url" || status=1; fi; \
	exit $$status

# make bench : callback speed of the dashboards on the 33-kecamatan, five-year demo history (built once), three
#              runs, held to the median of their p95 (BENCH_PG_URL adds PostgreSQL at 33 and 600 offices)
bench: venv-test
	$(BIN)/python tests/bench/bench_dasbor.py

# make bench-layar : every menu page drawn in Chromium as admin and kabupaten.malang (BENCH_LAYAR_URL or BENCH_DB's
#                    database): seconds until drawn and the largest callback answer; fails over 5 s or 1 MB
bench-layar: venv-test
	$(BIN)/python tests/bench/bench_layar.py

lock: | $(BIN)/python
	$(BIN)/pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 $(if $(UPGRADE),--upgrade) \
	  -o requirements.txt
	$(BIN)/uv pip compile pyproject.toml --group test --generate-hashes --python-version 3.11 \
	  $(if $(UPGRADE),--upgrade) -o requirements-test.txt

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache
