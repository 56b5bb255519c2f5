"""A full-screen view behaves like a phone app's screen, in Chromium with
instant navigation (the page reached by a link, as every reader after the
first page reaches it), tapped with touch:

- Back (the browser's button, Android's gesture) closes the open view and
  stays on the page; then nothing it started goes on: nothing is spoken,
  the camera is off, no motion sensor is read, the wake lock is released.
  A second Back leaves the page; Forward never reopens a dead view.
- Close takes the view's history entry away, so Back then leaves the page.
- A link inside a view closes it first, and history has no dead entry.
- A plan running when the page goes into the back/forward cache ends there,
  logged as stopped, without counting the time away.
- A first visit with every script 300 ms late opens each tool on its first
  tap; a tool whose code cannot load says so beside its button, and the next
  tap works.

Tools and the pages that offer them come from the site model, so a new tool
or page is covered without editing this file. The page clock is Playwright's
(page.clock): "2 s later" is page time, moved on by the test.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

import chromium
from conftest import MODEL, READ_LOG, SITE, phone_context
from meter_sensor import NOISE, RECORD, Sensor
from sitemodel import serve
from test_workout import HANDS_FREE, START

WITH_TOOLS = [page for page in MODEL.pages if page.tools]
CASES = [(page, tool) for page in WITH_TOOLS for tool in sorted(page.tools)]
HOME = MODEL.pages[0]
# Every camera stream the page gets, to see that each one is stopped.
STREAMS = """window.hipStreams = [];
if (navigator.mediaDevices) {
  const get = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (c) => get(c).then((s) => { hipStreams.push(s); return s; });
}"""
SPEECH_CANCELS = """if (window.speechSynthesis && speechSynthesis.cancel) {
  const cancel = speechSynthesis.cancel.bind(speechSynthesis);
  window.hipCancels = 0;
  speechSynthesis.cancel = () => { hipCancels++; cancel(); };
}"""
INIT = HANDS_FREE + SPEECH_CANCELS + STREAMS + RECORD


@pytest.fixture(scope="module")
def site(config) -> Iterator[str]:
    """The built site, its sitemap naming this server, so Material's instant navigation follows links."""
    with serve(SITE, config.sub_path, site_url=config.site_url) as url:
        yield url


@pytest.fixture(scope="module")
def slow_site(config) -> Iterator[str]:
    """The same, with every script 300 ms late: a first visit on a slow connection."""
    with serve(SITE, config.sub_path, site_url=config.site_url, script_delay_ms=300) as url:
        yield url


@pytest.fixture(scope="module")
def phone(playwright):
    """Chromium with a fake front camera that needs no prompt, for the coach."""
    browser = chromium.launch(playwright, ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"])
    yield browser
    browser.close()


def heading(page_model) -> str:
    """The page's title as its built heading shows it."""
    return page_model.built(SITE).select_one(".md-content h1").get_text().rstrip("¶").strip()


def new_page(browser, init: str = INIT):
    context = phone_context(browser, service_workers="block")
    context.add_init_script(init)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    return page


def arrive_by_link(page, site: str, target) -> None:
    """Open the home page, wait for the sitemap (before it, a link is an ordinary page load), and
    tap the content's link to `target`: an instant navigation, as a reader moves on."""
    with page.expect_response(lambda response: response.url.endswith("/sitemap.xml")):
        page.goto(site + HOME.url)
    page.evaluate("window.hipSamePage = true")  # gone if the browser loads a new document
    link = page.locator(f".md-content a[href$='{target.url}'], .md-footer a[href$='{target.url}']").first
    link.scroll_into_view_if_needed()
    link.tap()
    expect(page.locator(".md-content h1")).to_contain_text(heading(target))
    assert page.evaluate("window.hipSamePage") is True


def open_tool(page, name: str):
    button = page.locator(f"button[data-hip-open={name}]").locator("visible=true").first
    button.scroll_into_view_if_needed()
    button.tap()
    view = page.locator(f"dialog.hip-{name}[open]")
    expect(view).to_be_visible()
    return view


def start_tool(page, name: str, view) -> Sensor | None:
    """Get the tool doing what it does: a plan speaking, the camera live, the meter reading."""
    if name == "workout":
        view.get_by_label("Holds per leg", exact=True).fill("3")
        view.get_by_label("Seconds per hold", exact=True).fill("3")
        view.get_by_role("checkbox", name="Speak").check()
        view.get_by_role("checkbox", name="Sounds").check()
        view.get_by_role("button", name="Start plan").tap()
        page.clock.run_for(1000)
        assert page.evaluate("hipSpoken.length") > 0
    elif name == "coach":
        page.wait_for_function("hipStreams.length > 0 && hipStreams[0].getVideoTracks()[0].readyState === 'live'")
    elif name == "meter":
        sensor = Sensor(page)
        sensor.tilt(0, NOISE, random.Random(2))
        page.own_motion_listeners = motion_listeners(page)  # the test's own devicemotion listener
        view.get_by_role("button", name="Start", exact=True).tap()
        for _ in range(5):
            sensor.tilt(0, NOISE, random.Random(3))
            page.clock.run_for(100)
        assert page.evaluate("hipReadings.length") > 0
        assert motion_listeners(page) > page.own_motion_listeners  # the meter's own, while it reads
        return sensor
    return None


def motion_listeners(page) -> int:
    """devicemotion and deviceorientation listeners on window (CDP DOMDebugger.getEventListeners)."""
    cdp = page.context.new_cdp_session(page)
    try:
        window = cdp.send("Runtime.evaluate", {"expression": "window"})["result"]["objectId"]
        listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": window})["listeners"]
        return sum(1 for listener in listeners if listener["type"] in ("devicemotion", "deviceorientation"))
    finally:
        cdp.detach()


@pytest.mark.parametrize("page_model, name", CASES, ids=[f"{p.name}-{t}" for p, t in CASES])
def test_back_closes_the_view_and_stops_what_it_started(phone, site, page_model, name) -> None:
    page = new_page(phone)
    page.clock.install(time=START)
    arrive_by_link(page, site, page_model)
    view = open_tool(page, name)
    sensor = start_tool(page, name, view)

    page.go_back()
    # The view is gone; the reader is still on the page, which was not loaded or swapped again.
    expect(page.locator("dialog.hip-view")).to_have_count(0)
    # (the address may carry the section's #anchor: Material's navigation.tracking follows the scroll)
    assert urlsplit(page.url).path.endswith(page_model.url) and page.evaluate("window.hipSamePage") is True
    expect(page.locator(".md-content h1")).to_contain_text(heading(page_model))
    assert page.locator(f"button[data-hip-open={name}]").locator("visible=true").first.evaluate(
        "b => b === document.activeElement")

    # 2 s later, nothing the view started goes on.
    spoken, tones, readings = page.evaluate("[hipSpoken.length, hipTones.length, hipReadings.length]")
    if sensor:
        sensor.tilt(-6, NOISE, random.Random(4))
    page.clock.run_for(2000)
    assert page.evaluate("[hipSpoken.length, hipTones.length, hipReadings.length]") == [spoken, tones, readings]
    if name in ("workout", "meter"):  # the tools that keep the screen on
        assert page.evaluate("hipLock.requests") >= 1
    assert page.evaluate("hipLock.releases === hipLock.requests")
    assert page.evaluate("hipStreams.every(s => s.getTracks().every(t => t.readyState === 'ended'))")
    assert motion_listeners(page) == getattr(page, "own_motion_listeners", 0)
    if name == "workout":
        assert page.evaluate("hipCancels") > 0  # speech was cut off, not left to finish
        # The plan interrupted by Back is logged as stopped.
        page.wait_for_function(f"({READ_LOG})().then(e => e.length === 1)")
        [entry] = page.evaluate(READ_LOG)
        assert entry["how"] == "stopped" and entry["holdsDone"] == 0, entry
    if sensor:
        sensor.close()

    # A second Back leaves the page; Forward comes back to it, and never to the view.
    page.go_back()
    expect(page.locator(".md-content h1")).to_contain_text(heading(HOME))
    page.go_forward()
    expect(page.locator(".md-content h1")).to_contain_text(heading(page_model))
    page.go_forward()  # onto the closed view's entry, which is skipped
    page.wait_for_function("!(history.state && history.state.hipView)")
    expect(page.locator("dialog.hip-view")).to_have_count(0)
    assert page.errors == []
    page.context.close()


def test_a_jump_further_back_closes_the_view_and_leaves_the_page(phone, site) -> None:
    """A long press on Back picks an entry further back: the view goes, and the page changes as usual."""
    page_model = WITH_TOOLS[0]
    page = new_page(phone)
    arrive_by_link(page, site, page_model)
    open_tool(page, "workout")
    page.evaluate("history.go(-2)")
    expect(page.locator(".md-content h1")).to_contain_text(heading(HOME))
    expect(page.locator("dialog.hip-view")).to_have_count(0)
    assert page.evaluate("window.hipSamePage") is True and page.errors == []
    page.context.close()


@pytest.mark.parametrize("how", ["Close", "Escape"])
def test_close_takes_the_views_history_entry_away(phone, site, how) -> None:
    page_model = WITH_TOOLS[0]
    page = new_page(phone)
    arrive_by_link(page, site, page_model)
    open_tool(page, "workout")
    if how == "Close":
        page.get_by_role("button", name="Close").tap()
    else:
        page.keyboard.press("Escape")
    expect(page.locator("dialog.hip-view")).to_have_count(0)
    page.wait_for_function("!(history.state && history.state.hipView)")
    page.go_back()  # straight back to where the reader came from
    expect(page.locator(".md-content h1")).to_contain_text(heading(HOME))
    assert page.evaluate("window.hipSamePage") is True and page.errors == []
    page.context.close()


def test_a_link_inside_a_view_closes_it_first(phone, site) -> None:
    """'Open My log' on the done screen: the view goes, My log opens by instant navigation, and
    Back returns to the page (no dead entry of the view in between), then to where the reader came from."""
    page_model = WITH_TOOLS[0]
    page = new_page(phone)
    page.clock.install(time=START)
    arrive_by_link(page, site, page_model)
    view = open_tool(page, "workout")
    start_tool(page, "workout", view)
    view.get_by_role("button", name="Stop", exact=True).tap()
    view.get_by_role("link", name="Open My log").tap()
    page.wait_for_url("**/log/")
    expect(page.locator("dialog.hip-view")).to_have_count(0)
    assert page.evaluate("window.hipSamePage") is True
    page.go_back()
    expect(page.locator(".md-content h1")).to_contain_text(heading(page_model))
    assert not page.evaluate("history.state && history.state.hipView")
    page.go_back()
    expect(page.locator(".md-content h1")).to_contain_text(heading(HOME))
    assert page.errors == []
    page.context.close()


def test_leaving_the_page_mid_plan_ends_it_without_counting_the_time_away(phone, site) -> None:
    """The page going into the back/forward cache (pagehide, persisted) with a plan running: the
    view closes and its session is logged as stopped, then and there; back from the cache
    (pageshow, persisted), the reader is on the page, not on the closed view's history entry."""
    page_model = WITH_TOOLS[0]
    page = new_page(phone)
    page.clock.install(time=START)
    arrive_by_link(page, site, page_model)
    view = open_tool(page, "workout")
    start_tool(page, "workout", view)
    left_at = page.evaluate("Date.now()")
    page.evaluate("dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}))")
    expect(page.locator("dialog.hip-view")).to_have_count(0)
    page.wait_for_function(f"({READ_LOG})().then(e => e.length === 1)")
    [entry] = page.evaluate(READ_LOG)
    assert entry["how"] == "stopped"
    page.clock.run_for(60_000)  # a minute away
    page.evaluate("dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    page.wait_for_function("!(history.state && history.state.hipView)")
    [entry] = page.evaluate(READ_LOG)
    ended = page.evaluate("iso => Date.parse(iso)", entry["ended"])
    assert ended - left_at < 1000, "the time away was counted"
    page.go_back()
    expect(page.locator(".md-content h1")).to_contain_text(heading(HOME))
    page.context.close()


@pytest.mark.parametrize("page_model, name", CASES, ids=[f"{p.name}-{t}" for p, t in CASES])
def test_each_tool_opens_on_its_first_tap_on_a_slow_first_visit(phone, slow_site, page_model, name) -> None:
    page = new_page(phone, init=HANDS_FREE)
    page.goto(slow_site + page_model.url)
    button = page.locator(f"button[data-hip-open={name}]").locator("visible=true").first
    button.scroll_into_view_if_needed()
    button.tap()  # once: its code is still on its way
    expect(page.locator(f"dialog.hip-{name}[open]")).to_be_visible()
    assert page.errors == []
    page.context.close()


def test_a_tap_before_the_page_scripts_have_run_opens_the_tool_when_they_do(phone, config) -> None:
    """The buttons show from the first paint; on a slow first visit a thumb can get there before
    the page scripts do. The head's script keeps that tap, and main.js opens the tool once it runs."""
    page_model, name = CASES[0]
    with serve(SITE, config.sub_path, site_url=config.site_url, script_delay_ms=4000) as slow:
        page = new_page(phone, init=HANDS_FREE)
        page.goto(slow + page_model.url, wait_until="commit")
        button = page.locator(f"button[data-hip-open={name}]").locator("visible=true").first
        button.scroll_into_view_if_needed()
        button.tap()
        # Kept, so main.js had not run yet (it takes the keeping over, and clears it).
        assert page.evaluate("window.hipEarlyTap instanceof HTMLButtonElement"), "the tap was not kept for main.js (or main.js had already run)"
        expect(page.locator(f"dialog.hip-{name}[open]")).to_be_visible(timeout=20_000)
        assert page.evaluate("window.hipEarlyTap") is None
        assert page.errors == []
        page.context.close()


def test_a_tool_that_cannot_load_says_so_and_the_next_tap_works(phone, site) -> None:
    page_model = WITH_TOOLS[0]
    page = new_page(phone, init=HANDS_FREE)
    # Offline before the precache, or a deploy mid-visit: the tool's code is not there.
    page.route("**/assets/javascripts/workout.js", lambda route: route.abort())
    page.goto(site + page_model.url)
    button = page.locator("button[data-hip-open=workout]").locator("visible=true").first
    button.scroll_into_view_if_needed()
    button.tap()
    problem = page.locator(".hip-tool__problem")
    expect(problem).to_have_text("Workout mode could not load. Check your connection and try again.")
    assert problem.get_attribute("role") == "alert"
    page.unroute("**/assets/javascripts/workout.js")
    button.tap()
    expect(page.locator("dialog.hip-workout[open]")).to_be_visible()
    expect(problem).to_have_count(0)
    page.context.close()
