#!/usr/bin/env bash
# Post-build steps on a built site, whichever engine built it (MkDocs or
# Zensical): the Makefile runs this right after the engine's build.
# Usage: tools/postbuild.sh SITE_DIR
set -euo pipefail
site="$(cd "${1:?usage: tools/postbuild.sh SITE_DIR}" && pwd)"
cd "$(dirname "$0")/.."
# Share images, the print QR code and JSON-LD rewrite pages, so they go first
# (Python from the site's venv: Zensical's own venv lacks Pillow and qrcode).
"${PYTHON_BIN:-.venv/bin/python}" tools/postbuild.py "$site"
# The service worker last, so its precache revisions see the final files.
node tools/build-sw.mjs "$site"
# The coach's pose model and runtime, from the pinned npm package, served
# from the site's own origin (git-ignored: only in the built site).
coach="$site/assets/coach"
human=node_modules/@vladmandic/human
mkdir -p "$coach"
cp "$human/dist/human.esm.js" "$human/models/movenet-lightning.json" "$human/models/movenet-lightning.bin" \
  "$human/LICENSE" "$coach/"
