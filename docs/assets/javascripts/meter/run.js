// One measuring run of the pelvis meter, from Start to its end: the sensors
// read every tick (sensors.js, measure.js), the reading drawn and said,
// the optional hold timer (the shared session, lib/session.js) gated on
// level, the seconds level and the largest drop counted, and the screen kept
// on. Everything it starts lives in its own scope: ending the run (Stop, a
// finished timer, a failure, the view closing) stops all of it.

import { t } from "../lib/i18n.js";
import * as plans from "../lib/plan.js";
import { runPlan } from "../lib/session.js";
import { TICK, pitch } from "../lib/tilt.js";
import { keepScreenOn } from "../lib/wake-lock.js";
import { createMeasure } from "./measure.js";
import { listen } from "./sensors.js";

const NO_READINGS = 3000; // ms without a usable reading before we say there is no sensor
const BEEP_EVERY = 500; // ms between tilt tones
const CUE_PACE = 2500; // ms a timer's cue lasts (the meter reads no steps)
/** @type {Record<string, import("../lib/i18n.js").MessageKey>} */
const SAID = { turn: "meter.say.turn", still: "meter.say.still" };

/**
 * @typedef {object} RunResult  what the run kept, for the log
 * @property {"finished" | "stopped"} how
 * @property {number} holdsDone
 * @property {boolean} calibrated  false: it never measured (nothing to log)
 * @property {number} secondsLevel
 * @property {{degrees: number, side: string} | null} largest
 */

/**
 * @param {object} o
 * @param {import("../lib/scope.js").Scope} o.scope  the run's own scope
 * @param {Record<string, HTMLElement>} o.part  meter/view.js parts
 * @param {ReturnType<typeof import("../lib/hands-free.js").createHandsFree>} o.out
 * @param {(text: string) => void} o.say  written to the live region, and spoken if speech is on
 * @param {(detail: object) => void} o.report  each reading, for the tests and the benchmark
 * @param {any} o.plan  the hold timer, or null
 * @param {boolean} o.gate  count the hold only while level
 * @param {"" | "left" | "right"} o.standing
 * @param {"out" | "in"} o.screen
 * @param {(result: RunResult) => void} o.onend
 * @param {(message: string) => void} o.onfail  no sensor: nothing was measured
 */
export function createRun({ scope, part, out, say, report, plan, gate, standing, screen, onend, onfail }) {
  const measure = createMeasure({ screen, standing });
  const begun = Date.now();
  let usable = false;
  let secondsLevel = 0;
  /** @type {{degrees: number, side: string} | null} */
  let largest = null;
  let lastBeep = 0;
  /** @type {ReturnType<typeof runPlan> | null} */
  let session = null;
  let ended = false;
  keepScreenOn(scope);

  /** @param {any[]} samples */
  function tick(samples) {
    const now = Date.now();
    const display = session && !session.state.ended ? session.display() : null;
    const quiet = Boolean(display && (display.kind === "announce" || display.kind === "countin"));
    const r = measure.next(samples, now, quiet);
    if (r.kind === "none") {
      if (!usable && now - begun >= NO_READINGS) {
        say(t("meter.say.noReadings"));
        end(null);
        onfail(t("meter.noSensor"));
      }
      return;
    }
    usable = true;
    if (r.kind === "turn" || r.kind === "flat") {
      part.stage.dataset.state = "turn";
      part.reading.textContent = t(r.kind === "flat" ? "meter.standUpright" : "meter.turnUpright");
    } else if (r.kind === "moving" || r.kind === "calibrating") {
      part.stage.dataset.state = r.kind === "moving" ? "moving" : "calibrating";
      part.reading.textContent = t("meter.holdStill");
    } else if (r.kind === "calibrated") calibrated(r);
    else measured(r, now, display);
    report({
      phase: measure.calibrating ? "calibrate" : "measure", state: r.raw ? r.raw.state : "none",
      moving: r.kind === "moving", raw: r.raw ? r.raw.tilt : null, tilt: measure.tilt, text: part.reading.textContent, at: now,
    });
    if (r.say) say(SAID[r.say] ? t(SAID[r.say]) : r.say);
    const level = r.kind === "reading" ? r.level : r.kind === "calibrated";
    session?.gate(level || !gate);
  }

  /** @param {any} r */
  function calibrated(r) {
    part.phase.textContent = t(standing === "left" ? "meter.phase.left" : standing === "right" ? "meter.phase.right" : "meter.phase.oneLeg");
    part.band.textContent = t("meter.band", { band: r.band });
    say(t("meter.say.calibrated", { band: r.band }));
    draw(0, r.described);
    if (!plan || session) return;
    session = runPlan({
      scope: scope.child(),
      out,
      list: plans.phases(plan, [], { pace: () => CUE_PACE }),
      oncue: (phase, words) => (part.live.textContent = words),
      onchange: (d) => (part.clock.textContent = clock(d)),
      onend: ({ how }) => how === "finished" && end("finished"),
    });
  }

  /** @param {any} r @param {number} now @param {any} display */
  function measured(r, now, display) {
    draw(r.tilt, r.described);
    // With a timer, only the holds count: the sag the steps ask for before them is not a drop.
    const counting = !plan || (display && display.kind === "hold");
    if (r.level && counting) secondsLevel += r.dt / 1000;
    if (!r.level && counting && (!largest || r.described.degrees > largest.degrees)) {
      largest = { degrees: r.described.degrees, side: standing ? (r.described.side === standing ? "standing" : "lifted") : r.described.side };
    }
    if (out.on.sound && now - lastBeep >= BEEP_EVERY) {
      lastBeep = now;
      out.tones.beep(pitch(r.tilt, r.band, standing));
    }
  }

  // The reading on screen: words, a bar that tilts as the pelvis does (seen from behind), whole degrees.
  /** @param {number} tilt @param {any} described */
  function draw(tilt, described) {
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

  /** @param {"finished" | "stopped" | null} how  null: it failed, nothing to keep */
  function end(how) {
    if (ended) return;
    ended = true;
    const holdsDone = session ? session.state.holdsDone : 0;
    scope.close(); // sensors, the wake lock, the timer
    if (how === "stopped") out.silence();
    if (how) onend({ how, holdsDone, calibrated: !measure.calibrating, secondsLevel, largest });
  }

  return {
    // Listening starts once motion access is granted (at once where nothing needs asking).
    listen() {
      const sensors = listen(scope);
      scope.every(() => tick(sensors.take()), TICK);
    },
    // Stop, or the view closing: a timer not yet finished ends as stopped.
    stop() {
      end(plan && !(session && session.state.ended) ? "stopped" : "finished");
    },
    recalibrate() {
      measure.recalibrate();
    },
  };
}
