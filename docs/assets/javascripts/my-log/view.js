// My log's markup: the panel (built once, its parts looked up once by
// their data-log names), a session as a card on screen and as a row on
// paper, and the sentences about keeping the log. No state, no storage.
// Its words come from the message catalog ("log.*"); dates and times
// through Intl, in the page's language.

import { h } from "../lib/dom.js";
import { currentLocale, regionalLocales, t } from "../lib/i18n.js";
import { describePlan } from "../lib/plan.js";

/**
 * A message whose slots are elements ("tap Share, then <b>Add to Home
 * Screen</b>"): its words as text, each slot's element in its place.
 * @param {import("../lib/i18n.js").MessageKey} key
 * @param {Record<string, Node>} nodes
 * @returns {(string | Node)[]}
 */
function rich(key, nodes) {
  const text = t(key, Object.fromEntries(Object.keys(nodes).map((name) => [name, `\uE000${name}\uE000`])));
  return text.split(/\uE000(\w+)\uE000/).map((piece, i) => (i % 2 ? nodes[piece] : piece));
}

/** @param {string} id */
function markup(id) {
  const button = (/** @type {string} */ name, /** @type {string} */ words, className = "md-button") =>
    h("button", { type: "button", class: className, "data-log": name }, words);
  const column = (/** @type {import("../lib/i18n.js").MessageKey} */ key) => h("th", { scope: "col" }, t(key));
  return [
    h("p", { class: "hip-log__status", role: "status", tabindex: -1, "data-log": "status" }),
    h("p", { class: "hip-log__kept", "data-log": "kept", hidden: true }),
    h("p", { class: "hip-log__note", "data-log": "home-screen", hidden: true }, rich("log.safari", { add: h("b", {}, t("log.safari.add")) })),
    h("div", { class: "hip-log__controls", "data-log": "controls", hidden: true },
      button("export", t("log.export")),
      button("import", t("log.import")),
      h("input", { type: "file", accept: ".csv,text/csv", "data-log": "file", hidden: true }),
      button("print", t("log.print")),
      button("clear", t("log.clear"))),
    h("p", { class: "hip-log__help", "data-log": "help", hidden: true },
      rich("log.help", { export: h("b", {}, t("log.export")), import: h("b", {}, t("log.import")) })),
    h("section", { class: "hip-log__glance", "aria-labelledby": `${id}-glance`, "data-log": "glance", hidden: true },
      h("h2", { id: `${id}-glance` }, t("log.glance")),
      h("figure", { class: "hip-chart", "data-log": "chart" })),
    h("h2", { class: "hip-log__heading", id: `${id}-heading`, tabindex: -1, "data-log": "heading" }, t("log.heading")),
    h("ol", { class: "hip-log__list", "aria-labelledby": `${id}-heading`, "data-log": "list" }),
    h("table", { class: "hip-log__table", "data-log": "table" },
      h("caption", {}, t("log.heading")),
      h("thead", {}, h("tr", {},
        column("log.column.date"), column("log.column.sequence"), column("log.column.plan"), column("log.column.holds"),
        column("log.column.ended"), column("log.column.painBefore"), column("log.column.painAfter"))),
      h("tbody")),
    h("dialog", { class: "hip-log__confirm", "aria-labelledby": `${id}-confirm`, "aria-describedby": `${id}-confirm-text`, "data-log": "confirm" },
      h("h2", { id: `${id}-confirm` }, t("log.confirm.title")),
      h("p", { id: `${id}-confirm-text`, "data-log": "confirm-text" }),
      h("div", { class: "hip-log__controls" },
        button("keep", t("log.confirm.keep")),
        button("delete", t("log.confirm.delete"), "md-button hip-log__danger"))),
  ];
}

const PARTS = ["status", "kept", "home-screen", "controls", "export", "import", "file", "print", "clear", "help", "glance", "chart",
  "heading", "list", "table", "confirm", "confirm-text", "keep", "delete"];

// Fills the panel; returns its parts by name.
export function build(panel, id) {
  panel.replaceChildren(...markup(id));
  return Object.fromEntries(PARTS.map((name) => [name, panel.querySelector(`[data-log="${name}"]`)]));
}

// Has the browser agreed to keep it (lib/log.js storage())?
/** @type {Record<string, import("../lib/i18n.js").MessageKey>} */
export const KEPT = { kept: "log.kept.kept", "may-clear": "log.kept.mayClear", unknown: "log.kept.unknown" };

/** @type {Record<string, import("../lib/i18n.js").MessageKey>} */
const SIDES = { lifted: "meter.side.lifted", standing: "meter.side.standing", left: "meter.side.left", right: "meter.side.right" };

const number = (value) => (value === null || value === undefined ? "" : new Intl.NumberFormat(currentLocale()).format(value));
const when = (iso) => new Intl.DateTimeFormat(regionalLocales(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
const pain = (value) => (value === null || value === undefined ? t("log.pain.none") : t("log.pain", { value }));
const ended = (how) => (how === "finished" ? t("log.ended.finished") : t("log.ended.stopped"));
const holds = (entry) => t("log.holds", { done: entry.holdsDone, planned: entry.holdsPlanned });
const plan = (entry) => (entry.plan ? describePlan(entry.plan) : t("log.noTimer"));
// A pelvis meter session's own facts (lib/log.js).
const meterFacts = (entry) => (entry.meter ? [
  [t("log.fact.secondsLevel"), t("log.seconds", { seconds: entry.secondsLevel })],
  // Whole degrees: the reading is no finer than that (a version-1 entry may hold a tenth).
  // With a plan only the holds count (a drop); without one, every reading, the steps' sag too.
  [t(entry.plan ? "log.fact.largestDrop" : "log.fact.largestTilt"), entry.largestDrop
    ? t("log.drop", { degrees: Math.round(entry.largestDrop), side: SIDES[entry.dropSide] ? t(SIDES[entry.dropSide]) : entry.dropSide })
    : t("log.drop.none")],
] : []);

export function card(entry) {
  const facts = [
    [t("log.fact.plan"), plan(entry)],
    [t("log.fact.holds"), holds(entry)],
    ...meterFacts(entry),
    [t("log.fact.painBefore"), pain(entry.painBefore)],
    [t("log.fact.painAfter"), pain(entry.painAfter)],
  ];
  return h("li", { class: "hip-log__entry" },
    h("h3", {}, entry.sequence),
    h("p", { class: "hip-log__when" },
      h("time", { datetime: entry.date }, when(entry.date)), ` · ${entry.variant ? `${entry.variant} · ` : ""}${ended(entry.how)}`),
    h("dl", {}, facts.map(([term, value]) => h("div", {}, h("dt", {}, term), h("dd", {}, value)))));
}

export function row(entry) {
  const cells = [
    when(entry.date),
    entry.variant ? `${entry.sequence} (${entry.variant})` : entry.sequence,
    [plan(entry), ...meterFacts(entry).map(([term, value]) => `${term}: ${value}`)].join("; "),
    holds(entry),
    ended(entry.how),
    number(entry.painBefore),
    number(entry.painAfter),
  ];
  return h("tr", {}, cells.map((text) => h("td", {}, text)));
}
