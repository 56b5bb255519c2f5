#!/usr/bin/env bash
# make media encodes with Debian's ffmpeg (VP9 and H.264) and draws its text
# with DejaVu Sans: install both if missing, as ensure-chromium.sh does.
set -euo pipefail
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
if [ -x /usr/bin/ffmpeg ] && [ -f "$FONT" ]; then exit 0; fi
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
  echo "ffmpeg is missing. Install Debian's 'ffmpeg' and 'fonts-dejavu-core' packages and re-run." >&2
  exit 1
fi
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
echo "Installing Debian's ffmpeg for make media..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends ffmpeg fonts-dejavu-core >/dev/null
/usr/bin/ffmpeg -version | head -1
