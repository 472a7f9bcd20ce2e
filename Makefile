# The set-up contract: `make run` and `make test` work on a fresh Debian machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# Qt's runtime libraries and the fonts that draw Chinese, Japanese, Korean and Arabic as text.
RUN_DEBS := fonts-noto-core fonts-noto-cjk libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
	libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 \
	libxcb-randr0 libxcb-render-util0 libxcb-image0
# msgfmt -c (gettext) and xmllint (libxml2-utils) check the exports in the tests.
TEST_DEBS := $(RUN_DEBS) postgresql gettext libxml2-utils

.PHONY: run test test-fast lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.run-installed

# The reference portal runs in the background (its data in .run/portal, kept between runs; `studio portal stop --data
# .run/portal` ends it) with a token for the demo supervisor, and the window publishes to it: Document ▸ Release…
# works out of the box.
PORTAL_DATA := .run/portal
PORTAL_PORT ?= 8765
PORTAL_SCOPES := --scope content:read --scope content:write --scope release:create
run: $(VENV)/.run-installed
	@scripts/debian-packages.sh $(RUN_DEBS)
	@url=$$($(BIN)/studio portal serve --background --port $(PORTAL_PORT) --data $(PORTAL_DATA)) && \
	{ test -s $(PORTAL_DATA)/supervisor.token || (umask 077 && $(BIN)/studio portal token --data $(PORTAL_DATA) \
		--name supervisor $(PORTAL_SCOPES) > $(PORTAL_DATA)/supervisor.token); } && \
	echo "Releases go to the reference portal at $$url" && \
	STUDIO_PORTAL_URL=$$url STUDIO_PORTAL_TOKEN="$$(cat $(PORTAL_DATA)/supervisor.token)" $(BIN)/studio gui

test: $(VENV)/.test-installed
	@scripts/debian-packages.sh $(TEST_DEBS)
	$(BIN)/lint-imports --no-cache
	scripts/with-postgres.sh $(BIN)/python -m pytest -q

# The part a newcomer runs while working, in under 30 s: no window, no PostgreSQL server, nothing slow.
test-fast: $(VENV)/.test-installed
	@scripts/debian-packages.sh $(TEST_DEBS)
	$(BIN)/python -m pytest -q -m "not gui and not postgres and not slow"

lint: $(VENV)/.test-installed
	$(BIN)/ruff check studio reference_portal tests bench
	$(BIN)/mypy studio reference_portal

# `make bench` measures the portal (scale 1); `make bench SCALE=10` (or ARGS=--scale=10) ten times it, in its own
# bench/out/scale-10, in several minutes. Neither is part of `make test`.
SCALE ?= 1
ARGS ?= --scale=$(SCALE)
bench: $(VENV)/.test-installed
	$(BIN)/python bench/run_foundation.py --keep $(ARGS)
	$(BIN)/python bench/run_editor.py $(ARGS)
	$(BIN)/python bench/run_integrity.py $(ARGS)
	$(BIN)/python bench/run_replace.py
	$(BIN)/python bench/run_segmenter.py
	$(BIN)/python bench/run_mt.py $(ARGS)

clean:
	rm -rf $(VENV) build *.egg-info bench/out
