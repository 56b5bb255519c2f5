// Unit tests of the plan runner (docs/assets/javascripts/lib/plan.js): a
// pure state machine driven by timestamps. Run by tests/test_coach.py
// through `node --test`.
import assert from "node:assert/strict";
import test from "node:test";
import * as plans from "../../docs/assets/javascripts/lib/plan.js";

const STEPS = ["Shift your weight.", "Lift the other foot."];
const T0 = 1_000_000;
const PACE = () => 1000; // each cue shows for 1 s when nothing speaks it

// Drives a runner with ticks every `every` ms up to `until`; returns the effects in order.
function drive(state, until, every = 100) {
  const effects = [];
  let s = state;
  for (let now = T0; now <= until; now += every) {
    const r = plans.tick(s, now);
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

const said = (effects) =>
  effects.flatMap((e) => (e.type === "phase" ? [plans.cueWords(e.phase)] : e.type === "count" ? [String(e.n)] : []));

test("readPlan fills in nothing: holds and seconds are required, rest and sides may stay empty", () => {
  const empty = plans.readPlan({ holds: "", seconds: "", rest: "", sides: "" });
  assert.equal(empty.plan, null);
  assert.deepEqual(Object.keys(empty.errors).sort(), ["holds", "seconds"]);
  const ok = plans.readPlan({ holds: "2", seconds: "3", rest: "", sides: "both" });
  assert.deepEqual(ok.plan, { holds: 2, seconds: 3, rest: 0, sides: "both" });
  assert.ok(plans.readPlan({ holds: "1.5", seconds: "3", rest: "", sides: "" }).errors.holds);
  assert.ok(plans.readPlan({ holds: "2", seconds: "0", rest: "", sides: "" }).errors.seconds);
  assert.ok(plans.readPlan({ holds: "2", seconds: "3", rest: "-1", sides: "" }).errors.rest);
  assert.ok(plans.readPlan({ holds: "2", seconds: "3", rest: "", sides: "up" }).errors.sides);
});

test("phases: the steps lead into each side's first hold; later holds get a count-in; rest, switch, done", () => {
  const list = plans.phases({ holds: 2, seconds: 3, rest: 2, sides: "both" }, STEPS, { pace: PACE });
  const kinds = list.map((p) => p.kind + (p.side ? `:${p.side}` : ""));
  const first = (side) => [`announce:${side}`, `step:${side}`, `step:${side}`, `hold:${side}`];
  const later = (side) => [`announce:${side}`, `countin:${side}`, `hold:${side}`];
  assert.deepEqual(kinds, [
    ...first("left"), "rest:left", ...later("left"), "rest:left",
    "switch:right",
    ...first("right"), "rest:right", ...later("right"), // no rest after the last hold
    "done",
  ]);
  assert.equal(plans.holdsPlanned({ holds: 2, seconds: 3, rest: 2, sides: "both" }), 4);
  assert.equal(plans.holdsPlanned({ holds: 2, seconds: 3, rest: 0, sides: "" }), 2);
  // With no steps (the meter), every hold has a count-in.
  const bare = plans.phases({ holds: 2, seconds: 3, rest: 0, sides: "" }, [], { pace: PACE });
  assert.deepEqual(bare.map((p) => p.kind), ["announce", "countin", "hold", "announce", "countin", "hold", "done"]);
});

test("a plan without sides names no side, and no rest means none; a side is the leg stood on", () => {
  const list = plans.phases({ holds: 1, seconds: 5, rest: 0, sides: "" }, STEPS, { pace: PACE });
  assert.deepEqual(list.map((p) => p.kind), ["announce", "step", "step", "hold", "done"]);
  assert.equal(plans.cueWords(list[0]), "Hold 1 of 1.");
  assert.equal(plans.cueWords(list[1]), "Step 1 of 2. Shift your weight.");
  const left = plans.phases({ holds: 1, seconds: 5, rest: 0, sides: "left" }, STEPS, { pace: PACE });
  assert.equal(plans.cueWords(left[0]), "Hold 1 of 1, standing on your left leg.");
});

test("without speech or a reader to wait for, a run says every cue and the last three seconds, in order", () => {
  const plan = { holds: 1, seconds: 5, rest: 0, sides: "left" };
  const { state, effects: first } = plans.start(plans.phases(plan, STEPS, { pace: PACE }), T0);
  const { state: end, effects } = drive(state, T0 + 20_000);
  assert.deepEqual(said([...first, ...effects]), [
    "Hold 1 of 1, standing on your left leg.", "Step 1 of 2. Shift your weight.", "Step 2 of 2. Lift the other foot.",
    "Hold.", "3", "2", "1", "Done.",
  ]);
  assert.equal(end.ended, "finished");
  assert.equal(end.holdsDone, 1);
  // The hold began after 3 cues (3 s): the last step led into it, with no count-in; it lasted 5 s.
  const done = effects.find((e) => e.type === "end");
  assert.equal(done.at, T0 + 3000 + 5000);
});

test("when nothing speaks, a step waits for the reader; Next ends any cue at once", () => {
  const plan = { holds: 1, seconds: 5, rest: 0, sides: "" };
  const { state } = plans.start(plans.phases(plan, STEPS, { pace: PACE }), T0, { waitForReader: true });
  const onStep = plans.tick(state, T0 + 1000).state; // the announcement is timed
  assert.equal(plans.display(onStep, T0 + 1000).kind, "step");
  assert.equal(plans.display(onStep, T0 + 1000).forReader, true);
  assert.equal(plans.tick(onStep, T0 + 600_000).state.index, onStep.index, "a step does not time out");
  const next = plans.advance(onStep, T0 + 7000).state;
  assert.equal(next.index, onStep.index + 1);
  assert.equal(plans.display(next, T0 + 7000).lastStep, true);
  const holding = plans.advance(next, T0 + 9000);
  assert.equal(plans.display(holding.state, T0 + 9000).kind, "hold");
  assert.deepEqual(holding.effects.filter((e) => e.type === "phase").map((e) => e.at), [T0 + 9000]);
  // Next during a timed phase (the hold) changes nothing.
  assert.equal(plans.advance(holding.state, T0 + 10_000).state.index, holding.state.index);
});

test("a number the phase starts on is not counted: a 3 s hold says Hold, 2, 1", () => {
  const plan = { holds: 1, seconds: 3, rest: 0, sides: "" };
  const { state, effects: first } = plans.start(plans.phases(plan, [], { pace: PACE }), T0);
  const { effects } = drive(state, T0 + 10_000);
  assert.deepEqual(said([...first, ...effects]), ["Hold 1 of 1.", "3", "2", "1", "Hold.", "2", "1", "Done."]);
});

test("time comes from timestamps: one late tick lands on the right phase with the right time left", () => {
  const plan = { holds: 1, seconds: 30, rest: 0, sides: "" };
  const { state } = plans.start(plans.phases(plan, STEPS, { pace: PACE }), T0);
  // The hold starts at T0 + 3 s of cues. A tab throttled to one tick, 20 s later:
  const { state: late, effects } = plans.tick(state, T0 + 3000 + 20_000);
  const view = plans.display(late, T0 + 23_000);
  assert.equal(view.kind, "hold");
  assert.equal(view.seconds, 10);
  // It caught up through every phase in between, each starting when the last one ended.
  assert.deepEqual(effects.filter((e) => e.type === "phase").map((e) => [e.phase.kind, e.at]), [
    ["step", T0 + 1000], ["step", T0 + 2000], ["hold", T0 + 3000],
  ]);
});

test("ticks at odd moments give the same phases at the same times as ticks every 10 ms", () => {
  const plan = { holds: 2, seconds: 4, rest: 3, sides: "both" };
  const list = plans.phases(plan, STEPS, { pace: PACE });
  const times = (every) => {
    const { state } = plans.start(list, T0);
    return drive(state, T0 + 60_000, every).effects.filter((e) => e.type !== "count").map((e) => [e.type, e.at]);
  };
  assert.deepEqual(times(997), times(10));
});

test("with speech, a cue lasts until its words end plus a pause to do it", () => {
  const plan = { holds: 1, seconds: 3, rest: 0, sides: "" };
  const { state } = plans.start(plans.phases(plan, STEPS, { pace: PACE }), T0, { waitForCue: true });
  // No words ended yet: long after the reading pace, still on the first cue.
  assert.equal(plans.tick(state, T0 + 5000).state.index, 0);
  const spoken = plans.cueDone(state, 0, T0 + 700).state;
  assert.equal(plans.tick(spoken, T0 + 700 + plans.AFTER_SPEECH - 1).state.index, 0);
  assert.equal(plans.tick(spoken, T0 + 700 + plans.AFTER_SPEECH).state.index, 1);
  // A late "end" from an earlier cue does not end this one.
  const next = plans.tick(spoken, T0 + 700 + plans.AFTER_SPEECH).state;
  assert.equal(plans.cueDone(next, 0, T0 + 3000).state.cueAt, null);
  // An engine that never reports the end still moves on, after a long while.
  assert.equal(plans.tick(state, T0 + 3 * 1000 + 10_000).state.index, 1);
  // If speech stops working, cues go back to their reading pace from now.
  const quiet = plans.stopWaitingForCues(state, T0 + 400).state;
  assert.equal(plans.tick(quiet, T0 + 1399).state.index, 0);
  assert.equal(plans.tick(quiet, T0 + 1400).state.index, 1);
});

test("pause stops the clock; resume carries on a hold and says a cue again", () => {
  const plan = { holds: 1, seconds: 10, rest: 0, sides: "" };
  const { state } = plans.start(plans.phases(plan, [], { pace: PACE }), T0);
  let s = plans.tick(state, T0 + 4000 + 2000).state; // 2 s into the hold (1 s cue, 3 s count-in)
  s = plans.pause(s, T0 + 6000).state;
  assert.equal(plans.display(plans.tick(s, T0 + 60_000).state, T0 + 60_000).seconds, 8);
  const resumed = plans.resume(s, T0 + 60_000);
  assert.deepEqual(resumed.effects.map((e) => e.type), ["resumed"]);
  assert.equal(plans.display(resumed.state, T0 + 61_000).seconds, 7);
  // Paused on a cue: on resume the cue begins again, and is said again.
  const cue = plans.pause(plans.start(plans.phases(plan, ["One."], { pace: PACE }), T0).state, T0 + 500).state;
  const again = plans.resume(cue, T0 + 9000);
  assert.deepEqual(again.effects.map((e) => e.type), ["resumed", "phase"]);
  assert.equal(again.effects[1].again, true);
  assert.equal(plans.tick(again.state, T0 + 9999).state.index, 0);
  assert.equal(plans.tick(again.state, T0 + 10_000).state.index, 1);
});

test("the gate holds the hold clock (the meter's 'count only while level'), not the rest", () => {
  const plan = { holds: 1, seconds: 10, rest: 0, sides: "" };
  let s = plans.start(plans.phases(plan, [], { pace: PACE }), T0).state;
  s = plans.gate(s, false, T0 + 500).state; // closed before the hold begins
  s = plans.tick(s, T0 + 4000).state; // the cue and the count-in ran on
  assert.equal(plans.display(s, T0 + 4000).kind, "hold");
  assert.equal(plans.display(s, T0 + 9000).seconds, 10);
  assert.equal(plans.display(s, T0 + 9000).waiting, true);
  s = plans.gate(s, true, T0 + 9000).state;
  s = plans.tick(s, T0 + 12_000).state;
  assert.equal(plans.display(s, T0 + 12_000).seconds, 7);
  s = plans.gate(s, false, T0 + 12_000).state;
  s = plans.gate(s, true, T0 + 30_000).state;
  const { state: end, effects } = plans.tick(s, T0 + 37_000);
  assert.equal(end.ended, "finished");
  assert.equal(effects.find((e) => e.type === "end").at, T0 + 37_000);
});

test("stop ends the run, counting only the holds that were completed", () => {
  const plan = { holds: 2, seconds: 2, rest: 0, sides: "" };
  const { state } = plans.start(plans.phases(plan, [], { pace: PACE }), T0);
  const mid = plans.tick(state, T0 + 1000 + 3000 + 2000 + 1000 + 3000 + 1000).state; // 1 s into hold 2
  const { state: end, effects } = plans.stop(mid, T0 + 11_000);
  assert.equal(end.ended, "stopped");
  assert.deepEqual(effects.at(-1), { type: "end", how: "stopped", holdsDone: 1, at: T0 + 11_000 });
  assert.deepEqual(plans.tick(end, T0 + 99_000).effects, []);
});

test("tones: start of a hold, its end, switch and done", () => {
  const list = plans.phases({ holds: 1, seconds: 3, rest: 2, sides: "both" }, [], { pace: PACE });
  const tones = list.map((p, i) => plans.cueTone(p, list[i - 1])).filter(Boolean);
  assert.deepEqual(tones, ["start", "end", "switch", "start", "done"]);
  const noRest = plans.phases({ holds: 2, seconds: 3, rest: 0, sides: "" }, [], { pace: PACE });
  assert.deepEqual(noRest.map((p, i) => plans.cueTone(p, noRest[i - 1])).filter(Boolean), ["start", "end", "start", "done"]);
});

test("the display and the next thing, in a few words", () => {
  const plan = { holds: 2, seconds: 3, rest: 2, sides: "left" };
  const { state } = plans.start(plans.phases(plan, STEPS, { pace: PACE }), T0);
  const view = plans.display(state, T0);
  assert.equal(view.text, "Hold 1 of 2, standing on your left leg.");
  assert.equal(view.next, "Step 1 of 2: Shift your weight.");
  const hold = plans.tick(state, T0 + 3000).state;
  assert.deepEqual(
    (({ kind, word, seconds, side, next }) => ({ kind, word, seconds, side, next }))(plans.display(hold, T0 + 3000)),
    { kind: "hold", word: "Hold", seconds: 3, side: "left", next: "Rest" },
  );
  assert.equal(plans.describePlan(plan), "2 holds × 3 s, rest 2 s, standing on your left leg");
  assert.equal(plans.describePlan({ ...plan, sides: "both" }), "2 holds per leg × 3 s, rest 2 s, standing on your left leg, then your right");
  assert.equal(plans.describePlan({ holds: 1, seconds: 20, rest: 0, sides: "" }), "1 hold × 20 s, no rest");
});

test("reading pauses grow with the text (pacing, not an exercise time)", () => {
  assert.ok(plans.readingPause("A much longer step with several more words in it.") > plans.readingPause("Short."));
});
