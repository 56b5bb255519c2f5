"""The private log, "My log": the sessions workout mode keeps in IndexedDB
on the phone, listed, exported as CSV and imported back, charted, printed
and cleared after a confirmation; the browser asked to keep it on the first
save; a version-1 log upgraded with every entry; bad files refused; without
JavaScript or storage it says why; with no network a session is logged and
listed all the same. And the reminder: a calendar file that Python's
icalendar reads as a weekly event on the chosen days and time.

Entries are written and read here with plain IndexedDB calls
(conftest.SEED_LOG, READ_LOG), and the expected CSV is written by Python's
csv module from those entries, not by the site's code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr
from pypdf import PdfReader

from conftest import MODEL, PHONE, READ_LOG, SEED_LOG, describe, phone_context
from test_offline import controlled, served  # noqa: F401 - the offline test's served copy of the site
from test_workout import HANDS_FREE, START, run_until, set_plan, through_the_steps

LOG_PAGE = next(page for page in MODEL.pages if "<!-- hip:log -->" in page.path.read_text(encoding="utf-8"))
ZONE = "Europe/Berlin"
HEADER = ["Date", "Time", "Sequence", "Variant", "Holds per side", "Seconds per hold", "Rest seconds", "Sides",
          "Holds completed", "Holds planned", "Ended", "Pain before (0-10)", "Pain after (0-10)", "Seconds level",
          "Largest drop (degrees)", "Side low at largest drop", "Start time (UTC)", "End time (UTC)", "Page"]


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
        planned = [plan["holds"], plan["seconds"], plan["rest"], plan["sides"] or "none"] if plan else ["", "", "", ""]
        rows.append([local.strftime("%Y-%m-%d"), local.strftime("%H:%M"), e["sequence"], e["variant"], *planned,
                     e["holdsDone"], e["holdsPlanned"], e["how"], e["painBefore"], e["painAfter"],
                     e.get("secondsLevel"), e.get("largestDrop"), e.get("dropSide"), e["date"], e["ended"], e["page"]])
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
    assert "5 holds × 10 s, rest 5 s, standing on your left leg" in newest
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
        page.get_by_role("button", name="Export CSV").tap()
    assert download.value.suggested_filename.startswith("hip-log-") and download.value.suggested_filename.endswith(".csv")
    saved = tmp_path / "log.csv"
    download.value.save_as(saved)
    text = saved.read_bytes().decode("utf-8")
    assert text == expected_csv(page.evaluate(READ_LOG), ZONE)
    assert text == expected_csv(sessions, ZONE)

    # Print: the table prints, the controls and the on-screen list do not.
    page.get_by_role("button", name="Print").tap()
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
    page.get_by_role("button", name="Clear log").tap()
    confirm = page.get_by_role("dialog", name="Clear the log?")
    assert confirm.is_visible() and "all 3 sessions" in confirm.inner_text()
    assert confirm.get_by_role("button", name="Keep the log").evaluate("b => b === document.activeElement")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")  # the focus colours have settled
    violations = axe(page, ".hip-log__confirm")
    assert violations == [], describe(violations)
    page.screenshot(path=artifacts / f"log-clear-360-{scheme}.png")
    confirm.get_by_role("button", name="Keep the log").tap()
    assert not confirm.is_visible() and len(page.evaluate(READ_LOG)) == 3
    page.get_by_role("button", name="Clear log").tap()
    confirm.get_by_role("button", name="Delete all").tap()
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
    """After one visit, offline: a plan runs in workout mode, its session is logged, My log lists it, and a reminder is made."""
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
    run_until(page, "document.querySelector('dialog[open] [data-part=done-title]')?.textContent === 'Done'", step=500)
    page.locator("dialog[open] [data-part=saved]", has_text="Saved in My log").wait_for()
    page.goto(base + LOG_PAGE.url)
    page.locator(".hip-log__status", has_text="1 session, kept on this phone only").wait_for()
    assert "1 hold × 2 s, no rest" in page.locator(".hip-log__entry").inner_text()
    assert page.evaluate(READ_LOG)[0]["holdsDone"] == 1
    # The reminder's calendar file is made on the phone, with no network too.
    form = page.get_by_role("region", name="A reminder in your calendar")
    form.get_by_label("Saturday", exact=True).check()
    form.get_by_label("Time").fill("18:15")
    with page.expect_download() as download:
        form.get_by_role("button", name="Get the calendar file").click()
    event = icalendar.Calendar.from_ical(open(download.value.path(), "rb").read()).walk("VEVENT")[0]
    assert event["RRULE"]["BYDAY"] == ["SA"] and event.decoded("DTSTART").strftime("%a %H:%M") == "Sat 18:15"
    context.close()


# Nine sessions over the four weeks from Monday 2 November 2026, with pain ratings, and "now" on the
# Saturday after (the page's clock): the chart's weeks, the screenshots and the restore use them.
NOW = dt.datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo(ZONE))
OPEN_LOG_V1 = """entries => new Promise((resolve, reject) => {
  const request = indexedDB.open("hip-log", 1);
  request.onupgradeneeded = () => request.result.createObjectStore("sessions", {keyPath: "id", autoIncrement: true});
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    const db = request.result, tx = db.transaction("sessions", "readwrite");
    for (const entry of entries) tx.objectStore("sessions").add(entry);
    tx.oncomplete = () => { db.close(); resolve(entries.length); };
  };
})"""
LOG_VERSION = """() => new Promise(resolve => {
  const request = indexedDB.open("hip-log");
  request.onsuccess = () => { const db = request.result, store = db.transaction("sessions").objectStore("sessions");
    resolve({version: db.version, indexes: Array.from(store.indexNames)}); db.close(); };
})"""


def four_weeks() -> list[dict]:
    first, last = MODEL.sequences[0], MODEL.sequences[-1]
    days = [(2, "08:30", 4, 3), (4, "19:00", 4, 2), (9, "08:45", 3, 3), (11, "08:30", 3, None), (13, "20:10", None, 2),
            (17, "08:30", 2, 2), (18, "08:40", 3, 1), (23, "09:00", 2, 1), (26, "08:30", 1, 1)]
    out = []
    for i, (day, time, before, after) in enumerate(days):
        start = dt.datetime.fromisoformat(f"2026-11-{day:02d}T{time}").replace(tzinfo=ZoneInfo(ZONE))
        page, sides = (last, "both") if i % 2 else (first, "")
        stamp = lambda t: t.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")  # noqa: E731
        out.append({"date": stamp(start), "ended": stamp(start + dt.timedelta(minutes=6)), "how": "stopped" if i == 3 else "finished",
                    "sequence": page.path.read_text(encoding="utf-8").split("\n# ", 1)[1].split("\n", 1)[0],
                    "page": f"/side-hip-strength/{page.url}", "variant": page.source_steps[0].label,
                    "plan": {"holds": 2, "seconds": 10, "rest": 5, "sides": sides}, "holdsDone": 1 if i == 3 else 2 * (1 + (i % 2)),
                    "holdsPlanned": 2 * (1 + (i % 2)), "painBefore": before, "painAfter": after})
    return out


def meter_session() -> dict:
    last = MODEL.sequences[-1]
    return {"date": "2026-11-27T17:00:00.000Z", "ended": "2026-11-27T17:03:00.000Z", "how": "finished",
            "sequence": "Sequence #2", "page": f"/side-hip-strength/{last.url}", "variant": "Pelvis meter", "plan": None,
            "holdsDone": 0, "holdsPlanned": 0, "painBefore": None, "painAfter": None, "meter": True, "secondsLevel": 41,
            "largestDrop": 5.4, "dropSide": "lifted"}


def log_page(browser, scheme="light", width=PHONE["width"], **options):
    context = log_context(browser, scheme, viewport={"width": width, "height": 800}, **options)
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return context, page


def seeded(page, base_url, sessions) -> None:
    page.goto(base_url + LOG_PAGE.url)
    page.evaluate(SEED_LOG, sessions)
    page.reload()
    page.locator(".hip-log__status", has_text=f"{len(sessions)} sessions, kept on this phone only").wait_for()


def export(page, path) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").tap()
    download.value.save_as(path)
    return path.read_bytes()


def import_file(page, path) -> str:
    """Tap Import CSV, choose the file in the phone's picker; returns what the status then says."""
    status = page.locator(".hip-log__status")
    before = status.inner_text()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import CSV").tap()
    chooser.value.set_files(path)
    page.wait_for_function("before => document.querySelector('.hip-log__status').textContent !== before", arg=before)
    assert status.evaluate("s => s === document.activeElement")  # read out at once
    return status.inner_text()


def without_ids(entries: list[dict]) -> list[dict]:
    return sorted(({k: v for k, v in e.items() if k != "id"} for e in entries), key=lambda e: e["date"])


def test_the_first_save_asks_the_browser_to_keep_the_log(browser, base_url) -> None:
    """persist() is asked on the first save (a session finished in workout mode), and My log says what the browser said."""
    context = browser.new_context(viewport=PHONE, timezone_id=ZONE, service_workers="block")
    context.add_init_script(HANDS_FREE + """
      window.hipPersist = [];  // a browser that grants it when asked, and remembers (across pages)
      navigator.storage.persisted = () => Promise.resolve(localStorage.getItem("test-persisted") === "yes");
      navigator.storage.persist = () => {
        window.hipPersist.push(Date.now());
        localStorage.setItem("test-persisted", "yes");
        return Promise.resolve(true);
      };
    """)
    page = context.new_page()
    page.clock.install(time=START)
    page.goto(base_url + MODEL.sequences[0].url)
    page.get_by_role("button", name="Start workout").first.click()
    set_plan(page, holds=1, seconds=2)
    assert page.evaluate("window.hipPersist") == []
    page.get_by_role("button", name="Start plan").click()
    through_the_steps(page)  # nothing speaks them: the reader moves on
    run_until(page, "document.querySelector('dialog[open] [data-part=saved]')?.textContent.startsWith('Saved in My log')", step=500)
    page.wait_for_function("window.hipPersist.length === 1")
    page.goto(base_url + LOG_PAGE.url)
    page.locator(".hip-log__kept", has_text="This browser has agreed to keep the log until you clear it.").wait_for()
    context.close()


def test_version_1_entries_are_all_listed_after_the_upgrade(browser, base_url) -> None:
    context, page = log_page(browser)
    sessions = four_weeks() + [meter_session()]
    page.goto(base_url + "disclaimer/")  # the site's origin, before My log has opened the log
    page.evaluate(OPEN_LOG_V1, sessions)
    assert page.evaluate(LOG_VERSION) == {"version": 1, "indexes": []}
    page.goto(base_url + LOG_PAGE.url)
    page.locator(".hip-log__status", has_text="10 sessions, kept on this phone only").wait_for()
    assert page.evaluate(LOG_VERSION) == {"version": 2, "indexes": ["started"]}
    cards = page.locator(".hip-log__entry")
    assert cards.count() == 10
    assert "41 s" in cards.first.inner_text() and "5°, low on the side of the lifted leg" in cards.first.inner_text()
    # No plan, so every reading counted (the steps' sag too): not called a drop.
    assert "Largest tilt read" in cards.first.inner_text() and "Largest drop" not in cards.first.inner_text()
    assert without_ids(page.evaluate(READ_LOG)) == without_ids(sessions)  # nothing changed in the upgrade
    assert page.errors == []
    context.close()


def test_back_up_clear_and_restore_give_the_same_export(browser, base_url, tmp_path) -> None:
    context, page = log_page(browser)
    sessions = four_weeks() + entries() + [meter_session()]
    seeded(page, base_url, sessions)
    first = export(page, tmp_path / "backup.csv")
    assert first.decode("utf-8") == expected_csv(sessions, ZONE)

    page.get_by_role("button", name="Clear log").tap()
    page.get_by_role("dialog", name="Clear the log?").get_by_role("button", name="Delete all").tap()
    page.locator(".hip-log__status", has_text="The log is cleared").wait_for()
    assert page.evaluate(READ_LOG) == []

    said = import_file(page, tmp_path / "backup.csv")
    assert said == "Imported 13 sessions from backup.csv. The log now has 13 sessions.", said
    assert page.locator(".hip-log__entry").count() == 13
    assert export(page, tmp_path / "again.csv") == first
    assert without_ids(page.evaluate(READ_LOG)) == without_ids(sessions)

    said = import_file(page, tmp_path / "backup.csv")
    assert said == "All 13 sessions in backup.csv are already in the log: nothing was added.", said
    assert len(page.evaluate(READ_LOG)) == 13
    # A file with some sessions new and some already here adds the new ones only.
    lines = first.decode("utf-8").split("\r\n")
    (tmp_path / "part.csv").write_text("\r\n".join(lines[:3]) + "\r\n", encoding="utf-8")
    page.get_by_role("button", name="Clear log").tap()
    page.get_by_role("dialog", name="Clear the log?").get_by_role("button", name="Delete all").tap()
    page.locator(".hip-log__status", has_text="The log is cleared").wait_for()
    import_file(page, tmp_path / "part.csv")
    assert import_file(page, tmp_path / "backup.csv") == ("Imported 11 sessions from backup.csv. 2 sessions were already "
                                                          "here. The log now has 13 sessions.")
    assert export(page, tmp_path / "third.csv") == first
    assert page.errors == []
    context.close()


def test_a_bad_file_is_refused_with_what_is_wrong_and_the_log_is_unchanged(browser, base_url, tmp_path) -> None:
    context, page = log_page(browser)
    seeded(page, base_url, four_weeks())
    good = export(page, tmp_path / "good.csv").decode("utf-8")
    kept = page.evaluate(READ_LOG)
    bad = {
        # Another program's CSV.
        "bank.csv": ("Date,Description,Amount\r\n2026-11-02,Rent,-900\r\n",
                     "This is not a file that My log exported: its first line should name the columns"),
        # Cut short in the middle of a row (a copy that did not finish).
        "cut.csv": (good[: len(good) - 70], "Row 10 of the file has 17 cells where its first line names 19 columns: "
                    "the file looks cut short or damaged. Nothing was imported."),
        # Wrong columns: one renamed in a spreadsheet.
        "renamed.csv": (good.replace("Start time (UTC)", "Start"), 'This file lacks the column "Start time (UTC)"'),
        # A damaged quote.
        "quote.csv": (good.replace(",Standing,", ',"Standing,', 1), "opens a quote that never closes"),
        # Far larger than any log.
        "huge.csv": (good + "x" * (6 * 1024 * 1024), "This file is 6.0 MB, larger than any log"),
    }
    for name, (text, message) in bad.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        said = import_file(page, tmp_path / name)
        assert message in said, (name, said)
        assert page.evaluate(READ_LOG) == kept, name
        assert page.locator(".hip-log__entry").count() == 9
    assert page.errors == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chart_and_its_words_at_320_px_and_on_paper(browser, base_url, artifacts, axe, scheme, tmp_path) -> None:
    context, page = log_page(browser, scheme, width=320)
    seeded(page, base_url, four_weeks())
    chart = page.get_by_role("img", name="Sessions per week and pain ratings, last 4 weeks")
    expect_words = ("Sessions each week, from the week of 2 Nov to the week of 23 Nov: 2, 3, 2, 2 (9 in all). Pain ratings, "
                    "0 to 10. Before a session: 8 ratings; first 4 (2 Nov), last 1 (26 Nov), lowest 1, highest 4. After: 8 "
                    "ratings; first 3 (2 Nov), last 1 (26 Nov), lowest 1, highest 3.")
    assert chart.is_visible()
    assert chart.evaluate("svg => document.getElementById(svg.getAttribute('aria-labelledby').split(' ')[1]).textContent") == expect_words
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320 and box["height"] > 150
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # Its words are the page's size on a phone, not a shrunk drawing: at least 12 px tall.
    assert chart.evaluate("svg => Math.min(...[...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().height))") >= 12
    # Drawn in the scheme's colours: the bars in the link colour, the words in the text colour.
    colours = chart.evaluate("""svg => ({bar: getComputedStyle(svg.querySelector('.hip-chart__bar')).fill,
        link: getComputedStyle(document.querySelector('.md-content__inner > p a')).color,
        text: getComputedStyle(svg.querySelector('text')).fill,
        body: getComputedStyle(document.querySelector('.md-content__inner > p')).color})""")
    assert colours["bar"] == colours["link"] and colours["text"] == colours["body"], colours
    violations = axe(page)
    assert violations == [], describe(violations)
    page.screenshot(path=artifacts / f"log-chart-320-{scheme}.png", full_page=True)

    page.emulate_media(media="print")
    assert chart.is_visible() and page.locator("table.hip-log__table").is_visible()
    assert chart.evaluate("svg => getComputedStyle(svg.querySelector('text')).fill") == "rgb(0, 0, 0)"
    for hidden in (".hip-log__controls", ".hip-log__kept", ".hip-log__help", ".hip-reminder"):
        assert not any(el.is_visible() for el in page.locator(hidden).all()), hidden
    pdf = tmp_path / "log.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = " ".join(unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in PdfReader(pdf).pages)).split())
    for words in ("At a glance", "Sessions each week", "Pain, 0 to 10:", "before", "after", "2 Nov", "23 Nov"):
        assert words in text, words
    assert "is not added twice" not in text and "A reminder in your calendar" not in text  # the help and the form stay on screen
    assert page.errors == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_of_four_weeks(browser, base_url, artifacts, axe, scheme, width) -> None:
    """My log with nine sessions over four weeks, to look at (tests/artifacts/)."""
    context, page = log_page(browser, scheme, width=width)
    seeded(page, base_url, four_weeks())
    chart = page.get_by_role("img", name="Sessions per week and pain ratings, last 4 weeks")
    assert chart.is_visible() and chart.bounding_box()["width"] <= width
    assert page.locator(".hip-chart__bar").count() == 4
    violations = axe(page)
    assert violations == [], describe(violations)
    page.screenshot(path=artifacts / f"log-four-weeks-{width}-{scheme}.png", full_page=True)
    context.close()


def test_the_safari_note_shows_only_in_safari_on_iphone_not_from_the_home_screen(browser, base_url) -> None:
    iphone = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
              "Version/18.1 Mobile/15E148 Safari/604.1")
    chrome_ios = iphone.replace("Version/18.1", "CriOS/131.0.6778.73")
    note = "deletes this site's storage, your log included, after 7 days of using Safari"
    for agent, home_screen, shown in [(iphone, False, True), (iphone, True, False), (chrome_ios, False, False), (None, False, False)]:
        context, page = log_page(browser, **({"user_agent": agent} if agent else {}))
        if home_screen:
            context.add_init_script("Object.defineProperty(navigator, 'standalone', {value: true});")
        seeded(page, base_url, four_weeks()[:2])
        assert page.get_by_text(note).is_visible() is shown, (agent, home_screen)
        context.close()


def reminder_file(page) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("button", name="Get the calendar file").tap()
    assert download.value.suggested_filename.endswith(".ics")
    return open(download.value.path(), "rb").read()


@pytest.mark.parametrize("src", [page.src for page in MODEL.sequences] + [LOG_PAGE.src])
def test_a_reminder_is_a_weekly_event_on_the_chosen_days_and_time(browser, base_url, artifacts, axe, config, src) -> None:
    page_model = MODEL.page(src)
    context, page = log_page(browser, width=320)
    page.goto(base_url + page_model.url)
    form = page.get_by_role("region", name="A reminder in your calendar")
    form.get_by_role("button", name="Get the calendar file").wait_for()
    # Empty until the reader chooses: no day ticked, no time, nothing suggested.
    assert form.locator("input[type=checkbox]:checked").count() == 0 and form.get_by_label("Time").input_value() == ""
    assert form.locator("input[type=checkbox]").count() == 7
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    form.get_by_role("button", name="Get the calendar file").tap()
    form.get_by_role("status").filter(has_text="Choose at least one day. Choose a time.").wait_for()
    assert page.evaluate("document.activeElement.value") == "MO"  # on the first day, to choose one
    form.locator("label.hip-reminder__day", has=page.get_by_label("Monday", exact=True)).tap()
    form.get_by_role("button", name="Get the calendar file").tap()
    form.get_by_role("status").filter(has_text="Choose a time.").wait_for()
    assert form.get_by_label("Time").get_attribute("aria-invalid") is not None
    assert downloads == []  # no file without days and a time
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    violations = axe(page, ".hip-reminder")
    assert violations == [], describe(violations)

    for day in ("Thursday",):
        form.locator("label.hip-reminder__day", has=page.get_by_label(day, exact=True)).tap()
    form.get_by_label("Time").fill("07:30")
    assert form.get_by_role("status").inner_text() == "" and form.get_by_label("Time").get_attribute("aria-invalid") is None
    page.screenshot(path=artifacts / f"reminder-320-{page_model.name}.png", full_page=False)
    ics = reminder_file(page)
    form.get_by_role("status").filter(has_text="It reminds you on Mondays and Thursdays at 07:30").wait_for()

    calendar = icalendar.Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and sorted(rule["BYDAY"]) == ["MO", "TH"]
    start = event.decoded("DTSTART")
    assert start.tzinfo is None, "a floating time: the phone's own time wherever it is"
    assert (start.hour, start.minute) == (7, 30) and start.strftime("%a") in ("Mon", "Thu")
    assert start >= NOW.replace(tzinfo=None)
    occurrences = list(rrulestr(rule.to_ical().decode(), dtstart=start))[:6]
    assert [o.strftime("%a %H:%M") for o in occurrences] == ["Mon 07:30", "Thu 07:30"] * 3 or \
        [o.strftime("%a %H:%M") for o in occurrences] == ["Thu 07:30", "Mon 07:30"] * 3
    assert str(event["URL"]) == config.site_url + page_model.url
    assert config.site_url + page_model.url in str(event["DESCRIPTION"])
    assert event.decoded("DTSTAMP").tzinfo is not None and "DTEND" not in event and "DURATION" not in event
    assert event.walk("VALARM")
    # The same page gives the same UID, whatever the days, so a calendar can tell it is the same reminder.
    form.locator("label.hip-reminder__day", has=page.get_by_label("Saturday", exact=True)).tap()
    again = icalendar.Calendar.from_ical(reminder_file(page)).walk("VEVENT")[0]
    assert again["UID"] == event["UID"] and sorted(again["RRULE"]["BYDAY"]) == ["MO", "SA", "TH"]
    assert page.errors == []
    context.close()
