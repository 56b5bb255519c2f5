// Unit tests of the pelvis meter's geometry (lib/tilt.js) on made-up
// sensor readings. Run by tests/test_coach.py through `node --test`.
import assert from "node:assert/strict";
import test from "node:test";
import {
  Calibration, G, LEVEL_HERTZ, MIN_BAND, TiltAnnouncer, TiltSmoother, describeTilt, frontalTilt, pitch, summarize,
  upFromMotion, upFromOrientation,
} from "../../docs/assets/javascripts/lib/tilt.js";

const near = (actual, expected, within = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= within, `${actual} is not ${expected} ± ${within}`);
const rad = (d) => (d * Math.PI) / 180;

// "Up" as a phone worn on the back reports it when the reader's left side is
// low by `drop` degrees (their right side high): in the reader's frame up is
// (sin drop, cos drop) along (right, up), with the lower back leaning `lean`.
function worn(drop, { screen = "out", top = "up", lean = 0, negated = false } = {}) {
  const right = Math.sin(rad(drop)) * Math.cos(rad(lean)) * G;
  const up = Math.cos(rad(drop)) * Math.cos(rad(lean)) * G;
  const back = Math.sin(rad(lean)) * G;
  // Phone axes in the reader's frame: x = ±R, y = ±U, z = ±B (x × y = z).
  const sx = (screen === "out" ? 1 : -1) * (top === "up" ? 1 : -1);
  const sy = top === "up" ? 1 : -1;
  const sz = screen === "out" ? 1 : -1;
  const k = negated ? -1 : 1;
  return { x: k * sx * right, y: k * sy * up, z: k * sz * back };
}

test("a level pelvis reads 0° in every way of wearing the phone", () => {
  for (const screen of ["out", "in"]) {
    for (const top of ["up", "down"]) {
      const r = frontalTilt(worn(0, { screen, top, lean: 15 }), screen);
      assert.equal(r.state, "ok");
      near(r.tilt, 0, 1e-9);
    }
  }
});

test("the left side low reads positive, the right side low negative, whichever way the phone is worn", () => {
  for (const screen of ["out", "in"]) {
    for (const top of ["up", "down"]) {
      for (const negated of [false, true]) {
        near(frontalTilt(upFromMotion(worn(6, { screen, top, negated })), screen).tilt, 6, 1e-9);
        near(frontalTilt(upFromMotion(worn(-6, { screen, top, negated })), screen).tilt, -6, 1e-9);
      }
    }
  }
});

test("choosing the wrong screen side swaps the sides: the reader must say which way it faces", () => {
  near(frontalTilt(worn(5, { screen: "in" }), "out").tilt, -5, 1e-9);
});

test("a lean forward or back of the low back does not change the sideways tilt", () => {
  near(frontalTilt(worn(4, { lean: 25 }), "out").tilt, 4, 1e-9);
});

test("DeviceOrientation's beta and gamma give the same up as gravity", () => {
  // Upright, screen out: beta 90. Rolled about the screen's normal, beta and gamma mix (gimbal lock near 90).
  const up = upFromOrientation(90, 0);
  near(up.x, 0, 1e-9);
  near(up.y, G, 1e-9);
  near(up.z, 0, 1e-9);
  // A phone tipped 30° back from upright and turned 10° about its long axis.
  const b = 60;
  const g = 10;
  const o = upFromOrientation(b, g);
  near(Math.hypot(o.x, o.y, o.z), G, 1e-9);
  near(o.y, Math.sin(rad(b)) * G, 1e-9);
  assert.ok(o.x < 0, "gamma positive tips the right edge down, so up leans to the phone's left");
  assert.equal(upFromOrientation(null, 3), null);
  assert.equal(upFromMotion({ x: null, y: null, z: null }), null);
});

test("a phone on its side or lying flat is not read", () => {
  assert.equal(frontalTilt({ x: G, y: 0.5, z: 0 }, "out").state, "turn");
  assert.equal(frontalTilt({ x: 0.2, y: 0.5, z: G }, "out").state, "flat");
  assert.equal(frontalTilt(null, "out").state, "none");
});

test("a tick's samples are averaged, and fast motion is flagged rather than read", () => {
  const still = [worn(2), worn(4)].map((up) => ({ up, fromMotion: true }));
  const r = summarize(still, "out");
  assert.equal(r.moving, false);
  near(r.tilt, 3, 0.05);
  // Jolted: the phone feels much more than gravity.
  const jolt = { up: { x: 0, y: 13, z: 0 }, fromMotion: true };
  assert.equal(summarize([...still, jolt], "out").moving, true);
  // Turning fast (a gyroscope reading in degrees a second).
  assert.equal(summarize([{ up: worn(0), fromMotion: true, rotation: 120 }], "out").moving, true);
  // Orientation only: the tilt changing faster than a pelvis does.
  const before = { state: "ok", tilt: 0 };
  assert.equal(summarize([{ up: upFromOrientation(90, 0) }], "out", before).moving, false);
  assert.equal(summarize([{ up: worn(15) }], "out", before, 100).moving, true);
  assert.equal(summarize([], "out").state, "none");
});

test("smoothing follows a step with its time constant, whatever the sample rate", () => {
  const s = new TiltSmoother(400);
  s.push(0, 0);
  near(s.push(10, 400), 10 * (1 - Math.exp(-1)), 1e-9); // one time constant: 63%
  const fast = new TiltSmoother(400);
  fast.push(0, 0);
  let v = 0;
  for (let t = 100; t <= 400; t += 100) v = fast.push(10, t);
  near(v, 10 * (1 - Math.exp(-1)), 1e-9);
});

test("calibration needs two still seconds, restarts on motion, and sets the offset and the noise band", () => {
  const c = new Calibration(2000);
  const reading = (tilt, moving = false) => ({ state: "ok", tilt, moving });
  assert.equal(c.push(reading(3), 0), null);
  assert.equal(c.push(reading(3, true), 100), null); // moved: start again
  let result = null;
  const tilts = [2.8, 3.2, 3.0, 2.9, 3.1];
  for (let i = 0; !result && i < 100; i++) result = c.push(reading(tilts[i % tilts.length]), 200 + i * 100);
  near(result.offset, 3, 0.05);
  assert.equal(result.band, MIN_BAND); // a quiet phone: the band's floor
  const noisy = new Calibration(1000);
  let wide = null;
  for (let i = 0; !wide; i++) wide = noisy.push(reading(i % 2 ? 4 : -4), i * 100);
  assert.ok(wide.band > 10, `a noisy phone widens the band (${wide.band})`);
});

test("the words are the steps' words: the lifted side, low by so many degrees", () => {
  // Standing on the left leg: the right side is the lifted side.
  assert.deepEqual(describeTilt(-5.2, 2, "left"), { key: "low-right", text: "Low on the side of the lifted leg by 5 degrees", degrees: 5, side: "right" });
  assert.equal(describeTilt(4, 2, "left").text, "Low on the side of the standing leg by 4 degrees");
  assert.equal(describeTilt(6, 2, "right").text, "Low on the side of the lifted leg by 6 degrees");
  assert.equal(describeTilt(6, 2, "").text, "Your left side is low by 6 degrees");
  assert.equal(describeTilt(-1.4, 2, "left").text, "Level");
  // At the band's edge: entering "low" takes more than the band, leaving it a little less.
  assert.equal(describeTilt(2.2, 2, "", true).key, "low-left");
  assert.equal(describeTilt(1.8, 2, "", false).key, "low-left");
  assert.equal(describeTilt(1.4, 2, "", false).key, "level");
  assert.equal(describeTilt(2.6, 2, "").text, "Your left side is low by 3 degrees");
});

test("what is said: a new state once it has settled, a bigger drop after a pause, never the same words twice", () => {
  const a = new TiltAnnouncer(1500, 600);
  const level = describeTilt(0, 2, "left");
  const three = describeTilt(-3, 2, "left");
  const six = describeTilt(-6, 2, "left");
  const seven = describeTilt(-7, 2, "left");
  const nine = describeTilt(-9, 2, "left");
  assert.equal(a.next(level, 0), "Level");
  assert.equal(a.next(level, 100), null);
  assert.equal(a.next(three, 200), null); // on its way down: not yet
  assert.equal(a.next(level, 300), null); // back: the drop is forgotten
  assert.equal(a.next(three, 400), null);
  assert.equal(a.next(six, 700), null); // still moving: its 600 ms start again
  assert.equal(a.next(six, 1000), null);
  assert.equal(a.next(six, 1300), "Low on the side of the lifted leg by 6 degrees"); // held 600 ms: said, with its size
  assert.equal(a.next(seven, 1800), null); // one degree more: not worth a word
  assert.equal(a.next(nine, 2600), null); // too soon after the last
  assert.equal(a.next(nine, 2800), null); // bigger, and time for a word: once it holds
  assert.equal(a.next(nine, 3400), "Low on the side of the lifted leg by 9 degrees");
  assert.equal(a.next(three, 3500), null); // on its way back up, through 3: not said
  assert.equal(a.next(level, 3600), null);
  assert.equal(a.next(level, 4200), "Level");
});

test("the tone is 660 Hz when level and a semitone lower per degree the lifted side drops", () => {
  assert.equal(pitch(1, 2, "left"), LEVEL_HERTZ);
  near(pitch(-6, 2, "left"), LEVEL_HERTZ * 2 ** (-6 / 12), 0.05);
  near(pitch(6, 2, "left"), LEVEL_HERTZ * 2 ** (6 / 12), 0.05); // the standing side low: higher
  near(pitch(6, 2, ""), LEVEL_HERTZ * 2 ** (-6 / 12), 0.05); // no side set: lower for either side low
  near(pitch(-30, 2, "left"), LEVEL_HERTZ / 2, 0.05); // an octave at most
});
