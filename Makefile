# The two commands that matter: `make demo` and `make test`.
# Every target builds its own virtual environment from requirements-dev.txt.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EMULATOR_PORT ?= 18080
export EMULATOR_PORT
EMULATOR_PATH := tests/emulator
# ansible finds the collection through a symlink to this repository ...
COLLECTIONS := $(CURDIR)/.cache/collections
# ... ansible-test (which wants a real directory) in a copy made fresh on each run.
ANSIBLE_TEST_ROOT := .cache/ansible-test/ansible_collections/ionos/enterprise
# make test-integration INTEGRATION_CONFIG=file.yml: against what that file names (the
# real cloud, see tests/integration/integration_config.yml.template), no emulator.
# INTEGRATION_TARGETS="a b" runs only those; INTEGRATION_ARGS="..." goes to ansible-test.
# Against the emulator the run is -vvv into tests/output/integration-vvv.log of the copy,
# then searched for every password and secret key the emulator saw (--scan-secrets).
INTEGRATION_CONFIG ?=
INTEGRATION_TARGETS ?=
INTEGRATION_ARGS ?=
# Against the emulator the targets run in this many shards at once (own copy, own emulator).
INTEGRATION_JOBS ?= 2
# make test-integration INTEGRATION_FAULTS='[{"kind": "503", "probability": 0.1}]': the same
# targets while the emulator injects these faults into the collection's own calls.
INTEGRATION_FAULTS ?=
# make test-faults: the targets again, under every kind of fault a retry makes safe at once
# (tests/run_integration.py's MIXED_FAULTS); each kind must land at least this many times.
FAULTS_MIN ?= 5
# The unit tests run in this many pytest-xdist workers, a whole file per worker (a file's
# fixtures, such as the demo under every fault, are built once): about 6 min on 2 cores.
UNIT_JOBS ?= 2
# Every sanity test runs over everything, the emulator included (none needs Docker or
# more network than PyPI). SANITY_ARGS="--test pep8" adds options of your own.
SANITY_ARGS ?=

.PHONY: help venv emulator demo docs test test-unit test-emulator test-docs test-sanity test-lint \
	test-package test-molecule test-integration test-faults test-faults-failed test-matrix test-core-newest \
	collection-link collection-copy bench lock lock-core clean

help:
	@echo "make demo             the main job: start the emulator and build a datacenter on it"
	@echo "make test             every test below, in this order (installs what it needs into $(VENV))"
	@echo "make test-unit        pytest tests/unit"
	@echo "make test-emulator    the emulator's own tests"
	@echo "make test-docs        ansible-doc renders every module, plugin and role without a warning; changelog fragments lint;"
	@echo "                      the HTML docs build without a warning and every internal link and anchor resolves"
	@echo "make test-sanity      ansible-test sanity (tests/sanity: one ignore file, the same for every core)"
	@echo "make test-lint        ansible-lint, production profile"
	@echo "make test-package     build the collection, install the tarball, run a playbook from the installed copy; galaxy-importer (Galaxy's import checks) on the tarball"
	@echo "make test-molecule    molecule test of each role's scenario against a started emulator"
	@echo "make test-integration ansible-test integration targets against a started emulator"
	@echo "make test-faults      the integration targets again, the emulator injecting every retry-safe fault"
	@echo "make test-faults-failed  each target with one request ending FAILED (not in make test)"
	@echo "make test-core-newest the newest ansible-core as a smoke (sanity compile/import/validate-modules, unit share, demo)"
	@echo "make test-matrix      every ansible-core minor requires_ansible admits: sanity, unit, demo; prints a table"
	@echo "make docs             the HTML documentation (antsibull-docs, Sphinx) in .cache/docs/html, no warning allowed"
	@echo "make emulator         the Cloud API v5 emulator in the foreground on 127.0.0.1:$(EMULATOR_PORT)"
	@echo "make bench            benchmarks (not part of the tests)"
	@echo "make clean            remove $(VENV), .cache and tests/output"

$(VENV)/.stamp: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Tools whose pins clash with requirements-dev.txt (Sphinx's docutils, galaxy-importer's attrs)
# get a virtual environment each: .cache/venv-<name> from requirements/<name>.txt.
.cache/venv-%/.stamp: requirements/%.txt
	rm -rf .cache/venv-$*
	$(PYTHON) -m venv .cache/venv-$*
	.cache/venv-$*/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	touch $@

venv: $(VENV)/.stamp

emulator: venv
	PYTHONPATH=$(EMULATOR_PATH) $(BIN)/python -m ionos_emulator --port $(EMULATOR_PORT)

demo: venv collection-link
	$(BIN)/python tests/run_demo.py

test: test-unit test-emulator test-docs test-sanity test-lint test-package test-molecule test-integration test-faults \
	test-core-newest
# In this order even under make -j: sanity and integration share the copied tree.
.NOTPARALLEL: test

# .cache/collections/ansible_collections/ionos/enterprise -> this repository
collection-link:
	@$(PYTHON) tests/harness.py link

# git's tracked and untracked-but-not-ignored files -> $(ANSIBLE_TEST_ROOT)
collection-copy:
	@$(PYTHON) tests/harness.py copy

test-unit: venv collection-link
	@if [ -d tests/unit ]; then \
	  PYTHONPATH=$(COLLECTIONS):$(EMULATOR_PATH) $(BIN)/python -m pytest -q -p no:cacheprovider \
	    -n $(UNIT_JOBS) --dist loadfile tests/unit; \
	else echo "test-unit: no tests/unit yet, skipped"; fi

test-emulator: venv
	PYTHONPATH=$(EMULATOR_PATH) $(BIN)/python -m pytest -q -p no:cacheprovider $(EMULATOR_PATH)/tests

test-docs: venv collection-link .cache/venv-docs/.stamp
	$(BIN)/python tests/harness.py docs --ansible-doc $(BIN)/ansible-doc
	$(BIN)/antsibull-changelog lint
	.cache/venv-docs/bin/python tests/docs_site.py build --check-links

# The HTML documentation, in its own virtual environment (Sphinx pins its own docutils).
docs: collection-link .cache/venv-docs/.stamp
	.cache/venv-docs/bin/python tests/docs_site.py build

test-sanity: venv collection-copy
	$(BIN)/python tests/harness.py pip-bootstrap
	cd $(ANSIBLE_TEST_ROOT) && PATH=$(CURDIR)/$(BIN):$$PATH \
	  $(CURDIR)/$(BIN)/ansible-test sanity --venv --python 3.11 --color no $(SANITY_ARGS)

test-lint: venv collection-link
	ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/ansible-lint --nocolor

test-package: venv .cache/venv-galaxy/.stamp
	$(BIN)/python tests/run_package.py

test-molecule: venv collection-link
	$(BIN)/python tests/run_molecule.py

test-integration: venv collection-copy
	$(BIN)/python tests/run_integration.py --collection-root $(ANSIBLE_TEST_ROOT) \
	  $(if $(INTEGRATION_CONFIG),--config $(INTEGRATION_CONFIG),--scan-secrets --jobs $(INTEGRATION_JOBS)) \
	  $(if $(INTEGRATION_FAULTS),--faults '$(INTEGRATION_FAULTS)') $(INTEGRATION_TARGETS) -- $(INTEGRATION_ARGS)

test-faults: venv collection-copy
	$(BIN)/python tests/run_integration.py --collection-root $(ANSIBLE_TEST_ROOT) --scan-secrets \
	  --jobs $(INTEGRATION_JOBS) --faults mixed --min-faults $(FAULTS_MIN) $(INTEGRATION_TARGETS)

# Not part of make test (about 8 minutes): each target with one of its requests ending FAILED;
# it passes, or fails naming that request and passes when run again.
test-faults-failed: venv collection-copy
	$(BIN)/python tests/run_integration.py --collection-root $(ANSIBLE_TEST_ROOT) --failed-requests \
	  --jobs $(INTEGRATION_JOBS) $(INTEGRATION_TARGETS)

# Every ansible-core minor requires_ansible admits, each in its own venv (about 10 min a minor).
test-matrix: venv
	$(BIN)/python tests/matrix.py

# The newest of them as a smoke: sanity compile/import/validate-modules, a share of the unit tests, the demo.
test-core-newest: venv
	$(BIN)/python tests/matrix.py --smoke

bench: venv collection-link
	PYTHONPATH=$(EMULATOR_PATH) $(BIN)/python $(EMULATOR_PATH)/bench.py
	$(BIN)/python tests/bench_modules.py
	$(BIN)/python tests/bench_inventory.py
	$(BIN)/python tests/bench_load.py
	$(BIN)/python tests/bench_tree.py
	$(BIN)/python tests/bench_polling.py

# make lock-core CORE=2.21 [CORE_PYTHON=3.13]: re-pin requirements/core-2.21.txt (tests/matrix.py).
lock-core: venv
	$(BIN)/python tests/matrix.py lock $(CORE) $(if $(CORE_PYTHON),--python $(CORE_PYTHON))

# make lock-<name>: re-pin requirements/<name>.txt from requirements/<name>.in in a scratch venv.
lock-%:
	rm -rf .cache/lock-$* && $(PYTHON) -m venv .cache/lock-$*
	.cache/lock-$*/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/$*.in
	{ echo "# Pinned by \`make lock-$*\` from requirements/$*.in with $$(.cache/lock-$*/bin/python -V)."; \
	  .cache/lock-$*/bin/python -m pip freeze --disable-pip-version-check; } > requirements/$*.txt.tmp
	mv requirements/$*.txt.tmp requirements/$*.txt

# Re-pin requirements-dev.txt from requirements-dev.txt.in in a scratch venv.
lock:
	rm -rf .cache/lock && $(PYTHON) -m venv .cache/lock
	.cache/lock/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt.in
	{ echo "# Pinned development environment (make creates .venv from it). Direct needs are in"; \
	  echo "# requirements-dev.txt.in; regenerate with \`make lock\`."; \
	  .cache/lock/bin/python -m pip freeze --disable-pip-version-check; } > requirements-dev.txt

clean:
	rm -rf $(VENV) .cache tests/output
