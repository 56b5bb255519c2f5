"""Shared fixtures: the built site, a local server for it, and Debian's Chromium."""

from __future__ import annotations

import functools
import re
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
# Chromium flags for a closed network: no background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def load_config() -> dict:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def nav_pages(config: dict | None = None) -> list[str]:
    """Markdown files in the page tree, in order."""
    found: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            else:
                found.append(value)

    walk((config or load_config())["nav"])
    return found


def page_url(src: str) -> str:
    """Site-relative URL of a Markdown file with directory URLs."""
    stem = src.removesuffix(".md")
    return "" if stem == "index" else f"{stem}/"


def html_path(src: str) -> Path:
    return SITE / page_url(src) / "index.html"


@pytest.fixture(scope="session")
def config() -> dict:
    return load_config()


@pytest.fixture(scope="session")
def built_site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run the tests through 'make test' (it builds first)")
    return SITE


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves site/ under the same sub-path as GitHub Pages, 404 page included."""

    prefix = "/"

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(SITE / "__missing__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        """Answer byte-range requests, as GitHub Pages does: without them a browser cannot seek a video."""
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        start, end = int(match[1]), min(int(match[2] or size - 1), size - 1)
        if start >= size:
            self.send_error(416)
            return None
        body = path.open("rb")
        body.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        self.range_left = end - start + 1
        return body

    def copyfile(self, source, outputfile):
        left = getattr(self, "range_left", None)
        if left is None:
            return super().copyfile(source, outputfile)
        while left > 0 and (chunk := source.read(min(left, 64 * 1024))):
            outputfile.write(chunk)
            left -= len(chunk)

    def send_error(self, code, message=None, explain=None):
        page = SITE / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@pytest.fixture(scope="session")
def base_url(built_site: Path, config: dict) -> Iterator[str]:
    """URL of the built site, served locally under the site_url's path."""
    prefix = "/" + config["site_url"].split("://", 1)[1].split("/", 1)[1]
    handler = type("Handler", (_SubPathHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(SITE)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{prefix}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is missing: run 'make test' (it installs it) or 'apt-get install chromium'")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="session")
def axe():
    """Runs the pinned axe-core on a Playwright page; returns its violations."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run the tests through 'make test' (it installs node_modules)")

    def run(page) -> list[dict]:
        page.add_script_tag(path=str(AXE))
        return page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
            "v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))",
            AXE_TAGS,
        )

    return run
