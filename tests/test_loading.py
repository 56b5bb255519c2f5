"""A page loads only what its content uses (issue 12), in Chromium.

- A page without tools (the site model says which: no step list, no
  `<!-- hip:NAME -->` tool) requests no workout or coach code, not even once
  it has loaded everything it loads after the first paint.
- On a page with tools, each one's code loads on its button's first tap,
  and the tool opens and works: online, and offline after the service
  worker has precached (the network cut twice over: Playwright's offline
  mode and a server that hangs up).

What counts as workout or coach code is read from the built scripts: each
tool's module (named after the tool, as main.js loads it) and every chunk
it imports that no other module main.js loads needs; plus the full-screen
views' stylesheet and the coach's pose model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import chromium
from conftest import MODEL, PHONE, SITE
from sitemodel import UnpluggableHandler as Unplugged, serve

SCRIPTS = SITE / "assets" / "javascripts"
WITHOUT_TOOLS = [page for page in MODEL.pages if not page.tools]
WITH_TOOLS = [page for page in MODEL.pages if page.tools]
ALL_TOOLS = sorted(set().union(*(page.tools for page in MODEL.pages)))
STATIC_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*["']\./([\w.-]+\.js)["']""")
DYNAMIC_IMPORT = re.compile(r"""\bimport\(\s*["']\./([\w.-]+\.js)["']\s*\)""")


def closure(names: set[str]) -> set[str]:
    """The built chunks these load before they run (static imports), themselves included."""
    found, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo += STATIC_IMPORT.findall((SCRIPTS / name).read_text(encoding="utf-8"))
    return found


def tool_code() -> set[str]:
    """Paths (under the site) that only workout mode and the coach need."""
    tools = {f"{name}.js" for name in ALL_TOOLS}
    loaded_by_main = set(DYNAMIC_IMPORT.findall((SCRIPTS / "main.js").read_text(encoding="utf-8")))
    assert tools <= loaded_by_main, f"main.js should load each tool on demand: {sorted(tools - loaded_by_main)}"
    others = closure({"main.js"} | (loaded_by_main - tools))
    only_tools = closure(tools) - others
    return {f"assets/javascripts/{name}" for name in only_tools} | {"assets/stylesheets/views.css"}


def is_tool_code(path: str, code: set[str]) -> bool:
    return path in code or path.startswith("assets/coach/")


@pytest.fixture(scope="module")
def site(config) -> Iterator[str]:
    Unplugged.down = False
    with serve(SITE, config.sub_path, handler=Unplugged) as url:
        yield url
    Unplugged.down = False


@pytest.fixture(scope="module")
def camera_browser(playwright):
    """Chromium with a fake front camera (its own test pattern) that needs no permission prompt."""
    browser = chromium.launch(playwright, ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"])
    yield browser
    browser.close()


def record(page, base: str) -> list[str]:
    """Paths (under the site) the page requests from now on."""
    seen: list[str] = []
    prefix = urlsplit(base).path
    page.on("request", lambda request: seen.append(urlsplit(request.url).path.removeprefix(prefix)))
    return seen


def settle(page) -> None:
    """Wait until the page has loaded what it loads after the first paint (the offline client is last)."""
    page.wait_for_load_state("load")
    page.wait_for_function("navigator.serviceWorker.getRegistration().then(r => !!r)")
    page.wait_for_load_state("networkidle")


def test_tool_code_is_known() -> None:
    code = tool_code()
    assert {f"assets/javascripts/{name}.js" for name in ALL_TOOLS} <= code
    assert not any(path.endswith("/main.js") for path in code)


@pytest.mark.parametrize("page_model", WITHOUT_TOOLS, ids=[page.name for page in WITHOUT_TOOLS])
def test_a_page_without_tools_requests_no_tool_code(browser, site, page_model) -> None:
    code = tool_code()
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    seen = record(page, site)
    page.goto(site + page_model.url)
    settle(page)
    assert "assets/javascripts/main.js" in seen, seen
    assert [path for path in seen if is_tool_code(path, code)] == []
    assert page.locator("button[data-hip-open]").count() == 0
    context.close()


def open_each_tool(page, page_model, seen: list[str], code: set[str]) -> None:
    """Tap each tool's button once, on a page that has loaded no tool code yet; each opens and works."""
    assert [path for path in seen if is_tool_code(path, code)] == [], "tool code before any tap"
    for name in sorted(page_model.tools):
        page.locator(f"button[data-hip-open={name}]").locator("visible=true").first.tap()
        view = page.locator(f"dialog.hip-{name}")
        view.wait_for()
        # Full screen: the views' stylesheet came with the code (a bare <dialog> is a small box).
        box = view.bounding_box()
        assert (box["width"], box["height"]) == (PHONE["width"], PHONE["height"]), name
        assert f"assets/javascripts/{name}.js" in seen
        assert view.locator(".hip-view__safety").inner_text().startswith("Stop if it hurts.")
        if name == "workout":
            steps = page_model.source_steps[0]
            assert page.locator(".hip-workout__text").inner_text() == steps.texts[0]
            view.get_by_role("button", name="Next").click()
            assert page.locator(".hip-workout__text").inner_text() == steps.texts[1]
        if name == "coach":
            # The mirror shows the camera: frames arrive.
            page.wait_for_function("document.querySelector('dialog.hip-coach video').readyState >= 2")
        if name == "meter":
            # The placement guide, with the Start button whose tap asks for the motion sensor.
            assert view.locator("[data-part=start]").is_visible()
        view.get_by_role("button", name="Close").first.click()
        page.wait_for_function(f"!document.querySelector('dialog.hip-{name}[open]')")


@pytest.mark.parametrize("page_model", WITH_TOOLS, ids=[page.name for page in WITH_TOOLS])
def test_tools_open_and_work_on_first_tap_online(camera_browser, site, page_model) -> None:
    context = camera_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    seen = record(page, site)
    page.goto(site + page_model.url)
    page.wait_for_load_state("networkidle")
    open_each_tool(page, page_model, seen, tool_code())
    assert errors == []
    context.close()


@pytest.mark.parametrize("page_model", WITH_TOOLS, ids=[page.name for page in WITH_TOOLS])
def test_tools_open_and_work_on_first_tap_offline(camera_browser, site, page_model) -> None:
    context = camera_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site + page_model.url)
    # Controlled means activated, which Workbox reaches only once everything is precached.
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30000)
    Unplugged.down = True
    context.set_offline(True)
    try:
        seen = record(page, site)
        page.reload()
        assert page.locator("h1").first.is_visible()
        open_each_tool(page, page_model, seen, tool_code())
    finally:
        Unplugged.down = False
    assert errors == []
    context.close()
