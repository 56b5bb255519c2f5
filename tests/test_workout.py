"""Workout mode in Chromium at phone width: one step at a time, the stop rule
in sight, swipes anywhere, wake lock, no listener left behind by instant
navigation, and a plan the reader sets, run hands-free: spoken steps, tones,
digits readable across the room, and a log entry at the end.

navigator.wakeLock is replaced by a stub that counts requests and releases,
since a headless browser has no screen to keep on; speechSynthesis and
AudioContext by stubs that record what is said and played. Plans run on
Playwright's clock (page.clock), never on the wall clock. Steps come from
the site model, so a new sequence page is covered without editing this file.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import groupby

import pytest
from playwright.sync_api import expect

from conftest import MODEL, PHONE, READ_LOG, ROOT, describe, phone_context, press, serve_sitemap_for_this_host

SEQUENCES = MODEL.sequences
FIRST = SEQUENCES[0]
WAKE_LOCK_STUB = """
window.hipLock = {requests: 0, releases: 0};
Object.defineProperty(Navigator.prototype, "wakeLock", {configurable: true, get: () => ({
  request: async (type) => {
    hipLock.requests++;
    const sentinel = new EventTarget();
    Object.assign(sentinel, {type, released: false, release: async () => {
      if (sentinel.released) return;
      sentinel.released = true;
      hipLock.releases++;
      sentinel.dispatchEvent(new Event("release"));
    }});
    return sentinel;
  },
})});
Navigator.prototype.vibrate = function (pattern) { (window.hipVibrations ||= []).push(pattern); return true; };
"""
NO_WAKE_LOCK = "delete Navigator.prototype.wakeLock;"
# speechSynthesis: two voices (one on the device, one over the network, the
# default) unless window.hipVoices says otherwise; records every utterance
# with whether it was made inside a tap; ends each one after a while, in turn.
SPEECH_STUB = r"""
window.hipSpoken = [];
(() => {
  const voices = window.hipVoices || [
    {name: "Cloud English", lang: "en-US", localService: false, default: true, voiceURI: "cloud"},
    {name: "On-device English", lang: "en-GB", localService: true, default: false, voiceURI: "local"},
  ];
  let queue = [], current = null;
  const synth = new EventTarget();
  const next = () => {
    current = queue.shift() || null;
    const u = current;
    if (!u) return;
    if (window.hipSpeechError) {
      current = null;
      setTimeout(() => { u.dispatchEvent(Object.assign(new Event("error"), {error: window.hipSpeechError})); next(); }, 10);
      return;
    }
    setTimeout(() => { if (current !== u) return; current = null; u.dispatchEvent(new Event("end")); next(); },
               300 + 30 * u.text.length);
  };
  Object.assign(synth, {
    paused: false, pending: false,
    getVoices: () => voices,
    speak(u) {
      hipSpoken.push({text: u.text, voice: u.voice && u.voice.name, local: Boolean(u.voice && u.voice.localService),
                      inTap: navigator.userActivation.isActive, during: window.event ? window.event.type : null});
      queue.push(u);
      if (!current) next();
    },
    cancel() {
      const all = [current, ...queue].filter(Boolean);
      queue = [];
      current = null;
      for (const u of all) u.dispatchEvent(Object.assign(new Event("error"), {error: "interrupted"}));
    },
    pause() {},
    resume() {},
  });
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true, writable: true});
  window.SpeechSynthesisUtterance = class extends EventTarget {
    constructor(text = "") { super(); this.text = text; this.voice = null; this.lang = ""; }
  };
})();
"""
# AudioContext: records each oscillator started (pitch, wave, when by the page's clock, and which
# sound: the notes of one sound are all started in one go, so a sound is the oscillators one task starts).
AUDIO_STUB = r"""
window.hipTones = [];
let hipSound = 0, hipStarting = false;
window.AudioContext = class {
  constructor() { this.state = "suspended"; this.destination = {}; window.hipAudioMadeInTap = navigator.userActivation.isActive; }
  get currentTime() { return performance.now() / 1000; }
  resume() { this.state = "running"; return Promise.resolve(); }
  close() { this.state = "closed"; return Promise.resolve(); }
  createBuffer() { return {}; }
  createBufferSource() { return {connect: (node) => node, start() {}}; }
  createGain() {
    const param = {value: 1, setValueAtTime() {}, exponentialRampToValueAtTime() {}, linearRampToValueAtTime() {}};
    return {gain: param, connect: (node) => node};
  }
  createOscillator() {
    const oscillator = {type: "sine", frequency: {value: 440, setValueAtTime(v) { this.value = v; }},
      connect: (node) => node, stop() {},
      start() {
        if (!hipStarting) { hipSound++; hipStarting = true; queueMicrotask(() => { hipStarting = false; }); }
        hipTones.push({hertz: oscillator.frequency.value, wave: oscillator.type, at: Date.now(), sound: hipSound});
      }};
    return oscillator;
  }
};
"""
# Every flash of the screen, as its animation starts (CSS animations run on the wall clock, not the page's).
FLASH_RECORDER = r"""
window.hipFlashes = [];
document.addEventListener("animationstart", (e) => {
  if (e.target.classList && e.target.classList.contains("hip-flash"))
    hipFlashes.push({name: e.animationName, shadow: getComputedStyle(e.target).boxShadow, at: Date.now()});
}, true);
"""
HANDS_FREE = WAKE_LOCK_STUB + SPEECH_STUB + AUDIO_STUB + FLASH_RECORDER
START = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc)  # the page clock's start
PLAN = {"holds": 2, "seconds": 3, "rest": 2, "sides": "both"}
OUTPUTS = ("Speak", "Sounds", "Vibrate", "Flash the screen")


def phone_page(browser, scheme="light", init=WAKE_LOCK_STUB, motion="no-preference", viewport=PHONE):
    context = phone_context(browser, scheme, reduced_motion=motion, service_workers="block", viewport=viewport)
    context.add_init_script(init)
    return context, context.new_page()


def close_view(page, key: str = "Escape") -> None:
    """Close the open view with a key and wait until it is gone and its history entry with it
    (Escape takes the entry away with history.back(), which the browser does a moment later)."""
    page.keyboard.press(key)
    page.wait_for_function("!document.querySelector('dialog.hip-view') && !(history.state && history.state.hipView)")


def swipe(page, from_x: float, to_x: float, y: float) -> None:
    """A real horizontal touch swipe through the DevTools protocol."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": from_x, "y": y}]})
    for i in range(1, 6):
        x = from_x + (to_x - from_x) * i / 5
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def middle_y(page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    return box["y"] + box["height"] / 2


def count(page) -> str:
    return page.locator(".hip-workout__count").inner_text()


def open_workout(page, url: str) -> None:
    page.goto(url)
    press(page.get_by_role("button", name="Start workout").first)
    page.locator("dialog.hip-workout[open]").wait_for()


def set_plan(page, holds="", seconds="", rest="", sides="", outputs=(), pain=None) -> None:
    view = page.locator("dialog.hip-workout[open]")
    view.get_by_label("Holds per leg", exact=True).fill(str(holds))
    view.get_by_label("Seconds per hold", exact=True).fill(str(seconds))
    view.get_by_label("Rest between holds, seconds", exact=True).fill(str(rest))
    view.get_by_label("Standing leg", exact=True).select_option(sides)
    for name in OUTPUTS:  # a choice this browser cannot make says so in its label: "Vibrate (this browser cannot)"
        view.get_by_role("checkbox", name=re.compile(f"^{re.escape(name)}")).set_checked(name in outputs)
    if pain is not None:
        view.get_by_label("Pain before, 0 to 10 (optional)").fill(str(pain))


def run_until(page, condition: str, step: int = 250, limit: int = 600_000) -> None:
    """Drive the page's clock in small steps until a condition holds (no waiting on the wall clock)."""
    for _ in range(limit // step):
        if page.evaluate(condition):
            return
        page.clock.run_for(step)
    pytest.fail(f"never true within {limit / 1000} s of page time: {condition}")


def through_the_steps(page) -> int:
    """Without speech a step waits for the reader: tap Next step (then Start the hold) as a reader
    would, until the hold begins. Returns the taps it took."""
    taps = 0
    advance = page.locator("dialog[open] [data-part=advance]")
    while page.locator(STAGE).get_attribute("data-phase") != "hold":
        if advance.is_visible():
            press(advance)
            taps += 1
        else:
            page.clock.run_for(250)
        assert taps < 50, "the steps never ended"
    return taps


def word(page) -> str:
    return page.locator("dialog[open] [data-part=word]").evaluate("e => e.textContent")


def expected_announcements(texts: list[str], holds: int, seconds: int, rest: int, sides: str) -> list[str]:
    """What the plan says, in order, written out from the rules in the README (not from the code):
    each leg's first hold is led into by the steps; every later hold gets a count-in instead."""
    names = {"": [None], "left": ["left"], "right": ["right"], "both": ["left", "right"]}[sides]
    said, done, total = [], 0, holds * len(names)
    for i, side in enumerate(names):
        if i:
            said.append("Switch legs.")
        for hold in range(1, holds + 1):
            said.append(f"Hold {hold} of {holds}" + (f", standing on your {side} leg." if side else "."))
            if hold == 1:
                said += [f"Step {n} of {len(texts)}. {text}" for n, text in enumerate(texts, start=1)]
            else:
                said += ["3", "2", "1"]  # the count-in
            said.append("Hold.")
            said += [str(n) for n in (3, 2, 1) if n < seconds]  # its last seconds, not the one it starts on
            done += 1
            if rest and done < total:
                said.append("Rest.")
    return said + ["Done."]


def expected_tones(holds: int, rest: int, sides: str) -> list[str]:
    """start: a hold begins; end: it ends (into a rest or the next announcement); switch; done."""
    names = {"": [None], "left": ["left"], "right": ["right"], "both": ["left", "right"]}[sides]
    tones, before, done, total = [], None, 0, holds * len(names)
    for i, _ in enumerate(names):
        if i:
            tones.append("switch")
            before = "switch"
        for _ in range(holds):
            if before == "hold":
                tones.append("end")
            tones.append("start")
            before = "hold"
            done += 1
            if rest and done < total:
                tones.append("end")
                before = "rest"
    return tones + ["done"]


def tones_heard(page) -> list[str]:
    """The oscillators the page started, grouped into sounds and named by lib/tones.js's table.

    The table is read from the source module (the built site bundles it into workout.js)."""
    source = (ROOT / "docs" / "assets" / "javascripts" / "lib" / "tones.js").read_text(encoding="utf-8")
    table = page.evaluate("""async (source) => {
        const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
        const { TONES } = await import(url);
        URL.revokeObjectURL(url);
        return Object.fromEntries(Object.entries(TONES).map(([k, t]) => [t.notes.map(n => n[0]).join(","), k])); }""",
                          source)
    started = page.evaluate("hipTones")
    sounds = [",".join(str(t["hertz"]) for t in group) for _, group in groupby(started, key=lambda t: t["sound"])]
    return [table.get(sound, f"unknown {sound}") for sound in sounds]


def test_start_button_only_with_javascript(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + FIRST.url)
    assert page.get_by_role("button", name="Start workout").count() == 0
    assert page.locator("dialog").count() == 0
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_workout_mode(browser, base_url, artifacts, axe, scheme) -> None:
    steps = FIRST.source_steps[0]
    total = len(steps.steps)
    context, page = phone_page(browser, scheme)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + FIRST.url)
    # Another component may put buttons inside a step; the view reads only the step's words.
    page.evaluate("""document.querySelectorAll('ol.hip-steps > li').forEach(li =>
        li.insertAdjacentHTML('beforeend', '<button type="button">Play this step</button>'))""")
    start = page.get_by_role("button", name="Start workout")
    start.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    start.tap()

    view = page.locator("dialog.hip-workout")
    view.wait_for()
    box = view.bounding_box()
    assert box["width"] == PHONE["width"] and box["height"] == PHONE["height"]  # full screen
    assert view.evaluate("d => d.contains(document.activeElement)")
    assert page.evaluate("hipLock") == {"requests": 1, "releases": 0}
    assert "Screen stays on" in page.locator(".hip-workout__lock").inner_text()
    assert steps.label in view.locator(".hip-view__title").inner_text()
    assert count(page) == f"Step 1 of {total}"
    assert page.locator(".hip-workout__text").inner_text() == steps.texts[0]
    size = float(page.locator(".hip-workout__text").evaluate("e => getComputedStyle(e).fontSize")[:-2])
    assert size >= 28, f"step text is {size}px"
    for name in ("Previous", "Next"):
        assert view.get_by_role("button", name=name).bounding_box()["height"] >= 48

    view.get_by_role("button", name="Next").tap()
    assert count(page) == f"Step 2 of {total}"
    assert page.locator(".hip-workout__text").inner_text() == steps.texts[1]
    assert view.locator("[data-part=live]").inner_text() == f"Step 2 of {total}: {steps.texts[1]}"
    view.get_by_role("button", name="Previous").tap()
    assert count(page) == f"Step 1 of {total}"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert count(page) == f"Step 3 of {total}"
    page.keyboard.press("ArrowLeft")
    assert count(page) == f"Step 2 of {total}"

    # A swipe moves one step wherever it lands on the view: on the step, on a
    # button, on the plan's heading; one that starts on a form control does not.
    swipe(page, 300, 60, middle_y(page, ".hip-workout__text"))  # left: next
    assert count(page) == f"Step 3 of {total}"
    swipe(page, 60, 300, middle_y(page, "[data-part=next]"))  # right: previous, not a press of Next
    assert count(page) == f"Step 2 of {total}"
    swipe(page, 300, 60, middle_y(page, ".hip-workout__plan h3"))
    assert count(page) == f"Step 3 of {total}"
    holds = view.get_by_label("Holds per leg", exact=True)
    field = holds.bounding_box()
    swipe(page, field["x"] + 5, field["x"] + 200, field["y"] + field["height"] / 2)
    assert count(page) == f"Step 3 of {total}"
    page.keyboard.press("ArrowLeft")

    # The plan: every field starts empty, and the view says the site sets none.
    for label in ("Holds per leg", "Seconds per hold", "Rest between holds, seconds"):
        assert view.get_by_label(label, exact=True).input_value() == ""
    assert view.get_by_label("Standing leg", exact=True).input_value() == ""
    assert not any(view.get_by_label(name, exact=True).is_checked() for name in OUTPUTS)
    plan = page.locator(".hip-workout__plan").inner_text()
    assert "sets no number of holds, seconds or rest" in plan and "professional who has assessed you" in plan
    view.get_by_role("button", name="Start plan").tap()
    message = page.locator("[data-part=message]").inner_text()
    assert "number of holds" in message and "seconds per hold" in message
    assert holds.evaluate("e => e === document.activeElement") and holds.get_attribute("aria-invalid") is not None
    # The pain rating sits beside the stop rule: a record, not advice.
    pain = view.get_by_label("Pain before, 0 to 10 (optional)")
    rule = pain.evaluate("e => document.getElementById(e.getAttribute('aria-describedby')).textContent")
    assert "Stop if it hurts." in rule and "not advice" in rule
    for name in ("Speak", "Sounds", "Vibrate"):
        view.get_by_label(name, exact=True).check()
    assert page.evaluate("JSON.parse(localStorage.getItem('hip-workout'))") == {
        "speak": True, "beep": True, "vibrate": True}
    page.screenshot(path=artifacts / f"workout-360-{scheme}.png")

    violations = axe(page, ".hip-workout")
    assert violations == [], describe(violations)

    page.keyboard.press("Escape")
    assert not view.is_visible()
    # The dialog's close event, which releases the lock, is dispatched as a task after closing.
    page.wait_for_function("hipLock.releases > 0")
    assert page.evaluate("[hipLock.requests, hipLock.releases]") == [1, 1]
    assert page.evaluate("window.scrollY") == scrolled  # back where the reader was
    assert start.evaluate("b => b === document.activeElement")
    assert errors == []
    context.close()


@pytest.mark.parametrize("width, text_size", [(320, 16), (320, 32), (360, 16)])
def test_the_stop_rule_stays_in_sight(browser, base_url, artifacts, width, text_size) -> None:
    """Mid-workout the reader sees 'Stop if it hurts' and the support cue, and the full rules one tap away."""
    for page_model in SEQUENCES:
        context, page = phone_page(browser, viewport={"width": width, "height": 568 if width == 320 else 740})
        page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": text_size}})
        open_workout(page, base_url + page_model.url)
        rule = page.locator("dialog.hip-workout .hip-view__safety")
        assert "Stop if it hurts." in rule.inner_text() and "chair" in rule.inner_text()
        inside = """el => { const r = el.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }"""
        for part in (rule, page.get_by_role("button", name="Stop rules"), page.get_by_role("button", name="Close")):
            assert part.evaluate(inside), part
        # Nothing wider than the screen; the step and its buttons are in the body, which scrolls.
        assert page.locator("dialog.hip-workout").evaluate("d => d.scrollWidth <= d.clientWidth")
        assert page.evaluate("innerWidth") == width, "something in the view is wider than the phone"
        body = page.locator("dialog.hip-workout .hip-view__body")
        assert body.evaluate("b => b.scrollWidth <= b.clientWidth")
        text, nav = page.locator(".hip-workout__text").bounding_box(), page.locator(".hip-workout__nav").bounding_box()
        assert text["y"] + text["height"] <= nav["y"], "the step's words run into the buttons"
        # Scrolled down to Next, the stop rule is still in sight.
        page.locator("[data-part=next]").scroll_into_view_if_needed()
        assert rule.evaluate(inside)
        page.screenshot(path=artifacts / f"workout-stop-rule-{width}-{text_size}px.png")
        toggle = page.get_by_role("button", name="Stop rules")
        toggle.tap()
        rules = page.locator("dialog.hip-workout .hip-view__rules")
        assert rules.is_visible() and "causes pain" in rules.inner_text() and "chest pain" in rules.inner_text()
        assert toggle.get_attribute("aria-expanded") == "true"
        page.get_by_role("button", name="Back to the view").tap()
        assert page.locator(".hip-workout__text").is_visible()
        assert toggle.get_attribute("aria-expanded") == "false" and toggle.evaluate("b => b === document.activeElement")
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_workout_mode_on_a_desktop(browser, base_url, artifacts, scheme) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme,
                                  service_workers="block")
    context.add_init_script(WAKE_LOCK_STUB)
    page = context.new_page()
    last = SEQUENCES[-1]
    open_workout(page, base_url + last.url)
    page.keyboard.press("ArrowRight")
    assert count(page) == f"Step 2 of {len(last.source_steps[0].steps)}"
    page.screenshot(path=artifacts / f"workout-1280-{scheme}.png")
    context.close()


def goto_with_instant_navigation(page, url: str) -> None:
    """Open a page and wait for the sitemap Material reads at start-up: it follows a link instantly
    only if the link is in it, and before it arrives a click is an ordinary page load."""
    with page.expect_response(lambda response: response.url.endswith("/sitemap.xml")):
        page.goto(url)
    page.evaluate("window.hipSamePage = true")  # gone if the browser loads a new page


def follow_instant_link(page, target) -> None:
    """Click a nav link (Material's instant navigation) and wait until the new page's content is in:
    the address changes a moment before the content is swapped, so wait for a new heading too."""
    page.evaluate("window.hipOldHeading = document.querySelector('.md-content h1')")
    page.locator(f".md-sidebar--primary a[href$='{target.url}']").first.dispatch_event("click")
    page.wait_for_function(f"""location.pathname.endsWith('/{target.url}')
        && document.querySelector('.md-content h1') && document.querySelector('.md-content h1') !== window.hipOldHeading""")


def test_workout_follows_the_tab_and_instant_navigation(browser, base_url) -> None:
    tabbed = next(p for p in SEQUENCES if len(p.source_steps) > 1)
    second = tabbed.source_steps[1]
    after = SEQUENCES[SEQUENCES.index(tabbed) + 1] if tabbed is not SEQUENCES[-1] else SEQUENCES[0]
    context, page = phone_page(browser)
    serve_sitemap_for_this_host(page, base_url)
    goto_with_instant_navigation(page, base_url + tabbed.url)
    page.get_by_text(second.label, exact=True).tap()
    page.get_by_role("button", name="Start workout").tap()
    assert second.label in page.locator("dialog.hip-workout .hip-view__title").inner_text()
    assert page.locator(".hip-workout__text").inner_text() == second.texts[0]
    page.keyboard.press("Escape")
    # A link in the page uses Material's instant navigation (no page load).
    follow_instant_link(page, after)
    page.get_by_role("button", name="Start workout").first.tap()
    assert count(page) == f"Step 1 of {len(after.source_steps[0].steps)}"
    assert page.locator(".hip-workout__text").inner_text() == after.source_steps[0].texts[0]
    assert page.evaluate("window.hipSamePage && hipLock.requests") == 2
    context.close()


def document_listeners(page) -> int:
    """How many listeners sit on `document` (CDP DOMDebugger.getEventListeners)."""
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("Runtime.evaluate", {"expression": "document"})["result"]["objectId"]
        return len(cdp.send("DOMDebugger.getEventListeners", {"objectId": document})["listeners"])
    finally:
        cdp.detach()


def test_instant_navigation_leaves_no_listener_behind(browser, base_url) -> None:
    """Ten round trips between two sequence pages, each closing workout mode with a plan running:
    one ArrowRight still moves one step, and `document` holds as many listeners as after the first visit."""
    one, two = SEQUENCES[0], SEQUENCES[1]
    context, page = phone_page(browser, init=HANDS_FREE)
    serve_sitemap_for_this_host(page, base_url)
    goto_with_instant_navigation(page, base_url + one.url)

    def visit(target) -> None:
        follow_instant_link(page, target)

    def use_workout() -> None:
        page.get_by_role("button", name="Start workout").first.tap()
        page.locator("dialog.hip-workout[open]").wait_for()
        page.keyboard.press("ArrowRight")
        assert count(page) == "Step 2 of " + count(page).rsplit(" ", 1)[1]
        # A plan running, with speech and sounds, when the view closes.
        set_plan(page, holds=1, seconds=5, outputs=("Speak", "Sounds"))
        page.get_by_role("button", name="Start plan").tap()
        page.locator("dialog.hip-workout[open] [data-part=run]").wait_for()
        close_view(page)

    visit(two)
    use_workout()
    visit(one)
    use_workout()
    after_first = document_listeners(page)
    for _ in range(10):
        visit(two)
        use_workout()
        visit(one)
        use_workout()
    assert page.evaluate("window.hipSamePage") is True  # instant navigation, not page loads
    assert document_listeners(page) == after_first
    context.close()


def test_workout_without_wake_lock_or_motion(browser, base_url) -> None:
    context, page = phone_page(browser, init=NO_WAKE_LOCK, motion="reduce")
    open_workout(page, base_url + SEQUENCES[-1].url)
    assert "cannot keep the screen on" in page.locator(".hip-workout__lock").inner_text()
    page.keyboard.press("ArrowRight")
    assert page.locator(".hip-workout__step").evaluate("e => getComputedStyle(e).animationName") == "none"
    context.close()


# A plan, run hands-free on Playwright's clock

# The sequence whose longest step is longest: the hardest to fit on the running screen.
LONGEST = max(SEQUENCES, key=lambda p: max(len(t) for t in p.source_steps[0].texts))
STAGE = "dialog[open] [data-part=stage]"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_plan_runs_hands_free_and_is_logged(browser, base_url, artifacts, axe, scheme) -> None:
    """2 holds × 3 s × both sides (rest 2 s): every announcement and tone in order, then a log entry."""
    page_model = SEQUENCES[-1]
    steps = page_model.source_steps[0]
    context, page = phone_page(browser, scheme, init=HANDS_FREE)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.install(time=START)
    open_workout(page, base_url + page_model.url)
    set_plan(page, **PLAN, outputs=OUTPUTS, pain=1)
    page.get_by_role("button", name="Start plan").tap()

    # The first words are said inside the Start tap (iOS speaks only then), with the on-device voice.
    first = page.evaluate("hipSpoken[0]")
    assert first["text"] == "Hold 1 of 2, standing on your left leg."
    assert first["inTap"] is True and first["during"] == "click", first
    assert first["voice"] == "On-device English" and first["local"] is True
    assert page.evaluate("window.hipAudioMadeInTap") is True  # the audio context too
    view = page.locator("dialog.hip-workout")
    assert not view.locator(".hip-view__bar").is_visible()  # the running state gives the title bar's room away
    assert view.get_by_role("dialog").count() == 0 and view.get_attribute("aria-labelledby")  # still named
    assert view.locator(".hip-view__safety").is_visible()
    assert page.get_by_role("button", name="Pause").evaluate("b => b === document.activeElement")

    # The first hold, as seen from across the room.
    run_until(page, f"document.querySelector('{STAGE}').dataset.phase === 'hold'")
    assert word(page) == "Hold"
    assert page.locator("dialog[open] [data-part=side]").inner_text() == "LEFT"
    assert "standing leg" in page.locator("dialog[open] [data-part=where]").inner_text()
    page.wait_for_function("hipFlashes.length > 0")
    assert [f["name"] for f in page.evaluate("hipFlashes")] == ["hip-flash"]  # the hold's start
    expect(page.locator("dialog[open] [data-part=flash]")).not_to_have_class(re.compile("hip-flash--on"))  # gone at its end
    page.screenshot(path=artifacts / f"workout-hold-360-{scheme}.png")
    violations = axe(page, ".hip-workout")
    assert violations == [], describe(violations)

    page.clock.run_for(10 * 60_000)  # far more than the plan needs: every timer fires in order
    done = page.locator("dialog[open] [data-part=done-title]")
    assert done.inner_text() == "Done"
    said = [u["text"] for u in page.evaluate("hipSpoken")]
    print("\nAnnouncements for 2 holds × 3 s × both sides, rest 2 s, on", page_model.src)
    print("\n".join(f"  {n:2}. {text}" for n, text in enumerate(said, start=1)))
    assert said == expected_announcements(steps.texts, **PLAN)
    assert all(u["local"] for u in page.evaluate("hipSpoken"))
    tones = tones_heard(page)
    print("Tones:", ", ".join(tones))
    assert tones == expected_tones(PLAN["holds"], PLAN["rest"], PLAN["sides"])
    # Each kind of sound has its own vibration pattern too.
    vibrations = page.evaluate("hipVibrations")
    assert len(vibrations) == len(tones)
    patterns = {kind: {str(v) for t, v in zip(tones, vibrations) if t == kind} for kind in set(tones)}
    assert all(len(p) == 1 for p in patterns.values()) and len({p.pop() for p in patterns.values()}) == len(patterns)

    # The log entry, with the stop rule beside the pain rating that ends it.
    page.locator("dialog[open] [data-part=saved]", has_text="Saved in My log").wait_for()
    assert "4 of 4 holds completed" in page.locator("dialog[open] [data-part=done-summary]").inner_text()
    after = view.get_by_label("Pain after, 0 to 10 (optional)")
    assert "Stop if it hurts." in after.evaluate("e => document.getElementById(e.getAttribute('aria-describedby')).textContent")
    after.fill("2")
    after.press("Tab")
    page.wait_for_function(f"({READ_LOG})().then(e => e.length === 1 && e[0].painAfter === 2)")
    [entry] = page.evaluate(READ_LOG)
    heading = page.locator(".md-content h1").first.evaluate("h => h.textContent.replace(/¶$/, '').trim()")
    started = dt.datetime.fromisoformat(entry["date"].replace("Z", "+00:00"))
    assert dt.timedelta(0) <= started - START < dt.timedelta(minutes=1)  # the page's clock runs on from START
    assert {k: v for k, v in entry.items() if k not in ("id", "date", "ended")} == {
        "how": "finished", "sequence": heading,
        "page": page.evaluate("location.pathname"), "variant": steps.label,
        "plan": PLAN, "holdsDone": 4, "holdsPlanned": 4, "painBefore": 1, "painAfter": 2}
    violations = axe(page, ".hip-workout")
    assert violations == [], describe(violations)
    page.screenshot(path=artifacts / f"workout-done-360-{scheme}.png")

    # Back to the steps, then close: the screen is let go.
    view.get_by_role("button", name="Back to the steps").tap()
    assert view.locator(".hip-view__bar").is_visible() and page.get_by_role("button", name="Start plan").is_visible()
    page.keyboard.press("Escape")
    page.clock.run_for(100)
    page.wait_for_function("hipLock.releases === 1")
    assert errors == []
    context.close()


def fits(page) -> dict:
    """Where the running display's parts are, and whether anything scrolls or spills."""
    return page.evaluate("""() => {
        const d = document.querySelector('dialog.hip-workout[open]');
        const box = (e) => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
            const line = parseFloat(s.lineHeight) || 1.2 * parseFloat(s.fontSize);
            return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height,
                    size: parseFloat(s.fontSize), wholeLine: r.height >= line - 1}; };
        const parts = {};
        for (const [name, selector] of Object.entries({rule: '.hip-view__safety', rules: '.hip-view__rules-toggle',
            where: '[data-part=where]', side: '[data-part=side]', stage: '[data-part=stage]', word: '[data-part=word]',
            digits: '[data-part=digits]', cue: '[data-part=cue]', next: '[data-part=next-up]', note: '[data-part=run-note]',
            advance: '[data-part=advance]', pause: '[data-part=pause]',
            stop: '[data-part=stop]'})) {
          const e = d.querySelector(selector);
          if (e && e.getClientRects().length) parts[name] = {...box(e), text: e.textContent.trim()};
        }
        const stage = d.querySelector('[data-part=stage]');
        return {scrolls: d.scrollHeight > d.clientHeight || d.scrollWidth > d.clientWidth,
                spills: stage.scrollHeight > stage.clientHeight + 1, stageSize: [stage.scrollHeight, stage.clientHeight],
                width: innerWidth, height: innerHeight, parts};
      }""")


@pytest.mark.parametrize("width, height, text_size", [
    (320, 568, 16), (320, 568, 32), (360, 740, 16), (740, 360, 16), (740, 360, 32)],
    ids=["320x568-100%", "320x568-200%", "360x740-100%", "landscape-100%", "landscape-200%"])
def test_the_running_plan_reads_across_the_room_and_fits(browser, base_url, artifacts, width, height, text_size) -> None:
    """No scrolling on a small phone or a landscape one, at 100% and 200% text: the stop rule, the
    side, digits at least a quarter of the screen's height, the next step and Pause/Stop all in sight."""
    context, page = phone_page(browser, init=HANDS_FREE, viewport={"width": width, "height": height})
    page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": text_size}})
    page.clock.install(time=START)
    open_workout(page, base_url + LONGEST.url)
    set_plan(page, holds=2, seconds=12, rest=5, sides="both", outputs=("Speak",))
    page.get_by_role("button", name="Start plan").tap()
    styles = {}
    longest = max(range(len(LONGEST.source_steps[0].texts)), key=lambda i: len(LONGEST.source_steps[0].texts[i]))
    for phase, condition in (
            ("step", f"document.querySelector('{STAGE}').textContent.includes('Step {longest + 1} of')"),
            ("hold", f"document.querySelector('{STAGE}').dataset.phase === 'hold'"),
            ("rest", f"document.querySelector('{STAGE}').dataset.phase === 'rest'")):
        run_until(page, condition)
        page.clock.run_for(1000)
        where = fits(page)
        shown = where["parts"]
        assert not where["scrolls"] and not where["spills"], (phase, where)
        # While a step shows, Next step takes the small print's place.
        under = "advance" if phase == "step" else "next"
        for name in ("rule", "rules", "where", "side", "stage", under, "pause", "stop"):
            part = shown[name]
            assert part["wholeLine"] and part["top"] >= 0 and part["bottom"] <= height + 0.5, (phase, name, part)
            assert part["left"] >= 0 and part["right"] <= width + 0.5, (phase, name, part)
        assert "Stop if it hurts." in shown["rule"]["text"]
        assert shown["side"]["text"].lower() == "left" and shown["side"]["size"] >= 28, shown["side"]
        if phase == "step":
            assert shown["advance"]["text"] in ("Next step", "Start the hold") and shown["advance"]["height"] >= 44
        else:
            assert shown["next"]["text"].startswith("Next:") and shown["next"]["size"] < shown["side"]["size"] / 1.5
        assert min(shown["pause"]["height"], shown["stop"]["height"]) >= 44
        if phase == "step":
            assert shown["cue"]["text"] == LONGEST.source_steps[0].texts[longest] and shown["cue"]["size"] >= 16
        else:
            assert shown["digits"]["height"] >= 0.25 * height, (phase, shown["digits"], height)
            assert shown["word"]["text"].lower() == phase
            styles[phase] = page.locator(STAGE).evaluate(
                "e => { const s = getComputedStyle(e); return [s.borderTopStyle, s.backgroundColor]; }")
        page.screenshot(path=artifacts / f"workout-{phase}-{width}x{height}-{text_size}px.png")
    # Work and rest differ by more than colour: a filled block with a solid edge, an open one with a dashed edge.
    assert styles["hold"][0] == "solid" and styles["rest"][0] == "dashed"
    assert styles["hold"][1] not in ("rgba(0, 0, 0, 0)", "transparent") and styles["rest"][1] == "rgba(0, 0, 0, 0)"
    context.close()


def test_time_comes_from_timestamps_in_a_throttled_tab(browser, base_url) -> None:
    """A background tab whose timers fire once in 20 s still shows the right time left."""
    context, page = phone_page(browser, init=HANDS_FREE)
    page.clock.install(time=START)
    open_workout(page, base_url + SEQUENCES[0].url)
    set_plan(page, holds=1, seconds=30)
    page.get_by_role("button", name="Start plan").tap()
    assert through_the_steps(page) == len(SEQUENCES[0].source_steps[0].steps)
    assert page.locator("[data-part=digits]").inner_text() == "30"
    page.clock.fast_forward(20_000)  # due timers fire at most once, as in a throttled tab
    assert page.locator("[data-part=digits]").inner_text() == "10"
    page.clock.fast_forward(60_000)
    assert page.locator("dialog[open] [data-part=done-title]").inner_text() == "Done"
    context.close()


def test_plan_starts_empty_and_is_kept_per_sequence(browser, base_url) -> None:
    one, two = SEQUENCES[0], SEQUENCES[-1]
    context, page = phone_page(browser, init=HANDS_FREE)
    open_workout(page, base_url + one.url)
    set_plan(page, holds=3, seconds=20, rest=10, sides="right")
    page.get_by_role("button", name="Start plan").tap()
    page.get_by_role("button", name="Stop", exact=True).tap()
    assert page.locator("dialog[open] [data-part=done-title]").inner_text() == "Stopped"
    page.keyboard.press("Escape")
    open_workout(page, base_url + two.url)  # another sequence: its own plan, empty
    view = page.locator("dialog.hip-workout[open]")
    assert view.get_by_label("Holds per leg", exact=True).input_value() == ""
    assert view.get_by_label("Standing leg", exact=True).input_value() == ""
    page.keyboard.press("Escape")
    open_workout(page, base_url + one.url)
    view = page.locator("dialog.hip-workout[open]")
    assert [view.get_by_label(label, exact=True).input_value() for label in
            ("Holds per leg", "Seconds per hold", "Rest between holds, seconds", "Standing leg")] == ["3", "20", "10", "right"]
    view.get_by_role("button", name="Clear plan").tap()
    assert view.get_by_label("Holds per leg", exact=True).input_value() == ""
    page.goto(base_url + one.url)
    assert page.evaluate("JSON.parse(localStorage.getItem('hip-plans'))") == {}
    context.close()


NO_LOCAL_VOICE = 'window.hipVoices = [{name: "Cloud English", lang: "en-US", localService: false, default: true}];'
NO_SPEECH = "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;"
BLOCKED = 'window.hipSpeechError = "not-allowed";'


@pytest.mark.parametrize("case, init, says, running", [
    ("no-local-voice", NO_LOCAL_VOICE + HANDS_FREE, "no English voice that works offline",
     "no voice on this phone works offline"),
    ("no-voices", "window.hipVoices = [];" + HANDS_FREE, "has no voices to speak with", "this browser has no voices"),
    ("no-speech", HANDS_FREE + NO_SPEECH, "cannot speak", "this browser cannot speak"),
    ("blocked", BLOCKED + HANDS_FREE, "blocked speech", "Speech blocked by the browser"),
])
def test_speech_only_on_the_phone_and_sounds_without_it(browser, base_url, artifacts, case, init, says, running) -> None:
    """No on-device voice, no speech at all, or speech refused: the view says so plainly (on a
    small phone at 200% text, the running display still fits with the note), the plan still runs
    to the end on its reading pace, and the sounds still play."""
    context, page = phone_page(browser, init=init, viewport={"width": 320, "height": 568})
    page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32}})
    page.clock.install(time=START)
    open_workout(page, base_url + LONGEST.url)
    set_plan(page, holds=1, seconds=3, sides="left", outputs=("Speak", "Sounds"))
    page.get_by_role("button", name="Start plan").tap()
    page.clock.run_for(100)
    assert running in page.locator("dialog[open] [data-part=run-note]").inner_text()
    where = fits(page)
    assert not where["scrolls"] and not where["spills"], where
    assert all(part["wholeLine"] and part["bottom"] <= 568.5 for part in where["parts"].values()), where
    page.screenshot(path=artifacts / f"workout-speech-{case}-320x568-32px.png")
    page.clock.run_for(8000)  # the note gives the small print back
    assert page.locator("dialog[open] [data-part=run-note]").is_hidden()
    assert page.locator("dialog[open] [data-part=next-up]").inner_text().startswith("Next:")
    support = page.locator("[data-part=support]").evaluate("e => e.textContent")
    assert says in support and "The sounds still work." in support, support  # Sounds is ticked
    # Nothing reads the steps out, so each waits for the reader (a timed minute would be far too long or short).
    page.clock.run_for(5 * 60_000)
    assert page.locator(STAGE).get_attribute("data-phase") == "cue"
    assert through_the_steps(page) == len(LONGEST.source_steps[0].steps)
    page.clock.run_for(60_000)
    assert page.locator("dialog[open] [data-part=done-title]").inner_text() == "Done"
    spoken = page.evaluate("window.hipSpoken || []")
    assert [u for u in spoken if not u["local"]] == []  # never a network voice
    assert len(spoken) == (1 if case == "blocked" else 0)  # the one the browser refused
    # Without words, the hold's last seconds tick: start, 2, 1 (a 3 s hold), done. The steps led into it.
    assert tones_heard(page) == ["start", "tick", "tick", "done"]
    context.close()


def test_the_notes_mention_only_what_is_ticked(browser, base_url) -> None:
    """Speech that cannot work, with Sounds and Vibrate not ticked: the note does not promise them."""
    context, page = phone_page(browser, init=NO_LOCAL_VOICE + HANDS_FREE)
    open_workout(page, base_url + SEQUENCES[0].url)
    set_plan(page, outputs=("Speak",))
    support = page.locator("dialog[open] [data-part=support]")
    expect(support).to_contain_text("no English voice that works offline")
    assert "sound" not in support.inner_text().lower() and "vibrat" not in support.inner_text().lower()
    page.get_by_label("Sounds", exact=True).check()
    expect(support).to_contain_text("The sounds still work.")
    context.close()


def test_without_audio_vibration_or_storage_the_plan_still_runs(browser, base_url) -> None:
    missing = ("delete window.AudioContext; delete window.webkitAudioContext; delete Navigator.prototype.vibrate;"
               " Object.defineProperty(window, 'indexedDB', {value: undefined, configurable: true});")
    context, page = phone_page(browser, init=HANDS_FREE + missing, motion="reduce")
    page.clock.install(time=START)
    open_workout(page, base_url + SEQUENCES[0].url)
    set_plan(page, holds=1, seconds=2, outputs=("Sounds", "Flash the screen"))
    notes = page.locator("[data-part=support]").inner_text()
    for words in ("cannot play sounds", "cannot keep a log", "still frame instead of a flash"):
        assert words in notes
    assert "vibrat" not in notes  # not ticked: not mentioned; the choice itself says why it is off
    assert page.get_by_label("Vibrate (this browser cannot)", exact=True).is_disabled()
    page.get_by_role("button", name="Start plan").tap()
    through_the_steps(page)
    # Less motion: the flash is a still frame (an edge that shows, then goes), not a fade.
    page.wait_for_function("hipFlashes.length > 0")
    [flash] = page.evaluate("hipFlashes")
    assert flash["name"] == "hip-still-frame" and flash["shadow"] != "none", flash
    page.clock.run_for(60_000)
    assert page.locator("dialog[open] [data-part=done-title]").inner_text() == "Done"
    assert "cannot keep a log" in page.locator("dialog[open] [data-part=saved]").inner_text()
    # Not saved: the whole session stays on screen to note down, until the reader leaves it.
    record = page.locator("dialog[open] .hip-done__record")
    expect(record).to_be_visible()
    assert "1 of 1 hold completed" in record.inner_text() and "Pain before" in record.inner_text()
    context.close()
