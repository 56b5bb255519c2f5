"""First browser checks in Debian's Chromium at phone width (360 px).

Screenshots land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import nav_pages, page_url

PHONE = {"width": 360, "height": 740}
PAGES = [page_url(src) for src in nav_pages()] + ["no-such-page/"]
STEP_PAGES = {"sequence-1/": 6, "sequence-2/": 5}


def shot_name(url: str) -> str:
    return url.strip("/").replace("/", "-") or "home"


@pytest.fixture(params=["light", "dark"])
def phone(request, browser, base_url):
    """A phone-sized page in the given colour scheme that records other-host requests."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, color_scheme=request.param,
                                  is_mobile=True, has_touch=True)
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
    assert response.status == (404 if url == "no-such-page/" else 200)
    assert phone.locator("aside.hip-notice").is_visible()
    assert phone.locator("h1").first.is_visible()
    # Nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if url in STEP_PAGES:
        steps = phone.locator(".tabbed-block:visible > ol > li")
        assert steps.count() == STEP_PAGES[url]
        for i in range(steps.count()):
            assert steps.nth(i).is_visible()
        size = float(steps.first.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
        assert size >= 18, f"step text is {size}px on a phone"
    phone.screenshot(path=artifacts / f"{shot_name(url)}-360-{phone.scheme}.png", full_page=True)
    assert phone.foreign == []


def test_seated_choice_is_remembered(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "sequence-1/")
    page.get_by_text("Seated", exact=True).click()
    assert page.locator(".tabbed-block:visible > ol > li").first.inner_text().startswith("Sit")
    page.goto(base_url + "sequence-2/")
    page.goto(base_url + "sequence-1/")
    assert page.locator(".tabbed-block:visible > ol > li").first.inner_text().startswith("Sit")
    context.close()


@pytest.mark.parametrize("url", list(STEP_PAGES))
def test_steps_read_with_javascript_off(browser, base_url, url) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + url)
    steps = page.locator(".tabbed-block:visible > ol > li")
    assert steps.count() == STEP_PAGES[url]
    assert all(steps.nth(i).is_visible() for i in range(steps.count()))
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_desktop_screenshots(browser, base_url, artifacts, scheme) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    for url in ("", "sequence-1/", "sequence-2/"):
        page.goto(base_url + url)
        assert page.locator(".md-sidebar--primary").is_visible()
        page.screenshot(path=artifacts / f"{shot_name(url)}-1280-{scheme}.png", full_page=True)
    context.close()
