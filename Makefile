# Guishu (归属) — every target sets itself up from the project's own files.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
SHARED  := ../shared/scenarios

.PHONY: setup engine run test lint bench bench-large sync-scenarios clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade "pip>=24"
	@$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	@# the editable install below builds without isolation: it needs a setuptools with bdist_wheel
	@$(BIN)/python -m pip install -q --disable-pip-version-check "setuptools==80.9.0"
	@GUISHU_PURE=1 $(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

## the engine compiled with mypyc, rebuilt whenever its sources changed (pure Python otherwise)
engine: $(STAMP)
	@if [ "$$GUISHU_PURE" = 1 ]; then echo "GUISHU_PURE=1: using the pure-Python engine"; \
	elif ! $(BIN)/python -c "from guishu._compiled import compiled_is_current as c; raise SystemExit(not c())"; then \
	  echo "compiling the engine with mypyc (about 30 s)…"; \
	  $(BIN)/python -c "from guishu._compiled import clean; clean()"; \
	  if $(BIN)/python setup.py -q build_ext --inplace > $(VENV)/mypyc.log 2>&1; then \
	    $(BIN)/python -c "from guishu._compiled import write_stamp; write_stamp()"; \
	  else echo "mypyc build failed (see $(VENV)/mypyc.log): using the pure-Python engine"; \
	    $(BIN)/python -c "from guishu._compiled import clean; clean()"; fi; \
	fi

setup: $(STAMP) engine

## make run: the service on the embedded SQLite database, with the demo company loaded
DATA     := $(CURDIR)/data
RUN_ENV  := GUISHU_DATA=$(DATA) DATABASE_URL=sqlite:///$(DATA)/guishu.sqlite3
run: setup
	@mkdir -p $(DATA)
	@$(BIN)/guishu scenario run tests/scenarios/agreed | tail -n 1
	@$(RUN_ENV) $(BIN)/guishu migrate
	@$(RUN_ENV) $(BIN)/guishu demo
	@echo "API 文档 / interactive docs: http://127.0.0.1:8000/api/v1/docs  (登录 / log in: http://127.0.0.1:8000/api/v1/auth/login/)"
	@$(RUN_ENV) $(BIN)/guishu serve --port 8000

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

## make test: lint, type-check, the import contract and every test on SQLite; then the whole suite
## again on PostgreSQL whenever it answers at 127.0.0.1:5432 (a fresh database per run)
PG_URL   := postgres://postgres@127.0.0.1:5432/test
test: lint
	@echo "== the whole suite on SQLite =="
	$(BIN)/pytest
	@echo "== the engine's tests again on its pure-Python source (the compiled build must agree) =="
	GUISHU_PURE=1 $(BIN)/pytest -p no:randomly tests/engine tests/cli tests/scenarios
	@if [ -d $(SHARED) ]; then \
	  echo "== agreed scenarios in $(SHARED) =="; $(BIN)/guishu scenario run $(SHARED) | tail -n 1; \
	else echo "$(SHARED) not found: the shared scenarios were not run (the project's copy was)"; fi
	@if $(BIN)/python -c "import psycopg; psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== the whole suite on PostgreSQL (127.0.0.1:5432) =="; \
	  DATABASE_URL=$(PG_URL) GUISHU_TEST_DB=test_guishu_$$$$ $(BIN)/pytest; \
	else echo "PostgreSQL not answering at 127.0.0.1:5432: the PostgreSQL pass was SKIPPED"; fi

## make bench: one million synthetic events against a plain-dict baseline, then the service benchmark
## (the real server against minimal views in it, SQLite and PostgreSQL, 1,000 and 100,000 customers);
## not a test. make bench-large adds a site of 1,000,000 customers.
bench: setup
	$(BIN)/python bench/replay.py
	$(BIN)/python bench/service.py

bench-large: setup
	$(BIN)/python bench/replay.py
	$(BIN)/python bench/service.py --large

## make sync-scenarios: take the agreed scenarios from ../shared/scenarios into the tests
sync-scenarios:
	@test -d $(SHARED) || { echo "$(SHARED) not found"; exit 1; }
	@rm -f tests/scenarios/agreed/*.yaml
	@cp $(SHARED)/*.yaml tests/scenarios/agreed/
	@echo "synced $$(ls tests/scenarios/agreed/*.yaml | wc -l) agreed scenarios"

clean:
	-$(BIN)/python -c "from guishu._compiled import clean; clean()"
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis
