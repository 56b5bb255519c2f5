// The private log: each session the reader finished or stopped, kept in
// this browser's IndexedDB on this phone. Nothing here sends anything
// anywhere; the reader can export it as CSV, import that file back, print
// it or clear it (the "My log" page, my-log.js; the CSV is my-log/csv.js).
//
//   log.keep(entry, say)                // workout mode and the meter: save a finished session, say how it went
//   if (log.available()) { const id = await log.add(entry); await log.update(id, {painAfter: 2}); }
//   const entries = await log.list();   // oldest first
//   await log.restore(entries)          // adds the ones not kept yet: {added, already}
//   await log.clear();
//   await log.storage()                 // "kept" | "may-clear" | "unknown": has the browser agreed to keep it?
//
// keep(entry, say) -> Promise<id | null>. It calls say(text, {ok}) with a
// sentence for the reader (messages/<lang>.js, "log.save.*") each time the
// save moves on:
//   say("Saving to My log…", {ok: undefined})   while it saves;
//   say("Saved in My log, on this phone only.", {ok: true})   saved;
//   say("This session was not saved: <why>. …", {ok: false})   not saved
//     (no IndexedDB, storage full, private browsing): the caller keeps the
//     session on screen so the reader can note it.
// The promise resolves to the entry's id, or null when it was not saved; it
// never rejects.
//
// An entry: {date (ISO, when the session started), ended (ISO), how
// ("finished" | "stopped"), sequence (page title), page (path), variant (tab
// label), plan {holds, seconds, rest, sides}, holdsDone, holdsPlanned,
// painBefore, painAfter (0-10 or null)}. A pelvis meter session (meter.js)
// also has meter: true, secondsLevel, largestDrop (degrees) and dropSide
// ("lifted", "standing", "left" or "right"), and plan null when no hold
// timer was set. A session is the same session when its start (date), page
// and variant are the same (sameSession): an import adds only new ones.
//
// The storage: database "hip-log", store "sessions" (keyPath id,
// autoIncrement), entries as above. Its version, and what each upgrade
// does (UPGRADES; an upgrade keeps every entry):
//   1  the store;
//   2  an index "started" on date, to find a session by its start on import.
// The first save asks the browser to keep the storage for good
// (navigator.storage.persist()), so it is not cleared to make room.

import { t } from "./i18n.js";

const DB = "hip-log";
const STORE = "sessions";
const UPGRADES = [
  (db) => db.createObjectStore(STORE, { keyPath: "id", autoIncrement: true }),
  (db, tx) => tx.objectStore(STORE).createIndex("started", "date"),
];
export const VERSION = UPGRADES.length;

export const available = () => typeof indexedDB !== "undefined" && indexedDB !== null;

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, VERSION);
    request.onupgradeneeded = (event) => {
      for (let version = event.oldVersion; version < VERSION; version++) UPGRADES[version](request.result, request.transaction);
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close(); // a newer page upgrades: let it
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    // Another tab holds the log open at an older version: this waits until it lets go (each page closes it after every read or write).
  });
}

// One transaction; resolves with the last request's result once it is committed.
async function transact(mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    let result;
    const request = work(tx.objectStore(STORE), (value) => (result = value));
    if (request) request.onsuccess = () => (result = request.result);
    tx.oncomplete = () => {
      db.close();
      resolve(result);
    };
    tx.onerror = tx.onabort = () => {
      db.close();
      reject(tx.error || new Error(t("log.reason.notWritten")));
    };
  });
}

// Asks the browser once per save, while it has not agreed, to keep the log's storage.
async function keepStorage() {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return;
  try {
    if (!(await storage.persisted())) await storage.persist();
  } catch {
    // Nothing to do: storage() says what the browser decided.
  }
}

// Has the browser agreed to keep the log until the reader clears it?
export async function storage() {
  const api = globalThis.navigator?.storage;
  if (!api?.persisted) return "unknown";
  try {
    return (await api.persisted()) ? "kept" : "may-clear";
  } catch {
    return "unknown";
  }
}

export async function add(entry) {
  const id = await transact("readwrite", (store) => store.add(entry));
  keepStorage(); // not awaited: a browser may ask the reader first, and the save is done
  return id;
}

// Why a save failed, in the reader's words.
export function reason(error) {
  const name = error?.name;
  if (name === "QuotaExceededError") return t("log.reason.full");
  if (["InvalidStateError", "SecurityError", "UnknownError", "NotAllowedError"].includes(name)) return t("log.reason.blocked");
  if (name === "VersionError") return t("log.reason.newer");
  return error?.message || name || t("log.reason.unknown");
}

export function keep(entry, say) {
  const failed = (why) => (say(t("log.save.failed", { why }), { ok: false }), null);
  if (!available()) return Promise.resolve(failed(t("log.reason.noLog")));
  say(t("log.save.saving"), { ok: undefined });
  return add(entry).then(
    (id) => (say(t("log.save.saved"), { ok: true }), id),
    (error) => failed(reason(error)),
  );
}

export async function list() {
  const entries = await transact("readonly", (store) => store.getAll());
  return entries.sort((a, b) => String(a.date).localeCompare(String(b.date)));
}

export const clear = () => transact("readwrite", (store) => store.clear());

export function update(id, patch) {
  return transact("readwrite", (store) => {
    const read = store.get(id);
    read.onsuccess = () => read.result && store.put({ ...read.result, ...patch });
  });
}

// The same session: the same start, page and variant.
export const sameSession = (a, b) => a.date === b.date && (a.page ?? "") === (b.page ?? "") && (a.variant ?? "") === (b.variant ?? "");

// Adds, in one transaction, the entries not already kept (and not twice
// over within the list): all of them or, if anything fails, none.
export async function restore(entries) {
  const counts = await transact("readwrite", (store, done) => {
    const counts = { added: 0, already: 0 };
    const started = store.index("started");
    const seen = [];
    entries.forEach((entry) => {
      const look = started.getAll(entry.date);
      look.onsuccess = () => {
        if ([...look.result, ...seen].some((kept) => sameSession(kept, entry))) counts.already += 1;
        else {
          const fresh = { ...entry }; // a new id on this phone
          delete fresh.id;
          store.add(fresh);
          seen.push(fresh);
          counts.added += 1;
        }
        done(counts);
      };
    });
    done(counts);
  });
  if (counts.added) keepStorage();
  return counts;
}
