"""The pelvis-level meter in Chromium, its accelerometer emulated through the
DevTools protocol (tools/meter_sensor.py): a calibration at 0°, a drop to 6°
with noise on the lifted side, and a return to level, heard through the
speechSynthesis and Web Audio stubs of the workout tests, on Playwright's
clock (paused: the meter reads the sensor every 100 ms of page time, and
the test moves that time on only once the page has the reading it set).
Also: no sensor, no motion API, permission refused, a phone moving too
fast, the view at 320 px and 200% text, axe, and the log entry.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from conftest import MODEL, PHONE, READ_LOG, describe
from meter_sensor import NOISE, RECORD, Sensor
from test_offline import controlled, served  # noqa: F401 - the offline test's served copy of the site
from test_workout import HANDS_FREE, START, WAKE_LOCK_STUB, phone_page, tones_heard

# The page that offers the meter (<!-- hip:meter -->).
METER_PAGE = next(page for page in MODEL.pages if "<!-- hip:meter -->" in page.path.read_text(encoding="utf-8"))
OPEN = "Measure with the phone on my back"
VIEW = "dialog.hip-meter"
TICK = 100  # ms: lib/tilt.js TICK
INSIDE = """el => { const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }"""


# When each utterance was made, by the page's clock (wraps the workout tests' speech stub).
SAID_AT = """window.hipSaidAt = [];
if (window.speechSynthesis && speechSynthesis.speak) {
  const speak = speechSynthesis.speak.bind(speechSynthesis);
  speechSynthesis.speak = (u) => { hipSaidAt.push({text: u.text, at: Date.now()}); speak(u); };
}"""


def meter_page(browser, scheme="light", init=HANDS_FREE, viewport=PHONE):
    context, page = phone_page(browser, scheme, init=init + RECORD + SAID_AT, viewport=viewport)
    # Installed a minute early, so pausing at START is never in the clock's past however slow the machine.
    page.clock.install(time=START - dt.timedelta(minutes=1))
    page.clock.pause_at(START)
    return context, page


def open_meter(page) -> None:
    page.goto(page.context.base_url + METER_PAGE.url)
    page.get_by_role("button", name=OPEN).tap()
    page.locator(f"{VIEW}[open]").wait_for()


def hold(page, sensor: Sensor, tilt: float, ms: int, rng: random.Random, noise: float = NOISE) -> None:
    """Feed `tilt` (with noise) for `ms` of page time: a new reading each tick."""
    for _ in range(ms // TICK):
        sensor.tilt(tilt, noise, rng)
        page.clock.run_for(TICK)


def axe_running(page, axe) -> list[dict]:
    """axe-core waits on timers: let the page's clock run while it checks, then pause it again, a few
    seconds on (a pause must lie in the clock's future, and it runs on while we ask; the callers check
    the guide, and a drop whose hold clock is stopped, so the jump changes nothing they look at)."""
    page.clock.resume()
    try:
        return axe(page, VIEW)
    finally:
        now = page.evaluate("Date.now()") / 1000
        page.clock.pause_at(dt.datetime.fromtimestamp(now + 5, tz=dt.timezone.utc))


def said(page) -> list[str]:
    return [u["text"] for u in page.evaluate("hipSpoken")]


def part(page, name: str) -> str:
    return page.locator(f"{VIEW} [data-part={name}]").inner_text()


def start_context(browser, base_url, **options):
    context, page = meter_page(browser, **options)
    context.base_url = base_url
    return context, page


def test_no_button_without_javascript(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + METER_PAGE.url)
    assert page.get_by_role("button", name=OPEN).count() == 0
    assert not page.locator("[data-hip-tool='meter']").is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_drop_and_a_return_are_heard_and_the_hold_counts_only_while_level(
        browser, base_url, artifacts, axe, scheme) -> None:
    context, page = start_context(browser, base_url, scheme=scheme)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sensor = Sensor(page)
    rng = random.Random(14)
    open_meter(page)
    view = page.locator(VIEW)

    # The placement guide, its limits and the stop rule, before anything starts.
    guide = view.locator("[data-part=setup]").inner_text()
    assert "flat against your low back, in the middle, held by a waistband or a belt" in guide
    assert "not a medical measurement" in guide and "sets no limit" in guide and "Nothing is sent anywhere" in guide
    assert "Stop if it hurts." in view.locator(".hip-view__safety").inner_text()
    assert view.get_by_label("Speech").is_checked() and not view.get_by_label("Tones", exact=False).is_checked()
    assert view.get_by_label("Holds", exact=True).input_value() == "" and view.get_by_label("Seconds per hold").input_value() == ""
    picture = view.get_by_role("img")
    assert picture.count() == 1 and "flat against the middle of the low back" in picture.locator("title").text_content()
    page.screenshot(path=artifacts / f"meter-guide-360-{scheme}.png")
    violations = axe_running(page, axe)
    assert violations == [], describe(violations)

    # Standing on the left leg: the right side is the lifted side. Tones on; one hold of 4 s.
    view.get_by_label("Your standing leg").select_option("left")
    view.get_by_label("Tones", exact=False).check()
    view.get_by_label("Holds", exact=True).fill("1")
    view.get_by_label("Seconds per hold").fill("4")
    sensor.tilt(0, NOISE, rng)
    view.get_by_role("button", name="Start", exact=True).tap()
    # The phone is on the reader's back, out of sight: the stop rule and the support cue are said first.
    first = page.evaluate("hipSpoken[0]")
    assert first["text"] == ("Stop if it hurts. Hold a wall, a counter or the back of a chair. "
                             "Stand still on both feet.") and first["inTap"] is True, first
    assert page.evaluate("window.hipAudioMadeInTap") is True
    assert view.locator(".hip-view__safety").is_visible() and not view.locator(".hip-view__bar").is_visible()

    # Calibration on both feet, at 0° with noise.
    hold(page, sensor, 0, 2500, rng)
    assert "Calibrated. Level is within 2 degrees. Stand on one leg." in said(page)
    # The timer's cues: "Hold 1 of 1.", a count-in, "Hold."
    hold(page, sensor, 0, 3000, rng)
    for _ in range(40):
        if "Hold." in said(page):
            break
        hold(page, sensor, 0, 100, rng)
    clock = part(page, "clock")
    assert clock.startswith("Hold 1 of 1: ") and "waiting" not in clock, clock
    hold(page, sensor, 0, 1500, rng)
    before_drop = part(page, "clock")
    assert before_drop == "Hold 1 of 1: 3 s left", before_drop

    # The drop: the lifted (right) side low by 6°, with noise. The clock stops.
    spoken_before = len(said(page))
    tones_before = len(page.evaluate("hipTones"))
    changed = page.evaluate("Date.now()")
    hold(page, sensor, -6, 3000, rng)
    drop_words = said(page)[spoken_before:]
    assert drop_words == ["Low on the side of the lifted leg by 6 degrees"], drop_words
    assert part(page, "reading") == "Low on the side of the lifted leg by 6 degrees"
    assert part(page, "degrees") == "6° right side low"  # whole degrees: the reading is no finer than that
    assert part(page, "clock") == "Hold 1 of 1: 3 s left, waiting for level"
    assert view.locator("[data-part=stage]").get_attribute("data-state") == "low"
    # The tones follow the tilt: 660 Hz when level, six semitones lower at 6° on the lifted side.
    # (The pitch is checked against the tilt the meter read at that moment: the noise moves the reading by
    # a few tenths of a degree, and which readings a tick gets depends on the machine's speed.)
    tones = page.evaluate("hipTones")[tones_before:]
    pitches = [t["hertz"] for t in tones]
    tilt = next(r["tilt"] for r in reversed(page.evaluate("hipReadings")) if r["at"] <= tones[-1]["at"])
    assert abs(abs(tilt) - 6) < 0.6 and abs(pitches[-1] - 660 * 2 ** (-abs(tilt) / 12)) < 0.2, (pitches, tilt)
    spoken_at = next(u["at"] for u in page.evaluate("hipSaidAt") if u["text"].startswith("Low on the side of the lifted leg"))
    print(f"\nDrop to 6° on the lifted side: said {spoken_at - changed} ms (page time) after it began")
    page.screenshot(path=artifacts / f"meter-hold-360-{scheme}.png")
    violations = axe_running(page, axe)
    assert violations == [], describe(violations)

    # The return to level: "Level", and the clock counts again to the end.
    spoken_before = len(said(page))
    hold(page, sensor, 0, 1500, rng)
    back = [w for w in said(page)[spoken_before:] if not w.isdigit()]  # the hold's last seconds may be counted too
    assert back == ["Level"], said(page)[spoken_before:]
    assert pitches and page.evaluate("hipTones").pop()["hertz"] == 660
    hold(page, sensor, 0, 3000, rng)
    assert view.locator("[data-part=done-title]").inner_text() == "Done"
    words = said(page)
    print("Spoken, in order:\n" + "\n".join(f"  {n:2}. {w}" for n, w in enumerate(words, start=1)))
    print("Sounds:", ", ".join(t for t in tones_heard(page) if not t.startswith("unknown")))
    assert words[-1] == "Done."
    assert all(u["local"] for u in page.evaluate("hipSpoken"))

    # The log: one hold, the seconds level (4 s of the hold, all of it level) and the largest drop
    # during the hold, in whole degrees.
    page.locator(f"{VIEW} [data-part=saved]", has_text="Saved in My log").wait_for()
    [entry] = page.evaluate(READ_LOG)
    assert entry["meter"] is True and entry["variant"] == "Pelvis meter" and entry["how"] == "finished"
    assert entry["holdsDone"] == 1 and entry["holdsPlanned"] == 1
    assert entry["dropSide"] == "lifted" and entry["largestDrop"] == 6, entry
    assert 4 <= entry["secondsLevel"] <= 5, entry
    summary = part(page, "done-summary")
    assert summary.startswith("1 of 1 hold;") and "largest drop during the holds: 6°, low on the side of the lifted leg." in summary, summary
    page.keyboard.press("Escape")
    assert errors == []
    sensor.close()
    context.close()


def test_no_motion_sensor(browser, base_url) -> None:
    """Chromium on a desktop has the API but no sensor: one event with every field null. The view says so."""
    context, page = start_context(browser, base_url)
    open_meter(page)
    view = page.locator(VIEW)
    view.get_by_role("button", name="Start", exact=True).tap()
    page.clock.run_for(3000)
    message = view.locator("[data-part=message]").inner_text()
    assert message.startswith("No motion readings came from this phone or browser"), message
    assert view.locator("[data-part=setup]").is_visible() and not view.locator("[data-part=run]").is_visible()
    assert page.evaluate(READ_LOG) == []  # nothing measured, nothing logged
    context.close()


def test_no_motion_api(browser, base_url) -> None:
    context, page = start_context(browser, base_url, init=HANDS_FREE + "delete window.DeviceMotionEvent; delete window.DeviceOrientationEvent;")
    open_meter(page)
    view = page.locator(VIEW)
    # Said once, beside the Start button it turns off.
    assert view.get_by_text("This browser gives no motion readings").count() == 1
    start = view.get_by_role("button", name="Start", exact=True)
    assert start.is_disabled()
    reason = start.evaluate("b => document.getElementById(b.getAttribute('aria-describedby')).textContent")
    assert "This browser gives no motion readings" in reason
    context.close()


# iOS asks for motion access through DeviceMotionEvent.requestPermission() (and DeviceOrientationEvent's), from a tap.
ASKS = """window.hipAsked = [];
for (const E of [window.DeviceMotionEvent, window.DeviceOrientationEvent]) {
  E.requestPermission = () => { hipAsked.push({name: E.name, inTap: navigator.userActivation.isActive});
                                return ANSWER; };
}"""


@pytest.mark.parametrize("answer, expected", [
    ('Promise.resolve("denied")', "Motion access was refused. To use the meter, allow motion"),
    ('Promise.reject(new DOMException("no gesture", "NotAllowedError"))', "only from a tap. Press Start again"),
    ('Promise.reject(new DOMException("odd", "WeirdError"))', "Motion access could not be asked for (WeirdError)"),
], ids=["denied", "not-allowed", "unknown-error"])
def test_permission_asked_in_the_tap_and_refusal_explained(browser, base_url, answer, expected) -> None:
    context, page = start_context(browser, base_url, init=HANDS_FREE + ASKS.replace("ANSWER", answer))
    open_meter(page)
    view = page.locator(VIEW)
    view.get_by_role("button", name="Start", exact=True).tap()
    view.locator("[data-part=message]", has_text=expected).wait_for()
    assert page.evaluate("hipAsked") == [{"name": "DeviceMotionEvent", "inTap": True},
                                         {"name": "DeviceOrientationEvent", "inTap": True}]
    assert view.locator("[data-part=setup]").is_visible()
    context.close()


def test_permission_granted_then_measures(browser, base_url) -> None:
    context, page = start_context(browser, base_url, init=HANDS_FREE + ASKS.replace("ANSWER", 'Promise.resolve("granted")'))
    sensor = Sensor(page)
    rng = random.Random(3)
    open_meter(page)
    sensor.tilt(0, NOISE, rng)
    page.locator(VIEW).get_by_role("button", name="Start", exact=True).tap()
    page.locator(f"{VIEW} [data-part=run]").wait_for()
    hold(page, sensor, 0, 2500, rng)
    assert "Calibrated. Level is within 2 degrees. Stand on one leg." in said(page)
    # No leg set: the side is named left or right. The screen facing the back swaps them (x is mirrored).
    hold(page, sensor, 6, 2000, rng)
    assert said(page)[-1] == "Your left side is low by 6 degrees"
    sensor.close()
    context.close()


def test_moving_too_fast_says_hold_still(browser, base_url) -> None:
    """Jolts (the phone feels far more than gravity) are not read: 'Hold still', and calibration waits."""
    context, page = start_context(browser, base_url)
    sensor = Sensor(page)
    rng = random.Random(5)
    open_meter(page)
    view = page.locator(VIEW)
    sensor.tilt(0, NOISE, rng)
    view.get_by_role("button", name="Start", exact=True).tap()
    for i in range(20):  # 2 s of shaking: alternately 4 m/s² more and less than gravity along the spine
        sensor.set({"x": 0.3, "y": 13.8 if i % 2 else 5.8, "z": 1.7})
        page.clock.run_for(TICK)
    assert "Hold still." in said(page)
    assert view.locator("[data-part=reading]").inner_text() == "Hold still"
    assert "Calibrated. Level is within 2 degrees. Stand on one leg." not in said(page)
    assert all(r["moving"] for r in page.evaluate("hipReadings")[-10:])
    hold(page, sensor, 0, 2500, rng)  # still again: calibration completes
    assert "Calibrated. Level is within 2 degrees. Stand on one leg." in said(page)
    sensor.close()
    context.close()


def test_offered_inside_workout_mode(browser, base_url) -> None:
    context, page = start_context(browser, base_url, init=WAKE_LOCK_STUB)
    page.goto(base_url + METER_PAGE.url)
    page.get_by_role("button", name="Start workout").first.tap()
    workout = page.locator("dialog.hip-workout[open]")
    workout.get_by_role("button", name=OPEN).tap()  # the workout view's own button
    page.locator(f"{VIEW}[open]").wait_for()
    page.keyboard.press("Escape")  # closes the meter only
    assert workout.is_visible()
    context.close()


@pytest.mark.parametrize("text_size", [16, 32])
def test_fits_320_px_with_the_stop_rule_in_sight(browser, base_url, artifacts, text_size) -> None:
    """At 320 px and 200% text: nothing wider than the screen, the stop rule on screen in the guide and the reading."""
    context, page = start_context(browser, base_url, viewport={"width": 320, "height": 568})
    page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": text_size}})
    sensor = Sensor(page)
    rng = random.Random(7)
    open_meter(page)
    view = page.locator(VIEW)
    rule = view.locator(".hip-view__safety")
    for name in ("Start", "Stop rules"):
        target = view.get_by_role("button", name=name, exact=True)
        target.scroll_into_view_if_needed()
        assert "Stop if it hurts." in rule.inner_text() and rule.evaluate(INSIDE)
        assert view.evaluate("d => d.scrollWidth <= d.clientWidth") and page.evaluate("innerWidth") == 320
        assert target.evaluate(INSIDE)
    page.screenshot(path=artifacts / f"meter-guide-320-{text_size}px.png")
    sensor.tilt(0, NOISE, rng)
    view.get_by_role("button", name="Start", exact=True).tap()
    hold(page, sensor, 0, 2500, rng)
    hold(page, sensor, -6, 1500, rng)
    assert rule.evaluate(INSIDE) and view.evaluate("d => d.scrollWidth <= d.clientWidth")
    page.screenshot(path=artifacts / f"meter-reading-320-{text_size}px.png")
    assert view.locator("[data-part=reading]").evaluate(INSIDE)
    # The view scrolls to its Stop button (at 200% text it is below the reading); the stop rule stays in sight.
    view.locator("[data-part=stop]").scroll_into_view_if_needed()
    assert view.locator("[data-part=stop]").evaluate(INSIDE) and rule.evaluate(INSIDE)
    sensor.close()
    context.close()


def test_the_meter_works_offline_after_a_first_visit(browser, served) -> None:  # noqa: F811
    """The service worker precaches the meter and its geometry: with no network, it opens and calibrates."""
    base, server, _ = served
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(RECORD + SAID_AT)
    page = context.new_page()
    page.goto(base + METER_PAGE.url)
    controlled(page)
    server.down = True
    context.set_offline(True)
    page.reload()
    sensor = Sensor(page)
    rng = random.Random(9)
    sensor.tilt(0, NOISE, rng)
    page.get_by_role("button", name=OPEN).tap()
    view = page.locator(f"{VIEW}[open]")
    view.get_by_label("Speech").uncheck()
    view.get_by_role("button", name="Start", exact=True).tap()
    # Real time here (no test clock): Chromium repeats the reading about 60 times a second until it calibrates.
    view.locator("[data-part=band]", has_text="Level means within 2°").wait_for()
    assert "Calibrated" in view.locator("[data-part=live]").inner_text()
    sensor.close()
    context.close()
