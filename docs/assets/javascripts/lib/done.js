// The end of a hands-free session, the same in every tool: how it ended,
// what was done, the save to My log and how it went, an optional pain
// rating after (workout mode), the way back and the way to My log. If the
// save fails (storage full, private browsing), the screen says so and
// shows the whole session, so the reader can note it down before closing.
//
//   const done = createDone({ scope, painAfter: true, again: t("workout.again"), onagain });
//   body.append(done.element);
//   view.showMode({ ..., done: done.element }, "done"); done.show(entry, summary);   // focuses the title

import { h, parts } from "./dom.js";
import { regionalLocales, t } from "./i18n.js";
import * as log from "./log.js";
import { siteUrl } from "./page.js";

/**
 * @param {object} options
 * @param {import("./scope.js").Scope} options.scope
 * @param {boolean} [options.painAfter]  ask for a 0-10 rating after
 * @param {string} options.again  the way back's words ("Back to the steps")
 * @param {() => void} options.onagain
 * @param {string} options.id  for the rating's description
 */
export function createDone({ scope, painAfter = false, again, onagain, id }) {
  const element = h("div", { class: "hip-done", hidden: true },
    h("h3", { tabindex: "-1", "data-part": "done-title" }),
    h("p", { "data-part": "done-summary" }),
    h("p", { "data-part": "saved", "aria-live": "polite" }),
    h("dl", { class: "hip-done__record", "data-part": "record", hidden: true }),
    painAfter && h("div", { class: "hip-pain" },
      h("label", {}, t("done.painAfter"), " ",
        h("input", { type: "number", inputmode: "numeric", min: 0, max: 10, step: 1, "data-part": "pain-after",
          "aria-describedby": `${id}-pain-after-rule` })),
      h("p", { id: `${id}-pain-after-rule` }, t("pain.notAdvice"), " ", h("strong", {}, t("view.stopIfItHurts")))),
    h("div", { class: "hip-done__row" },
      h("button", { type: "button", "data-part": "again" }, again),
      h("a", { class: "hip-done__log", href: siteUrl("log/") }, t("done.openLog"))));
  const part = parts(element);
  /** @type {Promise<number | null> | null} */
  let saved = null; // the save of the session shown
  let shown = 0; // which session is shown: a late answer about an earlier one is not written

  scope.on(part.again, "click", onagain);
  if (part["pain-after"]) {
    scope.on(part["pain-after"], "change", () => {
      const input = /** @type {HTMLInputElement} */ (part["pain-after"]);
      const pain = readPain(input.value);
      input.toggleAttribute("aria-invalid", "error" in pain);
      if ("error" in pain) {
        part.saved.textContent = pain.error;
        return;
      }
      const current = saved;
      current?.then((key) => key !== null && log.update(key, { painAfter: pain.value })).then(
        () => current === saved && (part.saved.textContent = t("done.ratingSaved")),
        () => current === saved && (part.saved.textContent = t("done.ratingNotSaved")),
      );
    });
  }

  // The whole session, for the reader to note down when it could not be kept.
  /** @param {Record<string, any>} entry @param {string} summary */
  function record(entry, summary) {
    const when = new Date(entry.date);
    const rows = [
      [t("done.record.when"), new Intl.DateTimeFormat(regionalLocales(), { dateStyle: "medium", timeStyle: "short" }).format(when)],
      [t("done.record.what"), [entry.sequence, entry.variant].filter(Boolean).join(": ")],
      [t("done.record.done"), summary],
      [t("done.record.painBefore"), entry.painBefore ?? "–"],
    ];
    part.record.replaceChildren(...rows.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, String(value))]));
    part.record.hidden = false;
  }

  return {
    element,
    /**
     * Shows the session's end and keeps it in My log.
     * @param {Record<string, any>} entry  lib/session.js logEntry()
     * @param {string} summary  what was done, in a line
     */
    show(entry, summary) {
      part["done-title"].textContent = entry.how === "finished" ? t("done.finished") : t("done.stopped");
      part["done-summary"].textContent = summary;
      part.record.hidden = true;
      if (part["pain-after"]) {
        /** @type {HTMLInputElement} */ (part["pain-after"]).value = "";
        part["pain-after"].removeAttribute("aria-invalid");
      }
      const token = ++shown;
      saved = log.keep(entry, (text) => {
        if (token === shown) part.saved.textContent = text;
      });
      saved.then((key) => key === null && token === shown && !scope.isClosed() && record(entry, summary));
      element.hidden = false;
      part["done-title"].focus();
    },
  };
}

/**
 * A 0-10 rating typed by the reader, or nothing.
 * @param {string} raw
 * @returns {{value: number | null} | {error: string}}
 */
export function readPain(raw) {
  const text = raw.trim();
  if (text === "") return { value: null };
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 && value <= 10 ? { value } : { error: t("pain.error") };
}
