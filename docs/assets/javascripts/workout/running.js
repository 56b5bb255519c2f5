// The running display: where in the plan the reader is, the leg they
// stand on in large capitals, the stage (a step's words fitted to it, the
// count-in, or the hold's digits), the next thing in small print, and a
// short note when speech stops. One draw from the runner's display().

import { cssNumber } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

const NOTE_FOR = 8000; // ms a note shows in place of the small print
/** @type {Record<string, import("../lib/i18n.js").MessageKey>} */
const NOTES = {
  loading: "workout.run.noVoice",
  "no-local-voice": "workout.run.noVoice",
  "no-voices": "workout.run.noVoices",
  unsupported: "workout.run.unsupported",
  blocked: "workout.run.blocked",
  failed: "workout.run.failed",
};
/** @type {Record<string, string>} */
const SHOWN = { announce: "cue", step: "cue", switch: "cue" };
/** @type {Record<string, import("../lib/i18n.js").MessageKey>} */
const SIDE = { left: "workout.run.left", right: "workout.run.right" };

/**
 * @param {object} options
 * @param {import("../lib/scope.js").Scope} options.scope
 * @param {Record<string, HTMLElement>} options.part  workout/view.js parts
 * @param {(text: string) => void} options.announce  for the live region
 */
export function createRunning({ scope, part, announce }) {
  const noteTimer = scope.timer();
  let noting = false; // a note has the small print's place
  let advancing = false; // a step shows: Next step has the small print's place
  // The stage changes size (rotation, the note showing): the words are fitted again.
  const resized = new ResizeObserver(() => fit());
  resized.observe(part.stage);
  scope.observe(resized);

  // The step's words as large as the stage allows (it never scrolls while running).
  function fit() {
    const { cue, stage } = part;
    if (!cue.textContent || part.run.hidden) return;
    const fits = () => stage.scrollHeight <= stage.clientHeight + 1 && cue.scrollWidth <= cue.clientWidth + 1;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    let low = 12;
    let high = Math.max(low, Math.min(stage.clientWidth / 5, rem * cssNumber(cue, "--hip-cue-max", 2.6)));
    cue.style.fontSize = `${high}px`;
    if (fits()) return;
    while (high - low > 1) {
      const mid = (low + high) / 2;
      cue.style.fontSize = `${mid}px`;
      if (fits()) low = mid;
      else high = mid;
    }
    cue.style.fontSize = `${low}px`;
  }

  /**
   * A short note for a few seconds in place of the next thing's small print
   * (a small screen at 200% text has no room for both); "" hides it.
   * @param {string} status  a voice status (lib/voice.js)
   */
  function note(status) {
    noteTimer.stop();
    const key = NOTES[status];
    part["run-note"].textContent = key ? t(key) : "";
    part["run-note"].hidden = !key;
    noting = Boolean(key);
    place();
    fit(); // the stage just grew or shrank: now, not a frame later with the words spilling
    if (key) {
      announce(part["run-note"].textContent);
      noteTimer.start(() => note(""), NOTE_FOR);
    }
  }

  // One line under the stage: a note, Next step, or what comes next.
  function place() {
    part["next-up"].hidden = noting || advancing;
    part.advance.hidden = noting || !advancing;
  }

  /** @param {import("../lib/session.js").Display} d */
  function draw(d) {
    part.stage.dataset.phase = SHOWN[d.kind] || d.kind;
    part.stage.classList.toggle("hip-workout__stage--paused", d.paused);
    // "Hold 1 of 3 · standing leg" over "LEFT": the side is the leg the reader stands on.
    part.where.textContent = d.hold ? t(d.side ? "workout.run.holdOfSide" : "workout.run.holdOf", d) : "";
    part.side.textContent = d.side ? t(SIDE[d.side]) : "";
    part.side.hidden = !d.side;
    part.word.textContent = d.paused ? t("workout.run.paused") : d.kind === "step" ? t("workout.stepOf", d) : d.word;
    const digits = d.seconds === null ? "" : d.seconds < 100 ? String(d.seconds)
      : `${Math.floor(d.seconds / 60)}:${String(d.seconds % 60).padStart(2, "0")}`;
    part.digits.textContent = digits;
    part.digits.style.setProperty("--hip-chars", String(Math.max(2, digits.length)));
    if (part.cue.textContent !== d.text) {
      part.cue.textContent = d.text;
      fit();
    }
    part["next-up"].textContent = d.next ? t("workout.run.next", { next: d.next }) : "";
    part.pause.textContent = d.paused ? t("workout.resume") : t("workout.pause");
    advancing = d.kind === "step" && !d.paused;
    place();
    part.advance.textContent = d.lastStep ? t("workout.run.startHold") : t("workout.run.nextStep");
    part.advance.classList.toggle("hip-workout__advance--waiting", d.forReader);
  }

  return { draw, fit, note };
}
