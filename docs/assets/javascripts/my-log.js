// The "My log" page (<!-- hip:log -->, hipmd/tools.py): the sessions kept on
// this phone by workout mode and the pelvis meter (lib/log.js), at a glance
// (my-log/chart.js) and newest first, as cards on screen and a table on
// paper; whether the browser keeps them; export as CSV and import that file
// back (my-log/csv.js), print, and clear after a confirmation. Everything is
// read from this browser's IndexedDB: nothing is fetched or sent, so it
// works offline. main.js loads this only on a page that holds the panel.
// Its words come from the message catalog ("log.*", lib/i18n.js).

import { h } from "./lib/dom.js";
import { t, useLanguage } from "./lib/i18n.js";
import * as log from "./lib/log.js";
import { stylesheet } from "./lib/page.js";
import { chart } from "./my-log/chart.js";
import { CsvError, MAX_BYTES, fromCSV, toCSV, tooBig } from "./my-log/csv.js";
import { safariTab } from "./my-log/safari.js";
import { KEPT, build, card, row } from "./my-log/view.js";

let serial = 0;

export async function enhance(root, signal) {
  const panel = root.querySelector("[data-hip-panel='log']");
  if (!panel) return;
  // The log's styles come with its code (only this page has the panel); its words before it is built.
  await Promise.all([stylesheet("my-log.css"), useLanguage()]);
  const id = `hip-log-${++serial}`;
  const parts = build(panel, id);
  const state = { entries: [], chartWidth: 0 };
  const show = (text, focus = false) => {
    parts.status.textContent = text;
    if (focus) parts.status.focus();
  };
  const read = async () => {
    state.entries = await log.list();
    render(parts, state, id);
    parts.kept.textContent = t(KEPT[await log.storage()]);
    return state.entries;
  };

  parts["home-screen"].hidden = !safariTab({
    userAgent: navigator.userAgent,
    maxTouchPoints: navigator.maxTouchPoints,
    // navigator.standalone: Safari's own flag for a page opened from the Home Screen.
    standalone: /** @type {any} */ (navigator).standalone === true || matchMedia("(display-mode: standalone)").matches,
  });
  if (!log.available()) {
    show(t("log.noStorage"));
    return;
  }
  parts.controls.hidden = false;
  parts.help.hidden = false;
  wire(parts, { state, show, read, panel });
  // Drawn at the width it is shown, so its words stay the page's size: again when that width changes.
  const resized = new ResizeObserver(() => parts.chart.clientWidth !== state.chartWidth && drawChart(parts, state, id));
  resized.observe(parts.chart);
  signal?.addEventListener("abort", () => resized.disconnect(), { once: true });
  try {
    await read();
  } catch (error) {
    show(t("log.readFailed", { why: error.message || error.name }));
    return;
  }
  show(state.entries.length ? t("log.status", { count: state.entries.length }) : t("log.empty"));
}

// Shows the entries: the chart, the cards newest first, the table for paper.
function render(parts, state, id) {
  const { entries } = state;
  const some = entries.length > 0;
  const newest = [...entries].reverse();
  parts.list.replaceChildren(...newest.map(card));
  parts.table.tBodies[0].replaceChildren(...newest.map(row));
  for (const name of ["export", "print", "clear", "heading", "list", "table", "glance", "kept"]) parts[name].hidden = !some;
  if (some) drawChart(parts, state, id);
}

function drawChart(parts, state, id) {
  state.chartWidth = parts.chart.clientWidth;
  if (!state.entries.length || !state.chartWidth) return;
  const style = getComputedStyle(parts.chart);
  // Its labels measured in the font they are drawn in (bold), so they are placed for this language's words.
  const context = document.createElement("canvas").getContext("2d");
  const measure = context ? (/** @type {string} */ text) => {
    context.font = `700 100px ${style.fontFamily}`;
    return context.measureText(text).width / 100;
  } : undefined;
  parts.chart.innerHTML = chart(state.entries, { now: new Date(), width: state.chartWidth, font: parseFloat(style.fontSize), id: `${id}-chart`, measure }).svg;
}

function wire(parts, { state, show, read, panel }) {
  parts.export.addEventListener("click", () => {
    const today = new Date();
    const stamp = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
    const url = URL.createObjectURL(new Blob([toCSV(state.entries)], { type: "text/csv;charset=utf-8" }));
    const link = h("a", { href: url, download: t("log.exportFile", { date: stamp }), hidden: true });
    panel.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    show(t("log.exported", { count: state.entries.length }));
  });

  parts.import.addEventListener("click", () => parts.file.click()); // the file is read here, on the phone
  parts.file.addEventListener("change", async () => {
    const file = parts.file.files[0];
    parts.file.value = ""; // the same file can be chosen again
    if (file) show(await importFile(file, read), true);
  });

  parts.print.addEventListener("click", () => window.print());

  parts.clear.addEventListener("click", () => {
    parts["confirm-text"].textContent = t("log.confirm.text", { count: state.entries.length, keep: t("log.confirm.keep") });
    parts.confirm.showModal();
    parts.keep.focus();
  });
  parts.keep.addEventListener("click", () => parts.confirm.close());
  parts.delete.addEventListener("click", async () => {
    try {
      await log.clear();
      await read();
      parts.confirm.close();
      show(t("log.cleared"), true);
    } catch (error) {
      parts.confirm.close();
      show(t("log.clearFailed", { why: error.message || error.name }));
    }
  });
}

// Reads a file the reader chose and adds its new sessions; returns what to tell them.
async function importFile(file, read) {
  try {
    if (file.size > MAX_BYTES) throw new CsvError(tooBig(file.size));
    const entries = fromCSV(await file.text());
    const { added, already } = await log.restore(entries);
    if (!added) return t("log.import.none", { count: already, file: file.name });
    return [
      t("log.import.added", { count: added, file: file.name }),
      already && t("log.import.already", { count: already }),
      t("log.import.total", { count: (await read()).length }),
    ].filter(Boolean).join(" ");
  } catch (error) {
    if (error instanceof CsvError) return error.message;
    return t("log.import.failed", { why: log.reason(error) });
  }
}
