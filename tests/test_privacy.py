"""Privacy: no page asks another host for anything, and a hosted video's
facade stays silent until the reader taps it."""

from __future__ import annotations

from pathlib import Path

from test_accessibility import PAGES, guarded_context

from hipmd.video import Where, render

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = "__privacy-fixture__/"


def test_no_page_requests_another_host(browser, base_url) -> None:
    context = guarded_context(browser, base_url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    for url in PAGES:
        page.goto(base_url + url, wait_until="networkidle")
    assert context.foreign == []
    context.close()


def test_video_facade_is_silent_until_tapped(browser, base_url) -> None:
    facade = render("title: Sequence 1\nyoutube: dQw4w9WgXcQ\nposter: poster.png", Where("fixture.md", 1), None, ROOT / "docs")
    html = (f'<!doctype html><html lang="en"><title>Facade</title><main>{facade}</main>'
            f'<script src="../assets/javascripts/video.js"></script></html>')
    context = guarded_context(browser, base_url, viewport={"width": 360, "height": 740})
    # A page on the site's own host holding the component's output.
    context.route(base_url + FIXTURE, lambda route: route.fulfill(body=html, content_type="text/html"))
    context.route(base_url + FIXTURE + "poster.png", lambda route: route.fulfill(
        body=(ROOT / "docs/assets/images/favicon.svg").read_bytes(), content_type="image/svg+xml"))
    page = context.new_page()
    page.goto(base_url + FIXTURE, wait_until="networkidle")
    assert context.foreign == []
    assert page.locator("iframe").count() == 0
    page.locator("a.hip-video__facade").click()
    frame = page.locator("iframe")
    frame.wait_for()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    page.wait_for_timeout(300)
    assert context.foreign and all("youtube-nocookie.com" in url for url in context.foreign)
    context.close()
