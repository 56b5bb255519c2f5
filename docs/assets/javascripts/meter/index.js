// Pelvis-level meter: the phone worn flat on the low back reads the
// sideways tilt of the pelvis from its motion sensors and says, out loud,
// "Level" or which side is low and by how much, in the steps' words. It
// calibrates on both feet first; an optional hold timer can count only
// while level. Everything runs on the phone: readings are never sent or
// stored; a session goes into the reader's own log. Loaded on the first
// tap of a "Measure with the phone on my back" button (main.js), which the
// build puts where a page asks (<!-- hip:meter -->); workout mode offers
// the same button inside its view.
//
// Parts: view.js (markup), sensors.js (motion access and samples),
// measure.js (one reading from the samples: pure), run.js (one measuring
// run); the outputs, the session and the done screen are shared (lib/).

import { createDone } from "../lib/done.js";
import { createHandsFree } from "../lib/hands-free.js";
import { pageLanguage, t } from "../lib/i18n.js";
import * as log from "../lib/log.js";
import * as plans from "../lib/plan.js";
import { logEntry } from "../lib/session.js";
import { openView, toolOpener } from "../lib/view.js";
import { createRun } from "./run.js";
import { askForMotion, hasMotionApi } from "./sensors.js";
import { meterView } from "./view.js";

/** @type {Record<string, import("../lib/i18n.js").MessageKey>} */
const SIDE_WORDS = { lifted: "meter.side.lifted", standing: "meter.side.standing", left: "meter.side.left", right: "meter.side.right" };
let serial = 0;
/** Opens the meter (from the page's button, or from inside workout mode). */
export const open = toolOpener(mount);

/** @param {HTMLElement} button @param {AbortSignal} page */
function mount(button, page) {
  const id = `hip-meter-${++serial}`;
  const { element, part } = meterView(id);
  const view = openView({ name: "meter", title: t("meter.title"), body: element, opener: button, page, focus: part.start });
  const { scope } = view;
  const out = createHandsFree({ scope, lang: pageLanguage(), onproblem: () => notes(), onvoices: () => notes() });
  const done = createDone({ scope, again: t("meter.again"), onagain: () => show("setup"), id });
  element.insertBefore(done.element, part.live);
  const input = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (part[name]);
  /** @type {ReturnType<typeof createRun> | null} */
  let run = null;
  let leaving = false; // the view is closing: a session that ends now is only kept

  /** @param {"setup" | "run" | "done"} mode */
  function show(mode) {
    view.showMode({ setup: part.setup, run: part.run, done: done.element }, mode);
    if (mode === "setup") part.start.focus();
  }

  const choices = () => ({ speak: input("speak").checked, sound: input("sound").checked, vibrate: false, flash: false });
  // What will not work here, once, in plain words; without a motion API Start cannot work and says why.
  function notes() {
    const list = hasMotionApi() ? out.notes(choices()) : [t("meter.noApi")];
    if (!log.available()) list.push(t("meter.noLog"));
    part.support.textContent = list.join(" ");
  }
  for (const name of ["speak", "sound"]) scope.on(part[name], "change", notes);
  if (!hasMotionApi()) {
    input("start").disabled = true;
    part.start.setAttribute("aria-describedby", (part.support.id = `${id}-support`));
  }

  /** @param {string} text */
  const say = (text) => {
    part.live.textContent = text;
    out.say(text);
  };

  // Everything that needs the tap happens before the first await.
  scope.on(part.start, "click", () => {
    part.message.textContent = "";
    const plan = readTimer(part);
    if (plan === false) return;
    out.prime(choices());
    notes();
    const asking = askForMotion();
    const current = begin(plan);
    say(t("meter.say.start")); // the stop rule and the first words, inside the tap (iOS speaks only then)
    if (!asking) return measuring(current);
    part.message.textContent = t("meter.asking");
    asking.then(
      (answer) => run === current && (answer === "granted" ? measuring(current) : fail(t("meter.refused"))),
      (error) => run === current && fail(error && error.name === "NotAllowedError"
        ? t("meter.notAllowed") : t("meter.askFailed", { name: error && error.name ? ` (${error.name})` : "" })),
    );
  });

  /** @param {any} plan */
  function begin(plan) {
    run?.stop();
    const standing = /** @type {"" | "left" | "right"} */ (input("standing").value);
    const started = new Date();
    run = createRun({
      scope: scope.child(), part, out, say, plan, standing,
      gate: input("gate").checked,
      screen: input("screen-in").checked ? "in" : "out",
      report: (detail) => view.dialog.dispatchEvent(new CustomEvent("hip-meter:reading", { detail })),
      onend: (result) => finish(result, plan, started),
      onfail: fail,
    });
    return run;
  }

  /** @param {ReturnType<typeof createRun>} current */
  function measuring(current) {
    current.listen();
    part.message.textContent = "";
    show("run");
    part.phase.textContent = t("meter.phase.calibrating");
    part.reading.textContent = t("meter.holdStill");
    part.degrees.textContent = part.band.textContent = part.clock.textContent = "";
    part.stage.dataset.state = "calibrating";
    part.stop.focus({ preventScroll: true }); // the reading under the stop rule, in sight
    view.dialog.scrollTop = 0;
  }

  /** No reading, refused or missing: back to the guide with the reason, nothing logged. @param {string} message */
  function fail(message) {
    run?.stop();
    run = null;
    show("setup");
    part.message.textContent = message;
  }

  /** @param {import("./run.js").RunResult} result @param {any} plan @param {Date} started */
  function finish(result, plan, started) {
    run = null;
    if (!result.calibrated) return leaving || show("setup");
    const entry = logEntry({ started, how: result.how, variant: t("meter.variant"), plan, holdsDone: result.holdsDone }, {
      meter: true,
      secondsLevel: Math.round(result.secondsLevel),
      largestDrop: result.largest ? result.largest.degrees : 0,
      dropSide: result.largest ? result.largest.side : "",
    });
    if (leaving) return void log.keep(entry, () => {});
    show("done");
    done.show(entry, summary(result, plan, entry));
  }

  scope.on(part.stop, "click", () => run?.stop());
  scope.on(part.recalibrate, "click", () => {
    if (!run) return;
    if (out.on.speak) out.voice.prime(); // a tap: speech may start again
    run.recalibrate();
    part.phase.textContent = t("meter.phase.calibrating");
    say(t("meter.say.calibrate"));
  });
  view.onClose(() => {
    leaving = true;
    run?.stop();
  });
  notes();
}

// The hold timer's numbers: none (just measure), a plan, or false when they are wrong (said and focused).
/** @param {Record<string, HTMLElement>} part */
function readTimer(part) {
  const value = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (part[name]).value;
  const raw = { holds: value("holds"), seconds: value("seconds"), rest: "", sides: "" };
  for (const name of ["holds", "seconds"]) part[name].removeAttribute("aria-invalid");
  if (!raw.holds.trim() && !raw.seconds.trim()) return null;
  const { plan, errors } = plans.readPlan(raw);
  if (plan) return plan;
  for (const name of ["holds", "seconds"]) part[name].toggleAttribute("aria-invalid", Boolean(errors[name]));
  part.message.textContent = Object.values(errors).join(" ");
  part[errors.holds ? "holds" : "seconds"].focus();
  return false;
}

/** What the run kept, in a line. @param {import("./run.js").RunResult} result @param {any} plan @param {any} entry */
function summary(result, plan, entry) {
  const holds = plan ? t("meter.summary.holds", { done: entry.holdsDone, count: entry.holdsPlanned }) : "";
  const drop = result.largest
    ? t(plan ? "meter.summary.dropHolds" : "meter.summary.dropAll", {
      count: result.largest.degrees, side: t(SIDE_WORDS[result.largest.side]),
    })
    : t(plan ? "meter.summary.noDropHolds" : "meter.summary.noDrop");
  return [holds, t("meter.summary.level", { seconds: entry.secondsLevel }), drop].filter(Boolean).join(" ");
}
