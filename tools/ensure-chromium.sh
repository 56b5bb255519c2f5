#!/usr/bin/env bash
# Browser tests use Debian's Chromium: Playwright's own browser download is
# not reachable from here, and a distro package gets security updates.
# poppler-utils renders the print test's PDF to PNG; DejaVu draws share images.
set -euo pipefail
if [ -x /usr/bin/chromium ] && command -v pdftoppm >/dev/null && [ -d /usr/share/fonts/truetype/dejavu ]; then exit 0; fi
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
  echo "Missing Debian packages. Install them (apt-get install chromium poppler-utils fonts-dejavu-core) and re-run." >&2
  exit 1
fi
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
echo "Installing Debian's chromium, poppler-utils and fonts-dejavu-core for the browser tests..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium poppler-utils fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
