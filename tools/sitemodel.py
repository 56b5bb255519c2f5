"""The site as the tools, the post-build and the tests see it: one model.

- `Site`: the configuration (mkdocs.yml) and the pages in navigation order,
  and its languages: English, the default, from docs/ at the site's root;
  each other language from docs/<lang>/, with its own settings
  (mkdocs.<lang>.yml, over mkdocs.yml) and nav, built into <lang>/;
- `Page`: one Markdown page, its URL, and its step lists, read from the
  Markdown source (with the line of each step) or from a built page;
- `steps_in_html`: step lists in built HTML, as `hipmd.steps` marked them;
- `serve`: a local server for a built site under the site_url's sub-path,
  as GitHub Pages serves it (404 page, byte ranges, optional gzip); for the
  tests, optionally slow to send scripts and with a script of theirs in
  every page.

What a step is, is decided once, by the `hipmd.steps` Markdown extension;
the source steps here are the page rendered through the same extensions.
The project root is this repository, or $HIP_PROJECT (a test's fixture copy).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import yaml
from bs4 import BeautifulSoup

ROOT = Path(os.environ.get("HIP_PROJECT") or Path(__file__).resolve().parent.parent).resolve()


# --- Configuration ---------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs tags (!ENV, !relative, !!python/name); read them as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Config:
    data: dict

    @property
    def site_url(self) -> str:
        return self.data["site_url"]

    @property
    def sub_path(self) -> str:
        """The site's path on its host, with slashes: '/side-hip-strength/'."""
        return "/" + urlsplit(self.site_url).path.strip("/") + "/" if urlsplit(self.site_url).path.strip("/") else "/"

    @property
    def nav(self) -> list[str]:
        """Markdown files in the page tree, in order."""
        found: list[str] = []

        def walk(items: list) -> None:
            for item in items:
                value = next(iter(item.values())) if isinstance(item, dict) else item
                if isinstance(value, list):
                    walk(value)
                else:
                    found.append(value)

        walk(self.data["nav"])
        return found

    @property
    def extensions(self) -> list[tuple[str, dict]]:
        """The Markdown extensions with their options, in order."""
        out = []
        for item in self.data.get("markdown_extensions", []):
            name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            out.append((name, dict(options or {})))
        return out


def load_config(root: Path = ROOT, language: str | None = None) -> Config:
    """mkdocs.yml, or a language's mkdocs.<lang>.yml merged over it as MkDocs' INHERIT does
    (mappings merge, anything else replaces)."""
    data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    if language:
        data = _merge(data, yaml.load((root / f"mkdocs.{language}.yml").read_text(encoding="utf-8"), Loader=_Loader))
        data.pop("INHERIT", None)
    return Config(data)


def _merge(base: dict, over: dict) -> dict:
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


# --- Languages -----------------------------------------------------------------------

@dataclass(frozen=True)
class Language:
    """One language of the guide: English at the site's root, each other one from docs/<code>/."""

    code: str  # "en", "es": the <html lang>, the folder name for a translation
    name: str  # as the language menu shows it: "English", "Español"
    default: bool  # English: docs/ itself, built at the site's root
    config: Config = field(repr=False, compare=False)

    @property
    def folder(self) -> str:
        """Its folder in docs/ and in the built site, with a slash: "es/" ("" for the default)."""
        return "" if self.default else f"{self.code}/"

    @property
    def words(self) -> dict[str, str]:
        """The words of the site's frame (extra.hip.words; hipmd/words.py)."""
        return dict(self.config.data["extra"]["hip"]["words"])


def language_codes(root: Path = ROOT) -> list[str]:
    """Every language other than the default: a settings file mkdocs.<code>.yml beside mkdocs.yml."""
    return sorted(path.name.removeprefix("mkdocs.").removesuffix(".yml") for path in root.glob("mkdocs.*.yml"))


# --- Steps ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    number: int
    text: str
    line: int | None = None  # in the page's Markdown file (None: read from HTML, or pasted from a snippet)


@dataclass(frozen=True)
class StepList:
    label: str  # the tab's label, e.g. "Standing"
    steps: tuple[Step, ...]

    @property
    def texts(self) -> list[str]:
        return [step.text for step in self.steps]


_LINE = re.compile("\ue000(\\d+)\ue001")  # the model's own line marks (see Page.source_steps)


def steps_in_html(page: BeautifulSoup) -> list[StepList]:
    """Every step list in a built page, in order, as hipmd.steps marked it."""
    found = []
    for block in page.select("[data-hip-tab]"):
        ol = block.find("ol", class_="hip-steps", recursive=False)
        if ol is None:
            continue
        steps = []
        for number, li in enumerate(ol.find_all("li", recursive=False), start=1):
            words = li.find(class_="hip-step")
            text = " ".join((words or li).get_text(" ", strip=True).split())
            m = _LINE.search(text)
            steps.append(Step(number, _LINE.sub("", text).strip(), int(m[1]) if m else None))
        found.append(StepList(block["data-hip-tab"], tuple(steps)))
    return found


# --- Pages ---------------------------------------------------------------------------

_ITEM = re.compile(r"^(?P<head> *\d+\.[ \t]+)")
_VIDEO = re.compile(r"^ *(`{3,}|~{3,})\s*video\s*$")


@dataclass(frozen=True)
class Page:
    src: str  # path in docs/, e.g. "sequence-1.md", or "es/sequence-1.md" for a translation
    site: Site = field(repr=False, compare=False)
    language: Language | None = field(default=None, repr=False, compare=False)  # None: the default language

    @property
    def lang(self) -> Language:
        return self.language or self.site.languages[0]

    @property
    def english(self) -> Page:
        """The page in the default language this one translates (itself, in the default language)."""
        if self.language is None or self.language.default:
            return self
        return Page(self.src.removeprefix(self.language.folder), self.site)

    def translations(self) -> list[Page]:
        """This page in every language that has it, the default first."""
        english = self.english
        return [page for page in self.site.all_pages if page.english.src == english.src]

    @property
    def url(self) -> str:
        """URL relative to the site root, with directory URLs: 'sequence-1/' ('' for the home page)."""
        stem = self.src.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return f"{stem}/"

    @property
    def path(self) -> Path:
        return self.site.docs / self.src

    @property
    def name(self) -> str:
        """A short name for files and test ids: 'sequence-1', 'home', 'es-sequence-1', 'es-home'."""
        name = self.url.strip("/").replace("/", "-")
        if self.language is not None and not self.language.default and name == self.language.code:
            return f"{name}-home"
        return name or "home"

    def html(self, site_dir: Path) -> Path:
        return site_dir / self.url / "index.html"

    def built(self, site_dir: Path) -> BeautifulSoup:
        return BeautifulSoup(self.html(site_dir).read_text(encoding="utf-8"), "html.parser")

    @functools.cached_property
    def source_steps(self) -> list[StepList]:
        """The page's step lists, read from its Markdown through the site's own extensions.

        Before rendering, each numbered-list line gets an invisible mark of
        its line number, so every step knows where it stands in the file.
        """
        lines = self.path.read_text(encoding="utf-8").splitlines()
        start = _body_start(lines)
        marked = [_ITEM.sub(lambda m, n=n: f"{m['head']}\ue000{n}\ue001", line) if n > start else line
                  for n, line in enumerate(lines, start=1)]
        html = self.site.markdown().convert("\n".join(marked[start:]))
        return steps_in_html(BeautifulSoup(html, "html.parser"))

    @property
    def is_sequence(self) -> bool:
        """A page with steps: workout mode, the stop rules and the handout apply."""
        return bool(self.source_steps)

    @functools.cached_property
    def tools(self) -> frozenset[str]:
        """The full-screen tools the page's buttons open (data-hip-open), as the site's own
        extensions render it: "workout" before each step list, and each <!-- hip:NAME --> tool."""
        lines = self.path.read_text(encoding="utf-8").splitlines()
        html = self.site.markdown().convert("\n".join(lines[_body_start(lines):]))
        return frozenset(button["data-hip-open"] for button in BeautifulSoup(html, "html.parser").select("[data-hip-open]"))

    @property
    def video_blocks(self) -> int:
        return sum(1 for line in self.path.read_text(encoding="utf-8").splitlines() if _VIDEO.match(line))


def _body_start(lines: list[str]) -> int:
    """Lines of front matter at the top (0 if none)."""
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
        if end is not None:
            return end + 1
    return 0


@dataclass(frozen=True)
class SourceStep:
    """One step of the source article, as tools/source-steps.yml records it."""

    source: str
    verbs: tuple[str, ...]
    words: tuple[str, ...]
    in_tab: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def terms(self, tab: str) -> tuple[str, ...]:
        return self.words + self.in_tab.get(tab, ())


class Site:
    """The project: configuration, pages in navigation order, languages, folders.

    `pages` are the default language's (English); `all_pages` every language's, in
    order of `languages`, each language's in its nav's order."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = root
        self.config = load_config(root)
        self.docs = root / "docs"
        self.languages = [self._language(None), *(self._language(code) for code in language_codes(root))]
        self.pages = [Page(src, self, self.languages[0]) for src in self.config.nav]
        self.all_pages = [*self.pages, *(Page(language.folder + src, self, language)
                                         for language in self.languages[1:] for src in language.config.nav)]

    def _language(self, code: str | None) -> Language:
        config = load_config(self.root, code)
        names = {alt.get("lang"): alt.get("name") for alt in config.data.get("extra", {}).get("alternate", [])}
        lang = code or config.data.get("theme", {}).get("language", "en")
        return Language(lang, names.get(lang, lang), code is None, config)

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    @property
    def sequences(self) -> list[Page]:
        return [page for page in self.pages if page.is_sequence]

    @functools.cached_property
    def source_steps(self) -> dict[str, list[SourceStep]]:
        """Page -> the source article's steps it carries (tools/source-steps.yml)."""
        data = yaml.safe_load((self.root / "tools" / "source-steps.yml").read_text(encoding="utf-8")) or {}
        return {page: [SourceStep(s["source"], tuple(s["verbs"]), tuple(s.get("words", ())),
                                  {tab: tuple(terms) for tab, terms in (s.get("in_tab") or {}).items()})
                       for s in steps]
                for page, steps in data.items()}

    def page(self, src: str) -> Page:
        return next(page for page in self.pages if page.src == src)

    def markdown(self) -> markdown.Markdown:
        """A Markdown converter with the site's extensions, minus the video block (steps never need it)."""
        names, configs = [], {}
        for name, options in self.config.extensions:
            if name == "hipmd.video":
                continue
            for key in ("docs_dir", "base_path"):  # folders are relative to the project
                if key in options:
                    value = options[key]
                    options[key] = [str(self.root / v) for v in value] if isinstance(value, list) else str(self.root / value)
            names.append(name)
            configs[name] = options
        return markdown.Markdown(extensions=names, extension_configs=configs)


# --- Serving a built site ------------------------------------------------------------

_HEAD = re.compile(rb"<head[^>]*>(?:\s*<meta charset[^>]*>)?", re.IGNORECASE)  # the charset stays first
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".vtt", ".webmanifest")


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under a sub-path as GitHub Pages does: the 404
    page for missing files, byte ranges (a browser cannot seek a video
    without them), 304 for an unchanged file (ETag), and gzip
    for text when `compress` is set."""

    prefix = "/"
    compress = False
    max_age = 600  # seconds a response stays fresh, as on GitHub Pages
    # A slow network for scripts only: each one is answered this late, so a reader's
    # first tap can come while the page's modules are still arriving.
    script_delay_ms = 0
    # The tests' own script (error recorders, stubs), inlined first in every page's
    # <head>, so it runs before any of the page's scripts, on every full load.
    head_script = ""
    # When set, sitemap.xml lists this server's addresses instead of the site_url's, as the
    # real host's lists its own (Material's instant navigation follows only links listed there).
    site_url = ""

    def log_message(self, *args) -> None:  # keep test and bench output clean
        pass

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        if self.script_delay_ms and path.suffix in (".js", ".mjs"):
            time.sleep(self.script_delay_ms / 1000)  # the latency being simulated; this thread serves only this request
        if self._not_modified(path):
            self.send_response(304)  # a revalidation costs headers only, as on GitHub Pages
            self.send_header("ETag", self._etag(path))
            self.send_header("Cache-Control", f"max-age={self.max_age}")
            self.end_headers()
            return None
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if match:
            return self._range(path, int(match[1]), match[2])
        body = path.read_bytes()
        if self.head_script and path.suffix == ".html":
            body = _HEAD.sub(lambda m: m[0] + b"<script>" + self.head_script.encode() + b"</script>", body, count=1)
        if self.site_url and path.name == "sitemap.xml":
            body = body.replace(self.site_url.encode(), f"http://{self.headers['Host']}{self.prefix}".encode())
        zipped = self.compress and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            body = gzip.compress(body, 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.send_header("ETag", self._etag(path))
        self.send_header("Cache-Control", f"max-age={self.max_age}")
        self.end_headers()
        return BytesIO(body)

    @staticmethod
    def _etag(path: Path) -> str:
        stat = path.stat()
        return f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'

    def _not_modified(self, path: Path) -> bool:
        return self.headers.get("If-None-Match") == self._etag(path)

    def _range(self, path: Path, start: int, end_text: str):
        size = path.stat().st_size
        end = min(int(end_text or size - 1), size - 1)
        if start >= size:
            self.send_error(416)
            return None
        with path.open("rb") as f:
            f.seek(start)
            body = f.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class UnpluggableHandler(SubPathHandler):
    """Hangs up without answering while `down` is set: the network gone, for the offline checks."""

    down = False

    def handle_one_request(self) -> None:
        if UnpluggableHandler.down:
            self.close_connection = True
            return
        super().handle_one_request()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # not a browser that quit mid-download
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, prefix: str = "/", compress: bool = False,
          handler: type[SubPathHandler] = SubPathHandler, script_delay_ms: int = 0,
          head_script: str = "", site_url: str = "") -> Iterator[str]:
    """Serve `directory` at http://127.0.0.1:<free port><prefix>; yields that base URL.
    script_delay_ms, head_script, site_url: see SubPathHandler."""
    bound = type("Handler", (handler,), {"prefix": prefix, "compress": compress, "script_delay_ms": script_delay_ms,
                                         "head_script": head_script, "site_url": site_url})
    server = _Server(("127.0.0.1", 0), functools.partial(bound, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
