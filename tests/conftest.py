"""Shared fixtures: the site model, the built site served under its
sub-path, Debian's Chromium with the pinned fonts, and WebKitGTK.

Pages, step lists and clips come from the model (tools/sitemodel.py), so a
page added to the site is checked without editing a test.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

import chromium
import sitemodel
import webkit

MODEL = sitemodel.Site()
ROOT = MODEL.root
SITE = ROOT / "site"
ARTIFACTS = ROOT / "tests" / "artifacts"
PHONE = {"width": 360, "height": 740}
# Every page a reader can reach, and an address that is not there (the 404 page).
# Every page in every language (tools/sitemodel.py), and a missing address in each language's folder.
PAGES = ([page.url for page in MODEL.all_pages]
         + [f"{language.folder}no-such-page/" for language in MODEL.languages])
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="session")
def model() -> sitemodel.Site:
    return MODEL


@pytest.fixture(scope="session")
def config() -> sitemodel.Config:
    return MODEL.config


@pytest.fixture(scope="session")
def built_site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run the tests through 'make test' (it builds first)")
    return SITE


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """URL of the built site, served locally under the site_url's path."""
    with sitemodel.serve(built_site, MODEL.config.sub_path) as url:
        yield url


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    try:
        browser = chromium.launch(playwright)
    except SystemExit as missing:
        pytest.fail(str(missing))
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def webkit_display() -> Iterator[str]:
    """One X display for every WebKitGTK of the run (a private Xvfb when there is no $DISPLAY)."""
    try:
        webkit.minibrowser()
    except SystemExit as missing:
        pytest.fail(str(missing))
    with webkit.display() as display:
        yield display


@pytest.fixture
def webkit_driver(webkit_display: str):
    """WebKitGTK through WebDriver at a phone's size (tools/webkit.py), with a new, empty profile:
    each test is a first visit (a browser costs about half a second)."""
    with webkit.browser(webkit_display) as driver:
        yield driver


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def axe():
    """Runs the pinned axe-core on a Playwright page (or a part of it); returns its violations."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run the tests through 'make test' (it installs node_modules)")

    def run(page, selector: str | None = None) -> list[dict]:
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        return page.evaluate(
            "([tags, selector]) => axe.run(selector || document, {runOnly: {type: 'tag', values: tags}}).then("
            "r => r.violations.map(v => ({id: v.id, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))",
            [AXE_TAGS, selector],
        )

    return run


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']}: {v['help']}\n  " + "\n  ".join(v["nodes"][:5]) for v in violations)


def guarded_context(browser, base_url: str, **options):
    """A browser context that blocks and records every request to another host (context.foreign)."""
    context = browser.new_context(**options)
    own = urlsplit(base_url).netloc
    context.foreign = []

    def guard(route):
        if urlsplit(route.request.url).netloc != own:
            context.foreign.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", guard)
    return context


def press(locator) -> None:
    """Press a control as the reader would: a tap with a finger on a touch screen, else a click."""
    if locator.page.evaluate("navigator.maxTouchPoints > 0"):
        locator.tap()
    else:
        locator.click()


def phone_context(browser, scheme: str = "light", **options):
    """A phone: 360 px wide, touch, in the given colour scheme."""
    return browser.new_context(**{"viewport": PHONE, "device_scale_factor": 2, "color_scheme": scheme,
                                  "is_mobile": True, "has_touch": True, **options})


def serve_sitemap_for_this_host(page, base_url: str) -> None:
    """Material's instant navigation only follows links listed in sitemap.xml,
    whose addresses carry the deployed host; on a local port, point them here."""
    def fulfil(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(MODEL.config.site_url, base_url))

    page.route("**/sitemap.xml", fulfil)


# The private log (docs/assets/javascripts/lib/log.js), read and written by
# the tests with plain IndexedDB calls, not through the site's own module.
# They open it at whatever version it has; where the page has not opened it
# yet, that makes it as version 1 made it (the store, no index), so the
# page's next open upgrades it.
_OPEN_LOG = """new Promise((resolve, reject) => {
  const request = indexedDB.open("hip-log");
  request.onupgradeneeded = () => request.result.createObjectStore("sessions", {keyPath: "id", autoIncrement: true});
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
})"""
READ_LOG = "() => " + _OPEN_LOG + """.then(db => new Promise(resolve => {
  const all = db.transaction("sessions").objectStore("sessions").getAll();
  all.onsuccess = () => { db.close(); resolve(all.result); };
}))"""
SEED_LOG = "entries => " + _OPEN_LOG + """.then(db => new Promise(resolve => {
  const tx = db.transaction("sessions", "readwrite");
  for (const entry of entries) tx.objectStore("sessions").add(entry);
  tx.oncomplete = () => { db.close(); resolve(entries.length); };
}))"""


# --- The words of each language ------------------------------------------------------

MESSAGES = ROOT / "docs" / "assets" / "javascripts" / "messages"
THEME_WORDS = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
WORD = re.compile(r"[^\W\d_]+")
# Names that read the same in any language and need no translation: none yet. A word the site shows on
# a translated page that only its English text has is English on that page (english_words below).
PROPER_NAMES: frozenset[str] = frozenset()


@functools.cache
def messages(code: str) -> dict:
    """A language's message catalog (docs/assets/javascripts/messages/<code>.js), as node reads it."""
    path = MESSAGES / f"{code}.js"
    run = subprocess.run(["node", "--input-type=module", "-e",
                          f"import m from {json.dumps(path.as_uri())}; console.log(JSON.stringify(m))"],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def _words_of(*texts: str) -> set[str]:
    return {word.lower() for text in texts for word in WORD.findall(text)}


def _prose(path: Path) -> str:
    """The words a reader can see from one of a language's files, less its markup: a page or a shared
    snippet without its front matter, comments, includes, tags and video options (but the clip's
    title); an SVG figure's title, description and labels; the clips' captions."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".svg":
        return " ".join(re.findall(r"<(?:title|desc|text)[^>]*>([^<]*)<", text))
    if path.suffix == ".yml":
        return " ".join(str(v) for v in _values(yaml.safe_load(text)))
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"<!--.*?-->|^--8<--.*$|<[^>]+>", " ", text, flags=re.S | re.M)
    text = re.sub(r"^( *)```video\n(.*?)^\1```", lambda m: " ".join(re.findall(r"^ *title: *(.*)$", m[2], re.M)),
                  text, flags=re.S | re.M)
    text = re.sub(r'^ *(?:!!!|\?\?\?)\+? [\w -]*?(?="|$)', " ", text, flags=re.M)  # an admonition's type and classes
    return re.sub(r"\]\([^)]*\)|\{[^}]*\}|\b[\w-]+\.md\b", " ", text)


def _values(data) -> list:
    if isinstance(data, dict):
        return [v for value in data.values() for v in _values(value)]
    if isinstance(data, list):
        return [v for value in data for v in _values(value)]
    return [data]


@functools.cache
def theme_words(code: str) -> dict[str, str]:
    """The theme's own words in a language (Material's partials/languages/<code>.html): "top" is "Back to top"."""
    theme = THEME_WORDS / f"{code}.html"
    return dict(re.findall(r'^ *"([\w.]+)": "(.*)",?$', theme.read_text(encoding="utf-8"), re.M)) if theme.is_file() else {}


@functools.cache
def vocabulary(code: str) -> frozenset[str]:
    """Every word the project writes for readers in a language: its pages and shared text (figures,
    captions), its settings' words (extra.hip.words, the nav, the site's name and description), its tools'
    catalog, and the theme's own words in that language (Material's partials/languages/<code>.html)."""
    language = MODEL.language(code)
    includes = ROOT / "includes"
    if language.default:
        others = [includes / other.code for other in MODEL.languages[1:]]
        files = [*MODEL.docs.glob("*.md"),
                 *(p for p in includes.rglob("*") if p.is_file() and not any(p.is_relative_to(o) for o in others))]
    else:
        files = [*(MODEL.docs / code).rglob("*.md"), *(p for p in (includes / code).rglob("*") if p.is_file())]
    data = language.config.data
    settings = [data["site_name"], data["site_description"], data.get("copyright", ""), *language.words.values(),
                *(next(iter(item)) for item in data["nav"] if isinstance(item, dict)),
                *(alt["name"] for alt in data["extra"]["alternate"])]
    catalog = [value if isinstance(value, str) else " ".join(value.values()) for value in messages(code).values()]
    slots = re.compile(r"\{\w+\}")  # {count}, {title}: the code fills them in
    return frozenset(_words_of(*(slots.sub(" ", text) for text in
                                 [*(_prose(path) for path in files), *map(str, settings), *catalog, *theme_words(code).values()])))


def english_words(text: str, code: str) -> set[str]:
    """The words in `text` that only the English of this project has: on a page in language `code`, they
    are English the reader should not see (the English pages, settings, catalog and theme words, less
    every word of that language's)."""
    english = vocabulary(MODEL.languages[0].code)
    text = re.sub(r"\b(?:https?://|[\w-]+\.github\.io/)\S*", " ", text)  # an address is no word of any language
    return {word for word in _words_of(text) if word in english and word not in vocabulary(code)
            and word not in PROPER_NAMES}


# What a reader meets on a page: its visible text, its title, and every name and hint its elements give
# screen readers (aria-label, title, alt, placeholder), hidden ones included.
PAGE_WORDS = """() => [document.title, document.body.innerText,
  ...[...document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')].flatMap(el =>
    ['aria-label', 'title', 'alt', 'placeholder'].map(name => el.getAttribute(name) || ''))].join(' ')"""
