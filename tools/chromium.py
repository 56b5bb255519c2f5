"""Debian's Chromium as the tests and the benchmarks launch it.

Pinned here so every machine gives the same answer: the binary (Debian's
package, never Playwright's download), flags for a closed network, and the
fonts (tools/fonts.conf: DejaVu only, whatever else the machine has).
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FONTS = Path(__file__).resolve().parent / "fonts.conf"
# No background calls home on a closed network; root needs --no-sandbox.
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def env() -> dict[str, str]:
    """The environment for a Chromium process: the pinned fonts."""
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS)}


def launch(playwright, extra_args: list[str] | None = None, **options):
    """Chromium through Playwright, with the pinned binary, flags and fonts."""
    if not Path(CHROMIUM).exists():
        raise SystemExit("Debian's Chromium is missing: run 'make test' (it installs it) or 'apt-get install chromium'")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS + (extra_args or []), env=env(), **options)


def launch_persistent(playwright, profile: Path, **options):
    """A Chromium with a profile on disk (installability needs one)."""
    return playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, env=env(),
                                                         **options)
