#!/usr/bin/env bash
# Installs the Debian packages the checks or `make media` need, only those missing.
# Debian's Chromium, not Playwright's own browser download (not reachable from
# here; a distro package also gets security updates); ffmpeg/ffprobe for the
# media checks and the camera test; poppler-utils renders the printed PDF;
# DejaVu draws share images and clip labels; webkit2gtk-driver (WebKitGTK's
# WebDriver and MiniBrowser) and xvfb run the WebKit tests.
# Usage: tools/ensure-debian.sh PACKAGE[=PROBE]...  (PROBE: a command or a path; default: PACKAGE as a command)
set -euo pipefail
missing=()
for spec in "$@"; do
  package=${spec%%=*} probe=${spec#*=}
  if [[ $probe == /* ]]; then [ -e "$probe" ] || missing+=("$package")
  else command -v "$probe" >/dev/null || missing+=("$package"); fi
done
[ ${#missing[@]} = 0 ] && exit 0
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
  echo "Missing Debian packages: install them with 'apt-get install ${missing[*]}' and re-run." >&2
  exit 1
fi
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
echo "Installing Debian packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
