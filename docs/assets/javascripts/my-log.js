// The "My log" page (<!-- hip:log -->, hipmd/tools.py): the sessions kept on
// this phone by workout mode and the pelvis meter (lib/log.js), newest first, as a list on screen
// and a table on paper; export as CSV, print, and clear after a
// confirmation. Everything is read from this browser's IndexedDB: nothing is
// fetched or sent, so it works offline. main.js loads this only on a page
// that holds the panel.

import * as log from "./lib/log.js";
import { stylesheet } from "./lib/page.js";
import { describePlan } from "./lib/plan.js";

// The log's styles come with its code (only this page has the panel).
await stylesheet("my-log.css");

let serial = 0;

const PANEL = (id) => `
  <p class="hip-log__status" role="status" tabindex="-1" data-log="status"></p>
  <div class="hip-log__controls" data-log="controls" hidden>
    <button type="button" class="md-button" data-log="export">Export CSV</button>
    <button type="button" class="md-button" data-log="print">Print</button>
    <button type="button" class="md-button" data-log="clear">Clear log</button>
  </div>
  <h2 class="hip-log__heading" id="${id}-heading" tabindex="-1" data-log="heading">Sessions on this phone</h2>
  <ol class="hip-log__list" aria-labelledby="${id}-heading" data-log="list"></ol>
  <table class="hip-log__table" data-log="table">
    <caption>Sessions on this phone</caption>
    <thead><tr>
      <th scope="col">Date</th><th scope="col">Sequence</th><th scope="col">Plan</th>
      <th scope="col">Holds completed</th><th scope="col">Ended</th>
      <th scope="col">Pain before (0–10)</th><th scope="col">Pain after (0–10)</th>
    </tr></thead>
    <tbody></tbody>
  </table>
  <dialog class="hip-log__confirm" aria-labelledby="${id}-confirm" aria-describedby="${id}-confirm-text" data-log="confirm">
    <h2 id="${id}-confirm">Clear the log?</h2>
    <p id="${id}-confirm-text" data-log="confirm-text"></p>
    <div class="hip-log__controls">
      <button type="button" class="md-button" data-log="keep">Keep the log</button>
      <button type="button" class="md-button hip-log__danger" data-log="delete">Delete all</button>
    </div>
  </dialog>`;

const when = (iso) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
const pain = (value) => (value === null || value === undefined ? "not given" : `${value} of 10`);
const ended = (how) => (how === "finished" ? "Finished" : "Stopped");
const holds = (entry) => `${entry.holdsDone} of ${entry.holdsPlanned}`;
const plan = (entry) => (entry.plan ? describePlan(entry.plan) : "No hold timer");
const SIDES = { lifted: "the lifted side", standing: "the standing side", left: "the left side", right: "the right side" };
// A pelvis meter session's own facts (lib/log.js).
const meterFacts = (entry) => (entry.meter ? [
  ["Seconds level", `${entry.secondsLevel} s`],
  ["Largest drop", entry.largestDrop ? `${entry.largestDrop}°, ${SIDES[entry.dropSide] || entry.dropSide} low` : "none outside the level band"],
] : []);

function element(tag, props = {}, ...children) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

function item(entry) {
  const time = element("time", { dateTime: entry.date, textContent: when(entry.date) });
  const facts = [
    ["Plan", plan(entry)],
    ["Holds completed", holds(entry)],
    ...meterFacts(entry),
    ["Pain before", pain(entry.painBefore)],
    ["Pain after", pain(entry.painAfter)],
  ];
  return element(
    "li",
    { className: "hip-log__entry" },
    element("h3", { textContent: entry.sequence }),
    element("p", { className: "hip-log__when" }, time, ` · ${entry.variant ? `${entry.variant} · ` : ""}${ended(entry.how)}`),
    element("dl", {}, ...facts.map(([term, value]) => element("div", {}, element("dt", { textContent: term }), element("dd", { textContent: value })))),
  );
}

function row(entry) {
  const cells = [
    when(entry.date),
    entry.variant ? `${entry.sequence} (${entry.variant})` : entry.sequence,
    [plan(entry), ...meterFacts(entry).map(([term, value]) => `${term}: ${value}`)].join("; "),
    holds(entry),
    ended(entry.how),
    entry.painBefore ?? "",
    entry.painAfter ?? "",
  ];
  return element("tr", {}, ...cells.map((text) => element("td", { textContent: String(text) })));
}

export function enhance(root) {
  const panel = root.querySelector("[data-hip-panel='log']");
  if (!panel) return;
  const id = `hip-log-${++serial}`;
  panel.innerHTML = PANEL(id);
  const $ = (name) => panel.querySelector(`[data-log="${name}"]`);
  let entries = [];

  function show(text) {
    $("status").textContent = text;
  }

  function draw() {
    const newest = [...entries].sort((a, b) => String(b.date).localeCompare(String(a.date)));
    $("list").replaceChildren(...newest.map(item));
    $("table").tBodies[0].replaceChildren(...newest.map(row));
    const some = entries.length > 0;
    $("controls").hidden = !some;
    $("heading").hidden = !some;
    $("list").hidden = !some;
    $("table").hidden = !some;
  }

  async function read() {
    if (!log.available()) {
      show("This browser cannot keep a log (private browsing can block it). Workout mode still runs your plan.");
      return;
    }
    try {
      entries = await log.list();
    } catch (error) {
      show(`The log could not be read (${error.message || error.name}).`);
      return;
    }
    draw();
    show(entries.length
      ? `${entries.length} ${entries.length === 1 ? "session" : "sessions"}, kept on this phone only.`
      : "No sessions yet. Set a plan in workout mode on a sequence page: each session you finish or stop is kept here.");
  }

  $("export").addEventListener("click", () => {
    const today = new Date();
    const stamp = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
    const url = URL.createObjectURL(new Blob([log.toCSV(entries)], { type: "text/csv;charset=utf-8" }));
    const link = element("a", { href: url, download: `hip-log-${stamp}.csv`, hidden: true });
    panel.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    show(`Exported ${entries.length} ${entries.length === 1 ? "session" : "sessions"} as a CSV file, on this phone.`);
  });

  $("print").addEventListener("click", () => window.print());

  const confirm = $("confirm");
  $("clear").addEventListener("click", () => {
    const n = entries.length;
    $("confirm-text").textContent =
      `This deletes all ${n} ${n === 1 ? "session" : "sessions"} from this phone, and it cannot be undone. ` +
      "To keep a copy, choose Keep the log and export it first.";
    confirm.showModal();
    $("keep").focus();
  });
  $("keep").addEventListener("click", () => confirm.close());
  $("delete").addEventListener("click", async () => {
    try {
      await log.clear();
      entries = [];
      draw();
      confirm.close();
      show("The log is cleared. Nothing of it is left on this phone.");
      $("status").focus();
    } catch (error) {
      confirm.close();
      show(`The log could not be cleared (${error.message || error.name}).`);
    }
  });

  read();
}
