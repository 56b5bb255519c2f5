"""Privacy: no page asks another host for anything, with every component of
ours loaded. (The hosted-video facade's silence until a tap is checked in
test_media.py, on the path the README documents.)"""

from __future__ import annotations

from conftest import PAGES, guarded_context


def test_no_page_requests_another_host(browser, base_url) -> None:
    context = guarded_context(browser, base_url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    for url in PAGES:
        page.goto(base_url + url, wait_until="networkidle")
        # The tools' code loads on a tap: open each and look again.
        for tool in page.locator("[data-hip-open]").all():
            if tool.is_visible() and tool.get_attribute("data-hip-open") != "coach":  # the camera: test_coach.py
                tool.click()
                page.locator("dialog[open]").wait_for()
                page.keyboard.press("Escape")
        page.wait_for_load_state("networkidle")
    assert context.foreign == []
    context.close()
