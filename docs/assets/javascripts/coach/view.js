// The camera coach's markup: the mirror with its midline, the hip line the
// model finds and the level line the reader drags; the Measure switch, the
// gauge, and what the reading can and cannot tell, in sight.

import { h, parts, svg } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

export function coachView() {
  const element = h("div", { class: "hip-coach__parts" },
    h("div", { class: "hip-coach__stage", "data-part": "stage" },
      h("video", { class: "hip-coach__video", "data-part": "video", playsinline: true, muted: true }),
      h("div", { class: "hip-coach__midline", "aria-hidden": "true" }),
      svg("svg", { class: "hip-coach__hips", "data-part": "hips", "aria-hidden": "true" },
        svg("line"), svg("circle", { r: 6 }), svg("circle", { r: 6 })),
      h("div", { class: "hip-coach__level", "data-part": "level", role: "slider", tabindex: 0, "aria-label": t("coach.levelLine"),
        "aria-orientation": "vertical", "aria-valuemin": 0, "aria-valuemax": 100 }, h("span")),
      h("p", { class: "hip-coach__message", "data-part": "message", role: "status" })),
    h("div", { class: "hip-coach__panel" },
      h("label", { class: "hip-coach__switch" },
        h("input", { type: "checkbox", role: "switch", "data-part": "measure" }), " ", t("coach.measure")),
      h("div", { class: "hip-coach__gauge", "data-part": "gauge", hidden: true },
        h("div", { class: "hip-coach__dial", "aria-hidden": "true" },
          h("span", { class: "hip-coach__needle", "data-part": "needle" }, h("b", {}, t("meter.left")), h("b", {}, t("meter.right")))),
        h("p", { class: "hip-coach__reading", "data-part": "reading" })),
      h("p", { class: "hip-coach__limits", "data-part": "limits" }, t("coach.limits")),
      h("p", { class: "hip-visually-hidden", "aria-live": "polite", "data-part": "live" }),
      h("p", { class: "hip-coach__note" }, t("coach.private"))));
  // parts() collects HTML and SVG elements alike.
  return { element, part: /** @type {Record<string, any>} */ (parts(element)) };
}
