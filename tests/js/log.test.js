// Unit tests of the log's CSV both ways (my-log/csv.js), of keep()'s words
// (lib/log.js) and of where the Safari note shows (my-log/safari.js). Run
// by tests/test_coach.py through `node --test`; the IndexedDB part runs in
// Chromium (tests/test_log.py).
import assert from "node:assert/strict";
import test from "node:test";
import * as log from "../../docs/assets/javascripts/lib/log.js";
import { COLUMNS, CsvError, csvCell, fromCSV, localDateTime, parseRows, toCSV } from "../../docs/assets/javascripts/my-log/csv.js";
import { safariTab } from "../../docs/assets/javascripts/my-log/safari.js";

process.env.TZ = "UTC";

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
const meter = entry("2026-11-26T10:00:00.000Z", {
  variant: "Pelvis meter", plan: null, holdsDone: 0, holdsPlanned: 0, painBefore: null,
  meter: true, secondsLevel: 12, largestDrop: 6.2, dropSide: "lifted",
});
const rows = (csv) => csv.slice(1).split("\r\n").slice(0, -1);
const rejects = (text, pattern) => assert.throws(() => fromCSV(text), (error) => error instanceof CsvError && pattern.test(error.message));

test("cells are quoted only when they must be, and a formula never runs", () => {
  assert.equal(csvCell("plain"), "plain");
  assert.equal(csvCell('say "hi", twice'), '"say ""hi"", twice"');
  assert.equal(csvCell("two\nlines"), '"two\nlines"');
  assert.equal(csvCell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  assert.equal(csvCell("-3"), "'-3");
  assert.equal(csvCell("'=already"), "''=already");
  assert.equal(csvCell(0), "0");
  assert.equal(csvCell(null), "");
});

test("the CSV has a header, one row per entry oldest first, CRLF line ends and a byte-order mark", () => {
  const later = entry("2026-11-25T08:30:00.000Z", { how: "stopped", holdsDone: 1, holdsPlanned: 1, painBefore: null, painAfter: 3, plan: { holds: 1, seconds: 10, rest: 5, sides: "" } });
  const csv = toCSV([later, entry("2026-11-24T09:05:00.000Z")]);
  assert.ok(csv.startsWith("\uFEFF") && csv.endsWith("\r\n"));
  const lines = rows(csv);
  assert.equal(lines[0], COLUMNS.map(([name]) => name).join(","));
  assert.equal(lines[1], "2026-11-24,09:05,Sequence #2: keep your hips level on one leg,Steps,2,3,0,both,4,4,finished,1,,,,,2026-11-24T09:05:00.000Z,2026-11-24T09:05:00.000Z,/side-hip-strength/sequence-2/");
  assert.equal(lines[2], "2026-11-25,08:30,Sequence #2: keep your hips level on one leg,Steps,1,10,5,none,1,1,stopped,,3,,,,2026-11-25T08:30:00.000Z,2026-11-25T08:30:00.000Z,/side-hip-strength/sequence-2/");
  assert.equal(lines.length, 3);
});

test("a pelvis meter session adds its seconds level and largest drop; without a timer the plan is empty", () => {
  assert.equal(rows(toCSV([meter]))[1], "2026-11-26,10:00,Sequence #2: keep your hips level on one leg,Pelvis meter,,,,,0,0,finished,,,12,6.2,lifted,2026-11-26T10:00:00.000Z,2026-11-26T10:00:00.000Z,/side-hip-strength/sequence-2/");
});

test("dates are the phone's local date and time", () => {
  assert.deepEqual(localDateTime("2026-01-02T03:04:05.000Z"), { date: "2026-01-02", time: "03:04" });
});

test("every field comes back from the CSV: the entries, and the same file when written again", () => {
  const odd = entry("2026-11-20T07:30:00.123Z", { sequence: '=SUM(A1), "quoted"', variant: "'=x", painAfter: 0, plan: { holds: 3, seconds: 20, rest: 0, sides: "" } });
  const entries = [meter, odd, entry("2026-11-24T09:05:00.000Z", { how: "stopped" })];
  const csv = toCSV(entries);
  const back = fromCSV(csv);
  assert.deepEqual(back, [odd, entries[2], meter]);
  assert.equal(toCSV(back), csv);
});

test("the parser reads RFC 4180 and names the row of a damaged quote", () => {
  assert.deepEqual(parseRows('a,b\r\n1,"x,""y""\nz"\r\n,\n'), [["a", "b"], ["1", 'x,"y"\nz'], ["", ""]]);
  assert.deepEqual(parseRows("a,b"), [["a", "b"]]);
  assert.throws(() => parseRows('a,b\r\n1,"never closed\r\n'), /Row 2 of the file opens a quote that never closes/);
  assert.throws(() => parseRows('a,b\r\n1,"x"y\r\n'), /Row 2 of the file has text right after a closing quote/);
  assert.throws(() => parseRows('a,b\r\n1,x"y\r\n'), /Row 2 of the file has a quote inside a cell/);
});

test("a bad file is rejected with what is wrong with it", () => {
  const good = toCSV([entry("2026-11-24T09:05:00.000Z"), meter]);
  rejects("Name,Amount\r\nRent,900\r\n", /not a file that My log exported/);
  rejects(good.replace("Page", "Pages"), /lacks the column "Page"/);
  rejects(good.slice(0, good.length - 60), /Row 3 of the file has \d+ cells where its first line names 19 columns/);
  rejects(good.replace("finished", "done"), /Row 2 .* "done" under "Ended"/);
  rejects(good.replace(",1,,,,,", ",11,,,,,"), /Row 2 .* "11" under "Pain before \(0-10\)".*0 to 10/);
  rejects(good.replace("2026-11-24T09:05:00.000Z", "yesterday"), /"yesterday" under "Start time \(UTC\)"/);
  rejects("\uFEFFDate,Time,Sequence,Variant\r\n2026-11-24,09:05,S,V\r\n", /earlier version of My log/);
  rejects("PK\u0003\u0004\u0000\u0000binary", /not text/);
  rejects(good.split("\r\n")[0], /no sessions/);
  rejects("", /empty/);
  rejects("x".repeat(5 * 1024 * 1024 + 1), /larger than any log/);
});

test("keep() says how the save went, and a failed save asks the reader to note the session", async () => {
  const said = [];
  assert.equal(await log.keep(entry("2026-11-24T09:05:00.000Z"), (text, status) => said.push([text, status])), null);
  assert.deepEqual(said, [["This session was not saved: this browser cannot keep a log. Note it down if you want to keep it.", { ok: false }]]);

  // IndexedDB that fails as a full phone does.
  globalThis.indexedDB = /** @type {any} */ ({ open: () => {
    const request = {};
    setTimeout(() => { request.error = new DOMException("full", "QuotaExceededError"); request.onerror(); });
    return request;
  } });
  said.length = 0;
  try {
    assert.equal(await log.keep(entry("2026-11-24T09:05:00.000Z"), (text, status) => said.push([text, status])), null);
  } finally {
    delete globalThis.indexedDB;
  }
  assert.deepEqual(said, [
    ["Saving to My log…", { ok: undefined }],
    ["This session was not saved: the phone's storage for this site is full. Note it down if you want to keep it.", { ok: false }],
  ]);
});

test("a session is the same session by its start, page and variant", () => {
  const a = entry("2026-11-24T09:05:00.000Z");
  assert.ok(log.sameSession(a, { ...a, id: 7, painAfter: 3 }));
  assert.ok(!log.sameSession(a, { ...a, variant: "Seated" }));
  assert.ok(!log.sameSession(a, { ...a, date: "2026-11-24T09:05:00.001Z" }));
});

const UA = {
  safari: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  ipad: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  chromeIOS: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
  edgeIOS: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 EdgiOS/131.2903.68 Mobile/15E148 Safari/605.1.15",
  android: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
};

test("the Safari note is for Safari on iPhone and iPad in a tab, and nowhere else", () => {
  assert.equal(safariTab({ userAgent: UA.safari }), true);
  assert.equal(safariTab({ userAgent: UA.ipad, maxTouchPoints: 5 }), true);
  assert.equal(safariTab({ userAgent: UA.ipad, maxTouchPoints: 0 }), false); // a Mac
  assert.equal(safariTab({ userAgent: UA.safari, standalone: true }), false); // opened from the Home Screen
  assert.equal(safariTab({ userAgent: UA.chromeIOS }), false);
  assert.equal(safariTab({ userAgent: UA.edgeIOS }), false);
  assert.equal(safariTab({ userAgent: UA.android, maxTouchPoints: 5 }), false);
});
