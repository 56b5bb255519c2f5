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
// The column names are the file's own, fixed English words in every
// language (COLUMNS), never the message catalog's: a backup made on a
// Spanish page must import on an English one and back.
//
// fromCSV throws a CsvError whose message says, in the reader's words
// (messages/<lang>.js, "csv.*"), what is wrong with the file; nothing is
// read from a file with any fault. The parser is our own, strict, and small
// (parseRows): the page scripts load unbundled under `make serve`, so an
// npm parser would need a bundler there; d3-dsv never reports a damaged
// quote (it drops text after one), and papaparse, which does, weighs more
// than all of My log's code.

import { currentLocale, regionalLocales, t } from "../lib/i18n.js";
import { LIMITS, SIDES } from "../lib/plan.js";

export const MAX_BYTES = 5 * 1024 * 1024; // years of sessions are well under 1 MB

export class CsvError extends Error {}

const num = (value) => (value === null || value === undefined || value === "" ? "" : value);

// [name, write(entry, local)]: the file's columns, named in English whatever
// the page's language (see the top of this file). The plan's and the
// meter's columns are read together (entryFrom).
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

// A quoted cell from text[i] (its opening quote): [value, index after its closing quote].
function quoted(text, i, row) {
  let value = "";
  for (let at = i + 1; ;) {
    const q = text.indexOf('"', at);
    if (q < 0) throw new CsvError(t("csv.error.unclosedQuote", { row }));
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
      if (i < text.length && !/[,\r\n]/.test(text[i])) throw new CsvError(t("csv.error.afterQuote", { row: rows.length + 1 }));
    } else {
      STOP.lastIndex = i;
      const end = STOP.exec(text)?.index ?? text.length;
      if (text[end] === '"') throw new CsvError(t("csv.error.quoteInside", { row: rows.length + 1 }));
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

// Names or values as the file has them, each in quotes: "Date", "Time", "Sequence".
const quote = (names) => new Intl.ListFormat(regionalLocales(), { type: "unit", style: "short" }).format(names.map((text) => t("csv.quoted", { text })));

// The header's columns by name, or a CsvError naming what is missing.
function columnsOf(header) {
  const at = new Map(header.map((name, i) => [name.trim(), i]));
  const missing = NAMES.filter((name) => !at.has(name));
  // An export from before the restore existed: the people's columns only, none of the last three.
  if (["Date", "Time", "Sequence"].every((name) => at.has(name)) && NAMES.slice(-3).every((name) => !at.has(name)))
    throw new CsvError(t("csv.error.earlier"));
  if (missing.length > NAMES.length / 2) // another program's CSV (a "Date" column is common)
    throw new CsvError(t("csv.error.notOurs", { columns: quote(NAMES.slice(0, 3)) }));
  if (missing.length) throw new CsvError(t("csv.error.missing", { count: missing.length, columns: quote(missing) }));
  return at;
}

// Each cell's reader: the text -> a value, or throws what My log writes there.
const whole = (min, max) => (text) => {
  if (text === "") return null;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new Error(t("csv.expect.whole", { min, max }));
  return value;
};
const decimal = (text) => {
  if (text === "") return null;
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(t("csv.expect.number"));
  return Number(text);
};
const oneOf = (...choices) => (text) => {
  if (!choices.includes(text)) throw new Error(t("csv.expect.oneOf", { choices: quote(choices) }));
  return text;
};
const instant = (text) => {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(text) || Number.isNaN(Date.parse(text)))
    throw new Error(t("csv.expect.utc"));
  return new Date(text).toISOString();
};
const text = (cell) => cell;
const COUNT = [0, 999];

const READERS = {
  Sequence: text,
  Variant: text,
  "Holds per side": whole(...LIMITS.holds),
  "Seconds per hold": whole(...LIMITS.seconds),
  "Rest seconds": whole(...LIMITS.rest),
  Sides: (cell) => (cell === "" ? "" : oneOf("none", ...Object.keys(SIDES).filter(Boolean))(cell)),
  "Holds completed": whole(...COUNT),
  "Holds planned": whole(...COUNT),
  Ended: oneOf("finished", "stopped"),
  "Pain before (0-10)": whole(0, 10),
  "Pain after (0-10)": whole(0, 10),
  "Seconds level": whole(0, 360000),
  "Largest drop (degrees)": decimal,
  "Side low at largest drop": (cell) => (cell === "" ? "" : oneOf("lifted", "standing", "left", "right")(cell)),
  "Start time (UTC)": instant,
  "End time (UTC)": (cell) => (cell === "" ? null : instant(cell)),
  Page: (cell) => {
    if (!cell.startsWith("/")) throw new Error(t("csv.expect.path"));
    return cell;
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
      throw new CsvError(t("csv.error.cell", { row: number, text: raw.slice(0, 40), column: name, expected: error.message }));
    }
  }
  const planned = ["Holds per side", "Seconds per hold", "Sides"].filter((name) => cell[name] !== null && cell[name] !== "");
  if (planned.length % 3) throw new CsvError(t("csv.error.partPlan", { row: number }));
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
    throw new CsvError(t("csv.error.notText"));
  // Rows numbered as a spreadsheet shows them; blank ones (a spreadsheet may leave some) skipped.
  const rows = parseRows(input.replace(/^\uFEFF/, ""))
    .map((cells, i) => ({ cells, number: i + 1 }))
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ""));
  if (!rows.length) throw new CsvError(t("csv.error.empty"));
  const [header, ...sessions] = rows;
  const at = columnsOf(header.cells);
  const entries = sessions.map(({ cells, number }) => {
    if (cells.length !== header.cells.length)
      throw new CsvError(t("csv.error.cells", { row: number, count: cells.length, columns: header.cells.length }));
    return entryFrom(cells, at, number);
  });
  if (!entries.length) throw new CsvError(t("csv.error.noSessions"));
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}

export function tooBig(bytes) {
  const size = new Intl.NumberFormat(currentLocale(), { style: "unit", unit: "megabyte", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return t("csv.error.tooBig", { size: size.format(bytes / 1024 / 1024), max: size.format(MAX_BYTES / 1024 / 1024) });
}
