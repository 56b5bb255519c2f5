"""Accessibility and layout in Chromium on every page: axe-core, tap targets,
keyboard, focus, text zoom, reduced motion, JavaScript off, other hosts.

Every page comes from the nav (plus the 404 page) and every control is found
by selector, so pages and features added later are checked too.
"""

from __future__ import annotations

import pytest

from conftest import PAGES, describe, guarded_context

WIDTHS = [320, 360, 768, 1280]
# Controls that must be thumb-sized: navigation, tabs, step and video controls.
TARGETS = (
    "button, [role=button], [role=tab], input[type=range], .tabbed-labels > label, "
    ".md-header a, .md-header label, .md-nav a, .md-nav label, .md-footer a, .md-top, "
    ".md-content__button, .hip-video a, [class*='hip-'] button"
)
FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, summary, video[controls], [tabindex]:not([tabindex='-1'])"
MIN_TARGET = 44


@pytest.fixture(scope="module", params=[(w, s) for w in WIDTHS for s in ("light", "dark")],
                ids=lambda p: f"{p[0]}px-{p[1]}")
def screen(request, browser, base_url):
    width, scheme = request.param
    context = guarded_context(browser, base_url, viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.width = width
    yield page
    assert context.foreign == [], f"requests to other hosts: {context.foreign}"
    context.close()


def open_drawer(page) -> None:
    """On narrow screens the navigation sits in a drawer: open it to measure it."""
    toggle = page.locator("label.md-header__button[for=__drawer]")
    if toggle.is_visible():
        toggle.click()
        # Open when the drawer has slid fully in and stopped moving.
        page.wait_for_function("""() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0
            && document.getAnimations().every(a => a.playState !== 'running')""")


@pytest.mark.parametrize("url", PAGES)
def test_axe_finds_no_violations(screen, axe, base_url, url) -> None:
    screen.goto(base_url + url)
    violations = axe(screen)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("url", PAGES)
def test_no_sideways_scrolling_and_thumb_sized_targets(screen, base_url, url) -> None:
    screen.goto(base_url + url, wait_until="networkidle")  # the page's components have loaded
    assert screen.evaluate("document.documentElement.scrollWidth") <= screen.width
    open_drawer(screen)
    small = screen.evaluate(
        """([selector, min]) => [...document.querySelectorAll(selector)].filter(el => {
             const style = getComputedStyle(el), r = el.getBoundingClientRect();
             // Not shown (yet): the search's clear button and backdrop until search opens.
             if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.opacity === '0') return false;
             if (el.closest('[hidden], .md-nav__list[hidden]')) return false;
             return r.width < min - 0.5 || r.height < min - 0.5;
           }).map(el => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}"`
                        + ` ${Math.round(el.getBoundingClientRect().width)}x${Math.round(el.getBoundingClientRect().height)}`)""",
        [TARGETS, MIN_TARGET],
    )
    assert small == [], f"tap targets under {MIN_TARGET}x{MIN_TARGET} px: {small}"


def focus_ring(page) -> str:
    """How the focused control shows focus (outline, or the label of a focused tab input)."""
    return page.evaluate(
        """() => {
             let el = document.activeElement;
             if (el.matches('.tabbed-set > input')) el = el.closest('.tabbed-set').querySelector(`label[for="${el.id}"]`);
             const s = getComputedStyle(el);
             if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) return 'outline';
             if (s.boxShadow !== 'none') return 'shadow';
             return '';
           }"""
    )


@pytest.mark.parametrize("url", PAGES)
def test_every_control_is_reached_by_keyboard_with_visible_focus(browser, base_url, url) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + url)
    # Mark every control a sighted keyboard user can see.
    expected = page.evaluate(
        """selector => [...document.querySelectorAll(selector)].filter(el => {
             const r = el.getBoundingClientRect(), s = getComputedStyle(el);
             const hiddenInput = el.matches('.tabbed-set > input');  // reached as its tab
             if (el.tabIndex < 0 || el.closest('[hidden]')) return false;
             return (r.width > 0 && r.height > 0 && s.visibility !== 'hidden') || hiddenInput;
           }).map((el, i) => { el.dataset.kb = i; return i; })""",
        FOCUSABLE,
    )
    reached, unfocused = set(), []
    for _ in range(len(expected) * 2 + 10):
        page.keyboard.press("Tab")
        index = page.evaluate("document.activeElement.dataset.kb")
        if index is None:
            continue
        if int(index) not in reached and not focus_ring(page):
            unfocused.append(page.evaluate("document.activeElement.outerHTML.slice(0, 120)"))
        reached.add(int(index))
    # A tab set takes one Tab stop (the checked tab); arrows move between its tabs.
    radios = page.evaluate("[...document.querySelectorAll('.tabbed-set > input:not(:checked)')].map(el => +el.dataset.kb)")
    missing = set(expected) - reached - set(radios)
    assert not missing, page.evaluate("ids => ids.map(i => document.querySelector(`[data-kb='${i}']`).outerHTML.slice(0, 120))", sorted(missing))
    assert unfocused == [], f"focus not visible on: {unfocused}"
    context.close()


def test_tabs_switch_with_the_keyboard(browser, base_url) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + "sequence-1/")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.tabbed-set > input')"):
            break
    else:
        pytest.fail("Tab never reached the tabs")
    visible_first_step = ".tabbed-block:visible > ol > li >> nth=0"
    assert page.locator(visible_first_step).inner_text().startswith("Stand")
    page.keyboard.press("ArrowRight")
    assert page.locator(visible_first_step).inner_text().startswith("Sit")
    page.keyboard.press("ArrowLeft")
    assert page.locator(visible_first_step).inner_text().startswith("Stand")
    context.close()


@pytest.mark.parametrize("url", PAGES)
def test_text_zoomed_to_200_percent_loses_nothing(browser, base_url, url) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 740})
    page = context.new_page()
    # The browser's text-size setting doubled (16 -> 32 px), as a reader would set it.
    page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    page.goto(base_url + url, wait_until="networkidle")  # the page's components have loaded
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 39
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.md-content *')].filter(el => {
             const s = getComputedStyle(el);
             if (s.display === 'none' || s.visibility === 'hidden' || el.closest('[hidden]')) return false;
             const clips = ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
             return clips && el.textContent.trim() && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
           }).map(el => `${el.tagName.toLowerCase()}.${el.className}`)"""
    )
    assert clipped == [], f"text cut off at 200% text size: {clipped}"
    context.close()


def test_reduced_motion_stops_animation(browser, base_url) -> None:
    # Elements that are never rendered (SVG <title>, <desc>) report no duration: NaN, skipped.
    context = browser.new_context(viewport={"width": 360, "height": 740}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(base_url + "sequence-1/")
    slowest = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll('*')].flatMap(el => {
             const s = getComputedStyle(el);
             return [...s.transitionDuration.split(','), ...s.animationDuration.split(',')].map(parseFloat);
           }).filter(seconds => !Number.isNaN(seconds)))"""
    )
    assert slowest <= 0.001, f"a transition or animation lasts {slowest}s with reduced motion"
    context.close()


@pytest.mark.parametrize("url", PAGES)
def test_every_tab_reads_with_javascript_off(browser, base_url, url) -> None:
    context = guarded_context(browser, base_url, viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + url)
    assert page.locator("h1").first.is_visible()
    assert page.locator("aside.hip-notice").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    labels = page.locator(".tabbed-labels > label")
    for i in range(labels.count()):
        labels.nth(i).click()
        block = page.locator(".tabbed-block:visible")
        items = block.locator("li")
        assert items.count() > 0 and all(items.nth(j).is_visible() for j in range(items.count()))
    assert context.foreign == []
    context.close()
