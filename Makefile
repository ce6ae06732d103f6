# Guishu (归属) — every target sets itself up from the project's own files.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
SHARED  := ../shared/scenarios

.PHONY: setup engine run test lint bench sync-scenarios clean

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

## make run: rehearse the agreed scenarios and print every ruling
run: setup
	@$(BIN)/guishu scenario run tests/scenarios/agreed tests/scenarios/own
	@for f in tests/scenarios/agreed/*.yaml; do echo; $(BIN)/guishu scenario explain $$f; done | head -n 400

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

## make test: lint, type-check, the import contract and every test
test: lint
	$(BIN)/pytest
	@if [ -d $(SHARED) ]; then \
	  echo "== agreed scenarios in $(SHARED) =="; $(BIN)/guishu scenario run $(SHARED) | tail -n 1; \
	else echo "$(SHARED) not found: the shared scenarios were not run (the project's copy was)"; fi

## make bench: one million synthetic events against a plain-dict baseline (not a test)
bench: setup
	$(BIN)/python bench/replay.py

## make sync-scenarios: take the agreed scenarios from ../shared/scenarios into the tests
sync-scenarios:
	@test -d $(SHARED) || { echo "$(SHARED) not found"; exit 1; }
	@rm -f tests/scenarios/agreed/*.yaml
	@cp $(SHARED)/*.yaml tests/scenarios/agreed/
	@echo "synced $$(ls tests/scenarios/agreed/*.yaml | wc -l) agreed scenarios"

clean:
	-$(BIN)/python -c "from guishu._compiled import clean; clean()"
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis
