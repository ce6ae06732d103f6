# Guishu (归属) — every target sets itself up from the project's own files.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PIP     := $(BIN)/python -m pip install -q --disable-pip-version-check
STAMP   := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
SHARED  := ../shared/scenarios

.PHONY: setup engine run test lint bench bench-large sync-scenarios lock tools hooks clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

## the locked dependencies (hashes checked) and guishu itself, editable; the engine is compiled by `engine`
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	@$(PIP) --require-hashes -r requirements.lock
	@GUISHU_PURE=1 $(PIP) --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

## the engine compiled with mypyc (setup.py) into build/engine, again whenever an engine file changed,
## appeared or went; `import guishu` refuses a build older than the sources (src/guishu/_compiled.py)
ENGINE_FILES := $(sort $(shell find src/guishu/engine -name '*.py' -o -name '*.toml'))
ENGINE_BUILT := build/engine/.built-$(shell echo $(ENGINE_FILES) | cksum | cut -d' ' -f1)

$(ENGINE_BUILT): $(ENGINE_FILES) setup.py src/guishu/_compiled.py requirements.lock | $(STAMP)
	@# compiled files of older in-place builds would shadow the sources: they go too
	@rm -rf build/engine src/*__mypyc*.so src/guishu/engine/.compiled-sources
	@find src/guishu -name '*.so' -delete
	@if [ "$$GUISHU_PURE" = 1 ]; then echo "GUISHU_PURE=1: the engine is not compiled"; \
	else echo "compiling the engine with mypyc (about 40 s)…"; \
	  $(BIN)/python setup.py -q build_ext --build-lib build/engine > $(VENV)/mypyc.log 2>&1 || rm -rf build/engine; \
	  if [ -f build/engine/guishu/engine-sources.sha256 ]; then touch $@; \
	  else echo "no compiled engine (see $(VENV)/mypyc.log): the engine runs as pure Python"; fi; fi

engine: $(ENGINE_BUILT)

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

## make lint: style, format, types (mypy's django plugin imports the settings, so it reads the pure
## source: type-checking needs no compiled engine), the import contracts, file and function sizes
LINTED := src tests bench tools setup.py
lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	GUISHU_PURE=1 $(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python tools/check_sizes.py

## make test: lint; the whole suite on SQLite on the pure-Python engine, under the coverage gate
## (fail_under in pyproject.toml); the engine's tests again on the compiled engine; then the whole
## suite on PostgreSQL (compiled) whenever it answers at 127.0.0.1:5432 (a fresh database per run)
PG_URL   := postgres://postgres@127.0.0.1:5432/test
test: lint engine
	@echo "== the whole suite on SQLite, pure-Python engine, coverage gated =="
	GUISHU_PURE=1 $(BIN)/pytest --cov
	@echo "== the engine's tests again on the compiled engine (pure and compiled must agree) =="
	@test -f $(ENGINE_BUILT) || echo "(no compiled build: this pass runs the pure-Python engine again)"
	$(BIN)/pytest -p no:randomly tests/engine tests/cli tests/scenarios
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
	$(BIN)/python bench/snapshot.py
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

## make tools: uv and pre-commit at the versions of requirements-tools.txt (hashes checked)
tools: | $(BIN)/python
	@$(PIP) --require-hashes -r requirements-tools.txt

## make lock: requirements.lock written again from pyproject.toml ([project] dependencies, the test
## extra and [build-system] requires) by the pinned uv, with hashes, for Python 3.11 on Linux x86-64;
## pins stay where pyproject still allows them (`make lock LOCK_ARGS=--upgrade` takes newer ones)
LOCK_FOR := --python-version 3.11 --python-platform x86_64-unknown-linux-gnu --generate-hashes --custom-compile-command "make lock"
lock: tools
	@mkdir -p build
	@$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' > build/build-system-requires.txt
	$(BIN)/uv pip compile -q $(LOCK_FOR) $(LOCK_ARGS) pyproject.toml build/build-system-requires.txt --extra test -o requirements.lock
	$(BIN)/uv pip compile -q $(LOCK_FOR) $(LOCK_ARGS) tools/requirements-tools.in -c requirements.lock -o requirements-tools.txt

## make hooks: git runs the checks of `make lint` before each commit (.pre-commit-config.yaml)
hooks: tools $(STAMP)
	$(BIN)/pre-commit install

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage src/*__mypyc*.so
	find src -name '*.so' -delete
