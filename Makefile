# `make` builds and validates datapackage/ from the inputs it lists; `make test` also runs
# the test suite. Every target is a file built from declared prerequisites, so a second
# `make` with nothing changed does nothing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
BENCH := $(VENV)/.bench-installed

# Exactly what the build reads: the inputs, and the code of the build stages and what they
# import (not the curator tools or the benchmark in scripts/curator/ and scripts/bench/).
# The directories too: their times change when a file is added or removed, which the
# file list alone would not notice (a deleted article must rebuild the package).
CODE_DIRS := scripts scripts/build scripts/build/rows scripts/build/figures scripts/mentions
INPUTS := $(wildcard articles/*.txt articles/*.yaml reference/*.yaml reference/lexicon/*.yaml \
	schemas/*.json $(addsuffix /*.py,$(CODE_DIRS))) CHANGELOG.md CITATION.cff LICENSE \
	articles reference reference/lexicon schemas $(CODE_DIRS)
PACKAGE := datapackage/datapackage.json

.PHONY: all test validate clean bench draft extract dist corpus serve
# No .DELETE_ON_ERROR: on failure the previous datapackage/ must stay exactly as it was.
# .PRECIOUS: make deletes the target of a recipe that it or the recipe was interrupted in
# (Ctrl-C, a signal) if the file changed, which after the build published would delete the
# new package's datapackage.json. The build replaces datapackage/ atomically, so whatever
# is there after an interrupt is a complete package (README, "Interrupted builds").
.PRECIOUS: $(PACKAGE)

all: $(PACKAGE)

# Installing prints to stderr only, so that `make extract` keeps stdout for its JSON.
$(RUNTIME): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	@echo "Creating $(VENV) and installing requirements.txt" >&2
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) >&2
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt >&2
	@touch $@

$(DEV): requirements-dev.txt $(RUNTIME)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(BENCH): requirements-bench.txt $(DEV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

$(PACKAGE): $(RUNTIME) $(INPUTS)
	$(PY) -m scripts.build.client

validate: $(RUNTIME)
	$(PY) -m scripts.build.validate

# Keep the build warm in a terminal of its own: `make` then builds through it, paying for
# imports and dictionaries once (scripts/build/server.py). Ctrl-C stops it.
serve: $(RUNTIME)
	$(PY) -m scripts.build.server

test: $(PACKAGE) $(DEV)
	$(PY) -m pytest

bench: $(PACKAGE) $(BENCH)
	$(PY) -m scripts.bench

# A repository in OUT with N generated articles: distinct texts, each curated consistently
# with its own text (scripts/bench/corpus/). N, OUT and SEED reach it through the
# environment; `override ... := $(value ...)` keeps make itself from expanding a $(...)
# in them when it exports them.
corpus: override export N := $(value N)
corpus: override export OUT := $(value OUT)
corpus: override export SEED := $(value SEED)
corpus: $(RUNTIME)
	@test -n "$$N" && test -n "$$OUT" || { echo "usage: make corpus N=1000 OUT=dir [SEED=0]" >&2; exit 2; }
	$(PY) -m scripts.bench.corpus --from-environment

# ARTICLE, ID, URL and PUBLISHER reach the tools through the environment, never through a
# shell line: a file name with a backtick or $(...) in it must not run as a command. Make
# itself would expand a $(shell ...) in a command-line variable when it exports it, so
# each is exported as its unexpanded value.
draft extract: override export ARTICLE := $(value ARTICLE)
draft extract: override export ID := $(value ID)
draft extract: override export URL := $(value URL)
draft extract: override export PUBLISHER := $(value PUBLISHER)
draft: $(RUNTIME)
	@test -n "$$ARTICLE" || { echo "usage: make draft ARTICLE=path/to/article.txt [ID=slug]" >&2; exit 2; }
	$(PY) -m scripts.curator.draft --from-environment

# Proposals for a new article as one JSON object on stdout (messages on stderr).
extract: $(RUNTIME)
	@test -n "$$ARTICLE" || { echo "usage: make extract ARTICLE=path/to/article.txt" >&2; exit 2; }
	@$(PY) -m scripts.curator.extract --from-environment

# A versioned zip of the package for a release: dist/<name>-<version>.zip (same bytes for
# the same package).
dist: $(PACKAGE)
	$(PY) -m scripts.build.dist

clean:
	rm -rf $(VENV) .cache .pytest_cache .hypothesis .datapackage-new-* .datapackage-old-* dist
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
