// One step at a time: Previous / Next, the arrow keys, and a swipe anywhere
// on the view (left: next, right: previous), except on a form control,
// where a sideways drag means something else. A swipe that ends on a
// button does not also press it.

import { t } from "../lib/i18n.js";

const SWIPE = 40; // px sideways before a drag counts as a swipe
const FORM_CONTROL = "input, select, textarea, label, [contenteditable]";

/**
 * @param {object} options
 * @param {import("../lib/scope.js").Scope} options.scope
 * @param {HTMLDialogElement} options.dialog  swipes and keys anywhere on it count
 * @param {Record<string, HTMLElement>} options.part  workout/view.js parts
 * @param {string[]} options.steps
 * @param {(text: string) => void} options.announce  for the live region
 */
export function createStepper({ scope, dialog, part, steps, announce }) {
  let index = 0;
  const stepping = () => !part.manual.hidden;

  /** @param {number} i @param {boolean} [said] */
  function show(i, said = true) {
    index = Math.max(0, Math.min(steps.length - 1, i));
    const words = t("workout.stepOf", { step: index + 1, steps: steps.length });
    part.count.textContent = words;
    part.text.textContent = steps[index];
    // aria-disabled, not disabled: the focused button keeps focus at either end.
    part.prev.setAttribute("aria-disabled", String(index === 0));
    part.next.setAttribute("aria-disabled", String(index === steps.length - 1));
    part.step.classList.remove("hip-workout__step--in");
    void part.step.offsetWidth; // restart the (motion-safe) entrance animation
    part.step.classList.add("hip-workout__step--in");
    if (said) announce(`${words}: ${steps[index]}`);
  }

  scope.on(part.prev, "click", () => show(index - 1));
  scope.on(part.next, "click", () => show(index + 1));
  scope.on(dialog, "keydown", (event) => {
    if (event.target.matches(FORM_CONTROL) || !stepping()) return;
    if (event.key === "ArrowRight") show(index + 1);
    else if (event.key === "ArrowLeft") show(index - 1);
    else return;
    event.preventDefault();
  });

  /** @type {{x: number, y: number} | null} */
  let start = null;
  let swiped = false; // the click that may follow a swipe's pointerup is not a press
  scope.on(dialog, "pointerdown", (event) => {
    swiped = false;
    start = event.isPrimary && !event.target.closest(FORM_CONTROL) ? { x: event.clientX, y: event.clientY } : null;
  });
  scope.on(dialog, "keydown", () => (swiped = false), { capture: true });
  scope.on(dialog, "pointerup", (event) => {
    if (!start) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    start = null;
    if (Math.abs(dx) > SWIPE && Math.abs(dx) > Math.abs(dy) && stepping()) {
      swiped = true;
      show(index + (dx < 0 ? 1 : -1));
    }
  });
  scope.on(dialog, "pointercancel", () => (start = null));
  scope.on(dialog, "click", (event) => {
    if (!swiped) return;
    swiped = false;
    event.stopPropagation();
    event.preventDefault();
  }, { capture: true });

  show(0, false);
  return { show, first: () => `${t("workout.stepOf", { step: 1, steps: steps.length })}: ${steps[0]}` };
}
