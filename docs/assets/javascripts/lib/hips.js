// Hip-line geometry for the camera coach (coach/): the tilt of the hip line
// from two pose landmarks, checks that the hips are really in the picture,
// frame averaging, and a calm announcer. Pure functions, no DOM, so node's
// test runner checks them (tests/js/hips.test.js).
//
// What a camera can know: pose tracking is weakest in exactly this
// side-to-side tilt, with errors of several degrees. So the words never
// give a verdict: a tilt inside the band reads "within 3° of level", not
// "level", and a larger one "looks lower, by about N°".

import { t } from "./i18n.js";

export const DEFAULTS = {
  minScore: 0.3, // model confidence below this: the hip was not found
  margin: 0.02, // landmarks this close to an edge (fraction of the frame) count as cut off
  minHipFraction: 0.06, // hips closer than this share of the frame's shorter side: too small to measure
  levelDegrees: 3, // a tilt inside this reads "within 3° of level": smaller than the camera can tell apart
};

const degrees = (radians) => (radians * 180) / Math.PI;

// Landmarks are {x, y, score} with x and y as fractions of the camera frame
// (not mirrored), as the model gives them. Returns the reader's hips in
// frame pixels and in screen pixels, and the tilt in degrees: positive when
// the reader's left hip is lower.
//
// Which hip is which comes from where they are, not from the model's
// labels (which now and then swap): facing the camera, the reader's left
// hip is on the right of the camera's picture. A mirrored view flips the
// picture, so there the reader's left hip shows on the screen's left, as in
// a real mirror. Angles use pixels: fractions of a 640 x 480 frame are not
// square, and would bend the angle.
export function readHips(hipA, hipB, frame, options = {}) {
  const o = { ...DEFAULTS, ...options };
  const { width, height } = frame;
  if (!hipA || !hipB || !(hipA.score >= o.minScore) || !(hipB.score >= o.minScore)) return { state: "missing" };
  // A confident landmark can still lie outside the picture: the model guesses where a cut-off hip would be.
  const inside = (p) => p.x >= o.margin && p.x <= 1 - o.margin && p.y >= o.margin && p.y <= 1 - o.margin;
  if (!inside(hipA) || !inside(hipB)) return { state: "outside" };
  const a = { x: hipA.x * width, y: hipA.y * height };
  const b = { x: hipB.x * width, y: hipB.y * height };
  const apart = Math.hypot(a.x - b.x, a.y - b.y);
  if (apart < o.minHipFraction * Math.min(width, height)) return { state: "small", apart };
  const [left, right] = a.x >= b.x ? [a, b] : [b, a];
  const tilt = degrees(Math.atan2(left.y - right.y, left.x - right.x));
  const toScreen = (p) => ({ x: frame.mirrored ? width - p.x : p.x, y: p.y });
  return { state: "ok", tilt, apart, left, right, screen: { left: toScreen(left), right: toScreen(right) } };
}

// Average of the last `size` tilts: one frame's landmarks wobble by a few
// degrees; the mean of a few frames does not.
export class HipAverage {
  constructor(size = 10) {
    this.size = size;
    /** @type {number[]} */
    this.values = [];
  }
  /** @param {number} value */
  push(value) {
    this.values.push(value);
    if (this.values.length > this.size) this.values.shift();
    return this.value;
  }
  /** The mean of the last few tilts, or null. */
  get value() {
    return this.values.length ? this.values.reduce((sum, v) => sum + v, 0) / this.values.length : null;
  }
  reset() {
    this.values = [];
  }
}

/** @type {Record<string, import("./i18n.js").MessageKey>} */
const GUIDANCE = { missing: "coach.stepBack", outside: "coach.stepBack", small: "coach.comeCloser" };

// What the gauge says. `key` changes only when the meaning changes, so the
// announcer speaks on a change of state, not on every degree.
export function describeHips(reading, options = {}) {
  const o = { ...DEFAULTS, ...options };
  if (reading.state !== "ok") return { key: reading.state, text: t(GUIDANCE[reading.state]), tilt: null };
  const tilt = reading.tilt;
  const shown = Math.round(Math.abs(tilt));
  if (Math.abs(tilt) < o.levelDegrees) return { key: "level", text: t("coach.withinBand", { band: o.levelDegrees }), tilt };
  // The steps' words: which side of the pelvis is low (the lifted foot's side when the hip sags).
  const side = tilt > 0 ? "left" : "right";
  return { key: side, text: t(side === "left" ? "coach.lowLeft" : "coach.lowRight", { count: shown }), tilt };
}

// Screen readers hear a state at most once every `every` ms, and only when
// it changed since the last thing they heard.
export class HipAnnouncer {
  constructor(every = 4000) {
    this.every = every;
    this.lastKey = null;
    this.lastAt = -Infinity;
  }
  next(description, now) {
    if (description.key === this.lastKey || now - this.lastAt < this.every) return null;
    this.lastKey = description.key;
    this.lastAt = now;
    return description.text;
  }
  reset() {
    this.lastKey = null;
    this.lastAt = -Infinity;
  }
}

