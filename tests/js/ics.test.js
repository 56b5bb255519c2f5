// Unit tests of the reminder's calendar file (lib/ics.js). Run by
// tests/test_coach.py through `node --test`; tests/test_log.py has Python's
// icalendar read the file the page gives.
import assert from "node:assert/strict";
import test from "node:test";
import { escapeText, firstTime, fold, readReminder, uidFor, weeklyReminder } from "../../docs/assets/javascripts/lib/ics.js";

process.env.TZ = "America/New_York";

const URL_ = "https://hip-guide.github.io/side-hip-strength/sequence-2/";
const NOW = new Date("2026-11-25T18:00"); // a Wednesday evening

test("the first reminder is the first chosen day at or after now", () => {
  assert.equal(firstTime(["WE", "MO"], "19:30", NOW).toString(), new Date("2026-11-25T19:30").toString());
  assert.equal(firstTime(["WE", "MO"], "07:30", NOW).toString(), new Date("2026-11-30T07:30").toString());
  assert.equal(firstTime(["WE"], "07:30", NOW).toString(), new Date("2026-12-02T07:30").toString());
});

test("a weekly event on the chosen days at a floating local time, with the page's link and an alarm", () => {
  const text = weeklyReminder({ days: ["TH", "MO"], time: "07:30", title: "Sequence #2: keep your hips level on one leg", url: URL_, now: NOW });
  assert.ok(text.endsWith("\r\n") && !/[^\r]\n/.test(text));
  const lines = text.replace(/\r\n /g, "").split("\r\n");
  for (const line of [
    "BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:reminder-side-hip-strength-sequence-2@hip-guide.github.io",
    "DTSTAMP:20261125T230000Z", "DTSTART:20261126T073000", "RRULE:FREQ=WEEKLY;BYDAY=MO,TH",
    "SUMMARY:Sequence #2: keep your hips level on one leg", `URL:${URL_}`,
    "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:PT0M", "END:VALARM", "END:VEVENT", "END:VCALENDAR",
  ]) assert.ok(lines.includes(line), line);
  assert.ok(lines.some((line) => line.startsWith("DESCRIPTION:") && line.includes(URL_)));
  assert.ok(!lines.some((line) => /^(DTEND|DURATION)/.test(line)), "the guide sets no session length");
  assert.ok(text.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75));
});

test("the UID stays the same for a page, whatever the days", () => {
  assert.equal(uidFor(URL_), uidFor(`${URL_}`));
  const uid = (days) => weeklyReminder({ days, time: "08:00", title: "T", url: URL_, now: NOW }).match(/UID:(.*)\r\n/)[1];
  assert.equal(uid(["MO"]), uid(["SA", "SU"]));
  assert.notEqual(uidFor(URL_), uidFor("https://hip-guide.github.io/side-hip-strength/sequence-1/"));
});

test("text is escaped and long lines are folded, never inside a character", () => {
  assert.equal(escapeText("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
  const long = `SUMMARY:${"é".repeat(60)}`;
  const folded = fold(long);
  assert.equal(folded.replace(/\r\n /g, ""), long);
  for (const line of folded.split("\r\n")) assert.ok(new TextEncoder().encode(line).length <= 75);
});

test("nothing is chosen for the reader: no days or no time is a question, not a default", () => {
  assert.deepEqual(readReminder([], ""), { days: "Choose at least one day.", time: "Choose a time." });
  assert.deepEqual(readReminder(["MO"], ""), { time: "Choose a time." });
  assert.deepEqual(readReminder(["MO"], "07:30"), {});
});
