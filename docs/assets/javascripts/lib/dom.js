// Markup for the views, built as elements (never from HTML strings, so a
// translated word can hold any character), and their parts looked up once.
//
//   const view = h("div", { class: "hip-workout__run", hidden: true },
//     h("p", { class: "hip-workout__side", "data-part": "side" }),
//     h("button", { type: "button", "data-part": "pause" }, t("plan.pause")));
//   const part = parts(view);   // {side: <p>, pause: <button>}: every [data-part] inside
//
// Attributes: a string or number is set as is, true sets an empty one
// (hidden, checked...), false / null / undefined leave it out. Children:
// nodes, strings (as text), arrays of them, and null / false (skipped).

/** @typedef {Node | string | number | null | undefined | false | Child[]} Child */

/**
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attributes]
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  return fill(document.createElement(tag), attributes, children);
}

/**
 * SVG elements (the meter's placement picture, the coach's hip line).
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attributes]
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function svg(tag, attributes = {}, ...children) {
  return fill(document.createElementNS("http://www.w3.org/2000/svg", tag), attributes, children);
}

/**
 * @template {Element} E
 * @param {E} element
 * @param {Record<string, string | number | boolean | null | undefined>} attributes
 * @param {Child[]} children
 * @returns {E}
 */
function fill(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of /** @type {any[]} */ (children).flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === "number" ? String(child) : /** @type {Node | string} */ (child));
  }
  return element;
}

/**
 * The named parts of a view: every element with data-part="name" inside root.
 * @param {ParentNode} root
 * @returns {Record<string, HTMLElement>}
 */
export function parts(root) {
  /** @type {Record<string, HTMLElement>} */
  const found = {};
  for (const element of root.querySelectorAll("[data-part]")) {
    found[/** @type {HTMLElement} */ (element).dataset.part || ""] = /** @type {HTMLElement} */ (element);
  }
  return found;
}

/**
 * A number set in CSS as a custom property on element (unitless), or fallback.
 * Numbers the scripts share with the styles live in the styles, once.
 * @param {Element} element
 * @param {string} name  "--hip-cue-max"
 * @param {number} fallback
 */
export function cssNumber(element, name, fallback) {
  const value = parseFloat(getComputedStyle(element).getPropertyValue(name));
  return Number.isFinite(value) ? value : fallback;
}
