# Guishu (归属) — every target sets itself up from the project's own files.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
SHARED  := ../shared/scenarios

.PHONY: setup run test lint test-engine bench sync-scenarios clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade "pip>=24"
	@$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	@# the editable install below builds without isolation: it needs a setuptools with bdist_wheel
	@$(BIN)/python -m pip install -q --disable-pip-version-check "setuptools==80.9.0"
	@$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

setup: $(STAMP)

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
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
