"""Post-build step for the built site, whichever engine built it.

    python tools/postbuild.py site

For every page with a canonical address it
- draws the share image its Open Graph tags name (1200x630 PNG, Pillow),
- puts a QR code of the address, as inline SVG, into the print-only block
  (so the printed handout leads back to the page and its videos),
- names each tab's block after its label (data-hip-tab), so the handout
  can print every variant under its name while the tab row is hidden,
- adds schema.org JSON-LD: HowTo with the steps of every tab on pages with
  step lists, WebPage elsewhere.

It only reads what the templates wrote into the HTML, so it needs no engine
API and can run again on its own output.
"""

from __future__ import annotations

import html
import json
import sys
import textwrap
from pathlib import Path

import qrcode
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw, ImageFont

ADDRESS_OPEN = '<div class="hip-print-address" hidden>'
QR_MARK = 'class="hip-print-qr"'
BLOCK = '<div class="tabbed-block">'
LD_MARK = '<script type="application/ld+json">'
FONTS = Path("/usr/share/fonts/truetype/dejavu")
TEAL, WHITE, SAND = "#0b5563", "#ffffff", "#ffe6c2"


def main(site: Path) -> None:
    pages = 0
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        canonical = soup.find("link", rel="canonical")
        image = soup.find("meta", property="og:image")
        if canonical is None or image is None:
            continue  # the 404 page and redirects: nothing to share or print
        url = canonical["href"]
        title = soup.find("meta", property="og:title")["content"]
        description = soup.find("meta", property="og:description")["content"]
        # The template names the image under <site_url>assets/social/.
        draw_share_image(site / "assets/social" / image["content"].rsplit("assets/social/", 1)[1], title, description,
                         soup.find("meta", property="og:site_name")["content"])
        if ADDRESS_OPEN in text and QR_MARK not in text:
            text = text.replace(ADDRESS_OPEN, ADDRESS_OPEN + qr_svg(url), 1)
        text = name_tab_blocks(soup, text)
        if LD_MARK not in text:
            data = json_ld(soup, url, title, description)
            # "</" cannot appear inside the script element.
            script = LD_MARK + json.dumps(data, ensure_ascii=False).replace("</", "<\\/") + "</script>"
            text = text.replace("</head>", f"  {script}\n  </head>", 1)
        path.write_text(text, encoding="utf-8")
        pages += 1
    print(f"postbuild: share image, QR code and JSON-LD for {pages} pages")


def name_tab_blocks(soup: BeautifulSoup, text: str) -> str:
    """Label each unnamed tab block, in document order (tab sets are not nested here)."""
    labels = [label.get_text(strip=True) for label in soup.select(".tabbed-set > .tabbed-labels > label")]
    parts = text.split(BLOCK)
    if len(parts) - 1 != len(labels):
        return text  # already named, or a layout this step does not know: leave it
    named = [f'<div class="tabbed-block" data-hip-tab="{html.escape(label, quote=True)}">' for label in labels]
    return parts[0] + "".join(tag + part for tag, part in zip(named, parts[1:]))


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
    return (f'<svg {QR_MARK} viewBox="-2 -2 {size + 4} {size + 4}" role="img"'
            f' aria-label="QR code of {html.escape(url, quote=True)}" shape-rendering="crispEdges">'
            f'<rect x="-2" y="-2" width="{size + 4}" height="{size + 4}" fill="#fff"/>'
            f'<path fill="#000" d="{"".join(runs)}"/></svg>')


def json_ld(soup: BeautifulSoup, url: str, title: str, description: str) -> dict:
    sections = []
    for tabs in soup.select(".tabbed-set"):
        labels = [label.get_text(strip=True) for label in tabs.select(".tabbed-labels > label")]
        for label, block in zip(labels, tabs.select(".tabbed-content > .tabbed-block")):
            steps = block.find("ol", recursive=False)
            if steps is None:
                continue
            items = [" ".join(li.get_text(" ", strip=True).split()) for li in steps.find_all("li", recursive=False)]
            sections.append({
                "@type": "HowToSection",
                "name": label,
                "itemListElement": [
                    {"@type": "HowToStep", "position": n, "text": item}
                    for n, item in enumerate(items, start=1)
                ],
            })
    base = {"@context": "https://schema.org", "name": title, "description": description, "url": url,
            "inLanguage": "en"}
    if not sections:
        return {**base, "@type": "WebPage"}
    return {**base, "@type": "HowTo", "step": sections if len(sections) > 1 else sections[0]["itemListElement"]}


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    # Debian's fonts-dejavu-core; Pillow's own font keeps the build going without it.
    return ImageFont.truetype(str(path), size) if path.is_file() else ImageFont.load_default(size)


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
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, optimize=True)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
