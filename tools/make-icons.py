"""Render the app icons (PNG) for the web app manifest from the favicon's artwork.

The artwork is SVG, so a browser draws it: Debian's Chromium through
Playwright (tools/chromium.py), the same renderer as the favicon's. Run once
after changing the artwork, commit the PNGs:

    .venv/bin/python tools/make-icons.py
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

import chromium

OUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "images"
TEAL = "#0b5563"
# The favicon's figure, drawn on a 32-unit grid.
FIGURE = ('<path d="M9 22c0-6 3-11 7-11s7 5 7 11" fill="none" stroke="#fff" stroke-width="3" '
          'stroke-linecap="round"/><circle cx="16" cy="7" r="3" fill="#fff"/>')


def svg(size: int, maskable: bool) -> str:
    if maskable:
        # Full-bleed background; the figure inside the 80% safe zone that
        # every launcher mask keeps.
        body = f'<rect width="32" height="32" fill="{TEAL}"/><g transform="translate(6.4 6.4) scale(0.6)">{FIGURE}</g>'
    else:
        body = f'<rect width="32" height="32" rx="7" fill="{TEAL}"/><g transform="translate(2 2) scale(0.875)">{FIGURE}</g>'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="{size}" height="{size}">'
            f"{body}</svg>")


def main() -> None:
    with sync_playwright() as p:
        browser = chromium.launch(p)
        for name, size, maskable in (("icon-192.png", 192, False), ("icon-512.png", 512, False),
                                     ("icon-maskable-512.png", 512, True)):
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(f'<body style="margin:0">{svg(size, maskable)}</body>')
            page.locator("svg").screenshot(path=OUT / name, omit_background=True)
            page.close()
            print(f"wrote {OUT / name}")
        browser.close()


if __name__ == "__main__":
    main()
