"""Post-build step for the built site, whichever engine built it.

    python tools/postbuild.py SITE_DIR

For every page with a canonical address it
- draws the share image its Open Graph tags name (1200x630 PNG, Pillow),
- puts a QR code of the address, as inline SVG, into the print-only block
  (so the printed handout leads back to the page and its videos),
- adds schema.org JSON-LD: HowTo with the steps of every tab on pages with
  step lists (as hipmd.steps marked them), WebPage elsewhere.

For every page it
- names the theme's search dialog for screen readers, and titles each
  heading's permalink, in the page's language,
- points each clip's poster at a WebP copy of its JPEG (a <video> takes one
  poster URL and has no fallback, and every browser the site supports reads
  WebP: Safari since 14; the JPEG stays for hosted-video facades),
- minifies the page (minify-html: spec-aware, so <pre>, inline SVG and
  JSON-LD keep their meaning; closing tags stay, so any HTML parser reads
  the result as the engine's page).

Then, across languages (each language is a site of its own under its folder,
es/; see tools/sitemodel.py), on every page, uncached as it depends on which
pages each language has:
- points the header's language menu at the same page in each language (its
  home where a language lacks the page), and takes the theme's head links to
  each language's home out: they would declare every page a translation of a
  home page, and Material's script fetches a sitemap.xml beside each one;
- points a translation's theme files (Material's styles and scripts) at the
  root's identical copies and deletes its own, so a reader who changes
  language downloads none of them again; the search worker and its
  stemmers stay in the translation's folder, where its service worker can
  serve them offline;
- writes one sitemap for search engines (sitemap-languages.xml, which
  robots.txt names) with every page of every language and its translations
  (hreflang, with x-default: English); each language's sitemap.xml, which
  Material's instant navigation reads on a reader's first visit, keeps only
  its addresses;
- puts, on the root 404 page (GitHub Pages serves it for every missing
  address, in any language's folder too), a line in each other language
  leading to its guide.

It reads only what the templates and components wrote, edits pages through
an HTML parser (tools/htmledit.py) and stops with a message when an element
it expects is missing. It can run again on its own output. Everything here
depends only on its inputs, so it is kept in .hip-cache/postbuild/ under a
hash of them: a finished page under the hash of the engine's page and of
this code, share cards and QR codes under their text, WebP posters under
their JPEG. A rebuild with one changed page redoes only that page's work.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import posixpath
import re
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import htmledit

# The heavy modules (bs4 and the site model, Pillow, qrcode, minify-html) are
# imported where a page or an image has to be made: a warm build, with all of
# them cached, never loads them.
if TYPE_CHECKING:
    from bs4 import BeautifulSoup
    from PIL import ImageFont

# $HIP_BUILD_CACHE moves the post-build caches (make bench times a cold build in an empty one).
CACHE = Path(os.environ.get("HIP_BUILD_CACHE") or Path(__file__).resolve().parent.parent / ".hip-cache") / "postbuild"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
TEAL, WHITE, SAND = "#0b5563", "#ffffff", "#ffe6c2"
# Bump when the drawing code changes, so cached output is redrawn.
DRAWING_VERSION = "share-1 qr-3 poster-1"
# A finished page is cached under its input and this code: a change here, in
# the HTML editor or the site model, makes every page again.
CODE = hashlib.sha256(b"".join(Path(__file__).with_name(name).read_bytes()
                               for name in ("postbuild.py", "htmledit.py", "sitemodel.py"))).hexdigest()
POSTER_WIDTH, POSTER_QUALITY = 640, 70  # a phone's column; WebP quality


def main(site: Path) -> None:
    from sitemodel import Site

    model = Site()
    across = Languages(site, model)
    pages = made = 0
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(site))
        words = language_of(model, name).words
        done = cache_path(f"page {CODE} {json.dumps(words, sort_keys=True)} {text}", ".json")
        if done.is_file():
            result = json.loads(done.read_text(encoding="utf-8"))
        else:
            result = finish_page(text, name, words)
            done.write_text(json.dumps(result), encoding="utf-8")
            # The finished page is its own fixed point: run again on it, it is found as is.
            cache_path(f"page {CODE} {json.dumps(words, sort_keys=True)} {result['html']}", ".json").write_text(
                json.dumps(result), encoding="utf-8")
            made += 1
        if result["share"]:
            # The template names the image under <site_url>assets/social/.
            card, title, description, site_name = result["share"]
            # The template names the image under the language's site_url: <site>/<lang>/assets/social/.
            share_image(site / language_of(model, name).folder / "assets/social" / card, title, description,
                        site_name, words["share.notice"])
            pages += 1
        for poster in result["posters"]:
            webp_poster((path.parent / poster).resolve())
        final = across.page(result["html"], name, path)
        if final != result["html"]:  # the finished page, with its languages, is a fixed point too
            cache_path(f"page {CODE} {json.dumps(words, sort_keys=True)} {final}", ".json").write_text(
                json.dumps({**result, "html": final}), encoding="utf-8")
        path.write_text(final, encoding="utf-8")
    across.finish()
    print(f"postbuild: share image, QR code and JSON-LD for {pages} pages; "
          f"{made} pages edited and minified, the rest unchanged since the last build (cached)")


def language_of(model, name: str):
    """The language a built file belongs to: the one whose folder it is in (English at the root)."""
    return next((language for language in model.languages[1:] if name.startswith(language.folder)),
                model.languages[0])


def finish_page(text: str, name: str, words: dict[str, str]) -> dict:
    """One engine page, finished: its HTML and what it needs beside it (share card, posters)."""
    import minify_html
    from bs4 import BeautifulSoup

    page = htmledit.Page(text, name)
    name_search_dialog(page, words["search.label"])
    permalink_titles(page, words["toc.permalink"])
    soup = BeautifulSoup(text, "html.parser")
    canonical = soup.find("link", rel="canonical")
    image = soup.find("meta", property="og:image")
    share = None
    if canonical is not None and image is not None:
        url = canonical["href"]
        title = soup.find("meta", property="og:title")["content"]
        description = soup.find("meta", property="og:description")["content"]
        share = [image["content"].rsplit("assets/social/", 1)[1], title, description,
                 soup.find("meta", property="og:site_name")["content"]]
        print_address(page, url, words["print.qr"])
        json_ld(page, soup, url, title, description, words["language"])
    posters = webp_posters(page)
    html = minify_html.minify(page.result(), keep_closing_tags=True, keep_html_and_head_opening_tags=True)
    return {"html": html, "share": share, "posters": posters}


def webp_posters(page: htmledit.Page) -> list[str]:
    """Point each clip's JPEG or PNG poster at its WebP copy; returns the source images' URLs."""
    found = []
    for video in page.find_all(lambda t: t.tag == "video" and (t.attrs.get("poster") or "")):
        poster = video.attrs["poster"]
        stem, dot, suffix = poster.rpartition(".")
        if dot and suffix.lower() in ("jpg", "jpeg", "png"):
            page.set_attribute(video, "poster", f"{stem}.webp")
            found.append(poster)
    return found


def webp_poster(source: Path) -> None:
    """SOURCE's WebP copy beside it, at most POSTER_WIDTH wide, made once per distinct image."""
    made = cache_path(f"poster {POSTER_WIDTH} {POSTER_QUALITY} "
                      + hashlib.sha256(source.read_bytes()).hexdigest(), ".webp")
    if not made.is_file():
        from PIL import Image

        with Image.open(source) as image:
            image = image.convert("RGB")
            if image.width > POSTER_WIDTH:
                image = image.resize((POSTER_WIDTH, round(image.height * POSTER_WIDTH / image.width)),
                                     Image.Resampling.LANCZOS)
            image.save(made, "WEBP", quality=POSTER_QUALITY, method=6)
    shutil.copyfile(made, source.with_suffix(".webp"))


def name_search_dialog(page: htmledit.Page, label: str) -> None:
    """The theme's search dialog has no accessible name (axe: aria-dialog-name)."""
    dialog = page.find("the theme's search dialog (data-md-component=search, role=dialog)",
                       lambda t: t.attrs.get("data-md-component") == "search" and t.attrs.get("role") == "dialog")
    if "aria-label" not in dialog.attrs:
        page.add_attribute(dialog, "aria-label", label)


def print_address(page: htmledit.Page, url: str, label: str) -> None:
    """The QR code of the page's address, inside the print-only block the template wrote; `label`
    names it for screen readers in the page's language ("QR code of {url}")."""
    block = page.find("print address block (overrides/main.html, class hip-print-address)",
                      lambda t: t.has_class("hip-print-address"))
    if not page.find_all(lambda t: t.tag == "svg" and t.has_class("hip-print-qr")):
        said = label.format(url=url)
        page.insert_after_start(block, cached(f"qr {url} {said}", ".svg", lambda target: target.write_text(qr_svg(url, said))))


def permalink_titles(page: htmledit.Page, title: str) -> None:
    """Each heading's permalink (the toc extension's) titled in the page's language: the extension's
    one title would be every language's."""
    for link in page.find_all(lambda t: t.tag == "a" and t.has_class("headerlink")):
        if link.attrs.get("title") != title:
            if "title" in link.attrs:
                page.set_attribute(link, "title", title)
            else:
                page.add_attribute(link, "title", title)


def json_ld(page: htmledit.Page, soup: BeautifulSoup, url: str, title: str, description: str,
            language: str) -> None:
    from sitemodel import steps_in_html

    if page.find_all(lambda t: t.tag == "script" and t.attrs.get("type") == "application/ld+json"):
        return
    base = {"@context": "https://schema.org", "name": title, "description": description, "url": url,
            "inLanguage": language}
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
    # After <meta charset>, which must stay in the page's first 1024 bytes (a HowTo is longer).
    charset = page.find("<meta charset> in <head>", lambda t: t.tag == "meta" and "charset" in t.attrs)
    page.insert_after_start(charset, f'<script type="application/ld+json">{script}</script>')


def cached(key: str, suffix: str, make) -> str:
    """Text of the output for `key`, made by make(path) only if not cached yet."""
    path = cache_path(key, suffix)
    if not path.is_file():
        make(path)
    return path.read_text(encoding="utf-8")


def cache_path(key: str, suffix: str) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    return CACHE / (hashlib.sha256(f"{DRAWING_VERSION}\n{key}".encode()).hexdigest()[:24] + suffix)


def qr_svg(url: str, label: str) -> str:
    """A compact SVG QR code: one stroked path, each run of dark modules a line of it."""
    import qrcode

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(url)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    size = len(matrix)
    parts = []
    for y, row in enumerate(matrix):
        x, end = 0, None  # end: where the last run of this row ended (the pen is there)
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                # A 1-unit stroke through the middle of the row covers it; later runs move relative.
                parts.append(f"M{start} {y}.5h{x - start}" if end is None else f"m{start - end} 0h{x - start}")
                end = x
            else:
                x += 1
    return (f'<svg class="hip-print-qr" viewBox="-2 -2 {size + 4} {size + 4}" role="img"'
            f' aria-label="{html.escape(label, quote=True)}" shape-rendering="crispEdges">'
            f'<rect x="-2" y="-2" width="{size + 4}" height="{size + 4}" fill="#fff"/>'
            f'<path stroke="#000" d="{"".join(parts)}"/></svg>')


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    # Debian's fonts-dejavu-core; Pillow's own font keeps the build going without it.
    return ImageFont.truetype(str(path), size) if path.is_file() else ImageFont.load_default(size)


def share_image(target: Path, title: str, description: str, site_name: str, notice: str) -> None:
    """The page's 1200x630 card, in its language, drawn once per distinct text and copied into the site."""
    made = cache_path(json.dumps(["share", title, description, site_name, notice, FONTS.is_dir()]), ".png")
    if not made.is_file():
        draw_share_image(made, title, description, site_name, notice)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(made, target)


def draw_share_image(target: Path, title: str, description: str, site_name: str, notice: str) -> None:
    from PIL import Image, ImageDraw

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
    draw.text((80, 560), notice, font=font(26), fill=SAND)
    image.save(target, optimize=True)


# --- Across languages ------------------------------------------------------------------

class Languages:
    """The language menu, the theme's files, sitemaps and the root 404 page, across languages: `page`
    for each page (it gives the same page back when run on its own output), then `finish`."""

    def __init__(self, site: Path, model) -> None:
        self.site, self.model = site, model
        self.exists = {str(path.relative_to(site)) for path in site.rglob("index.html")}
        self.shared: set[Path] = set()

    def counterpart(self, url: str, language) -> str:
        """The same page in `language`, or its home where it has none: a URL from the site's root."""
        english = next((url.removeprefix(other.folder) for other in self.model.languages[1:]
                        if url.startswith(other.folder)), url)
        target = language.folder + english
        return target if f"{target}index.html" in self.exists else language.folder

    def page(self, text: str, name: str, path: Path) -> str:
        model = self.model
        language = language_of(model, name)
        page = htmledit.Page(text, name)
        not_found = path.name == "404.html"
        url = name.removesuffix("index.html")
        for link in page.find_all(lambda t: t.tag == "link" and t.attrs.get("rel") == "alternate"
                                  and "hreflang" in t.attrs):
            page.remove_void(link)
        hrefs = {}
        for other in model.languages:
            # A 404 page is served at any depth: its links are from the site's root path.
            href = (model.config.sub_path + other.folder if not_found
                    else posixpath.relpath(self.counterpart(url, other) or ".", url.rstrip("/") or ".") + "/")
            hrefs[other.code] = "./" if href == "./" else href.removeprefix("./")
        for link in page.find_all(lambda t: t.tag == "a" and t.has_class("md-select__link") and "hreflang" in t.attrs):
            if (href := hrefs.get(link.attrs["hreflang"] or "")) is None:
                continue
            if link.attrs.get("href") != href:
                page.set_attribute(link, "href", href)
            # A language's name in its own language ("Español" on an English page), for screen readers.
            if "lang" not in link.attrs and link.attrs["hreflang"] != language.code:
                page.add_attribute(link, "lang", link.attrs["hreflang"])
        if not language.default:
            self.shared |= share_theme_files(page, self.site, path, language)
        if not_found and language.default:
            other_languages_404(page, model)
        return page.result()

    def finish(self) -> None:
        site, model, shared = self.site, self.model, self.shared
        # Every theme file of a translation's own that the root has byte for byte: its pages now use the
        # root's. Not the search worker and the stemmers it loads: a worker runs under the service worker
        # whose scope holds its own address, so the translation's worker (scope es/) serves them offline
        # only from its own folder.
        for language in model.languages[1:]:
            own = site / language.folder / "assets"
            for copy in sorted(own.rglob("*")) if own.is_dir() else []:
                root_copy = site / "assets" / copy.relative_to(own)
                if copy.relative_to(own).as_posix().startswith(SEARCH_WORKER_FILES):
                    continue
                if copy.is_file() and root_copy.is_file() and root_copy.read_bytes() == copy.read_bytes():
                    shared.add(copy)
        for copy in shared:
            copy.unlink(missing_ok=True)
        for language in model.languages[1:]:  # and the folders left empty
            for folder in sorted((site / language.folder / "assets").rglob("*"), reverse=True):
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
        sitemaps(site, model, self.counterpart)


# A translation keeps its own copy of these (under its assets/): the search worker and its stemmers.
SEARCH_WORKER_FILES = ("javascripts/workers/", "javascripts/lunr/")


def share_theme_files(page: htmledit.Page, site: Path, path: Path, language) -> set[Path]:
    """Point a translation's references to its copies of theme files at the root's identical ones;
    returns the copies it no longer uses."""
    own = site / language.folder / "assets"
    found: set[Path] = set()

    def shared_url(value: str) -> str | None:
        if not value or re.match(r"^[a-z]+:|^/|^#", value):
            return None
        target = (path.parent / value.split("?")[0].split("#")[0]).resolve()
        if not target.is_relative_to(own.resolve()) or not target.is_file():
            return None
        root_copy = site / "assets" / target.relative_to(own.resolve())
        if not root_copy.is_file() or root_copy.read_bytes() != target.read_bytes():
            return None
        found.add(target)
        return posixpath.relpath(root_copy.as_posix(), path.parent.resolve().as_posix())

    for tag in page.find_all(lambda t: t.tag in ("link", "script", "img") and ("href" in t.attrs or "src" in t.attrs)):
        attribute = "href" if "href" in tag.attrs else "src"
        if (url := shared_url(tag.attrs[attribute] or "")) is not None:
            page.set_attribute(tag, attribute, url)
    return found


def other_languages_404(page: htmledit.Page, model) -> None:
    """Above the root 404 page's heading: a line in each other language, to its guide."""
    heading = page.find("the 404 page's heading", lambda t: t.tag == "h1")
    lines = "".join(f'<p class="hip-404-language" lang="{other.code}"><a href="{model.config.sub_path}{other.folder}"'
                    f' hreflang="{other.code}">{html.escape(other.words["notfound.title"])}: '
                    f'{html.escape(other.words["notfound.home"])}</a></p>'
                    for other in model.languages[1:])
    if lines and "hip-404-language" not in page.text:
        page.insert_before(heading, lines)


LANGUAGES_SITEMAP = "sitemap-languages.xml"


def sitemaps(site: Path, model, counterpart) -> None:
    """One sitemap for search engines, at the site's root (robots.txt names it): every page of every
    language, with the date the engine gave it and its translations as hreflang links (x-default:
    English). Each language's own sitemap.xml keeps only its addresses: Material's instant navigation
    reads it on every first visit, and needs nothing else."""
    base = model.config.site_url
    entries = []
    # A second run finds the dates only here (this run takes them out of each sitemap.xml).
    languages_sitemap = site / LANGUAGES_SITEMAP
    dated = dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>",
                            languages_sitemap.read_text(encoding="utf-8"))) if languages_sitemap.is_file() else {}
    for language in model.languages:
        sitemap = site / language.folder / "sitemap.xml"
        if sitemap.is_file():
            text = sitemap.read_text(encoding="utf-8")
            found = re.findall(r"<url>\s*<loc>([^<]+)</loc>\s*(?:<lastmod>([^<]+)</lastmod>)?", text)
            entries += [(loc, lastmod or dated.get(loc, "")) for loc, lastmod in found]
            # What instant navigation reads of it: the addresses, nothing else (the lastmod stays above).
            sitemap.write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                               '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                               + "".join(f"<url><loc>{loc}</loc></url>\n" for loc, _ in found) + "</urlset>\n",
                               encoding="utf-8")
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for loc, lastmod in entries:
        url = loc.removeprefix(base)
        home = next((other.folder for other in model.languages[1:] if url.startswith(other.folder)), "")
        links = {}
        for other in model.languages:
            target = counterpart(url, other)
            if target == other.folder and url.removeprefix(home):
                continue  # no such page in that language
            links[other.code] = base + target
        out.append(f"  <url>\n    <loc>{html.escape(loc)}</loc>" + (f"\n    <lastmod>{lastmod}</lastmod>" if lastmod else ""))
        if len(links) > 1:
            links["x-default"] = links[model.languages[0].code]
            out += [f'    <xhtml:link rel="alternate" hreflang="{code}" href="{html.escape(href)}"/>'
                    for code, href in links.items()]
        out.append("  </url>")
    languages_sitemap.write_text("\n".join([*out, "</urlset>", ""]), encoding="utf-8")


if __name__ == "__main__":
    try:
        main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    except htmledit.MissingElement as missing:
        sys.exit(f"postbuild: {missing}")
