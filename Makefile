# Two commands: `make run` (set up and start) and `make test` (set up and test).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint bench clean setup

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Setting up $(VENV) with the pinned dependencies (first run or pyproject.toml changed; about a minute) …"
	@# pip's own chatter goes to a log, shown only when something fails.
	@{ $(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip && \
	   $(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'; } > $(VENV)/install.log 2>&1 \
	   || { cat $(VENV)/install.log; echo "Setting up $(VENV) failed (log above, also in $(VENV)/install.log)."; exit 1; }
	@rm -f $(VENV)/.installed-*; touch $@

setup: $(STAMP)

run: $(STAMP)
	@$(PY) -m bot run

test: $(STAMP)
	$(PY) -m ruff check bot tests bench
	$(PY) -m ruff format --check bot tests bench
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,lint]'
	$(PY) -m ruff check bot tests bench
	$(PY) -m pyright

bench: $(STAMP)
	$(PY) -m bench.matching
	$(PY) -m bench.quality

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
