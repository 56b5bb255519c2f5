// Workout mode's markup: the step at a time (with Previous / Next and the
// page's other tools), the plan form, the running display, the end of a
// session, the live region and the flash layer. Built once per opening;
// its parts are looked up once (parts(), by data-part).

import { h, parts } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

/** @param {Record<string, string | number | boolean>} attributes */
const number = (attributes) => h("input", { type: "number", inputmode: "numeric", step: 1, ...attributes });

/** @param {string} id  unique per view, for the ids labels and descriptions point at */
export function workoutView(id) {
  const manual = h("div", { class: "hip-workout__manual", "data-part": "manual" },
    h("div", { class: "hip-workout__step", "data-part": "step" },
      h("p", { class: "hip-workout__count", "data-part": "count" }),
      h("p", { class: "hip-workout__text", "data-part": "text" })),
    h("div", { class: "hip-workout__nav" },
      h("button", { type: "button", "data-part": "prev" }, t("workout.previous")),
      h("button", { type: "button", "data-part": "next" }, t("workout.next"))),
    h("div", { class: "hip-workout__tools", "data-part": "tools" }),
    planForm(id),
    h("p", { class: "hip-workout__lock", "data-part": "lock" }));

  const run = h("div", { class: "hip-workout__run", "data-part": "run", hidden: true },
    h("p", { class: "hip-workout__where", "data-part": "where" }),
    h("p", { class: "hip-workout__side", "data-part": "side" }),
    h("div", { class: "hip-workout__stage", "data-part": "stage" },
      h("p", { class: "hip-workout__word", "data-part": "word" }),
      h("p", { class: "hip-workout__digits", "data-part": "digits" }),
      h("p", { class: "hip-workout__cue", "data-part": "cue" })),
    h("p", { class: "hip-workout__next", "data-part": "next-up" }),
    h("button", { type: "button", class: "hip-workout__advance", "data-part": "advance", hidden: true }),
    h("p", { class: "hip-workout__run-note", "data-part": "run-note", hidden: true }),
    h("div", { class: "hip-workout__controls" },
      h("button", { type: "button", "data-part": "pause" }, t("workout.pause")),
      h("button", { type: "button", "data-part": "stop" }, t("workout.stop"))));

  const element = h("div", { class: "hip-workout__parts" },
    manual,
    run,
    h("p", { class: "hip-visually-hidden", "aria-live": "polite", "data-part": "live" }),
    h("div", { class: "hip-flash", "data-part": "flash", "aria-hidden": "true" }));
  return { element, part: parts(element) };
}

/** @param {string} id */
function planForm(id) {
  const output = (/** @type {string} */ name, /** @type {string} */ words) =>
    h("label", {}, h("input", { type: "checkbox", "data-part": name }), " ", words);
  return h("section", { class: "hip-workout__plan", "aria-labelledby": `${id}-plan` },
    h("h3", { id: `${id}-plan` }, t("workout.plan.title"), " ", h("span", {}, t("workout.plan.optional"))),
    h("p", { class: "hip-workout__note", id: `${id}-dose` }, t("workout.plan.dose")),
    h("div", { class: "hip-workout__fields" },
      h("label", {}, t("workout.plan.holds"), " ",
        number({ min: 1, max: 99, "data-part": "holds", "aria-describedby": `${id}-dose` })),
      h("label", {}, t("workout.plan.seconds"), " ", number({ min: 1, max: 3600, "data-part": "seconds" })),
      h("label", {}, t("workout.plan.rest"), " ", number({ min: 0, max: 3600, "data-part": "rest" })),
      h("div", {},
        h("label", { for: `${id}-sides` }, t("workout.plan.sides")), " ",
        h("select", { id: `${id}-sides`, "data-part": "sides", "aria-describedby": `${id}-sides-note` },
          h("option", { value: "" }, t("workout.plan.sides.none")),
          h("option", { value: "left" }, t("workout.plan.sides.left")),
          h("option", { value: "right" }, t("workout.plan.sides.right")),
          h("option", { value: "both" }, t("workout.plan.sides.both"))))),
    h("p", { class: "hip-workout__note", id: `${id}-sides-note` }, t("workout.plan.sidesNote")),
    h("fieldset", { class: "hip-workout__outputs" },
      h("legend", {}, t("workout.plan.handsFree")),
      output("speak", t("handsFree.speak")),
      output("sound", t("handsFree.sound")),
      output("vibrate", t("handsFree.vibrate")),
      output("flash-choice", t("handsFree.flash"))),
    h("p", { class: "hip-workout__note", "data-part": "pacing" }),
    h("p", { class: "hip-workout__support", "data-part": "support", "aria-live": "polite" }),
    h("div", { class: "hip-pain" },
      h("label", {}, t("workout.plan.painBefore"), " ",
        number({ min: 0, max: 10, "data-part": "pain-before", "aria-describedby": `${id}-pain-rule` })),
      h("p", { id: `${id}-pain-rule` }, t("pain.notAdvice"), " ", h("strong", {}, t("view.stopIfItHurts")))),
    h("div", { class: "hip-workout__row" },
      h("button", { type: "button", class: "hip-workout__go", "data-part": "start" }, t("workout.plan.start")),
      h("button", { type: "button", "data-part": "clear" }, t("workout.plan.clear"))),
    h("p", { class: "hip-workout__message", "data-part": "message", "aria-live": "polite" }));
}
