"""The hip-level coach: geometry unit tests, then Chromium with a fake front
camera that shows a real photo of a standing man (tools/coach_camera.py).

The pose model is slow on this machine's software WebGL (about a second a
frame), so one page with the upright photo serves most tests, and each
turned photo gets one browser for its readings.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
from urllib.parse import urlsplit

import pytest

import chromium
import coach_camera
from conftest import MODEL, PHONE, ROOT, SITE, describe

# The page that offers the coach (<!-- hip:coach -->).
COACH_PAGE = next(page.url for page in MODEL.pages if "<!-- hip:coach -->" in page.path.read_text(encoding="utf-8"))
FRAMES = 10  # readings averaged per angle (after the first, which compiles the shaders)
# Measured on this machine (make bench-coach, 30 frames an angle): single
# frames spread by 1.2° to 2.2° (sd; the hips sit ~50 px apart, so one pixel
# is ~1.1°), and the turned photos read the turn within 0.4° of it. A mean of
# ten frames has a standard error of up to 0.7°, a difference of two such means
# about 0.9°; 3° is over three of those, yet a wrong sign (16° off) or a halved
# angle (4° off) still fails.
TOLERANCE = 3.0
APPLIED = 8.0
STORED = """indexedDB.databases().then(dbs => ({
  local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort(),
  indexedDB: dbs.map(d => d.name), }))"""


def test_geometry_unit_tests() -> None:
    """Every test in tests/js/ ran and passed: none failed, skipped or left to do."""
    files = sorted((ROOT / "tests" / "js").glob("*.test.js"))
    declared = sum(len(re.findall(r"^test\(", f.read_text(encoding="utf-8"), re.MULTILINE)) for f in files)
    run = subprocess.run(["node", "--test", *map(str, files)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    summary = dict(re.findall(r"^# (\w+) (\d+)$", run.stdout, re.MULTILINE))
    assert declared > 0 and summary["pass"] == str(declared), run.stdout
    assert summary["fail"] == summary["skipped"] == summary["todo"] == summary["cancelled"] == "0", run.stdout


def test_no_control_without_javascript(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + COACH_PAGE)
    assert page.get_by_role("button", name="Check my hips").count() == 0
    assert not page.locator("[data-hip-tool='coach']").is_visible()
    context.close()


def test_model_is_served_from_the_site_and_not_precached() -> None:
    declared = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["poseModel"]
    manifest = json.loads((SITE / "assets" / "coach" / "pose-model.json").read_text(encoding="utf-8"))
    assert manifest["package"] == declared["package"]
    files = [path.rsplit("/", 1)[-1] for path in declared["files"]]
    assert manifest["runtime"] in files and manifest["model"] in files
    for name in files:
        assert (SITE / "assets" / "coach" / name).is_file(), name
    worker = (SITE / "sw.js").read_text(encoding="utf-8")
    assert "assets/javascripts/coach.js" in worker  # the precache list is there...
    assert not [name for name in files if name in worker]  # ...without the model


def launch_with_camera(playwright, tilt: float):
    """Another Chromium whose fake front camera shows the photo turned by `tilt`."""
    return chromium.launch(playwright, coach_camera.fake_camera_args(coach_camera.clip(tilt)))


def coach_context(camera_browser, requests: list[str] | None = None, scheme: str = "light"):
    context = camera_browser.new_context(viewport=PHONE, device_scale_factor=2, color_scheme=scheme,
                                         is_mobile=True, has_touch=True, service_workers="block")
    context.add_init_script(coach_camera.RECORD_STREAMS)
    context.add_init_script(coach_camera.RECORD_FRAMES)
    if requests is not None:
        context.on("request", lambda request: requests.append(request.url))
    return context


@pytest.fixture(scope="module")
def upright(playwright, base_url):
    """One page over the upright photo, the coach open and measuring."""
    camera_browser = launch_with_camera(playwright, 0)
    requests: list[str] = []
    context = coach_context(camera_browser, requests)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + COACH_PAGE)
    assert page.evaluate("hipAsked.length") == 0  # no camera before the tap
    stored = page.evaluate(STORED)
    coach_camera.open_coach(page, base_url + COACH_PAGE)
    readings = coach_camera.measure(page, FRAMES + 1)
    yield {"page": page, "requests": requests, "errors": errors, "readings": readings, "stored": stored}
    camera_browser.close()


def mean_tilt(readings: dict) -> tuple[float, float]:
    tilts = [f["tilt"] for f in readings["frames"][1:]]
    assert all(f["state"] == "ok" for f in readings["frames"]), readings["frames"]
    return statistics.fmean(tilts), statistics.stdev(tilts)


def test_mirror_view(upright, artifacts) -> None:
    page = upright["page"]
    view = page.locator("dialog.hip-coach")
    box = view.bounding_box()
    assert box["width"] == PHONE["width"] and box["height"] == PHONE["height"]  # full screen
    video = page.locator(".hip-coach video")
    assert video.evaluate("v => getComputedStyle(v).transform") == "matrix(-1, 0, 0, 1, 0, 0)"  # mirrored
    assert page.evaluate("hipAsked[0]") == {"video": {"facingMode": "user", "width": {"ideal": 640}, "height": {"ideal": 480}},
                                           "audio": False}
    assert "nothing is sent or saved" in view.inner_text()
    assert page.locator(".hip-coach__midline").is_visible()
    # The level line: arrow keys and a drag.
    line = page.get_by_role("slider", name="Level line")
    line.focus()
    before = int(line.get_attribute("aria-valuenow"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert int(line.get_attribute("aria-valuenow")) == before + 2
    page.keyboard.press("PageUp")
    assert int(line.get_attribute("aria-valuenow")) == before - 8
    grip = line.bounding_box()
    stage = page.locator(".hip-coach__stage").bounding_box()
    page.mouse.move(grip["x"] + grip["width"] - 20, grip["y"] + grip["height"] / 2)
    page.mouse.down()
    page.mouse.move(grip["x"] + grip["width"] - 20, stage["y"] + stage["height"] * 0.7, steps=5)
    page.mouse.up()
    assert int(line.get_attribute("aria-valuenow")) == 70
    # The gauge reads in words, with a bar that tilts. The upright photo's hips
    # read within a degree of level (make bench-coach: -0.6° ± 1.1°), under the 3° band.
    # The last frame and what the view shows for it, read at once (measuring goes on meanwhile).
    shown = page.evaluate("""() => ({last: hipFrames.at(-1),
        reading: document.querySelector('.hip-coach__reading').textContent,
        needle: document.querySelector('.hip-coach__needle').style.transform})""")
    last = shown["last"]
    assert abs(last["smoothed"]) < 3, last
    # No bare "Level": the band is worded for what it is, and the limits are in sight beside it.
    within = "Within 3° of level: closer than the camera can tell apart"
    assert shown["reading"] == last["text"] == within
    angle = float(shown["needle"].removeprefix("rotate(").removesuffix("deg)"))
    assert angle == pytest.approx(last["needle"], abs=1e-5) and last["needle"] == pytest.approx(-last["smoothed"]), shown
    limits = page.locator("dialog.hip-coach .hip-coach__limits")
    assert "off by several degrees" in limits.inner_text() and "not a measurement" in limits.inner_text()
    in_sight = "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    limits.scroll_into_view_if_needed()  # just under the reading: both in sight at once
    assert page.locator(".hip-coach__reading").evaluate(in_sight) and limits.evaluate(in_sight)
    live = page.locator("dialog.hip-coach [aria-live=polite]")
    assert live.inner_text() == within
    # The stop rule is in sight in the coach too.
    rule = page.locator("dialog.hip-coach .hip-view__safety")
    assert "Stop if it hurts." in rule.inner_text()
    assert rule.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.screenshot(path=artifacts / f"coach-360-{scheme}.png")
    page.emulate_media(color_scheme="light")


def test_axe_clean_inside_the_view(upright, axe) -> None:
    page = upright["page"]
    violations = axe(page, ".hip-coach")
    assert violations == [], describe(violations)


def test_nothing_leaves_the_device(upright, base_url) -> None:
    coach_camera.measure(upright["page"], 2)  # still measuring
    site = urlsplit(base_url).netloc
    assert upright["requests"], "no requests recorded"
    assert {urlsplit(url).netloc for url in upright["requests"] if not url.startswith(("data:", "blob:"))} == {site}
    model = [url for url in upright["requests"] if "/assets/coach/" in url]
    assert any(url.endswith("movenet-lightning.bin") for url in model), model
    # No frame kept: the coach writes nothing to storage (the theme keeps its own few keys).
    assert upright["page"].evaluate(STORED) == upright["stored"]


def test_camera_stops_when_hidden_and_when_closed(upright) -> None:
    page = upright["page"]
    assert page.evaluate("hipStreams.at(-1).getVideoTracks()[0].readyState") == "live"
    hide = """state => { Object.defineProperty(document, 'visibilityState', {value: state, configurable: true});
                         document.dispatchEvent(new Event('visibilitychange')); }"""
    page.evaluate(hide, "hidden")
    assert page.evaluate("hipStreams.at(-1).getVideoTracks()[0].readyState") == "ended"
    page.evaluate(hide, "visible")
    page.wait_for_function("hipStreams.length === 2 && hipStreams[1].getVideoTracks()[0].readyState === 'live'")
    page.get_by_role("button", name="Close").click()
    assert not page.locator("dialog.hip-coach").is_visible()
    # The dialog's close event comes a moment after closing.
    page.wait_for_function("hipStreams.every(s => s.getVideoTracks()[0].readyState === 'ended')")
    assert page.evaluate("hipStreams.length") == 2
    assert page.get_by_role("button", name="Check my hips").evaluate("b => b === document.activeElement")
    assert upright["errors"] == []


def test_check_my_hips_inside_workout_mode(upright) -> None:
    page = upright["page"]
    page.get_by_role("button", name="Start workout").click()
    workout = page.locator("dialog.hip-workout")
    workout.get_by_role("button", name="Check my hips").click()  # the workout view's own button
    page.wait_for_function("hipStreams.length === 3 && hipStreams[2].getVideoTracks()[0].readyState === 'live'")
    assert page.locator("dialog.hip-coach").is_visible()
    page.keyboard.press("Escape")  # closes the coach only
    page.wait_for_function("hipStreams[2].getVideoTracks()[0].readyState === 'ended'")
    assert workout.is_visible()
    page.keyboard.press("Escape")


def test_accuracy_on_a_turned_photo(playwright, base_url, upright) -> None:
    """The photo turned by ±8° reads ±8° more or less than the upright photo
    (whose hips are not exactly level), in the right direction."""
    level, level_sd = mean_tilt(upright["readings"])
    for applied in (APPLIED, -APPLIED):
        camera_browser = launch_with_camera(playwright, applied)
        page = coach_context(camera_browser).new_page()
        coach_camera.open_coach(page, base_url + COACH_PAGE)
        measured, spread = mean_tilt(coach_camera.measure(page, FRAMES + 1))
        reading = page.locator(".hip-coach__reading").inner_text()
        camera_browser.close()
        print(f"applied {applied:+.0f}°: measured {measured:+.1f}° (sd {spread:.1f}°), "
              f"upright {level:+.1f}° (sd {level_sd:.1f}°)")
        assert (measured - level) * applied > 0, "the tilt reads in the wrong direction"
        assert abs(measured - level - applied) <= TOLERANCE
        # Turned clockwise, the reader's left hip goes down: the words name the low side, as the steps do.
        assert reading.startswith(f"Your {'left' if applied > 0 else 'right'} hip looks lower, by about "), reading


def rejects(name: str) -> str:
    return f"""MediaDevices.prototype.getUserMedia = () => Promise.reject(new DOMException('refused', '{name}'));"""


def test_camera_errors_say_what_to_do(browser, base_url) -> None:
    """Refused, no camera (WebKit says OverconstrainedError), busy, and an error no browser documents."""
    for init, expected in ((rejects("NotAllowedError"), "Camera access is blocked"),
                           ("delete Navigator.prototype.mediaDevices;", "No camera was found"),
                           (rejects("OverconstrainedError"), "No front camera was found"),
                           (rejects("NotReadableError"), "The camera is busy in another app"),
                           (rejects("WeirdError"), "The camera could not start (WeirdError). Close other apps")):
        context = browser.new_context(viewport=PHONE, service_workers="block")
        context.add_init_script(init)
        page = context.new_page()
        page.goto(base_url + COACH_PAGE)
        page.get_by_role("button", name="Check my hips").click()
        message = page.get_by_role("status").filter(has_text=expected)
        message.wait_for()
        assert message.is_visible()
        context.close()


def test_model_works_offline_after_first_use(browser, base_url) -> None:
    """The service worker keeps the model once used; offline, measuring starts from that copy."""
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(coach_camera.RECORD_FRAMES)
    page = context.new_page()
    page.goto(base_url + COACH_PAGE)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30000)
    names = "caches.keys().then(k => k.filter(n => n.startsWith('hip-coach-')))"
    assert page.evaluate(names) == []  # not on a first visit
    page.get_by_role("button", name="Check my hips").click()
    page.get_by_role("switch", name="Measure my hips").check()
    page.wait_for_function("hipReady !== null", timeout=240000)
    [cache] = page.evaluate(names)
    cached = page.evaluate("name => caches.open(name).then(c => c.keys()).then(r => r.map(q => q.url))", cache)
    declared = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["poseModel"]
    expected = {path.rsplit("/", 1)[-1] for path in declared["files"] if not path.endswith("LICENSE")}
    assert {url.rsplit("/", 1)[1] for url in cached} == expected | {"pose-model.json"}
    context.set_offline(True)
    page.reload()
    page.get_by_role("button", name="Check my hips").click()
    page.get_by_role("switch", name="Measure my hips").check()
    page.wait_for_function("hipReady !== null", timeout=240000)
    assert "could not load" not in page.locator(".hip-coach__reading").inner_text()
    context.close()


@pytest.mark.parametrize("text_size", [16, 32])
def test_the_stop_rule_stays_in_sight_at_320_px(browser, base_url, artifacts, text_size) -> None:
    """The coach's view keeps 'Stop if it hurts' and the support cue on screen, even at 200% text."""
    context = browser.new_context(viewport={"width": 320, "height": 568}, is_mobile=True, has_touch=True,
                                  service_workers="block")
    context.add_init_script(rejects("NotAllowedError"))  # the layout, not the camera
    page = context.new_page()
    page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": text_size}})
    page.goto(base_url + COACH_PAGE)
    page.get_by_role("button", name="Check my hips").click()
    rule = page.locator("dialog.hip-coach .hip-view__safety")
    rule.wait_for()
    assert "Stop if it hurts." in rule.inner_text() and "chair" in rule.inner_text()
    assert rule.evaluate("""el => { const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }""")
    assert page.evaluate("innerWidth") == 320
    page.get_by_role("button", name="Stop rules").click()
    assert "causes pain" in page.locator("dialog.hip-coach .hip-view__rules").inner_text()
    page.screenshot(path=artifacts / f"coach-stop-rule-320-{text_size}px.png")
    context.close()
