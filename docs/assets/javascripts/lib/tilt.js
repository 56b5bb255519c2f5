// The pelvis meter's geometry, pure (no DOM, no clock of its own): the
// sideways tilt of a phone worn flat on the low back, from the gravity
// vector the phone reports, relative to a calibration on both feet,
// smoothed, described in the steps' words, and turned into a pitch.
//
// Frames. Phone (W3C DeviceOrientation): x to the screen's right, y to its
// top, z out of the screen. Reader: right R, up U, back B (out of the back).
// Worn with the screen facing out and the top up, x = R and y = U; screen
// facing the back flips x; top down flips x and y. A tilt is the angle of
// "up" in the R-U plane: positive when the reader's right side is high,
// that is, when the LEFT side is low.
//
// The sign of y is normalised away: some browsers (iOS Safari) report
// accelerationIncludingGravity negated, which is the same as the phone
// turned top for bottom (a 180° turn about z), so the tilt comes out right
// either way. Only "screen out or in" must come from the reader: gravity
// cannot tell which way a vertical screen faces.

import { t } from "./i18n.js";

/**
 * @typedef {{x: number, y: number, z: number}} Vector up in the phone's frame (m/s²)
 * @typedef {object} Reading a tilt as read (frontalTilt(), summarize())
 * @property {string} state "ok", "turn" (not portrait), "flat" (lying too flat to read) or "none"
 * @property {number | null} tilt degrees, + = left side low (null unless ok or turn)
 * @property {boolean} [moving] summarize(): moved too fast to read
 * @typedef {object} Sample one sensor event (summarize())
 * @property {Vector | null} up
 * @property {number | null} [rotation] the rotation rate's magnitude, °/s
 * @property {boolean} [fromMotion] up includes gravity and motion (DeviceMotion)
 * @typedef {object} Described a relative tilt in the steps' words (describe())
 * @property {string} key "level", "low-left" or "low-right"
 * @property {string} text
 * @property {number} degrees rounded, 0 when level
 * @property {string | null} side the low side, or null when level
 */

export const G = 9.80665;
export const TICK = 100; // ms: the meter reads the sensor's latest samples this often
export const SMOOTHING = 250; // ms: time constant of the smoothing
export const CALIBRATE_FOR = 2000; // ms of stillness on both feet
export const MIN_BAND = 2; // degrees: "level" is never narrower than this
export const BAND_SDS = 3; // the noise band: this many standard deviations of the calibration readings
export const HYSTERESIS = 0.5; // degrees: leaving "low" needs this much more than entering it
export const MOVING = { accel: 1.5, rotation: 60, tiltRate: 90 }; // m/s² off gravity, °/s, °/s
const PORTRAIT_LIMIT = 40; // degrees off upright before we ask for the phone to be turned
const FLAT_LIMIT = 0.5; // share of gravity that must lie in the screen's plane

/** @type {(rad: number) => number} */
const deg = (rad) => (rad * 180) / Math.PI;
/** @type {(d: number) => number} */
const rad = (d) => (d * Math.PI) / 180;
/** @type {(v: unknown) => boolean} */
const finite = (v) => typeof v === "number" && Number.isFinite(v);

// "Up" in phone coordinates from DeviceMotion's accelerationIncludingGravity
// (at rest it points up on Android; negated on old iOS, which is handled below).
/** @param {DeviceMotionEventAcceleration | null} a @returns {Vector | null} */
export function upFromMotion(a) {
  return a && finite(a.x) && finite(a.y) && finite(a.z) ? { x: a.x, y: a.y, z: a.z } : null;
}

// "Up" in phone coordinates from DeviceOrientation's beta and gamma
// (Z-X'-Y'' angles; alpha, the compass heading, plays no part).
/** @param {number | null} beta @param {number | null} gamma @returns {Vector | null} */
export function upFromOrientation(beta, gamma) {
  if (!finite(beta) || !finite(gamma)) return null;
  const b = rad(beta);
  const c = rad(gamma);
  return { x: -Math.cos(b) * Math.sin(c) * G, y: Math.sin(b) * G, z: Math.cos(b) * Math.cos(c) * G };
}

// up -> {tilt (degrees, + = left side low), state: "ok" | "turn" (not
// portrait) | "flat" (lying too flat to read) | "none"}. screen: "out" | "in".
/** @param {Vector | null} up @param {string} [screen] @returns {Reading} */
export function frontalTilt(up, screen = "out") {
  if (!up) return { state: "none", tilt: null };
  const size = Math.hypot(up.x, up.y, up.z);
  if (!size || Math.hypot(up.x, up.y) < FLAT_LIMIT * size) return { state: "flat", tilt: null };
  const flip = Math.sign(up.y) || 1; // top up or top down, or a negated report
  const right = (screen === "in" ? -1 : 1) * flip * up.x;
  const tilt = deg(Math.atan2(right, Math.abs(up.y)));
  return Math.abs(tilt) > PORTRAIT_LIMIT ? { state: "turn", tilt } : { state: "ok", tilt };
}

// The samples a tick collected -> one reading: their mean "up", and whether
// the phone was moving too fast to read (then the meter says "hold still").
// sample: {up, rotation (°/s magnitude or null), fromMotion (true when up includes gravity and motion)}.
/**
 * @param {Sample[]} samples
 * @param {string} screen
 * @param {Reading | null} [previous] the last tick's reading
 * @param {number} [dt] ms since it
 * @returns {Reading}
 */
export function summarize(samples, screen, previous = null, dt = TICK) {
  const usable = samples.filter((s) => s.up);
  if (!usable.length) return { state: "none", tilt: null, moving: false };
  const mean = { x: 0, y: 0, z: 0 };
  let moving = false;
  for (const s of usable) {
    mean.x += s.up.x / usable.length;
    mean.y += s.up.y / usable.length;
    mean.z += s.up.z / usable.length;
    // A phone held still feels gravity only: more or less means it is being moved.
    if (s.fromMotion && Math.abs(Math.hypot(s.up.x, s.up.y, s.up.z) - G) > MOVING.accel) moving = true;
    if (finite(s.rotation) && s.rotation > MOVING.rotation) moving = true;
  }
  const reading = frontalTilt(mean, screen);
  if (reading.state === "ok" && previous && previous.state === "ok" && dt > 0) {
    if ((Math.abs(reading.tilt - previous.tilt) / dt) * 1000 > MOVING.tiltRate) moving = true;
  }
  return { ...reading, moving };
}

// Exponential smoothing over time (samples may come at any rate).
export class TiltSmoother {
  /** @param {number} [tau] ms */
  constructor(tau = SMOOTHING) {
    this.tau = tau;
    this.reset();
  }
  reset() {
    /** @type {number | null} */
    this.value = null;
    /** @type {number | null} ms */
    this.at = null;
  }
  /** @param {number} x @param {number} now @returns {number} the smoothed value */
  push(x, now) {
    if (this.value === null) this.value = x;
    else this.value += (x - this.value) * (1 - Math.exp(-Math.max(0, now - this.at) / this.tau));
    this.at = now;
    return this.value;
  }
}

// Calibration on both feet: still readings for CALIBRATE_FOR ms. Moving
// starts it again. Done: {offset (the tilt that counts as zero), band}.
export class Calibration {
  /** @param {number} [duration] ms */
  constructor(duration = CALIBRATE_FOR) {
    this.duration = duration;
    this.restart(null);
  }
  /** @param {number | null} now */
  restart(now) {
    /** @type {number | null} when the still readings began */
    this.since = now;
    /** @type {number[]} */
    this.tilts = [];
  }
  // reading: from summarize(). Returns null while calibrating, or the result.
  /**
   * @param {Reading} reading
   * @param {number} now
   * @returns {{offset: number, sd: number, band: number} | null}
   */
  push(reading, now) {
    if (reading.state !== "ok" || reading.moving) {
      this.restart(null);
      return null;
    }
    if (this.since === null) this.since = now;
    this.tilts.push(reading.tilt);
    if (now - this.since < this.duration || this.tilts.length < 3) return null;
    const n = this.tilts.length;
    const offset = this.tilts.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(this.tilts.reduce((a, b) => a + (b - offset) ** 2, 0) / (n - 1));
    return { offset, sd, band: Math.max(MIN_BAND, Math.ceil(BAND_SDS * sd * 2) / 2) };
  }
}

// The side that is low for a relative tilt (+ = left low).
/** @type {(tilt: number) => string} */
export const lowSide = (tilt) => (tilt > 0 ? "left" : "right");

// A relative tilt -> {key, text} in the steps' words. standing: "left" |
// "right" | "" (the leg the reader stands on; the lifted side is the other).
// wasLevel: the last state, for a little hysteresis at the band's edge.
/**
 * @param {number} tilt
 * @param {number} band degrees either side of 0 that count as level
 * @param {string} [standing]
 * @param {boolean} [wasLevel]
 * @returns {Described}
 */
export function describeTilt(tilt, band, standing = "", wasLevel = true) {
  const edge = wasLevel ? band : band - HYSTERESIS;
  if (Math.abs(tilt) <= edge) return { key: "level", text: t("meter.level"), degrees: 0, side: null };
  const side = lowSide(tilt);
  const degrees = Math.round(Math.abs(tilt));
  /** @type {import("./i18n.js").MessageKey} */
  let words = side === "left" ? "meter.low.left" : "meter.low.right";
  if (standing) words = side === standing ? "meter.low.standing" : "meter.low.lifted";
  return { key: `low-${side}`, text: t(words, { count: degrees }), degrees, side };
}

// What to say, when: a new state, or a size 2 degrees or more from the
// last one said (at most every `gap` ms), once it has held within a degree
// for `settle` ms, so a reading on its way, or wavering at the band's edge,
// is not said; otherwise nothing (a reading every tick would never stop).
export const SETTLE = 600;
export class TiltAnnouncer {
  /** @param {number} [gap] ms @param {number} [settle] ms */
  constructor(gap = 1500, settle = SETTLE) {
    this.gap = gap;
    this.settle = settle;
    this.reset();
  }
  reset() {
    /** @type {(Described & {at: number}) | null} what was said last, and when */
    this.last = null;
    /** @type {{key: string, degrees: number, since: number} | null} what waits to settle */
    this.pending = null;
  }
  /** @param {Described} described @param {number} now @returns {string | null} the words to say */
  next(described, now) {
    const last = this.last;
    const speak = () => {
      this.pending = null;
      this.last = { ...described, at: now };
      return described.text;
    };
    if (!last) return speak();
    if (last.key === described.key && (Math.abs(described.degrees - last.degrees) < 2 || now - last.at < this.gap)) {
      this.pending = null;
      return null;
    }
    const p = this.pending;
    if (!p || p.key !== described.key || Math.abs(p.degrees - described.degrees) > 1) {
      this.pending = { key: described.key, degrees: described.degrees, since: now };
      return null;
    }
    return now - p.since >= this.settle ? speak() : null;
  }
}

// The tone's pitch: 660 Hz when level, one semitone lower per degree the
// lifted side (or, with no side set, either side) is low, higher when the
// lifted side is high; a twelve-semitone range.
export const LEVEL_HERTZ = 660;
/** @param {number} tilt @param {number} band @param {string} [standing] @returns {number} Hz */
export function pitch(tilt, band, standing = "") {
  if (Math.abs(tilt) <= band) return LEVEL_HERTZ;
  let drop = Math.abs(tilt);
  if (standing) drop = lowSide(tilt) === standing ? -drop : drop;
  const semitones = Math.max(-12, Math.min(12, -drop));
  return Math.round(LEVEL_HERTZ * 2 ** (semitones / 12) * 10) / 10;
}
