"""Post-build step for the built site, whichever engine built it.

    python tools/postbuild.py SITE_DIR

For every page with a canonical address it
- draws the share image its Open Graph tags name (1200x630 PNG, Pillow),
- puts a QR code of the address, as inline SVG, into the print-only block
  (so the printed handout leads back to the page and its videos),
- adds schema.org JSON-LD: HowTo with the steps of every tab on pages with
  step lists (as hipmd.steps marked them), WebPage elsewhere,
- names the theme's search dialog for screen readers.

It reads only what the templates and components wrote, edits pages through
an HTML parser (tools/htmledit.py) and stops with a message when an element
it expects is missing. It can run again on its own output. Share images and
QR codes depend only on their inputs, so they are kept in .hip-cache/postbuild/
under a hash of those inputs and redrawn only when the inputs change.
"""

from __future__ import annotations

import hashlib
import html
import json
import shutil
import sys
import textwrap
from pathlib import Path

import qrcode
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw, ImageFont

import htmledit
from sitemodel import ROOT, steps_in_html

CACHE = ROOT / ".hip-cache" / "postbuild"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
TEAL, WHITE, SAND = "#0b5563", "#ffffff", "#ffe6c2"
# Bump when the drawing code changes, so cached output is redrawn.
DRAWING_VERSION = "share-1 qr-1"


def main(site: Path) -> None:
    pages = 0
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        page = htmledit.Page(text, str(path.relative_to(site)))
        name_search_dialog(page)
        soup = BeautifulSoup(text, "html.parser")
        canonical = soup.find("link", rel="canonical")
        image = soup.find("meta", property="og:image")
        if canonical is not None and image is not None:
            url = canonical["href"]
            title = soup.find("meta", property="og:title")["content"]
            description = soup.find("meta", property="og:description")["content"]
            # The template names the image under <site_url>assets/social/.
            share = site / "assets/social" / image["content"].rsplit("assets/social/", 1)[1]
            share_image(share, title, description, soup.find("meta", property="og:site_name")["content"])
            print_address(page, url)
            json_ld(page, soup, url, title, description)
            pages += 1
        path.write_text(page.result(), encoding="utf-8")
    print(f"postbuild: share image, QR code and JSON-LD for {pages} pages")


def name_search_dialog(page: htmledit.Page) -> None:
    """The theme's search dialog has no accessible name (axe: aria-dialog-name)."""
    dialog = page.find("the theme's search dialog (data-md-component=search, role=dialog)",
                       lambda t: t.attrs.get("data-md-component") == "search" and t.attrs.get("role") == "dialog")
    if "aria-label" not in dialog.attrs:
        page.add_attribute(dialog, "aria-label", "Search")


def print_address(page: htmledit.Page, url: str) -> None:
    """The QR code of the page's address, inside the print-only block the template wrote."""
    block = page.find("print address block (overrides/main.html, class hip-print-address)",
                      lambda t: t.has_class("hip-print-address"))
    if not page.find_all(lambda t: t.tag == "svg" and t.has_class("hip-print-qr")):
        page.insert_after_start(block, cached(f"qr {url}", ".svg", lambda target: target.write_text(qr_svg(url))))


def json_ld(page: htmledit.Page, soup: BeautifulSoup, url: str, title: str, description: str) -> None:
    if page.find_all(lambda t: t.tag == "script" and t.attrs.get("type") == "application/ld+json"):
        return
    base = {"@context": "https://schema.org", "name": title, "description": description, "url": url,
            "inLanguage": "en"}
    sections = [{"@type": "HowToSection", "name": steps.label,
                 "itemListElement": [{"@type": "HowToStep", "position": s.number, "text": s.text}
                                     for s in steps.steps]}
                for steps in steps_in_html(soup)]
    if not sections:
        data = {**base, "@type": "WebPage"}
    else:
        data = {**base, "@type": "HowTo",
                "step": sections if len(sections) > 1 else sections[0]["itemListElement"]}
    # "</" cannot appear inside the script element.
    script = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    head = page.find("<head>", lambda t: t.tag == "head")
    page.insert_after_start(head, f'<script type="application/ld+json">{script}</script>')


def cached(key: str, suffix: str, make) -> str:
    """Text of the output for `key`, made by make(path) only if not cached yet."""
    path = cache_path(key, suffix)
    if not path.is_file():
        make(path)
    return path.read_text(encoding="utf-8")


def cache_path(key: str, suffix: str) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    return CACHE / (hashlib.sha256(f"{DRAWING_VERSION}\n{key}".encode()).hexdigest()[:24] + suffix)


def qr_svg(url: str) -> str:
    """A compact SVG QR code: one path, each run of dark modules a rectangle."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(url)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return (f'<svg class="hip-print-qr" viewBox="-2 -2 {size + 4} {size + 4}" role="img"'
            f' aria-label="QR code of {html.escape(url, quote=True)}" shape-rendering="crispEdges">'
            f'<rect x="-2" y="-2" width="{size + 4}" height="{size + 4}" fill="#fff"/>'
            f'<path fill="#000" d="{"".join(runs)}"/></svg>')


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    # Debian's fonts-dejavu-core; Pillow's own font keeps the build going without it.
    return ImageFont.truetype(str(path), size) if path.is_file() else ImageFont.load_default(size)


def share_image(target: Path, title: str, description: str, site_name: str) -> None:
    """The page's 1200x630 card, drawn once per distinct text and copied into the site."""
    made = cache_path(json.dumps(["share", title, description, site_name, FONTS.is_dir()]), ".png")
    if not made.is_file():
        draw_share_image(made, title, description, site_name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(made, target)


def draw_share_image(target: Path, title: str, description: str, site_name: str) -> None:
    image = Image.new("RGB", (1200, 630), TEAL)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, 630), fill=SAND)
    draw.text((80, 70), site_name.upper(), font=font(34, bold=True), fill=SAND)
    y = 150
    for line in textwrap.wrap(title, 26)[:3]:
        draw.text((80, y), line, font=font(68, bold=True), fill=WHITE)
        y += 84
    y += 26
    for line in textwrap.wrap(description, 48)[:3]:
        draw.text((80, y), line, font=font(34), fill=WHITE)
        y += 46
    draw.text((80, 560), "General information, not medical advice.", font=font(26), fill=SAND)
    image.save(target, optimize=True)


if __name__ == "__main__":
    try:
        main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    except htmledit.MissingElement as missing:
        sys.exit(f"postbuild: {missing}")
