"""Every control takes a tap at its centre (issue 18), on a phone (touch,
320, 360 and 390 px wide, the pinned DejaVu fonts): in the page (header,
article, footer) of every page of the site model, and in each full-screen
view, opened by a touch tap on its button, in each part a reader reaches
by tapping.

- A control is what a finger can act on: links, buttons, inputs, selects,
  summaries, labels of a control (the tab labels), video or audio with
  controls, anything keyboard-focusable or with a role a tap works (button,
  tab, slider, switch...), and Material's tab-scroll arrows.
- It is visible when it is rendered and not transparent (checkVisibility,
  opacity and visibility included) and has a box. Folded boxes (<details>)
  are opened first: a reader opens them with a tap.
- Each is brought into view as a reader scrolls to it: mid-screen (its page
  or view scrolled), and within a row that scrolls sideways (the tab labels)
  by the browser's own "into view" (scrollIntoView, inline "nearest", what
  find in page does), which stops clear of the row's scroll padding. For a
  tab label, the test then waits until the row has stopped and Material has
  shown or hidden its arrows, fade included: a label is in view when a
  reader can see all of it, not when it is half under an arrow.
- Then the element at the centre of the control's box (for a link that
  wraps, its largest line box) must be the control or inside it. Each tab
  label is then tapped there with a touch tap, which must select its tab,
  and the controls in that tab are checked in turn.

Pages and tools come from the site model, so a new page needs no edit here.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

import chromium
from conftest import MODEL, phone_context
from meter_sensor import Sensor
from test_workout import HANDS_FREE

# The narrowest phones in use, a common Android and a common iPhone, each at its height.
SCREENS = {320: 568, 360: 740, 390: 844}
PAGE_PARTS = ".md-header, .md-content, .md-footer"
VIEW = "dialog[open]"
VIEW_CASES = [(page, tool) for page in MODEL.pages for tool in sorted(page.tools)]

# Each check runs in one task of the page, so nothing moves between the scroll and the hit test.
HELPERS = r"""
const CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary, label, video[controls], "
  + "audio[controls], [contenteditable]:not([contenteditable=false]), [tabindex]:not([tabindex^='-']), "
  + "[role=button], [role=link], [role=tab], [role=slider], [role=switch], [role=checkbox], [role=radio], "
  + "[role=menuitem], [role=option], [role=combobox], [role=spinbutton], [onclick]";
const words = (text) => (text || "").replace(/\s+/g, " ").trim().slice(0, 40);
const describe = (el) => {
  const classes = [...el.classList].slice(0, 2).map((c) => "." + c).join("");
  const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
  const text = words(el.getAttribute("aria-label") || label || el.textContent || el.title || el.getAttribute("for"));
  return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + classes + (text ? ` "${text}"` : "");
};
const visible = (el) => el.checkVisibility({opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true})
  && [...el.getClientRects()].some((r) => r.width > 0 && r.height > 0);
// Null if the element at the centre of the control's largest box is the control or inside it;
// else what covers it, and what that is in.
const atCentre = (el, name) => {
  const box = [...el.getClientRects()].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return `${name}: its centre is off the screen`;
  const hit = document.elementFromPoint(x, y);
  if (hit === el || el.contains(hit)) return null;
  return `${name}: covered at its centre by ${hit ? describe(hit) : "nothing"}`
    + (hit && hit.parentElement ? ` in ${describe(hit.parentElement).slice(0, 60)}` : "");
};
const tabSet = (set) => document.querySelectorAll(".tabbed-set")[set];
const tabLabel = (set, tab) => tabSet(set).querySelectorAll(":scope > .tabbed-labels > label")[tab];
// A CSS selector, or {set, tab}: the panel of one tab.
const roots = (where) => typeof where === "string" ? [...document.querySelectorAll(where)]
  : [tabSet(where.set).querySelector(":scope > .tabbed-content").children[where.tab]];
"""

# Every visible control under `where` but the tab rows (brought into view one label at a time),
# scrolled mid-screen in turn.
CHECK = "(where) => {" + HELPERS + """
  const found = roots(where).flatMap((root) => [root, ...root.querySelectorAll(CONTROLS)])
    .filter((el) => el.matches(CONTROLS) && !(el.tagName === "LABEL" && !el.control)
                    && !el.closest(".tabbed-labels, .tabbed-control") && visible(el));
  return {count: found.length, failures: found.map((el) => {
    el.scrollIntoView({block: "center", inline: "nearest", behavior: "instant"});
    return atCentre(el, describe(el));
  }).filter(Boolean)};
}"""
OPEN_DETAILS = "(where) => { for (const box of document.querySelectorAll(`:is(${where}) details`)) box.open = true; }"
TAB_LABELS = "[...document.querySelectorAll('.tabbed-set')].map(set => set.querySelectorAll(':scope > .tabbed-labels > label').length)"
BRING_TAB = "([set, tab]) => {" + HELPERS + """
  window.hipRow = {left: NaN, top: NaN, frames: 0};
  tabLabel(set, tab).scrollIntoView({block: "center", inline: "nearest", behavior: "instant"});
}"""
# The row and the page have not moved for three frames, and no fade or slide is running in the tab set.
ROW_AT_REST = "(set) => {" + HELPERS + """
  const row = tabSet(set).querySelector(":scope > .tabbed-labels"), seen = window.hipRow;
  if (seen.left === row.scrollLeft && seen.top === scrollY) seen.frames++;
  else Object.assign(seen, {left: row.scrollLeft, top: scrollY, frames: 0});
  return seen.frames >= 3 && tabSet(set).getAnimations({subtree: true}).length === 0;
}"""
# The label where it now stands (in view), then each arrow shown; the label's centre, for the tap.
CHECK_TAB = "([set, tab]) => {" + HELPERS + """
  const label = tabLabel(set, tab), name = `tab label "${words(label.textContent)}"`;
  if (!visible(label)) return null;
  const failures = [atCentre(label, name)];
  for (const arrow of tabSet(set).querySelectorAll(":scope > .tabbed-control .tabbed-button")) {
    const side = arrow.parentElement.matches(".tabbed-control--prev") ? "previous" : "next";
    if (visible(arrow)) failures.push(atCentre(arrow, `tab-scroll arrow (${side}), ${name} in view`));
  }
  const box = label.getBoundingClientRect();
  return {failures: failures.filter(Boolean), x: box.left + box.width / 2, y: box.top + box.height / 2};
}"""


@pytest.fixture(scope="module")
def phone_browser(playwright):
    """Chromium with a fake front camera (its test pattern) that needs no permission prompt, for the coach."""
    browser = chromium.launch(playwright, ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"])
    yield browser
    browser.close()


def phone(browser, width: int):
    context = phone_context(browser, viewport={"width": width, "height": SCREENS[width]}, service_workers="block")
    # A phone keeps its screen on, speaks and plays tones; a headless browser needs the workout tests' stubs.
    context.add_init_script(HANDS_FREE)
    return context, context.new_page()


def load(page, url: str, page_model) -> None:
    """The page as a reader gets it: its scripts run, its fonts and Material's tab arrows in place."""
    page.goto(url, wait_until="networkidle")
    page.wait_for_function("""() => document.fonts.status === 'loaded'
        && [...document.querySelectorAll('.tabbed-set')].every(set => set.querySelector(':scope > .tabbed-control'))""")
    if page_model.tools:
        page.locator("button[data-hip-open]").first.wait_for()


def check(page, where, name: str) -> tuple[int, list[str]]:
    result = page.evaluate(CHECK, where)
    return result["count"], [f"{name}: {failure}" for failure in result["failures"]]


def check_tabs(page, name: str) -> tuple[int, list[str]]:
    """Each tab label of each tab set brought into view in turn and checked with the arrows then
    shown; then tapped, and the controls in its tab checked. Returns the labels checked, and the failures."""
    labels, failures = 0, []
    for tab_set, count in enumerate(page.evaluate(TAB_LABELS)):
        for tab in range(count):
            page.evaluate(BRING_TAB, [tab_set, tab])
            page.wait_for_function(ROW_AT_REST, arg=tab_set, polling="raf")
            shown = page.evaluate(CHECK_TAB, [tab_set, tab])
            if shown is None:  # in a tab not selected
                continue
            labels += 1
            failures += [f"{name}: {failure}" for failure in shown["failures"]]
            if shown["failures"]:
                continue
            page.touchscreen.tap(shown["x"], shown["y"])
            expect(page.locator(".tabbed-set").nth(tab_set).locator(":scope > input").nth(tab)).to_be_checked()
            failures += check(page, {"set": tab_set, "tab": tab}, name)[1]
    return labels, list(dict.fromkeys(failures))  # an arrow seen twice in one place is one failure


@pytest.mark.parametrize("width", SCREENS)
@pytest.mark.parametrize("page_model", MODEL.pages, ids=[page.name for page in MODEL.pages])
def test_every_control_on_the_page_takes_a_tap_at_its_centre(phone_browser, base_url, page_model, width) -> None:
    context, page = phone(phone_browser, width)
    load(page, base_url + page_model.url, page_model)
    page.evaluate(OPEN_DETAILS, PAGE_PARTS)
    name = f"{page_model.name} at {width} px"
    controls, failures = check(page, PAGE_PARTS, name)
    tabs, tab_failures = check_tabs(page, name)
    context.close()
    assert controls > 0 and tabs >= len(page_model.source_steps)  # each step list is a tab
    failures += tab_failures
    assert not failures, "\n".join(failures)


# The parts of each view a reader reaches by tapping, in order: each generator taps its way to the
# next part and yields its name once it is on screen. Every view has its stop rules one tap away.
def stop_rules(view):
    view.get_by_role("button", name="Stop rules").tap()
    back = view.get_by_role("button", name="Back to the view")
    back.wait_for()
    yield "its stop rules"
    back.tap()
    back.wait_for(state="hidden")


def workout(page, view):
    yield "the step and the plan form"
    yield from stop_rules(view)
    view.get_by_label("Holds per leg", exact=True).fill("1")
    view.get_by_label("Seconds per hold", exact=True).fill("600")
    view.get_by_role("button", name="Start plan").tap()
    view.get_by_role("button", name="Pause").wait_for()
    yield "the running plan"
    view.get_by_role("button", name="Pause").tap()
    view.get_by_role("button", name="Resume").wait_for()
    yield "the paused plan"
    view.get_by_role("button", name="Stop", exact=True).tap()
    view.get_by_role("button", name="Back to the steps").wait_for()
    yield "the done screen"


def coach(page, view):
    # The camera's picture, and no status laid over it ("Starting the camera…" goes once it plays).
    page.wait_for_function(f"""document.querySelector('{VIEW} video').readyState >= 2
        && [...document.querySelectorAll('{VIEW} [role=status]')].every(status => !status.textContent.trim())""")
    yield "the mirror"
    yield from stop_rules(view)
    switch = view.get_by_role("switch", name="Measure my hips")
    switch.tap()
    expect(switch).to_be_checked()
    expect(view.locator("[data-part=gauge]")).to_be_visible()
    yield "measuring"


def meter(page, view):
    yield "the placement guide"
    yield from stop_rules(view)
    Sensor(page).tilt(0)  # the phone flat on a level low back
    view.get_by_role("button", name="Start", exact=True).tap()
    view.get_by_role("button", name="Calibrate again").wait_for()
    yield "calibrating"
    view.get_by_text(re.compile("^On one leg")).wait_for()  # calibrated: the sensor kept still for its while
    yield "measuring"
    view.get_by_role("button", name="Stop", exact=True).tap()
    view.get_by_role("button", name="Back to the guide").wait_for()
    yield "the done screen"


PARTS = {"workout": workout, "coach": coach, "meter": meter}


def test_every_tool_has_its_parts_here() -> None:
    assert {tool for _, tool in VIEW_CASES} <= set(PARTS), "a new tool: add the parts a reader taps through"


@pytest.mark.parametrize("width", SCREENS)
@pytest.mark.parametrize("page_model, tool", VIEW_CASES, ids=[f"{page.name}-{tool}" for page, tool in VIEW_CASES])
def test_every_control_in_each_view_takes_a_tap_at_its_centre(phone_browser, base_url, page_model, tool, width) -> None:
    context, page = phone(phone_browser, width)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    load(page, base_url + page_model.url, page_model)
    page.locator(f"button[data-hip-open={tool}]").locator("visible=true").first.tap()
    view = page.locator(VIEW)
    view.wait_for()
    failures, seen = [], []
    for part in PARTS[tool](page, view):
        page.evaluate(OPEN_DETAILS, VIEW)
        controls, found = check(page, VIEW, f"{page_model.name} at {width} px, {tool} view, {part}")
        assert controls > 0, part
        seen.append(part)
        failures += found
    context.close()
    print(f"{tool} on {page_model.name} at {width} px:", ", ".join(seen))
    assert not failures, "\n".join(failures)
    assert errors == []
