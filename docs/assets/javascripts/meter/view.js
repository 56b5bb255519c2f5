// The pelvis meter's markup: the placement guide and its choices, the
// running reading (words, a bar that tilts as the pelvis does, whole
// degrees, the hold timer), the live region. The end of a session is the
// shared done screen (lib/done.js).

import { h, parts, svg } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

/** @param {string} id */
function figure(id) {
  return h("figure", { class: "hip-meter__figure" },
    svg("svg", { viewBox: "0 0 200 150", role: "img", "aria-labelledby": `${id}-fig` },
      svg("title", { id: `${id}-fig` }, t("meter.figure")),
      svg("path", { class: "hip-meter__body", d: "M52 0 C54 40 48 70 36 100 L30 150 H170 L164 100 C152 70 146 40 148 0 Z" }),
      svg("path", { class: "hip-meter__spine", d: "M100 4 V140" }),
      svg("path", { class: "hip-meter__belt", d: "M36 100 C80 108 120 108 164 100 L166 114 C120 122 80 122 34 114 Z" }),
      svg("rect", { class: "hip-meter__phone", x: 86, y: 62, width: 28, height: 52, rx: 5 }),
      svg("path", { class: "hip-meter__level", d: "M20 88 H180" })));
}

/** @param {string} id */
function setup(id) {
  const choice = (/** @type {Record<string, string | boolean>} */ attributes, /** @type {string} */ words) =>
    h("label", {}, h("input", attributes), " ", words);
  return h("div", { class: "hip-meter__setup", "data-part": "setup" },
    figure(id),
    h("ol", { class: "hip-meter__guide" },
      h("li", {}, t("meter.guide.place")),
      h("li", {}, t("meter.guide.calibrate")),
      h("li", {}, t("meter.guide.stand"))),
    h("fieldset", { class: "hip-meter__choices" },
      h("legend", {}, t("meter.screen")),
      choice({ type: "radio", name: `${id}-screen`, value: "out", "data-part": "screen-out", checked: true }, t("meter.screen.out")),
      choice({ type: "radio", name: `${id}-screen`, value: "in", "data-part": "screen-in" }, t("meter.screen.in"))),
    h("div", { class: "hip-meter__field" },
      h("label", { for: `${id}-standing` }, t("meter.standing")),
      h("select", { id: `${id}-standing`, "data-part": "standing", "aria-describedby": `${id}-standing-note` },
        h("option", { value: "" }, t("meter.standing.none")),
        h("option", { value: "left" }, t("meter.standing.left")),
        h("option", { value: "right" }, t("meter.standing.right"))),
      h("p", { class: "hip-meter__note", id: `${id}-standing-note` }, t("meter.standing.note"))),
    h("fieldset", { class: "hip-meter__choices" },
      h("legend", {}, t("meter.tell")),
      choice({ type: "checkbox", "data-part": "speak", checked: true }, t("meter.tell.speech")),
      choice({ type: "checkbox", "data-part": "sound" }, t("meter.tell.tones"))),
    h("fieldset", { class: "hip-meter__timer" },
      h("legend", {}, t("meter.timer"), " ", h("span", {}, t("workout.plan.optional"))),
      h("p", { class: "hip-meter__note", id: `${id}-dose` }, t("meter.timer.dose")),
      h("div", { class: "hip-meter__fields" },
        h("label", {}, t("meter.timer.holds"), " ", h("input", { type: "number", inputmode: "numeric", min: 1, max: 99,
          step: 1, "data-part": "holds", "aria-describedby": `${id}-dose` })),
        h("label", {}, t("workout.plan.seconds"), " ", h("input", { type: "number", inputmode: "numeric", min: 1,
          max: 3600, step: 1, "data-part": "seconds" }))),
      h("label", { class: "hip-meter__check" }, h("input", { type: "checkbox", "data-part": "gate", checked: true }), " ",
        t("meter.timer.gate"))),
    h("p", { class: "hip-meter__limits" }, t("meter.limits")),
    h("p", { class: "hip-meter__support", "data-part": "support" }),
    h("button", { type: "button", class: "hip-meter__go", "data-part": "start" }, t("meter.start")),
    h("p", { class: "hip-meter__message", "data-part": "message", role: "status" }));
}

function run() {
  return h("div", { class: "hip-meter__run", "data-part": "run", hidden: true },
    h("p", { class: "hip-meter__phase", "data-part": "phase" }),
    h("div", { class: "hip-meter__stage", "data-part": "stage" },
      h("p", { class: "hip-meter__reading", "data-part": "reading" }),
      h("div", { class: "hip-meter__dial", "aria-hidden": "true" },
        h("span", { class: "hip-meter__bar", "data-part": "bar" }, h("b", {}, t("meter.left")), h("b", {}, t("meter.right")))),
      h("p", { class: "hip-meter__degrees", "data-part": "degrees" })),
    h("p", { class: "hip-meter__clock", "data-part": "clock" }),
    h("div", { class: "hip-meter__controls" },
      h("button", { type: "button", "data-part": "stop" }, t("workout.stop")),
      h("button", { type: "button", "data-part": "recalibrate" }, t("meter.recalibrate"))),
    h("p", { class: "hip-meter__note", "data-part": "band" }),
    h("p", { class: "hip-meter__note" }, t("meter.rough")));
}

/** @param {string} id */
export function meterView(id) {
  const element = h("div", { class: "hip-meter__parts" },
    setup(id),
    run(),
    h("p", { class: "hip-visually-hidden", "aria-live": "polite", "data-part": "live" }));
  return { element, part: parts(element) };
}
