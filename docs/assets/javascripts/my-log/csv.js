// The log as a CSV file, both ways: toCSV(entries) writes the file My log
// exports, and fromCSV(text) reads it back for a restore. Pure: no DOM, no
// storage (lib/log.js keeps the entries).
//
// One file for the reader's spreadsheet and for the restore. Its first
// columns are for people (the local date and time, the sequence, the plan,
// the ratings); the last three hold what a restore needs and a local date
// and time cannot: the exact start and end in UTC (ISO 8601, so a session
// keeps its identity whatever the phone's time zone) and the page's path
// (which, with the start and the variant, names a session: lib/log.js
// sameSession). Every field of an entry is in a column, so export, clear
// and import give the same export. RFC 4180: CRLF line ends, a UTF-8
// byte-order mark so spreadsheet programs read it as UTF-8, and a text that
// starts like a formula (= + - @) gets a leading ' that the import takes
// off again.
//
// fromCSV throws a CsvError whose message says, in the reader's words, what
// is wrong with the file; nothing is read from a file with any fault. The
// parser is our own, strict, and small (parseRows): the page scripts load
// unbundled under `make serve`, so an npm parser would need a bundler there;
// d3-dsv never reports a damaged quote (it drops text after one), and
// papaparse, which does, weighs more than all of My log's code.

import { LIMITS, SIDES } from "../lib/plan.js";

export const MAX_BYTES = 5 * 1024 * 1024; // years of sessions are well under 1 MB

export class CsvError extends Error {}

const num = (value) => (value === null || value === undefined || value === "" ? "" : value);

// [name, write(entry, local), read(cell) -> [key, value] | null]. The plan's
// and the meter's columns are read together (entryFrom).
/** @type {[string, (entry: any, local: {date: string, time: string}) => any, ...any[]][]} */
export const COLUMNS = [
  ["Date", (e, local) => local.date],
  ["Time", (e, local) => local.time],
  ["Sequence", (e) => e.sequence],
  ["Variant", (e) => e.variant],
  ["Holds per side", (e) => num(e.plan?.holds)],
  ["Seconds per hold", (e) => num(e.plan?.seconds)],
  ["Rest seconds", (e) => num(e.plan?.rest)],
  ["Sides", (e) => (e.plan ? e.plan.sides || "none" : "")],
  ["Holds completed", (e) => num(e.holdsDone)],
  ["Holds planned", (e) => num(e.holdsPlanned)],
  ["Ended", (e) => e.how],
  ["Pain before (0-10)", (e) => num(e.painBefore)],
  ["Pain after (0-10)", (e) => num(e.painAfter)],
  ["Seconds level", (e) => num(e.secondsLevel)],
  ["Largest drop (degrees)", (e) => num(e.largestDrop)],
  ["Side low at largest drop", (e) => e.dropSide],
  ["Start time (UTC)", (e) => e.date],
  ["End time (UTC)", (e) => e.ended],
  ["Page", (e) => e.page],
];
const NAMES = COLUMNS.map(([name]) => name);

const two = (n) => String(n).padStart(2, "0");

// The local date and time of an ISO timestamp: {date: "2026-11-24", time: "09:05"}.
export function localDateTime(iso) {
  const d = new Date(iso);
  return { date: `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`, time: `${two(d.getHours())}:${two(d.getMinutes())}` };
}

// A text that a spreadsheet would run as a formula gets a leading '; so
// does one that already starts with ' and then such a character, so the
// import can always take exactly one off.
const FORMULA = /^'*[=+\-@\t\r]/;
const unguard = (text) => (FORMULA.test(text) && text.startsWith("'") ? text.slice(1) : text);

// A cell: guarded, and quoted when it holds a comma, a quote or a line break.
export function csvCell(value) {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// Oldest first, one row per entry.
export function toCSV(entries) {
  const rows = [NAMES];
  for (const entry of [...entries].sort((a, b) => String(a.date).localeCompare(String(b.date)))) {
    const local = localDateTime(entry.date);
    rows.push(COLUMNS.map(([, write]) => write(entry, local)));
  }
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/* Reading */

const damaged = (what) => new CsvError(`${what}: the file looks cut short or damaged. Nothing was imported.`);

// A quoted cell from text[i] (its opening quote): [value, index after its closing quote].
function quoted(text, i, row) {
  let value = "";
  for (let at = i + 1; ;) {
    const q = text.indexOf('"', at);
    if (q < 0) throw damaged(`Row ${row} of the file opens a quote that never closes`);
    value += text.slice(at, q);
    if (text[q + 1] !== '"') return [value, q + 1];
    value += '"';
    at = q + 2;
  }
}

const STOP = /[,\r\n"]/g; // where a plain cell ends

// RFC 4180, strictly: a cell is plain text with no quote, or wholly in
// double quotes (a quote inside written twice); rows end with CRLF, LF or
// CR. Rows are numbered as a spreadsheet shows them.
export function parseRows(text) {
  const rows = [];
  let cells = [];
  for (let i = 0; ;) {
    let value;
    if (text[i] === '"') {
      [value, i] = quoted(text, i, rows.length + 1);
      if (i < text.length && !/[,\r\n]/.test(text[i])) throw damaged(`Row ${rows.length + 1} of the file has text right after a closing quote`);
    } else {
      STOP.lastIndex = i;
      const end = STOP.exec(text)?.index ?? text.length;
      if (text[end] === '"') throw damaged(`Row ${rows.length + 1} of the file has a quote inside a cell that does not start with one`);
      [value, i] = [text.slice(i, end), end];
    }
    cells.push(value);
    if (text[i] === ",") {
      i += 1;
      continue;
    }
    rows.push(cells);
    cells = [];
    i += text.startsWith("\r\n", i) ? 2 : 1;
    if (i >= text.length) return rows;
  }
}

const quote = (names) => names.map((name) => `"${name}"`).join(", ");

// The header's columns by name, or a CsvError naming what is missing.
function columnsOf(header) {
  const at = new Map(header.map((name, i) => [name.trim(), i]));
  const missing = NAMES.filter((name) => !at.has(name));
  // An export from before the restore existed: the people's columns only, none of the last three.
  if (["Date", "Time", "Sequence"].every((name) => at.has(name)) && NAMES.slice(-3).every((name) => !at.has(name)))
    throw new CsvError("This file comes from an earlier version of My log, which did not write each session's exact start time and page, so it cannot be restored. It still opens in a spreadsheet.");
  if (missing.length > NAMES.length / 2) // another program's CSV (a "Date" column is common)
    throw new CsvError(`This is not a file that My log exported: its first line should name the columns ${quote(NAMES.slice(0, 3))} and so on.`);
  if (missing.length) throw new CsvError(`This file lacks the ${missing.length === 1 ? "column" : "columns"} ${quote(missing)}, so My log cannot read it. Export the log again and import that file.`);
  return at;
}

// Each cell's reader: the text -> a value, or throws a short "what is wrong".
const whole = (min, max) => (text) => {
  if (text === "") return null;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new Error(`a whole number from ${min} to ${max}`);
  return value;
};
const decimal = (text) => {
  if (text === "") return null;
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error("a number");
  return Number(text);
};
const oneOf = (...choices) => (text) => {
  if (!choices.includes(text)) throw new Error(`one of ${choices.map((c) => `"${c}"`).join(", ")}`);
  return text;
};
const instant = (text) => {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(text) || Number.isNaN(Date.parse(text)))
    throw new Error("a time in UTC such as 2026-11-24T08:05:00.000Z");
  return new Date(text).toISOString();
};
const text = (t) => t;
const COUNT = [0, 999];

const READERS = {
  Sequence: text,
  Variant: text,
  "Holds per side": whole(...LIMITS.holds),
  "Seconds per hold": whole(...LIMITS.seconds),
  "Rest seconds": whole(...LIMITS.rest),
  Sides: (t) => (t === "" ? "" : oneOf("none", ...Object.keys(SIDES).filter(Boolean))(t)),
  "Holds completed": whole(...COUNT),
  "Holds planned": whole(...COUNT),
  Ended: oneOf("finished", "stopped"),
  "Pain before (0-10)": whole(0, 10),
  "Pain after (0-10)": whole(0, 10),
  "Seconds level": whole(0, 360000),
  "Largest drop (degrees)": decimal,
  "Side low at largest drop": (t) => (t === "" ? "" : oneOf("lifted", "standing", "left", "right")(t)),
  "Start time (UTC)": instant,
  "End time (UTC)": (t) => (t === "" ? null : instant(t)),
  Page: (t) => {
    if (!t.startsWith("/")) throw new Error("a path on this site, starting with /");
    return t;
  },
};

// One row -> an entry, or a CsvError naming the row, the column and what it should hold.
function entryFrom(row, at, number) {
  const cell = {};
  for (const [name, read] of Object.entries(READERS)) {
    const raw = unguard(row[at.get(name)]);
    try {
      cell[name] = read(raw);
    } catch (error) {
      throw new CsvError(`Row ${number} of the file has "${raw.slice(0, 40)}" under "${name}", where My log writes ${error.message}. The file may be damaged or edited: nothing was imported.`);
    }
  }
  const planned = ["Holds per side", "Seconds per hold", "Sides"].filter((name) => cell[name] !== null && cell[name] !== "");
  if (planned.length % 3) throw new CsvError(`Row ${number} of the file has only part of a plan (holds, seconds and sides go together). The file may be damaged or edited: nothing was imported.`);
  const entry = {
    date: cell["Start time (UTC)"],
    ended: cell["End time (UTC)"],
    how: cell.Ended,
    sequence: cell.Sequence,
    page: cell.Page,
    variant: cell.Variant,
    plan: planned.length ? { holds: cell["Holds per side"], seconds: cell["Seconds per hold"], rest: cell["Rest seconds"] ?? 0, sides: cell.Sides === "none" ? "" : cell.Sides } : null,
    holdsDone: cell["Holds completed"] ?? 0,
    holdsPlanned: cell["Holds planned"] ?? 0,
    painBefore: cell["Pain before (0-10)"],
    painAfter: cell["Pain after (0-10)"],
  };
  if (cell["Seconds level"] !== null) {
    Object.assign(entry, { meter: true, secondsLevel: cell["Seconds level"], largestDrop: cell["Largest drop (degrees)"] ?? 0, dropSide: cell["Side low at largest drop"] });
  }
  return entry;
}

// The text of a file My log exported -> its entries, oldest first.
export function fromCSV(input) {
  if (input.length > MAX_BYTES) throw new CsvError(tooBig(input.length));
  if (input.includes("\u0000") || input.includes("\uFFFD"))
    throw new CsvError("This file is not text (or it is damaged): My log exports a CSV text file. Nothing was imported.");
  // Rows numbered as a spreadsheet shows them; blank ones (a spreadsheet may leave some) skipped.
  const rows = parseRows(input.replace(/^\uFEFF/, ""))
    .map((cells, i) => ({ cells, number: i + 1 }))
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ""));
  if (!rows.length) throw new CsvError("This file is empty. Nothing was imported.");
  const [header, ...sessions] = rows;
  const at = columnsOf(header.cells);
  const entries = sessions.map(({ cells, number }) => {
    if (cells.length !== header.cells.length)
      throw new CsvError(`Row ${number} of the file has ${cells.length} ${cells.length === 1 ? "cell" : "cells"} where its first line names ${header.cells.length} columns: the file looks cut short or damaged. Nothing was imported.`);
    return entryFrom(cells, at, number);
  });
  if (!entries.length) throw new CsvError("This file has the log's columns but no sessions. Nothing was imported.");
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}

export function tooBig(bytes) {
  const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `This file is ${mb(bytes)}, larger than any log (My log reads files up to ${mb(MAX_BYTES)}). Choose the CSV file that My log exported. Nothing was imported.`;
}
