// My log's markup: the panel (built once, its parts looked up once by
// their data-log names), a session as a card on screen and as a row on
// paper, and the sentences about keeping the log. No state, no storage.

import { describePlan } from "../lib/plan.js";

const PANEL = (id) => `
  <p class="hip-log__status" role="status" tabindex="-1" data-log="status"></p>
  <p class="hip-log__kept" data-log="kept" hidden></p>
  <p class="hip-log__note" data-log="home-screen" hidden>On iPhone and iPad, Safari deletes this site's storage,
    your log included, after 7 days of using Safari without opening this site. A site on your Home Screen keeps it:
    in Safari, tap Share, then <b>Add to Home Screen</b>, and open the guide from its icon. It may start with an
    empty log of its own: then export your log here and import the file there.</p>
  <div class="hip-log__controls" data-log="controls" hidden>
    <button type="button" class="md-button" data-log="export">Export CSV</button>
    <button type="button" class="md-button" data-log="import">Import CSV</button>
    <input type="file" accept=".csv,text/csv" data-log="file" hidden>
    <button type="button" class="md-button" data-log="print">Print</button>
    <button type="button" class="md-button" data-log="clear">Clear log</button>
  </div>
  <p class="hip-log__help" data-log="help" hidden><b>Export CSV</b> saves the log as a file you keep (a spreadsheet
    opens it). <b>Import CSV</b> reads that file back, on this phone or a new one; a session already here is not
    added twice.</p>
  <section class="hip-log__glance" aria-labelledby="${id}-glance" data-log="glance" hidden>
    <h2 id="${id}-glance">At a glance</h2>
    <figure class="hip-chart" data-log="chart"></figure>
  </section>
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

const PARTS = ["status", "kept", "home-screen", "controls", "export", "import", "file", "print", "clear", "help", "glance", "chart",
  "heading", "list", "table", "confirm", "confirm-text", "keep", "delete"];

// Fills the panel; returns its parts by name.
export function build(panel, id) {
  panel.innerHTML = PANEL(id);
  return Object.fromEntries(PARTS.map((name) => [name, panel.querySelector(`[data-log="${name}"]`)]));
}

export const sessions = (n) => `${n} ${n === 1 ? "session" : "sessions"}`;

// Has the browser agreed to keep it (lib/log.js storage())?
export const KEPT = {
  kept: "This browser has agreed to keep the log until you clear it.",
  "may-clear": "This browser has not agreed to keep the log for good: it may clear it if the phone runs short of space. Export a copy now and then.",
  unknown: "This browser does not say how long it keeps the log. Export a copy now and then.",
};

const when = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
const pain = (value) => (value === null || value === undefined ? "not given" : `${value} of 10`);
const ended = (how) => (how === "finished" ? "Finished" : "Stopped");
const holds = (entry) => `${entry.holdsDone} of ${entry.holdsPlanned}`;
const plan = (entry) => (entry.plan ? describePlan(entry.plan) : "No hold timer");
const SIDES = { lifted: "the side of the lifted leg", standing: "the side of the standing leg", left: "your left side", right: "your right side" };
// A pelvis meter session's own facts (lib/log.js).
const meterFacts = (entry) => (entry.meter ? [
  ["Seconds level", `${entry.secondsLevel} s`],
  // Whole degrees: the reading is no finer than that (a version-1 entry may hold a tenth).
  ["Largest drop", entry.largestDrop ? `${Math.round(entry.largestDrop)}°, low on ${SIDES[entry.dropSide] || entry.dropSide}` : "none outside the level band"],
] : []);

export function element(tag, props = {}, ...children) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

export function card(entry) {
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

export function row(entry) {
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
