// Unit tests of the log's CSV (lib/log.js). Run by tests/test_coach.py
// through `node --test`; the IndexedDB part runs in Chromium (tests/test_log.py).
import assert from "node:assert/strict";
import test from "node:test";
import { CSV_COLUMNS, csvCell, localDateTime, toCSV } from "../../docs/assets/javascripts/lib/log.js";

const entry = (date, extra = {}) => ({
  date,
  ended: date,
  how: "finished",
  sequence: "Sequence #2: keep your hips level on one leg",
  page: "/side-hip-strength/sequence-2/",
  variant: "Steps",
  plan: { holds: 2, seconds: 3, rest: 0, sides: "both" },
  holdsDone: 4,
  holdsPlanned: 4,
  painBefore: 1,
  painAfter: null,
  ...extra,
});

test("cells are quoted only when they must be, and a formula never runs", () => {
  assert.equal(csvCell("plain"), "plain");
  assert.equal(csvCell('say "hi", twice'), '"say ""hi"", twice"');
  assert.equal(csvCell("two\nlines"), '"two\nlines"');
  assert.equal(csvCell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  assert.equal(csvCell("-3"), "'-3");
  assert.equal(csvCell(0), "0");
  assert.equal(csvCell(null), "");
});

test("the CSV has a header, one row per entry oldest first, CRLF line ends and a byte-order mark", () => {
  process.env.TZ = "UTC";
  const later = entry("2026-11-25T08:30:00.000Z", { how: "stopped", holdsDone: 1, holdsPlanned: 1, painBefore: null, painAfter: 3, plan: { holds: 1, seconds: 10, rest: 5, sides: "" } });
  const csv = toCSV([later, entry("2026-11-24T09:05:00.000Z")]);
  assert.ok(csv.startsWith("\uFEFF"));
  const lines = csv.slice(1).split("\r\n");
  assert.equal(lines.pop(), "");
  assert.equal(lines[0], CSV_COLUMNS.map(([name]) => name).join(","));
  assert.equal(lines[1], "2026-11-24,09:05,Sequence #2: keep your hips level on one leg,Steps,2,3,0,both,4,4,finished,1,,,,");
  assert.equal(lines[2], "2026-11-25,08:30,Sequence #2: keep your hips level on one leg,Steps,1,10,5,none,1,1,stopped,,3,,,");
  assert.equal(lines.length, 3);
});

test("a pelvis meter session adds its seconds level and largest drop; without a timer the plan is empty", () => {
  process.env.TZ = "UTC";
  const meter = entry("2026-11-26T10:00:00.000Z", {
    variant: "Pelvis meter", plan: null, holdsDone: 0, holdsPlanned: 0, painBefore: null,
    meter: true, secondsLevel: 12, largestDrop: 6.2, dropSide: "lifted",
  });
  const lines = toCSV([meter]).slice(1).split("\r\n");
  assert.equal(lines[1], "2026-11-26,10:00,Sequence #2: keep your hips level on one leg,Pelvis meter,,,,,0,0,finished,,,12,6.2,lifted");
});

test("dates are the phone's local date and time", () => {
  process.env.TZ = "UTC";
  assert.deepEqual(localDateTime("2026-01-02T03:04:05.000Z"), { date: "2026-01-02", time: "03:04" });
});
