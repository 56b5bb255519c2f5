// Unit tests of the coach's geometry on made-up landmarks. Run by
// tests/test_coach.py through `node --test`.
import assert from "node:assert/strict";
import test from "node:test";
import { DEFAULTS, HipAnnouncer, HipAverage, describeHips, readHips } from "../../docs/assets/javascripts/lib/hips.js";

const FRAME = { width: 640, height: 480, mirrored: true };
const hip = (x, y, score = 0.9) => ({ x, y, score });
const near = (actual, expected, within = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= within, `${actual} is not ${expected} ± ${within}`);

test("level hips read 0°", () => {
  const r = readHips(hip(0.6, 0.5), hip(0.4, 0.5), FRAME);
  assert.equal(r.state, "ok");
  near(r.tilt, 0);
});

test("tilt is measured in pixels, not in fractions of the frame", () => {
  // 0.1 of the width across, 0.1 of the height down: 64 px by 48 px.
  const r = readHips(hip(0.6, 0.6), hip(0.5, 0.5), FRAME);
  near(r.tilt, (Math.atan2(48, 64) * 180) / Math.PI);
  assert.notEqual(Math.round(r.tilt), 45); // what fractions would say
});

test("the reader's left hip is on the camera picture's right, and lower means a positive tilt", () => {
  const leftLower = readHips(hip(0.6, 0.55), hip(0.4, 0.5), FRAME);
  assert.ok(leftLower.tilt > 0);
  const rightLower = readHips(hip(0.6, 0.5), hip(0.4, 0.55), FRAME);
  assert.ok(rightLower.tilt < 0);
  near(leftLower.tilt, -rightLower.tilt);
});

test("swapped model labels do not change the reading", () => {
  const a = readHips(hip(0.6, 0.55), hip(0.4, 0.5), FRAME);
  const b = readHips(hip(0.4, 0.5), hip(0.6, 0.55), FRAME);
  near(a.tilt, b.tilt);
});

test("in the mirror the reader's left hip shows on the screen's left", () => {
  const r = readHips(hip(0.6, 0.55), hip(0.4, 0.5), FRAME);
  near(r.screen.left.x, 640 - 0.6 * 640);
  near(r.screen.right.x, 640 - 0.4 * 640);
  assert.ok(r.screen.left.x < r.screen.right.x);
  assert.ok(r.screen.left.y > r.screen.right.y); // the lower hip stays lower
  const plain = readHips(hip(0.6, 0.55), hip(0.4, 0.5), { ...FRAME, mirrored: false });
  assert.ok(plain.screen.left.x > plain.screen.right.x);
  near(plain.tilt, r.tilt); // mirroring moves the picture, not the hips
});

test("a missing or unsure hip asks the reader to step back", () => {
  assert.equal(readHips(null, hip(0.4, 0.5), FRAME).state, "missing");
  assert.equal(readHips(hip(0.6, 0.5, 0.1), hip(0.4, 0.5), FRAME).state, "missing");
  assert.equal(describeHips({ state: "missing" }).text, "Step back until your hips are in the picture");
});

test("a confident hip outside the picture counts as cut off", () => {
  for (const outside of [hip(0.6, 1.04, 0.95), hip(0.6, 0.995, 0.95), hip(-0.01, 0.5, 0.95), hip(1.2, 0.5, 0.95)]) {
    assert.equal(readHips(outside, hip(0.4, 0.5), FRAME).state, "outside", JSON.stringify(outside));
  }
  assert.equal(readHips(hip(0.6, 0.97), hip(0.4, 0.97), FRAME).state, "ok"); // inside the margin is fine
});

test("hips too close together in pixels ask the reader to fill the frame", () => {
  const min = DEFAULTS.minHipFraction * 480; // 28.8 px on a 640 x 480 frame
  const small = readHips(hip(0.5 + (min - 1) / 640, 0.5), hip(0.5, 0.5), FRAME);
  assert.equal(small.state, "small");
  assert.equal(describeHips(small).text, "Come closer: fill the frame from head to knees");
  assert.equal(readHips(hip(0.5 + (min + 1) / 640, 0.5), hip(0.5, 0.5), FRAME).state, "ok");
});

test("the smoother averages the last frames and forgets on reset", () => {
  const s = new HipAverage(4);
  assert.equal(s.value, null);
  [10, 0, 10, 0].forEach((v) => s.push(v));
  near(s.value, 5);
  s.push(20); // the first 10 drops out: 0, 10, 0, 20
  near(s.value, 7.5);
  s.reset();
  assert.equal(s.value, null);
});

test("averaging steadies a noisy reading", () => {
  const s = new HipAverage(10);
  const noise = [3, -2, 4, -3, 2, -4, 3, -2, 1, -2];
  noise.forEach((n) => s.push(6 + n));
  near(s.value, 6, 0.5);
});

test("the gauge words the band for what it is inside the threshold, else which hip drops and by how much", () => {
  const t = DEFAULTS.levelDegrees;
  // No bare verdict: inside the band is "within 3° of level", closer than a camera can tell apart.
  const within = "Within 3° of level: closer than the camera can tell apart";
  assert.deepEqual(describeHips({ state: "ok", tilt: t - 0.1 }), { key: "level", text: within, tilt: t - 0.1 });
  assert.equal(describeHips({ state: "ok", tilt: -(t - 0.1) }).text, within);
  assert.equal(describeHips({ state: "ok", tilt: 4.4 }).text, "Your left hip looks lower, by about 4°");
  assert.equal(describeHips({ state: "ok", tilt: -8.6 }).text, "Your right hip looks lower, by about 9°");
  assert.equal(describeHips({ state: "ok", tilt: 4.4 }).key, describeHips({ state: "ok", tilt: 12 }).key);
});

test("screen readers hear a change of state, at most every few seconds", () => {
  const a = new HipAnnouncer(4000);
  const level = describeHips({ state: "ok", tilt: 0 });
  const left4 = describeHips({ state: "ok", tilt: 4 });
  const left6 = describeHips({ state: "ok", tilt: 6 });
  assert.equal(a.next(level, 0), "Within 3° of level: closer than the camera can tell apart");
  assert.equal(a.next(level, 5000), null); // no change: silence
  assert.equal(a.next(left4, 1000 + 2000), null); // too soon after the last
  assert.equal(a.next(left4, 4500), "Your left hip looks lower, by about 4°");
  assert.equal(a.next(left6, 9000), null); // same state, another degree
  a.reset();
  assert.equal(a.next(left6, 9100), "Your left hip looks lower, by about 6°");
});
