# The project's interface. `make serve` and `make test` set up everything
# they need on a fresh machine; nothing is installed by hand.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_DEPS := $(VENV)/.site-deps
DEV_DEPS := $(VENV)/.dev-deps
NODE_DEPS := node_modules/.installed
ADDR ?= 127.0.0.1:8000
# Post-build steps for any engine's output (service worker): $(POSTBUILD) SITE_DIR
POSTBUILD := tools/postbuild.sh
export NO_MKDOCS_2_WARNING := 1  # the README covers the move to Zensical

.PHONY: help serve build test lint bench bench-coach zensical lock chromium media clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(SITE_DEPS): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	@# Put the repository on the path so both engines import hipmd/ (an editable install without a build backend).
	$(BIN)/python -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "hipmd.pth").write_text("$(CURDIR)\n")'
	@touch $@

$(DEV_DEPS): $(SITE_DEPS) requirements-dev.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-dev.txt
	@touch $@

# npm tools from the lock file; install scripts off, so no package runs code at install time.
$(NODE_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

serve: $(SITE_DEPS) ## Set up and serve the site with live reload at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr $(ADDR) --livereload

build: $(SITE_DEPS) $(NODE_DEPS) ## Strict build into site/, then the post-build steps
	$(BIN)/mkdocs build --strict --clean --site-dir site
	$(POSTBUILD) site

lint: build ## Fast content checks

chromium: ## Install Debian's Chromium for the browser tests if it is missing
	@bash tools/ensure-chromium.sh

test: $(DEV_DEPS) $(NODE_DEPS) chromium build ## Set up, build and run every check
	$(BIN)/python -m pytest

# The clips are committed; this redraws them (about a minute per clip on two cores). make test never does.
media: $(DEV_DEPS) ## Redraw and encode the demonstration clips, captions and chapters into docs/assets/media/
	@bash tools/ensure-ffmpeg.sh
	$(BIN)/python tools/render_media.py

bench: ## Compare weight and speed with plain Material (not yet)
	@echo "make bench: not yet; the quality issue adds the comparison with plain Material."

bench-coach: $(DEV_DEPS) $(NODE_DEPS) chromium build ## Coach: model payload, load and frame times, tilt accuracy (fake camera)
	$(BIN)/python tools/bench_coach.py

zensical: ## Build with Zensical, the successor engine (not yet)
	@echo "make zensical: not yet; the contributor issue adds the Zensical build."

lock: ## Re-pin requirements*.txt with hashes from requirements*.in
	@test -x .venv-lock/bin/uv || ($(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet uv==0.13.9)
	.venv-lock/bin/uv pip compile --python-version 3.11.7 --generate-hashes --quiet requirements.in -o requirements.txt
	.venv-lock/bin/uv pip compile --python-version 3.11.7 --generate-hashes --quiet requirements-dev.in -o requirements-dev.txt

clean: ## Remove builds and test output (keeps .venv)
	rm -rf site site-* tests/artifacts
