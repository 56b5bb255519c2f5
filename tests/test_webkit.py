"""The first tap and Back in WebKit (WebKitGTK, Safari's engine), on a slow first visit.

Every browser here is new (an empty profile: no service worker, nothing
cached) and the server answers every script 300 ms late, as a phone on a
slow network would see the site the first time.

- Each tool opens on its first tap, with no uncaught error. The pages and
  their tools come from the site model (Page.tools), so a new one is tapped
  without editing this file.
- Back closes workout mode with a plan running, after a link from the home
  page: the page stays, speech stops and the wake lock is let go; a second
  Back leaves the page, and Forward does not bring the view back.
- The slow server itself (the site model's): scripts late, the tests'
  script first in each page, sitemap.xml naming this server.

Input is WebDriver's: an element click is a real, trusted pointer and mouse
event sequence (pointerdown, mousedown, pointerup, click) at the element's
centre, after the same check a finger gets (is something else on top?).
WebKitGTK has no touch: a touch pointer through WebDriver arrives as mouse
events too. The page's errors are recorded by a script the server puts first
in every page (WebKitGTK's WebDriver reads no console, and has no BiDi).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from urllib.request import urlopen

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from conftest import MODEL, SITE
from sitemodel import serve

SCRIPT_DELAY_MS = 300
TAPS = [(page, tool) for page in MODEL.pages for tool in sorted(page.tools)]
HOME = MODEL.pages[0]
SEQUENCE_2 = MODEL.page("sequence-2.md")
QUIET_MS = 2000  # how long after Back nothing may be spoken

# Every uncaught error, unhandled rejection and console.error of the page, in
# window.hipErrors. First in the page, so it is listening before any page script runs.
RECORDER = r"""
window.hipErrors = [];
const hipWhere = (error) => (error && error.stack ? ` at ${String(error.stack).split("\n")[0]}` : "");
addEventListener("error", (e) => hipErrors.push(`${e.message}${hipWhere(e.error)}`));
addEventListener("unhandledrejection", (e) => hipErrors.push(`unhandled rejection: ${e.reason}${hipWhere(e.reason)}`));
const hipConsoleError = console.error;
console.error = (...args) => { hipErrors.push(`console.error: ${args.join(" ")}`); hipConsoleError.apply(console, args); };
"""
# Material follows a link in place (instant navigation) only once it has read sitemap.xml, which it
# parses as XML and uses in the same task; before, a click loads a new page. Note when it has.
SITEMAP_READ = r"""
const hipParse = DOMParser.prototype.parseFromString;
DOMParser.prototype.parseFromString = function (text, type) {
  const parsed = hipParse.call(this, text, type);
  if (type === "text/xml") window.hipSitemapRead = true;
  return parsed;
};
"""
# speechSynthesis with one English voice on the device: each utterance takes 2 s, in turn;
# hipSpeech records what is said and when, and each cancel(). The screen wake lock: hipLock
# counts requests and releases.
HANDS_FREE = r"""
window.hipSpeech = {spoken: [], cancels: []};
(() => {
  const fire = (target, type, props = {}) => {
    const event = Object.assign(new Event(type), props);
    target.dispatchEvent(event);
    if (typeof target["on" + type] === "function") target["on" + type](event);
  };
  const voice = {name: "Test voice", lang: "en-US", localService: true, default: true, voiceURI: "test"};
  const synth = new EventTarget();
  let queue = [], current = null, timer = 0;
  const next = () => {
    current = queue.shift() || null;
    if (!current) return;
    const utterance = current;
    fire(utterance, "start");
    timer = setTimeout(() => { current = null; fire(utterance, "end"); next(); }, 2000);
  };
  Object.defineProperties(synth, {
    speaking: {get: () => current !== null},
    pending: {get: () => queue.length > 0},
    paused: {get: () => false},
  });
  Object.assign(synth, {
    getVoices: () => [voice],
    speak(utterance) {
      hipSpeech.spoken.push({text: utterance.text, at: performance.now()});
      queue.push(utterance);
      if (!current) next();
    },
    cancel() {
      hipSpeech.cancels.push(performance.now());
      clearTimeout(timer);
      const stopped = [current, ...queue].filter(Boolean);
      current = null;
      queue = [];
      for (const utterance of stopped) fire(utterance, "error", {error: "interrupted"});
    },
    pause() {},
    resume() {},
  });
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = class extends EventTarget {
    constructor(text = "") { super(); Object.assign(this, {text, voice: null, lang: "", rate: 1, pitch: 1, volume: 1}); }
  };
  window.hipLock = {requests: 0, releases: 0};
  Object.defineProperty(Navigator.prototype, "wakeLock", {configurable: true, get: () => ({
    async request(type) {
      hipLock.requests++;
      const sentinel = new EventTarget();
      Object.assign(sentinel, {type, released: false, async release() {
        if (sentinel.released) return;
        sentinel.released = true;
        hipLock.releases++;
        fire(sentinel, "release");
      }});
      return sentinel;
    },
  })});
})();
"""


@pytest.fixture(scope="module")
def slow_site(built_site) -> Iterator[str]:
    with serve(built_site, MODEL.config.sub_path, script_delay_ms=SCRIPT_DELAY_MS, head_script=RECORDER) as url:
        yield url


def wait(driver, timeout: float = 20) -> WebDriverWait:
    return WebDriverWait(driver, timeout, poll_frequency=0.05)


def visible(driver, selector: str, within=None):
    """The first element matching `selector` that is displayed."""
    found = [e for e in (within or driver).find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]
    assert found, f"nothing visible matches {selector}"
    return found[0]


def errors(driver) -> list[str]:
    return driver.execute_script("return window.hipErrors")


def tap(driver, element) -> None:
    """WebDriver's element click: scrolled into view, then real pointer and mouse events at its centre."""
    element.click()


def open_tool(driver, tool: str) -> None:
    """Tap the tool's button once; its view must open, with no error."""
    tap(driver, visible(driver, f"button[data-hip-open={tool}]"))
    opened = f"!!document.querySelector('dialog.hip-{tool}[open]')"
    try:
        wait(driver).until(lambda d: d.execute_script(f"return {opened} || hipErrors.length > 0"))
    except TimeoutException:
        pytest.fail(f"{tool}: its view did not open within 20 s of the first tap (and no error was recorded)")
    found = errors(driver)
    assert found == [], f"{tool}: uncaught errors after the first tap:\n" + "\n".join(found)
    assert driver.execute_script(f"return {opened}"), f"{tool}: its view did not open on the first tap"


def test_the_slow_server_delays_scripts_and_runs_the_tests_script_first(built_site) -> None:
    with serve(built_site, MODEL.config.sub_path, script_delay_ms=SCRIPT_DELAY_MS, head_script="window.hipFirst = 1;",
               site_url=MODEL.config.site_url) as base:
        start = time.monotonic()
        urlopen(base + "assets/javascripts/main.js").read()
        assert time.monotonic() - start >= SCRIPT_DELAY_MS / 1000
        html = urlopen(base + SEQUENCE_2.url).read().decode()
        assert html.index("<script") == html.index("<script>window.hipFirst = 1;</script>") > html.index("charset")
        sitemap = urlopen(base + "sitemap.xml").read().decode()
        assert all(f"<loc>{base}{page.url}</loc>" in sitemap for page in MODEL.pages)


@pytest.mark.parametrize(("page_model", "tool"), TAPS, ids=[f"{page.name}-{tool}" for page, tool in TAPS])
def test_each_tool_opens_on_its_first_tap(webkit_driver, slow_site, page_model, tool) -> None:
    driver = webkit_driver
    driver.get(slow_site + page_model.url)
    open_tool(driver, tool)
    view = driver.find_element(By.CSS_SELECTOR, f"dialog.hip-{tool}[open]")
    assert view.rect["width"] == driver.execute_script("return innerWidth"), f"{tool}: not full screen"
    if tool == "coach":
        # WebKitGTK here has no camera: the view says so, in a status message in sight.
        wait(driver).until(lambda d: [m for m in view.find_elements(By.CSS_SELECTOR, "[role=status], [role=alert]")
                                      if m.is_displayed() and "camera" in m.text.lower()],
                           f"the coach shows no message about the camera: {view.text!r}")
    assert errors(driver) == []


def control(driver, view, label: str):
    """The input or menu in the view whose label reads `label`."""
    found = driver.execute_script("""const [view, label] = arguments;
        return [...view.querySelectorAll("input, select, textarea")].find((c) =>
          [...c.labels].some((l) => l.textContent.replace(/\\s+/g, " ").trim() === label));""", view, label)
    assert found, f"no control labelled {label!r}"
    return found


def type_into(field, text: str) -> None:
    field.click()
    field.clear()
    field.send_keys(text)


def heading(driver) -> str:
    return driver.execute_script("const h = document.querySelector('.md-content h1'); return h && h.textContent.trim()")


@functools.cache
def title_of(page_model) -> str:
    return page_model.built(SITE).select_one(".md-content h1").get_text(strip=True)


def on(driver, base: str, page_model) -> bool:
    """The address and the content are this page's."""
    return driver.current_url == base + page_model.url and heading(driver) == title_of(page_model)


def test_back_closes_workout_mode_and_stops_the_plan(webkit_driver, built_site) -> None:
    driver = webkit_driver
    head = RECORDER + SITEMAP_READ + HANDS_FREE
    with serve(built_site, MODEL.config.sub_path, script_delay_ms=SCRIPT_DELAY_MS, head_script=head,
               site_url=MODEL.config.site_url) as base:
        driver.get(base + HOME.url)
        wait(driver).until(lambda d: d.execute_script("return window.hipSitemapRead === true"))
        driver.execute_script("window.hipSamePage = true")  # gone if a page loads
        tap(driver, visible(driver, f".md-content a[href$='/{SEQUENCE_2.url}']"))  # Material makes links absolute
        wait(driver).until(lambda d: on(d, base, SEQUENCE_2), "the link did not lead to Sequence 2")
        assert driver.execute_script("return window.hipSamePage"), "not an instant navigation"

        open_tool(driver, "workout")
        view = driver.find_element(By.CSS_SELECTOR, "dialog.hip-workout[open]")
        type_into(control(driver, view, "Holds per leg"), "3")
        type_into(control(driver, view, "Seconds per hold"), "3")
        # Clicking an option chooses it (WebDriver's rule), without GTK's pop-up menu.
        sides = control(driver, view, "Standing leg").find_elements(By.TAG_NAME, "option")
        tap(driver, next(option for option in sides if option.text.startswith("Both")))
        speak = control(driver, view, "Speak")
        if not speak.is_selected():
            tap(driver, speak)
        tap(driver, view.find_element(By.XPATH, ".//button[normalize-space()='Start plan']"))
        wait(driver).until(lambda d: d.execute_script("return hipSpeech.spoken.length > 0 && hipLock.requests > 0"),
                           "the plan did not start speaking with the screen kept on")

        driver.execute_script("hipSpeech.backAt = performance.now()")
        driver.back()
        wait(driver).until(lambda d: not d.execute_script("return !!document.querySelector('dialog.hip-workout[open]')"),
                           "Back did not close workout mode")
        assert on(driver, base, SEQUENCE_2) and driver.execute_script("return window.hipSamePage"), \
            f"Back left Sequence 2 for {driver.current_url} ({heading(driver)!r})"

        def quiet_for_two_seconds(d) -> bool:
            state = d.execute_script("""return {now: performance.now(), backAt: hipSpeech.backAt,
                said: hipSpeech.spoken.filter((s) => s.at > hipSpeech.backAt).map((s) => s.text),
                speaking: speechSynthesis.speaking || speechSynthesis.pending, samePage: window.hipSamePage}""")
            assert state["said"] == [], f"spoken after Back: {state['said']}"
            assert state["samePage"] and on(d, base, SEQUENCE_2), "the page changed after Back"
            if state["now"] - state["backAt"] < QUIET_MS:
                return False
            assert not state["speaking"], "still speaking 2 s after Back"
            return True

        wait(driver).until(quiet_for_two_seconds)
        assert driver.execute_script("return hipSpeech.cancels.some((at) => at >= hipSpeech.backAt)"), \
            "speech was not cancelled on Back"
        lock = driver.execute_script("return hipLock")
        assert lock["releases"] == lock["requests"], f"the wake lock was not released: {lock}"

        driver.back()
        wait(driver).until(lambda d: on(d, base, HOME), "a second Back did not go to the home page")
        driver.forward()
        wait(driver).until(lambda d: on(d, base, SEQUENCE_2), "Forward did not return to Sequence 2")
        assert not driver.execute_script("return !!document.querySelector('dialog.hip-workout[open]')"), \
            "Forward reopened workout mode"
        assert errors(driver) == []
