# The two commands that matter: `make demo` and `make test`.
# Every target builds its own virtual environment from requirements-dev.txt.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EMULATOR_PORT ?= 18080
export EMULATOR_PORT
EMULATOR_PATH := tests/emulator

.PHONY: help venv emulator demo test test-emulator bench lock clean

help:
	@echo "make demo       the main job: start the emulator and build a datacenter on it"
	@echo "make test       every test (installs what it needs into $(VENV))"
	@echo "make emulator   the Cloud API v5 emulator in the foreground on 127.0.0.1:$(EMULATOR_PORT)"
	@echo "make bench      benchmarks (not part of the tests)"

$(VENV)/.stamp: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.stamp

emulator: venv
	PYTHONPATH=$(EMULATOR_PATH) $(BIN)/python -m ionos_emulator --port $(EMULATOR_PORT)

demo: venv
	PYTHONPATH=$(EMULATOR_PATH) $(BIN)/python $(EMULATOR_PATH)/demo.py

test: test-emulator

test-emulator: venv
	PYTHONPATH=$(EMULATOR_PATH) $(BIN)/python -m pytest -q -p no:cacheprovider $(EMULATOR_PATH)/tests

bench: venv
	PYTHONPATH=$(EMULATOR_PATH) $(BIN)/python $(EMULATOR_PATH)/bench.py

# Re-pin requirements-dev.txt from requirements-dev.txt.in in a scratch venv.
lock:
	rm -rf .cache/lock && $(PYTHON) -m venv .cache/lock
	.cache/lock/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt.in
	{ echo "# Pinned development environment (make creates .venv from it). Direct needs are in"; \
	  echo "# requirements-dev.txt.in; regenerate with \`make lock\`."; \
	  .cache/lock/bin/python -m pip freeze --disable-pip-version-check; } > requirements-dev.txt

clean:
	rm -rf $(VENV) .cache tests/output
