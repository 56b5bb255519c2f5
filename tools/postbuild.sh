#!/usr/bin/env bash
# Post-build steps on a built site, whichever engine built it (MkDocs or
# Zensical): the Makefile runs this right after the engine's build.
# Usage: tools/postbuild.sh SITE_DIR
set -euo pipefail
site="$(cd "${1:?usage: tools/postbuild.sh SITE_DIR}" && pwd)"
cd "$(dirname "$0")/.."
# Share images, the print QR code, JSON-LD, posters and minified pages
# first (Python from the site's venv: Zensical's own venv lacks Pillow and
# qrcode). Meanwhile, as they read no page: the page scripts bundled and
# minified, and the coach's pose model and runtime from the pinned npm
# package, served from the site's own origin (only in the built site, never
# committed).
node tools/build-js.mjs "$site" & scripts=$!
node tools/pose-model.mjs "$site" & model=$!
"${PYTHON_BIN:-.venv/bin/python}" tools/postbuild.py "$site"
wait "$scripts"
wait "$model"
# Minified stylesheets from the per-component sources (after the pages: the
# palette stylesheet keeps the colours they use).
node tools/build-css.mjs "$site"
# The service worker last, so its precache revisions see the final files.
node tools/build-sw.mjs "$site"
