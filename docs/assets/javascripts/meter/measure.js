// The meter's reading of one moment, from the motion samples that came in
// since the last one: pure (no DOM, no clock of its own), so node's test
// runner can drive it. It asks for the phone upright, waits out jolts
// ("hold still"), calibrates on both feet, then smooths the tilt against
// that calibration and says, when it has settled, "Level" or which side is
// low (lib/tilt.js).
//
//   const measure = createMeasure({ screen: "out", standing: "left" });
//   const r = measure.next(samples, Date.now(), quiet);
//   // r.kind: "none" | "turn" | "flat" | "moving" | "calibrating" | "calibrated" | "reading"
//   // r.say: what to say now ("turn", "still", or a reading's words), or null; r.tilt, r.described, r.band

import {
  Calibration, TICK, TiltAnnouncer, TiltSmoother, describeTilt, summarize,
} from "../lib/tilt.js";

const STILL_AFTER = 500; // ms of fast motion before "Hold still" is said

/**
 * @param {object} options
 * @param {"out" | "in"} options.screen  which way the screen faces
 * @param {"" | "left" | "right"} options.standing  the leg the reader stands on, if set
 */
export function createMeasure({ screen, standing }) {
  const calibration = new Calibration();
  const smoother = new TiltSmoother();
  const announcer = new TiltAnnouncer();
  /** @type {any} */
  let previous = null; // the last still reading, for the tilt's rate of change
  /** @type {any} */
  let last = null; // the last sample
  let calibrating = true;
  let offset = 0;
  let band = 0;
  let level = true;
  /** @type {number | null} */
  let movingSince = null;
  let saidStill = false;
  let saidTurn = false;
  /** @type {number | null} */
  let lastAt = null;

  return {
    get band() {
      return band;
    },
    get calibrating() {
      return calibrating;
    },
    recalibrate() {
      calibrating = true;
      calibration.restart(null);
    },
    /**
     * @param {{up: any, rotation: number | null, fromMotion: boolean}[]} samples
     * @param {number} now
     * @param {boolean} [quiet]  say no reading now (a plan's cue has the voice)
     */
    next(samples, now, quiet = false) {
      const dt = lastAt === null ? TICK : now - lastAt;
      lastAt = now;
      // Gravity from DeviceMotion when it has any; else DeviceOrientation's angles,
      // which some browsers send only when they change: a still phone reads as its last.
      const motion = samples.filter((sample) => sample.fromMotion && sample.up);
      let usable = motion.length ? motion : samples.filter((sample) => sample.up);
      if (usable.length) last = usable[usable.length - 1];
      else if (last && !last.fromMotion) usable = [last];
      if (!usable.length) return { kind: "none", say: null, dt };
      const reading = summarize(usable, screen, previous, previous ? now - previous.at : dt);
      if (reading.state !== "ok") {
        const say = saidTurn ? null : "turn";
        saidTurn = true;
        return { kind: reading.state === "flat" ? "flat" : "turn", say, raw: reading, dt };
      }
      saidTurn = false;
      if (reading.moving) {
        movingSince ??= now;
        const say = !saidStill && now - movingSince >= STILL_AFTER ? "still" : null;
        if (say) saidStill = true;
        if (calibrating) calibration.push(reading, now);
        return { kind: "moving", say, raw: reading, dt };
      }
      movingSince = null;
      saidStill = false;
      previous = { ...reading, at: now };
      if (calibrating) {
        const result = calibration.push(reading, now);
        if (!result) return { kind: "calibrating", say: null, raw: reading, dt };
        calibrating = false;
        ({ offset, band } = result);
        smoother.reset();
        smoother.push(reading.tilt - offset, now);
        level = true;
        announcer.reset();
        const described = describeTilt(0, band, standing);
        announcer.next(described, now); // "Level" is what calibrating means: not said twice
        return { kind: "calibrated", say: null, tilt: 0, described, band, raw: reading, dt };
      }
      const tilt = smoother.push(reading.tilt - offset, now);
      const described = describeTilt(tilt, band, standing, level);
      level = described.key === "level";
      // Plan cues take the voice while they last; the reading waits its turn.
      const say = quiet ? null : announcer.next(described, now);
      return { kind: "reading", tilt, described, band, level, say, raw: reading, dt };
    },
    /** The smoothed tilt (degrees, + = left low), or null before calibration. */
    get tilt() {
      return calibrating ? null : smoother.value;
    },
  };
}
