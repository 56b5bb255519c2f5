"""First browser checks in Debian's Chromium: every page at phone width
(360 px) and the step pages on a desktop.

Screenshots land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import MODEL, PAGES, PHONE, phone_context

SEQUENCES = {page.url: page for page in MODEL.sequences}


def shot_name(url: str) -> str:
    return url.strip("/").replace("/", "-") or "home"


@pytest.fixture(params=["light", "dark"])
def phone(request, browser, base_url):
    """A phone-sized page in the given colour scheme that records other-host requests."""
    context = phone_context(browser, request.param)
    own = urlsplit(base_url).netloc
    foreign: list[str] = []

    def guard(route):
        if urlsplit(route.request.url).netloc != own:
            foreign.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    page.scheme, page.foreign = request.param, foreign
    yield page
    context.close()


@pytest.mark.parametrize("url", PAGES)
def test_page_reads_at_phone_width(phone, base_url, artifacts, url) -> None:
    response = phone.goto(base_url + url)
    assert response.status == (404 if url.endswith("no-such-page/") else 200)
    assert phone.locator("aside.hip-notice").is_visible()
    assert phone.locator("h1").first.is_visible()
    # Nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if url in SEQUENCES:
        steps = phone.locator(".tabbed-block:visible > ol.hip-steps > li")
        assert steps.count() == len(SEQUENCES[url].source_steps[0].steps)
        for i in range(steps.count()):
            assert steps.nth(i).is_visible()
        size = float(steps.first.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
        assert size >= 18, f"step text is {size}px on a phone"
        assert phone.get_by_role("button", name="Start workout").is_visible()
    phone.screenshot(path=artifacts / f"{shot_name(url)}-360-{phone.scheme}.png", full_page=True)
    assert phone.foreign == []


def test_tab_choice_is_remembered(browser, base_url) -> None:
    """Choosing the second tab once keeps it on the next visit (the theme's linked tabs)."""
    page = next(p for p in MODEL.sequences if len(p.source_steps) > 1)
    second = page.source_steps[1]
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(base_url + page.url)
    tab.get_by_text(second.label, exact=True).click()
    first_step = tab.locator(".tabbed-block:visible > ol.hip-steps > li").first
    assert first_step.inner_text() == second.texts[0]
    tab.goto(base_url)
    tab.goto(base_url + page.url)
    assert first_step.inner_text() == second.texts[0]
    context.close()


@pytest.mark.parametrize("url", list(SEQUENCES))
def test_steps_read_with_javascript_off(browser, base_url, url) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + url)
    steps = page.locator(".tabbed-block:visible > ol.hip-steps > li")
    assert steps.count() == len(SEQUENCES[url].source_steps[0].steps)
    assert all(steps.nth(i).is_visible() for i in range(steps.count()))
    # The tools' buttons need the page scripts: without them there is no dead button.
    assert page.locator("[data-hip-open]:visible").count() == 0
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_desktop_layout(browser, base_url, artifacts, scheme) -> None:
    """On a desktop the steps keep their badges and size in the content column, beside the navigation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    for url in ("", *SEQUENCES):
        page.goto(base_url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        assert page.locator("aside.hip-notice").is_visible()
        if url:
            content = page.locator(".md-content").bounding_box()
            nav = page.locator(".md-sidebar--primary").bounding_box()
            assert nav["x"] + nav["width"] <= content["x"] + 1, "the navigation overlaps the steps"
            step = page.locator(".tabbed-block:visible > ol.hip-steps > li").first
            badge = step.evaluate("li => { const b = getComputedStyle(li, '::before');"
                                  " return [b.content, parseFloat(b.width), b.backgroundColor]; }")
            assert badge[0] == "counter(hip-step)" and badge[1] >= 40 and badge[2] != "rgba(0, 0, 0, 0)", badge
            box = step.bounding_box()
            assert content["x"] <= box["x"] and box["x"] + box["width"] <= content["x"] + content["width"] + 1
            assert float(step.evaluate("li => getComputedStyle(li).fontSize")[:-2]) >= 18
            assert page.get_by_role("button", name="Start workout").is_visible()
        page.screenshot(path=artifacts / f"{shot_name(url)}-1280-{scheme}.png", full_page=True)
    context.close()


def test_browser_uses_only_the_pinned_fonts(browser, base_url) -> None:
    """tools/fonts.conf leaves DejaVu only, so a developer's other fonts cannot hide a wrapping bug."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + next(iter(SEQUENCES)))
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    used = set()
    for selector in ("h1", ".hip-steps li", ".hip-notice p", "code, .md-header__topic"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if node:
            used |= {font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
    assert used and used <= {"DejaVu Sans", "DejaVu Sans Mono", "DejaVu Serif"}, used
    context.close()
