"""Workout mode in Chromium at phone width: one step at a time, the stop rule
in sight, swipes anywhere, timer, wake lock, and no listener left behind by
instant navigation.

navigator.wakeLock is replaced by a stub that counts requests and releases,
since a headless browser has no screen to keep on. Steps come from the site
model, so a new sequence page is covered without editing this file.
"""

from __future__ import annotations

import pytest

from conftest import MODEL, PHONE, describe, phone_context, serve_sitemap_for_this_host

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
Navigator.prototype.vibrate = function (pattern) { hipLock.vibrated = pattern; return true; };
"""
NO_WAKE_LOCK = "delete Navigator.prototype.wakeLock;"


def phone_page(browser, scheme="light", init=WAKE_LOCK_STUB, motion="no-preference", viewport=PHONE):
    context = phone_context(browser, scheme, reduced_motion=motion, service_workers="block", viewport=viewport)
    context.add_init_script(init)
    return context, context.new_page()


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
    page.get_by_role("button", name="Start workout").first.click()
    page.locator("dialog.hip-workout[open]").wait_for()


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
    start.click()

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

    view.get_by_role("button", name="Next").click()
    assert count(page) == f"Step 2 of {total}"
    assert page.locator(".hip-workout__text").inner_text() == steps.texts[1]
    assert view.locator("[data-hip=live]").inner_text() == f"Step 2 of {total}: {steps.texts[1]}"
    view.get_by_role("button", name="Previous").click()
    assert count(page) == f"Step 1 of {total}"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert count(page) == f"Step 3 of {total}"
    page.keyboard.press("ArrowLeft")
    assert count(page) == f"Step 2 of {total}"

    # A swipe moves one step wherever it lands on the view: on the step, on a
    # button, on the timer's heading; one that starts on a form control does not.
    swipe(page, 300, 60, middle_y(page, ".hip-workout__text"))  # left: next
    assert count(page) == f"Step 3 of {total}"
    swipe(page, 60, 300, middle_y(page, "[data-hip=next]"))  # right: previous, not a press of Next
    assert count(page) == f"Step 2 of {total}"
    swipe(page, 300, 60, middle_y(page, ".hip-workout__timer h3"))
    assert count(page) == f"Step 3 of {total}"
    seconds = view.get_by_label("Seconds")
    field = seconds.bounding_box()
    swipe(page, field["x"] + 5, field["x"] + 200, field["y"] + field["height"] / 2)
    assert count(page) == f"Step 3 of {total}"
    page.keyboard.press("ArrowLeft")

    # The timer: no duration until the reader gives one.
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
        page.locator("[data-hip=next]").scroll_into_view_if_needed()
        assert rule.evaluate(inside)
        page.screenshot(path=artifacts / f"workout-stop-rule-{width}-{text_size}px.png")
        toggle = page.get_by_role("button", name="Stop rules")
        toggle.click()
        rules = page.locator("dialog.hip-workout .hip-view__rules")
        assert rules.is_visible() and "causes pain" in rules.inner_text() and "chest pain" in rules.inner_text()
        assert toggle.get_attribute("aria-expanded") == "true"
        page.get_by_role("button", name="Back to the view").click()
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


def test_workout_follows_the_tab_and_instant_navigation(browser, base_url) -> None:
    tabbed = next(p for p in SEQUENCES if len(p.source_steps) > 1)
    second = tabbed.source_steps[1]
    after = SEQUENCES[SEQUENCES.index(tabbed) + 1] if tabbed is not SEQUENCES[-1] else SEQUENCES[0]
    context, page = phone_page(browser)
    serve_sitemap_for_this_host(page, base_url)
    page.goto(base_url + tabbed.url)
    page.evaluate("window.hipSamePage = true")  # gone if the browser loads a new page
    page.get_by_text(second.label, exact=True).click()
    page.get_by_role("button", name="Start workout").click()
    assert second.label in page.locator("dialog.hip-workout .hip-view__title").inner_text()
    assert page.locator(".hip-workout__text").inner_text() == second.texts[0]
    page.keyboard.press("Escape")
    # A link in the page uses Material's instant navigation (no page load).
    page.locator(f".md-sidebar--primary a[href$='{after.url}']").first.dispatch_event("click")
    page.wait_for_function(f"location.pathname.endsWith('/{after.url}')")
    page.get_by_role("button", name="Start workout").first.click()
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
    """Ten round trips between two sequence pages: one ArrowRight still moves one step, and
    `document` holds as many listeners as after the first visit."""
    one, two = SEQUENCES[0], SEQUENCES[1]
    context, page = phone_page(browser)
    serve_sitemap_for_this_host(page, base_url)
    page.goto(base_url + one.url)
    page.evaluate("window.hipSamePage = true")

    def visit(target) -> None:
        page.locator(f".md-sidebar--primary a[href$='{target.url}']").first.dispatch_event("click")
        page.wait_for_function(f"location.pathname.endsWith('/{target.url}')")
        page.locator(".md-content h1").first.wait_for()

    def use_workout() -> None:
        page.get_by_role("button", name="Start workout").first.click()
        page.locator("dialog.hip-workout[open]").wait_for()
        page.keyboard.press("ArrowRight")
        assert count(page) == "Step 2 of " + count(page).rsplit(" ", 1)[1]
        # The close event (which detaches the view's listeners) comes as a task after Escape: wait for it.
        page.evaluate("""() => { const view = document.querySelector('dialog.hip-workout[open]');
            window.hipClosed = new Promise(done => view.addEventListener('close', () => setTimeout(done), {once: true})); }""")
        page.keyboard.press("Escape")
        page.evaluate("hipClosed")

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
