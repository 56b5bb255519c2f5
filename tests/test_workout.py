"""Workout mode in Chromium at phone width: one step at a time, timer, wake lock.

navigator.wakeLock is replaced by a stub that counts requests and releases,
since a headless browser has no screen to keep on.
"""

from __future__ import annotations

import pytest

from conftest import ROOT

PHONE = {"width": 360, "height": 740}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
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
Navigator.prototype.vibrate = function (pattern) { hipLock.vibrated = pattern; return true; };
"""
NO_WAKE_LOCK = "delete Navigator.prototype.wakeLock;"


def phone_page(browser, scheme="light", init=WAKE_LOCK_STUB, motion="no-preference"):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, color_scheme=scheme, reduced_motion=motion,
                                  is_mobile=True, has_touch=True, service_workers="block")
    context.add_init_script(init)
    return context, context.new_page()


def swipe(page, from_x: int, to_x: int, y: int = 360) -> None:
    """A real horizontal touch swipe through the DevTools protocol."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": from_x, "y": y}]})
    for i in range(1, 6):
        x = from_x + (to_x - from_x) * i / 5
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def count(page) -> str:
    return page.locator(".hip-workout__count").inner_text()


def test_start_button_only_with_javascript(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "sequence-1/")
    assert page.get_by_role("button", name="Start workout").count() == 0
    assert page.locator("dialog").count() == 0
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_workout_mode(browser, base_url, artifacts, scheme) -> None:
    context, page = phone_page(browser, scheme)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "sequence-1/")
    # Another component may put buttons inside a step; the view reads only the step.
    page.evaluate("""document.querySelectorAll('.tabbed-block > ol > li').forEach(li =>
        li.insertAdjacentHTML('beforeend', '<button type="button">Play this step</button>'))""")
    start = page.get_by_role("button", name="Start workout")
    start.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    start.click()

    view = page.locator("dialog.hip-workout")
    assert view.is_visible()
    box = view.bounding_box()
    assert box["width"] == PHONE["width"] and box["height"] == PHONE["height"]  # full screen
    assert view.evaluate("d => d.contains(document.activeElement)")
    assert page.evaluate("hipLock") == {"requests": 1, "releases": 0}
    assert "Screen stays on" in page.locator(".hip-workout__lock").inner_text()
    assert "Standing" in page.locator(".hip-workout__title").inner_text()
    assert count(page) == "Step 1 of 6"
    assert page.locator(".hip-workout__text").inner_text() == "Stand with your heels directly under your hips."
    size = float(page.locator(".hip-workout__text").evaluate("e => getComputedStyle(e).fontSize")[:-2])
    assert size >= 28, f"step text is {size}px"
    for name in ("Previous", "Next"):
        assert view.get_by_role("button", name=name).bounding_box()["height"] >= 48

    view.get_by_role("button", name="Next").click()
    assert count(page) == "Step 2 of 6"
    assert "Play this step" not in page.locator(".hip-workout__text").inner_text()
    assert page.locator(".hip-workout__live").inner_text().startswith("Step 2 of 6: Rest your hands")
    view.get_by_role("button", name="Previous").click()
    assert count(page) == "Step 1 of 6"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert count(page) == "Step 3 of 6"
    page.keyboard.press("ArrowLeft")
    assert count(page) == "Step 2 of 6"
    swipe(page, 300, 60)  # swipe left: next
    assert count(page) == "Step 3 of 6"
    swipe(page, 60, 300)  # swipe right: previous
    assert count(page) == "Step 2 of 6"

    # The timer: no duration until the reader gives one.
    seconds = view.get_by_label("Seconds")
    assert seconds.input_value() == ""
    view.get_by_role("button", name="Start").click()
    assert "how many seconds" in page.locator(".hip-workout__phase").inner_text()
    seconds.fill("1")
    view.get_by_role("button", name="Left").click()
    view.get_by_label("Beep").check()
    view.get_by_label("Vibrate").check()
    view.get_by_role("button", name="Start").click()
    assert page.locator(".hip-workout__phase").inner_text() == "Get ready. Left side."
    page.screenshot(path=artifacts / f"workout-360-{scheme}.png")
    view.get_by_role("button", name="Pause").click()
    assert page.locator(".hip-workout__phase").inner_text() == "Paused."
    view.get_by_role("button", name="Resume").click()
    page.locator(".hip-workout__phase", has_text="Time is up. Left side.").wait_for(timeout=15000)
    assert page.locator(".hip-workout__clock").inner_text() == "0:00"
    assert page.evaluate("hipLock.vibrated") == [200, 100, 200]
    view.get_by_role("button", name="Reset").click()
    assert page.locator(".hip-workout__clock").inner_text() == "0:01"
    assert page.evaluate("JSON.parse(localStorage.getItem('hip-workout'))") == {
        "seconds": "1", "beep": True, "vibrate": True}

    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "tags => axe.run('.hip-workout', {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)", AXE_TAGS)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations]

    page.keyboard.press("Escape")
    assert not view.is_visible()
    # The dialog's close event, which releases the lock, is dispatched as a task after closing.
    page.wait_for_function("hipLock.releases > 0")
    assert page.evaluate("[hipLock.requests, hipLock.releases]") == [1, 1]
    assert page.evaluate("window.scrollY") == scrolled  # back where the reader was
    assert start.evaluate("b => b === document.activeElement")
    assert errors == []
    context.close()


def serve_sitemap_for_this_host(page, base_url: str, site_url: str) -> None:
    """Material's instant navigation only follows links listed in sitemap.xml,
    whose addresses carry the deployed host; on a local port, point them here."""
    def fulfil(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(site_url, base_url))

    page.route("**/sitemap.xml", fulfil)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_workout_mode_on_a_desktop(browser, base_url, artifacts, scheme) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme,
                                  service_workers="block")
    context.add_init_script(WAKE_LOCK_STUB)
    page = context.new_page()
    page.goto(base_url + "sequence-2/")
    page.get_by_role("button", name="Start workout").click()
    page.keyboard.press("ArrowRight")
    assert count(page) == "Step 2 of 5"
    page.screenshot(path=artifacts / f"workout-1280-{scheme}.png")
    context.close()


def test_workout_follows_the_tab_and_instant_navigation(browser, base_url, config) -> None:
    context, page = phone_page(browser)
    serve_sitemap_for_this_host(page, base_url, config["site_url"])
    page.goto(base_url + "sequence-1/")
    page.evaluate("window.hipSamePage = true")  # gone if the browser loads a new page
    page.get_by_text("Seated", exact=True).click()
    page.get_by_role("button", name="Start workout").click()
    assert "Seated" in page.locator(".hip-workout__title").inner_text()
    assert page.locator(".hip-workout__text").inner_text().startswith("Sit with your heels")
    page.keyboard.press("Escape")
    # The footer link uses Material's instant navigation (no page load).
    page.locator(".md-footer__link--next").click()
    page.wait_for_function("location.pathname.endsWith('/sequence-2/')")
    page.get_by_role("button", name="Start workout").click()
    assert count(page) == "Step 1 of 5"
    assert page.locator(".hip-workout__text").inner_text() == "Shift your weight onto one foot."
    assert page.evaluate("window.hipSamePage && hipLock.requests") == 2
    context.close()


def test_workout_without_wake_lock_or_motion(browser, base_url) -> None:
    context, page = phone_page(browser, init=NO_WAKE_LOCK, motion="reduce")
    page.goto(base_url + "sequence-2/")
    page.get_by_role("button", name="Start workout").click()
    assert "cannot keep the screen on" in page.locator(".hip-workout__lock").inner_text()
    page.keyboard.press("ArrowRight")
    assert page.locator(".hip-workout__step").evaluate("e => getComputedStyle(e).animationName") == "none"
    context.close()
