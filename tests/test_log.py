"""The private log, "My log": the sessions workout mode keeps in IndexedDB
on the phone, listed, exported as CSV, printed and cleared after a
confirmation; without JavaScript or storage it says why; with no network
a session is logged and listed all the same.

Entries are written and read here with plain IndexedDB calls
(conftest.SEED_LOG, READ_LOG), and the expected CSV is written by Python's
csv module from those entries, not by the site's code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest

from conftest import MODEL, PHONE, READ_LOG, SEED_LOG, describe, phone_context
from test_offline import controlled, served  # noqa: F401 - the offline test's served copy of the site
from test_workout import HANDS_FREE, START, run_until, set_plan

LOG_PAGE = next(page for page in MODEL.pages if "<!-- hip:log -->" in page.path.read_text(encoding="utf-8"))
ZONE = "Europe/Berlin"
HEADER = ["Date", "Time", "Sequence", "Variant", "Holds per side", "Seconds per hold", "Rest seconds", "Sides",
          "Holds completed", "Holds planned", "Ended", "Pain before (0-10)", "Pain after (0-10)", "Seconds level",
          "Largest drop (degrees)", "Side low at largest drop"]


def entries() -> list[dict]:
    """Three sessions on the site's own sequences, one with a comma and quotes to escape."""
    first, last = MODEL.sequences[0], MODEL.sequences[-1]
    title = lambda page: page.path.read_text(encoding="utf-8").split("\n# ", 1)[1].split("\n", 1)[0]  # noqa: E731
    return [
        {"date": "2026-11-20T07:30:00.000Z", "ended": "2026-11-20T07:34:10.000Z", "how": "finished",
         "sequence": title(first), "page": f"/side-hip-strength/{first.url}", "variant": first.source_steps[0].label,
         "plan": {"holds": 3, "seconds": 20, "rest": 10, "sides": ""}, "holdsDone": 3, "holdsPlanned": 3,
         "painBefore": 2, "painAfter": 1},
        {"date": "2026-11-22T18:05:00.000Z", "ended": "2026-11-22T18:06:00.000Z", "how": "stopped",
         "sequence": title(last), "page": f"/side-hip-strength/{last.url}", "variant": 'Steps, "slow"',
         "plan": {"holds": 2, "seconds": 30, "rest": 0, "sides": "both"}, "holdsDone": 1, "holdsPlanned": 4,
         "painBefore": None, "painAfter": None},
        {"date": "2026-11-24T23:15:00.000Z", "ended": "2026-11-24T23:20:00.000Z", "how": "finished",
         "sequence": title(last), "page": f"/side-hip-strength/{last.url}", "variant": last.source_steps[0].label,
         "plan": {"holds": 5, "seconds": 10, "rest": 5, "sides": "left"}, "holdsDone": 5, "holdsPlanned": 5,
         "painBefore": 0, "painAfter": 3},
    ]


def expected_csv(sessions: list[dict], zone: str) -> str:
    """The CSV the README documents: a header, one row per session oldest first, the phone's local
    date and time, CRLF line ends, a UTF-8 byte-order mark."""
    rows = [HEADER]
    for e in sorted(sessions, key=lambda e: e["date"]):
        local = dt.datetime.fromisoformat(e["date"].replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
        plan = e["plan"]
        rows.append([local.strftime("%Y-%m-%d"), local.strftime("%H:%M"), e["sequence"], e["variant"], plan["holds"],
                     plan["seconds"], plan["rest"], plan["sides"] or "none", e["holdsDone"], e["holdsPlanned"],
                     e["how"], e["painBefore"], e["painAfter"], "", "", ""])
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return "\ufeff" + out.getvalue()


def log_context(browser, scheme="light", **options):
    context = phone_context(browser, scheme, timezone_id=ZONE, locale="en-GB", accept_downloads=True,
                            service_workers="block", **options)
    context.add_init_script("window.print = () => { window.hipPrinted = (window.hipPrinted || 0) + 1; };")
    return context


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_log_lists_exports_prints_and_clears(browser, base_url, artifacts, axe, scheme, tmp_path) -> None:
    context = log_context(browser, scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + LOG_PAGE.url)
    status = page.locator(".hip-log__status")
    status.filter(has_text="No sessions yet").wait_for()
    assert page.get_by_role("button", name="Export CSV").count() == 0 or not page.get_by_role("button", name="Export CSV").is_visible()
    assert "not sent anywhere" in page.locator(".md-content").inner_text()  # the page says nothing leaves the phone

    sessions = entries()
    page.evaluate(SEED_LOG, sessions)
    page.reload()
    status.filter(has_text="3 sessions, kept on this phone only").wait_for()
    # Newest first, each with its plan, holds and pain ratings.
    cards = page.locator(".hip-log__entry")
    assert cards.count() == 3
    newest, middle, oldest = (cards.nth(i).inner_text() for i in range(3))
    assert sessions[2]["sequence"] in newest and "5 of 5" in newest and "0 of 10" in newest and "3 of 10" in newest
    assert "5 holds per side × 10 s, rest 5 s, left side" in newest
    assert "Stopped" in middle and "1 of 4" in middle and "not given" in middle
    assert "3 holds × 20 s, rest 10 s" in oldest and "Finished" in oldest
    # The stop rules sit with the ratings: a record, not advice.
    assert page.locator(".md-content .hip-stop").is_visible()
    assert "record for you, not advice" in page.locator(".md-content").inner_text()
    violations = axe(page)
    assert violations == [], describe(violations)
    page.screenshot(path=artifacts / f"log-360-{scheme}.png", full_page=True)

    # Export: the CSV holds exactly the entries.
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    assert download.value.suggested_filename.startswith("hip-log-") and download.value.suggested_filename.endswith(".csv")
    saved = tmp_path / "log.csv"
    download.value.save_as(saved)
    text = saved.read_bytes().decode("utf-8")
    assert text == expected_csv(page.evaluate(READ_LOG), ZONE)
    assert text == expected_csv(sessions, ZONE)

    # Print: the table prints, the controls and the on-screen list do not.
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.hipPrinted") == 1
    page.emulate_media(media="print")
    table = page.locator("table.hip-log__table")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == 3 and sessions[2]["sequence"] in rows.first.inner_text()
    for hidden in (".hip-log__controls", ".hip-log__list", ".hip-log__status", ".md-content button"):
        assert not any(el.is_visible() for el in page.locator(hidden).all()), hidden
    page.emulate_media(media="screen")

    # Clear: a confirmation first; keeping changes nothing; deleting empties the log.
    page.get_by_role("button", name="Clear log").click()
    confirm = page.get_by_role("dialog", name="Clear the log?")
    assert confirm.is_visible() and "all 3 sessions" in confirm.inner_text()
    assert confirm.get_by_role("button", name="Keep the log").evaluate("b => b === document.activeElement")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")  # the focus colours have settled
    violations = axe(page, ".hip-log__confirm")
    assert violations == [], describe(violations)
    page.screenshot(path=artifacts / f"log-clear-360-{scheme}.png")
    confirm.get_by_role("button", name="Keep the log").click()
    assert not confirm.is_visible() and len(page.evaluate(READ_LOG)) == 3
    page.get_by_role("button", name="Clear log").click()
    confirm.get_by_role("button", name="Delete all").click()
    status.filter(has_text="The log is cleared").wait_for()
    assert status.evaluate("s => s === document.activeElement")  # focus is not lost with the hidden buttons
    assert page.evaluate(READ_LOG) == [] and page.locator(".hip-log__entry").count() == 0
    page.reload()
    status.filter(has_text="No sessions yet").wait_for()
    assert errors == []
    context.close()


def test_the_log_page_without_javascript_or_storage(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + LOG_PAGE.url)
    assert "shows here when this page's scripts can run" in page.locator(".hip-log").inner_text()
    context.close()
    context = log_context(browser)
    context.add_init_script("Object.defineProperty(window, 'indexedDB', {value: undefined, configurable: true});")
    page = context.new_page()
    page.goto(base_url + LOG_PAGE.url)
    page.locator(".hip-log__status", has_text="cannot keep a log").wait_for()
    assert not page.locator(".hip-panel__fallback").is_visible()
    context.close()


def test_a_session_is_logged_and_listed_with_no_network(browser, served) -> None:  # noqa: F811
    """After one visit, offline: a plan runs in workout mode, its session is logged, and My log lists it."""
    base, server, _ = served
    context = browser.new_context(viewport=PHONE, timezone_id=ZONE)
    context.add_init_script(HANDS_FREE)
    page = context.new_page()
    page.clock.install(time=START)
    page.goto(base)
    controlled(page)
    server.down = True
    context.set_offline(True)
    sequence = MODEL.sequences[0]
    page.goto(base + sequence.url)
    page.get_by_role("button", name="Start workout").first.click()
    set_plan(page, holds=1, seconds=2, outputs=("Speak", "Sounds"))
    page.get_by_role("button", name="Start plan").click()
    run_until(page, "document.querySelector('dialog[open] [data-hip=done-title]')?.textContent === 'Done'", step=500)
    page.locator("dialog[open] [data-hip=saved]", has_text="Saved in My log").wait_for()
    page.goto(base + LOG_PAGE.url)
    page.locator(".hip-log__status", has_text="1 session, kept on this phone only").wait_for()
    assert "1 hold × 2 s, no rest" in page.locator(".hip-log__entry").inner_text()
    assert page.evaluate(READ_LOG)[0]["holdsDone"] == 1
    context.close()
