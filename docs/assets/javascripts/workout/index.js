// Workout mode: a full-screen, one-step-at-a-time view of the step list
// that is showing, with the screen kept on, and an optional plan the reader
// sets (holds per side, seconds per hold, rest, the leg they stand on) that
// the view then runs hands-free: it shows and speaks each step, counts each
// hold in digits readable across the room, switches legs and logs the
// session on the phone. Loaded on the first tap of a "Start workout"
// button (main.js); the build puts that button right before its tab set
// (hipmd/steps.py).
//
// Parts: view.js (markup), stepper.js (a step at a time), plan-form.js
// (the plan and the hands-free choices), running.js (the running display);
// the session itself is lib/session.js, shared with the pelvis meter.

import { createDone } from "../lib/done.js";
import { h } from "../lib/dom.js";
import { createHandsFree } from "../lib/hands-free.js";
import { pageLanguage, t } from "../lib/i18n.js";
import * as log from "../lib/log.js";
import * as plans from "../lib/plan.js";
import { logEntry, pageTitle, runPlan } from "../lib/session.js";
import { showingList } from "../lib/steps.js";
import { openView, toolOpener } from "../lib/view.js";
import { keepScreenOn } from "../lib/wake-lock.js";
import { createPlanForm } from "./plan-form.js";
import { createRunning } from "./running.js";
import { createStepper } from "./stepper.js";
import { workoutView } from "./view.js";

/** @type {Record<string, import("../lib/i18n.js").MessageKey>} */
const LOCK = { on: "workout.lock.on", off: "workout.lock.off", unsupported: "workout.lock.unsupported", failed: "workout.lock.failed" };
let serial = 0;
/** Opens workout mode for the step list showing in the tab set that follows the tapped button's block. */
export const open = toolOpener((button, page) => {
  const tabSet = button.closest(".hip-tool")?.nextElementSibling;
  const found = tabSet && tabSet.matches(".tabbed-set") ? showingList(tabSet) : null;
  if (found) mount(button, page, found);
});

/**
 * @param {HTMLElement} button
 * @param {AbortSignal} page
 * @param {{label: string, texts: string[]}} list
 */
function mount(button, page, { label, texts: steps }) {
  const id = `hip-workout-${++serial}`;
  const { element, part } = workoutView(id);
  const title = pageTitle();
  const view = openView({
    name: "workout", title: label ? `${title}: ${label}` : title, body: element, opener: button, page, focus: part.next,
  });
  const { scope, dialog } = view;
  const announce = (/** @type {string} */ text) => (part.live.textContent = text);
  const out = createHandsFree({
    scope, lang: pageLanguage(), flash: part.flash, onproblem: speechProblem, onvoices: () => form.notes(),
  });
  const form = createPlanForm({ scope, part, out });
  const stepper = createStepper({ scope, dialog, part, steps, announce });
  const running = createRunning({ scope, part, announce });
  const done = createDone({ scope, painAfter: true, again: t("workout.again"), onagain: () => show("manual"), id });
  element.insertBefore(done.element, part.live);
  /** @type {ReturnType<typeof runPlan> | null} */
  let session = null;
  /** @type {{plan: any, painBefore: number | null, started: Date} | null} */
  let current = null;

  keepScreenOn(scope, (status) => {
    part.lock.textContent = t(LOCK[status]);
    part.lock.classList.toggle("hip-workout__lock--on", status === "on");
  });

  let leaving = false; // the view is closing: a session that ends now is only kept

  /** @param {"manual" | "run" | "done"} mode */
  function show(mode) {
    view.showMode({ manual: part.manual, run: part.run, done: done.element }, mode);
    if (mode === "manual") part.start.focus();
  }

  function speechProblem(/** @type {import("../lib/voice.js").VoiceStatus} */ status) {
    form.notes();
    if (!session || session.state.ended) return;
    session.speechFailed();
    running.note(status);
  }

  // All of this runs inside the tap: iOS lets speech and sound start only here.
  scope.on(part.start, "click", () => {
    const read = form.read();
    if (!read) return;
    const choice = form.choices();
    const on = out.prime(choice);
    form.notes();
    current = { ...read, started: new Date() };
    show("run");
    running.note(choice.speak && !on.speak ? out.voice.status : "");
    session = runPlan({
      scope: scope.child(),
      out,
      list: plans.phases(read.plan, steps),
      waitForCue: on.speak,
      waitForReader: true,
      oncue: (phase, words) => announce(phase.kind === "countin" ? t("workout.run.getReady") : words),
      onchange: running.draw,
      onend: finish,
    });
    running.fit();
    part.pause.focus();
  });

  scope.on(part.pause, "click", () => (session?.state.paused ? session.resume() : session?.pause()));
  scope.on(part.stop, "click", () => session?.stop());
  scope.on(part.advance, "click", () => session?.advance());

  /** @param {import("../lib/session.js").End} end */
  function finish({ how, holdsDone }) {
    if (!current) return;
    const { plan, painBefore, started } = current;
    const entry = logEntry({ started, how, variant: label || "", plan, holdsDone, painBefore });
    const summary = t("workout.summary", { count: entry.holdsPlanned, done: holdsDone, plan: plans.describePlan(plan) });
    form.reset();
    if (leaving) {
      log.keep(entry, () => {});
      return;
    }
    show("done");
    done.show(entry, summary);
  }

  // Closed mid-plan, however: the session counts as stopped, and is logged.
  view.onClose(() => {
    leaving = true;
    session?.stop();
  });

  // The page's other tools (the coach...): the same buttons, so main.js opens them.
  const tools = document.querySelectorAll(".md-content [data-hip-tool]:not([data-hip-tool='workout']) [data-hip-open]");
  part.tools.replaceChildren(...[...tools].map((tool) => h("div", { class: "hip-tool" },
    h("button", { type: "button", "data-hip-open": tool.getAttribute("data-hip-open"),
      "data-hip-problem": tool.getAttribute("data-hip-problem") }, tool.textContent))));

  form.notes();
  announce(stepper.first());
}
