// The private log: each session the reader finished or stopped, kept in
// this browser's IndexedDB on this phone. Nothing here sends anything
// anywhere; the reader can export it as CSV, print it or clear it (the "My
// log" page, my-log.js).
//
//   if (log.available()) { const id = await log.add(entry); await log.update(id, {painAfter: 2}); }
//   const entries = await log.list();   // oldest first
//   await log.clear();
//   log.toCSV(entries)                  // pure: the CSV text
//
// An entry: {date (ISO, when the session started), ended (ISO), how
// ("finished" | "stopped"), sequence (page title), page (path), variant (tab
// label), plan {holds, seconds, rest, sides}, holdsDone, holdsPlanned,
// painBefore, painAfter (0-10 or null)}. A pelvis meter session (meter.js)
// also has meter: true, secondsLevel, largestDrop (degrees) and dropSide
// ("lifted", "standing", "left" or "right"), and plan null when no hold
// timer was set.

const DB = "hip-log";
const STORE = "sessions";
const VERSION = 1;

export const available = () => typeof indexedDB !== "undefined" && indexedDB !== null;

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, VERSION);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error("the log is open in an older version of this site in another tab"));
  });
}

// One transaction; resolves with the last request's result once it is committed.
async function transact(mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    let result;
    const request = work(tx.objectStore(STORE));
    if (request) request.onsuccess = () => (result = request.result);
    tx.oncomplete = () => {
      db.close();
      resolve(result);
    };
    tx.onerror = tx.onabort = () => {
      db.close();
      reject(tx.error || new Error("the log could not be written"));
    };
  });
}

export const add = (entry) => transact("readwrite", (store) => store.add(entry));

// Saves a finished session and tells the reader, through say(text), how it
// went; resolves to the entry's id, or null when it was not saved.
export function keep(entry, say) {
  if (!available()) {
    say("This browser cannot keep a log, so this session was not saved.");
    return Promise.resolve(null);
  }
  say("Saving to My log…");
  return add(entry).then(
    (id) => (say("Saved in My log, on this phone only."), id),
    (error) => (say(`This session could not be saved (${error.message || error.name}).`), null),
  );
}
export const list = () => transact("readonly", (store) => store.getAll());
export const clear = () => transact("readwrite", (store) => store.clear());
export function update(id, patch) {
  return transact("readwrite", (store) => {
    const read = store.get(id);
    read.onsuccess = () => read.result && store.put({ ...read.result, ...patch });
  });
}

/* CSV */

/** @type {[string, (entry: any, when: {date: string, time: string}) => any][]} */
export const CSV_COLUMNS = [
  ["Date", (e, when) => when.date],
  ["Time", (e, when) => when.time],
  ["Sequence", (e) => e.sequence],
  ["Variant", (e) => e.variant],
  ["Holds per side", (e) => e.plan?.holds],
  ["Seconds per hold", (e) => e.plan?.seconds],
  ["Rest seconds", (e) => e.plan?.rest],
  ["Sides", (e) => (e.plan ? e.plan.sides || "none" : "")],
  ["Holds completed", (e) => e.holdsDone],
  ["Holds planned", (e) => e.holdsPlanned],
  ["Ended", (e) => e.how],
  ["Pain before (0-10)", (e) => e.painBefore],
  ["Pain after (0-10)", (e) => e.painAfter],
  ["Seconds level", (e) => e.secondsLevel],
  ["Largest drop (degrees)", (e) => e.largestDrop],
  ["Side low at largest drop", (e) => e.dropSide],
];

const two = (n) => String(n).padStart(2, "0");

// The local date and time of an ISO timestamp: {date: "2026-11-24", time: "09:05"}.
export function localDateTime(iso) {
  const d = new Date(iso);
  return { date: `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`, time: `${two(d.getHours())}:${two(d.getMinutes())}` };
}

// A CSV cell: quoted when it holds a comma, a quote or a line break; a text
// starting with = + - @ gets a leading ' so a spreadsheet never runs it.
export function csvCell(value) {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// RFC 4180 (CRLF line ends), oldest first, with a byte-order mark so
// spreadsheet programs read it as UTF-8.
export function toCSV(entries) {
  const rows = [CSV_COLUMNS.map(([name]) => name)];
  for (const entry of [...entries].sort((a, b) => String(a.date).localeCompare(String(b.date)))) {
    const when = localDateTime(entry.date);
    rows.push(CSV_COLUMNS.map(([, value]) => value(entry, when)));
  }
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
