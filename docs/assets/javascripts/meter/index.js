// Pelvis-level meter: the phone worn flat on the low back reads the
// sideways tilt of the pelvis from its motion sensors and says, out loud,
// "Level" or which side is low and by how much, in the steps' words. It
// calibrates on both feet first; an optional hold timer (the shared
// hands-free session, lib/session.js) can count only while level.
// Everything runs on the phone: readings are never sent or stored; a
// session goes into the reader's own log. Loaded on the first tap of a
// "Measure with the phone on my back" button (main.js), which the build
// puts where a page asks (<!-- hip:meter -->); workout mode offers the same
// button inside its view.
//
// Parts: view.js (markup), sensors.js (motion access and samples),
// measure.js (one reading from the samples: pure); the running session,
// the outputs and the done screen are shared (lib/).

import { createDone } from "../lib/done.js";
import { createHandsFree } from "../lib/hands-free.js";
import { pageLanguage, t, useLanguage } from "../lib/i18n.js";
import * as log from "../lib/log.js";
import { stylesheet } from "../lib/page.js";
import * as plans from "../lib/plan.js";
import { logEntry, runPlan } from "../lib/session.js";
import { TICK, pitch } from "../lib/tilt.js";
import { openView } from "../lib/view.js";
import { keepScreenOn } from "../lib/wake-lock.js";
import { createMeasure } from "./measure.js";
import { askForMotion, hasMotionApi, listen } from "./sensors.js";
import { meterView } from "./view.js";

const NO_READINGS = 3000; // ms without a usable reading before we say there is no sensor
const BEEP_EVERY = 500; // ms between tilt tones
const CUE_PACE = 2500; // ms a timer's cue lasts (the meter reads no steps)
/** @type {Record<string, import("../lib/i18n.js").MessageKey>} */
const SAID = { turn: "meter.say.turn", still: "meter.say.still" };
/** @type {Record<string, import("../lib/i18n.js").MessageKey>} */
const SIDE_WORDS = { lifted: "meter.side.lifted", standing: "meter.side.standing", left: "meter.side.left", right: "meter.side.right" };
let serial = 0;
let opening = false;

/**
 * Opens the meter (from the page's button, or from inside workout mode).
 * @param {HTMLElement} button
 * @param {AbortSignal} page
 */
export async function open(button, page) {
  if (opening) return;
  opening = true;
  try {
    await Promise.all([stylesheet("views.css"), useLanguage()]);
  } finally {
    opening = false;
  }
  if (!page.aborted && button.isConnected) mount(button, page);
}

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
  /** @type {ReturnType<typeof begin> | null} */
  let run = null;
  let leaving = false; // the view is closing: a session that ends now is only kept

  /** @param {"setup" | "run" | "done"} mode */
  function show(mode) {
    part.setup.hidden = mode !== "setup";
    part.run.hidden = mode !== "run";
    if (mode !== "done") done.hide();
    view.setRunning(mode === "run");
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
    part.start.setAttribute("aria-describedby", part.support.id = `${id}-support`);
  }

  /** @param {string} text */
  const say = (text) => {
    part.live.textContent = text;
    out.say(text);
  };

  // Everything that needs the tap happens before the first await.
  scope.on(part.start, "click", () => {
    part.message.textContent = "";
    const timer = readTimer();
    if (timer === false) return;
    out.prime(choices());
    notes();
    const asking = askForMotion();
    const current = begin(timer);
    say(t("meter.say.start")); // the stop rule and the first words, inside the tap (iOS speaks only then)
    if (!asking) return current.listen();
    part.message.textContent = t("meter.asking");
    asking.then(
      (answer) => run === current && (answer === "granted" ? current.listen() : fail(t("meter.refused"))),
      (error) => run === current && fail(error && error.name === "NotAllowedError"
        ? t("meter.notAllowed") : t("meter.askFailed", { name: error && error.name ? ` (${error.name})` : "" })),
    );
  });

  // The hold timer's numbers: none (just measure), a plan, or false when they are wrong (said).
  function readTimer() {
    const raw = { holds: input("holds").value, seconds: input("seconds").value, rest: "", sides: "" };
    for (const name of ["holds", "seconds"]) part[name].removeAttribute("aria-invalid");
    if (!raw.holds.trim() && !raw.seconds.trim()) return null;
    const { plan, errors } = plans.readPlan(raw);
    if (plan) return plan;
    for (const name of ["holds", "seconds"]) part[name].toggleAttribute("aria-invalid", Boolean(errors[name]));
    part.message.textContent = Object.values(errors).join(" ");
    part[errors.holds ? "holds" : "seconds"].focus();
    return false;
  }

  /** @param {any} plan */
  function begin(plan) {
    const runScope = scope.child();
    const current = {
      scope: runScope,
      plan,
      gate: input("gate").checked,
      standing: /** @type {"" | "left" | "right"} */ (input("standing").value),
      measure: createMeasure({ screen: input("screen-in").checked ? "in" : "out", standing: /** @type {any} */ (input("standing").value) }),
      started: new Date(),
      begun: Date.now(),
      usable: false,
      secondsLevel: 0,
      /** @type {{degrees: number, side: string} | null} */
      largest: null,
      lastBeep: 0,
      /** @type {ReturnType<typeof runPlan> | null} */
      session: null,
      listen() {
        const sensors = listen(runScope);
        runScope.every(() => tick(current, sensors.take()), TICK);
        part.message.textContent = "";
        show("run");
        part.phase.textContent = t("meter.phase.calibrating");
        part.reading.textContent = t("meter.holdStill");
        part.degrees.textContent = part.band.textContent = part.clock.textContent = "";
        part.stage.dataset.state = "calibrating";
        part.stop.focus({ preventScroll: true }); // the reading under the stop rule, in sight
        view.dialog.scrollTop = 0;
      },
    };
    keepScreenOn(runScope);
    run?.scope.close();
    run = current;
    return current;
  }

  /** @param {NonNullable<typeof run>} current @param {any[]} samples */
  function tick(current, samples) {
    const now = Date.now();
    const display = current.session && !current.session.state.ended ? current.session.display() : null;
    const quiet = Boolean(display && (display.kind === "announce" || display.kind === "countin"));
    const r = current.measure.next(samples, now, quiet);
    if (r.kind === "none") {
      if (!current.usable && now - current.begun >= NO_READINGS) {
        say(t("meter.say.noReadings"));
        fail(t("meter.noSensor"));
      }
      return;
    }
    current.usable = true;
    report(current, r, now);
    if (r.kind === "turn" || r.kind === "flat") {
      part.stage.dataset.state = "turn";
      part.reading.textContent = t(r.kind === "flat" ? "meter.standUpright" : "meter.turnUpright");
    } else if (r.kind === "moving" || r.kind === "calibrating") {
      part.stage.dataset.state = r.kind === "moving" ? "moving" : "calibrating";
      part.reading.textContent = t("meter.holdStill");
    } else if (r.kind === "calibrated") calibrated(current, r);
    else measured(current, r, now, display);
    if (r.say) say(SAID[r.say] ? t(SAID[r.say]) : r.say);
    current.session?.gate(r.kind === "reading" ? r.level || !current.gate : r.kind === "calibrated" || !current.gate);
  }

  /** @param {NonNullable<typeof run>} current @param {any} r */
  function calibrated(current, r) {
    part.phase.textContent = current.standing ? t(current.standing === "left" ? "meter.phase.left" : "meter.phase.right")
      : t("meter.phase.oneLeg");
    part.band.textContent = t("meter.band", { band: r.band });
    say(t("meter.say.calibrated", { band: r.band }));
    drawReading(0, r.described);
    if (!current.plan || current.session) return;
    current.session = runPlan({
      scope: current.scope.child(),
      out,
      list: plans.phases(current.plan, [], { pace: () => CUE_PACE }),
      oncue: (phase, words) => (part.live.textContent = words),
      onchange: (d) => (part.clock.textContent = clock(d)),
      onend: ({ how, holdsDone }) => how === "finished" && finish(current, "finished", holdsDone),
    });
  }

  /** @param {NonNullable<typeof run>} current @param {any} r @param {number} now @param {any} display */
  function measured(current, r, now, display) {
    drawReading(r.tilt, r.described);
    // With a timer, only the holds count: the sag the steps ask for before them is not a drop.
    const counting = !current.plan || (display && display.kind === "hold");
    if (r.level && counting) current.secondsLevel += r.dt / 1000;
    if (!r.level && counting && (!current.largest || r.described.degrees > current.largest.degrees)) {
      const side = current.standing ? (r.described.side === current.standing ? "standing" : "lifted") : r.described.side;
      current.largest = { degrees: r.described.degrees, side };
    }
    if (out.on.sound && now - current.lastBeep >= BEEP_EVERY) {
      current.lastBeep = now;
      out.tones.beep(pitch(r.tilt, r.band, current.standing));
    }
  }

  // The reading on screen: words, a bar that tilts as the pelvis does (seen from behind), whole degrees.
  /** @param {number} tilt @param {any} described */
  function drawReading(tilt, described) {
    part.stage.dataset.state = described.key === "level" ? "level" : "low";
    part.reading.textContent = described.text;
    part.degrees.textContent = described.side
      ? t(described.side === "left" ? "meter.degrees.left" : "meter.degrees.right", { count: described.degrees })
      : t("meter.degrees.level");
    part.bar.style.transform = `rotate(${Math.max(-20, Math.min(20, -tilt)).toFixed(2)}deg)`;
  }

  /** @param {any} d */
  function clock(d) {
    if (d.ended) return "";
    const where = t("workout.run.holdOf", d);
    if (d.kind === "countin") return t("meter.clock.countin", { where, seconds: d.seconds });
    if (d.kind === "hold") return t(d.waiting ? "meter.clock.waiting" : "meter.clock.hold", { where, seconds: d.seconds });
    return d.kind === "announce" ? where : "";
  }

  // What the tests and the benchmark read: each reading as it was shown.
  /** @param {NonNullable<typeof run>} current @param {any} r @param {number} at */
  function report(current, r, at) {
    view.dialog.dispatchEvent(new CustomEvent("hip-meter:reading", {
      detail: {
        phase: current.measure.calibrating ? "calibrate" : "measure", state: r.raw ? r.raw.state : "none",
        moving: r.kind === "moving", raw: r.raw ? r.raw.tilt : null, tilt: current.measure.tilt,
        text: part.reading.textContent, at,
      },
    }));
  }

  /** No reading, refused or missing: back to the guide with the reason, nothing logged. @param {string} message */
  function fail(message) {
    run?.scope.close();
    run = null;
    show("setup");
    part.message.textContent = message;
  }

  /** @param {NonNullable<typeof run>} current @param {"finished" | "stopped"} how @param {number} holdsDone */
  function finish(current, how, holdsDone) {
    if (run !== current) return;
    run = null;
    current.scope.close(); // sensors, the wake lock, the timer
    if (how === "stopped") out.silence();
    if (current.measure.calibrating) return show("setup");
    const entry = logEntry({ started: current.started, how, variant: t("meter.variant"), plan: current.plan, holdsDone }, {
      meter: true,
      secondsLevel: Math.round(current.secondsLevel),
      largestDrop: current.largest ? current.largest.degrees : 0,
      dropSide: current.largest ? current.largest.side : "",
    });
    if (leaving) return void log.keep(entry, () => {});
    show("done");
    done.show(entry, summary(current, entry));
  }

  /** @param {NonNullable<typeof run>} current @param {any} entry */
  function summary(current, entry) {
    const holds = current.plan ? t("meter.summary.holds", { done: entry.holdsDone, count: entry.holdsPlanned }) : "";
    const during = current.plan ? "meter.summary.dropHolds" : "meter.summary.dropAll";
    const drop = current.largest
      ? t(during, { count: current.largest.degrees, side: t(SIDE_WORDS[current.largest.side]) })
      : t(current.plan ? "meter.summary.noDropHolds" : "meter.summary.noDrop");
    return [holds, t("meter.summary.level", { seconds: entry.secondsLevel }), drop].filter(Boolean).join(" ");
  }

  const stopNow = () => run && finish(run, run.plan && !(run.session && run.session.state.ended) ? "stopped" : "finished",
    run.session ? run.session.state.holdsDone : 0);
  scope.on(part.stop, "click", stopNow);
  scope.on(part.recalibrate, "click", () => {
    if (!run) return;
    if (out.on.speak) out.voice.prime(); // a tap: speech may start again
    run.measure.recalibrate();
    part.phase.textContent = t("meter.phase.calibrating");
    say(t("meter.say.calibrate"));
  });
  view.onClose(() => {
    leaving = true;
    stopNow();
  });
  notes();
}
