// A plan the reader sets, run as a pure state machine: no DOM, no timers, no
// clock of its own. The caller passes timestamps in (Date.now() in the
// page; anything in the unit tests) and gets the new state and a list of
// effects back (a phase began, a number to count, the session ended), which
// it turns into words, sounds and pixels. Time is always measured from
// timestamps, never by counting ticks, so a throttled background tab that
// ticks once a minute still lands on the right phase with the right time.
//
// The site prescribes nothing: every number comes from the reader
// (readPlan() has no defaults). COUNT_IN and the reading pauses are pacing
// for the view (time to read or hear a step), never an exercise time.
//
// A plan runs, per side: an announcement ("Hold 1 of 5, standing on your
// left leg"), each step of the sequence in turn, and the hold, into which
// the last step leads; then each later hold of that side gets only its
// announcement and a count-in ("3, 2, 1") before it. A hold's last seconds
// are counted; the rest follows if the reader set one; "Switch sides"
// between the sides; "Done" at the end.
//
// A step lasts until its words have been spoken and a pause to do it
// (waitForCue), or, when nothing speaks, until the reader moves on
// (advance()): a step's words take as long to read as they take.
//
// The hold clock can be gated: while the gate is closed (gate(state, false,
// now)) a hold does not count down. Workout mode never closes it; the pelvis
// meter can, to count a hold only while the pelvis is level.
//
//   const list = phases(plan, steps);
//   let {state, effects} = start(list, Date.now(), {waitForCue: true});
//   ({state, effects} = tick(state, Date.now()));        // as often as you like
//   ({state, effects} = cueDone(state, state.index, now)); // the words of a cue phase were spoken
//   ({state, effects} = advance(state, now));             // the reader moved on from a cue
//   pause / resume / gate / stop (state, ..., now)
//   display(state, now) -> what to show

import { t } from "./i18n.js";

// The shapes below are checked by `make lint` (TypeScript reads the JSDoc).
// Kinds and sides are plain strings: an object literal in a caller's
// JavaScript would not keep a narrower type.
/**
 * @typedef {object} Plan what the reader set (readPlan())
 * @property {number} holds holds per side
 * @property {number} seconds seconds per hold
 * @property {number} rest seconds of rest between holds (0: none)
 * @property {string} sides "", "left", "right" or "both" (SIDES)
 *
 * @typedef {object} Phase one part of a run (phases())
 * @property {string} kind announce, step, switch, countin, hold, rest or done
 * @property {number} [ms] how long it lasts; a cue phase: when nothing speaks it
 * @property {number} [hold] the hold it belongs to (from 1) ...
 * @property {number} [holds] ... of this many per side
 * @property {string | null} [side] "left", "right" or null (no side)
 * @property {number} [step] a step phase: the step (from 1) ...
 * @property {number} [steps] ... of this many ...
 * @property {string} [text] ... and its words
 * @property {boolean} [gated] a hold: its clock stops while the gate is closed
 *
 * @typedef {object} RunState the runner's state, never changed, only replaced
 * @property {Phase[]} list
 * @property {number} index the current phase
 * @property {boolean} waitForCue
 * @property {boolean} [waitForReader]
 * @property {boolean} paused
 * @property {boolean} gate
 * @property {number} holdsDone
 * @property {string | null} ended "finished" or "stopped"
 * @property {number} startedAt
 * @property {number | null} [since] when the phase's clock last started counting (null: stopped)
 * @property {number} [counted] ms counted before `since`
 * @property {number | null} [cueAt] when a cue phase's words ended
 * @property {number | null} [advancedAt] when the reader moved on from a cue phase
 * @property {number} [said] the lowest number counted so far in this phase
 *
 * @typedef {object} Effect what the caller turns into words, sounds and pixels
 * @property {string} type phase, count, end, paused, resumed or gate
 * @property {number} at when it happened
 * @property {Phase} [phase] phase, count: the phase
 * @property {number} [index] phase: its index in the list
 * @property {Phase | null} [previous] phase: the one before (null when it starts again)
 * @property {boolean} [again] phase: a cue phase starting again on resume
 * @property {number} [n] count: the number
 * @property {string} [how] end: "finished" or "stopped"
 * @property {number} [holdsDone] end
 * @property {boolean} [open] gate
 *
 * @typedef {{state: RunState, effects: Effect[]}} Step what each runner function returns
 */

export const COUNT_IN = 3; // seconds of "get ready" before each hold (pacing, not an exercise time)
export const COUNTED = 3; // the last seconds of a hold, spoken or ticked
export const AFTER_SPEECH = 2000; // ms after a step's words end, to do it, before the next one
/** @type {Record<"holds" | "seconds" | "rest", [number, number]>} */
export const LIMITS = { holds: [1, 99], seconds: [1, 3600], rest: [0, 3600] };
/** @type {Record<string, string[]>} */
export const SIDES = { "": [], left: ["left"], right: ["right"], both: ["left", "right"] };
const CUE = new Set(["announce", "step", "switch"]);
const TIMED = new Set(["countin", "hold", "rest"]);

// Time to read a short cue on screen ("Switch sides."), when nothing speaks
// it: UI pacing scaled to the text's length (about 12 characters a second).
/** @param {string} text @returns {number} ms */
export function readingPause(text) {
  return Math.round(2000 + 80 * String(text).length);
}

/** @type {Record<"holds" | "seconds" | "rest", {required: boolean}>} */
const FIELDS = { holds: { required: true }, seconds: { required: true }, rest: { required: false } };
/** @type {Record<string, [import("./i18n.js").MessageKey, import("./i18n.js").MessageKey]>} */
const FIELD_ERRORS = {
  holds: ["plan.error.holdsEmpty", "plan.error.holds"],
  seconds: ["plan.error.secondsEmpty", "plan.error.seconds"],
  rest: ["plan.error.rest", "plan.error.rest"],
};

// The form's raw values -> {plan, errors}. Nothing is filled in for the
// reader: an empty required field is an error, an empty rest is no rest.
/**
 * @param {Partial<Record<keyof Plan, string | number>>} input
 * @returns {{plan: Plan | null, errors: Partial<Record<keyof Plan, string>>}}
 */
export function readPlan(input) {
  const plan = /** @type {Plan} */ ({}); // filled in below, or not returned
  const errors = {};
  for (const [key, { required }] of Object.entries(FIELDS)) {
    const raw = String(input[key] ?? "").trim();
    const [min, max] = LIMITS[key];
    const [empty, wrong] = FIELD_ERRORS[key];
    if (raw === "") {
      if (required) errors[key] = t(empty, { min, max });
      else plan[key] = 0;
      continue;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) errors[key] = t(wrong, { min, max });
    else plan[key] = value;
  }
  const sides = String(input.sides ?? "");
  if (!(sides in SIDES)) errors.sides = t("plan.error.sides");
  else plan.sides = sides;
  return Object.keys(errors).length ? { plan: null, errors } : { plan, errors };
}

/** @type {(plan: Plan) => number} */
export const holdsPlanned = (plan) => plan.holds * Math.max(1, SIDES[plan.sides].length);

// The plan as a list of phases. steps: the step texts, in order (none for
// the meter). pace(text) -> ms: how long a cue shows when nothing speaks it.
// The steps lead into a side's first hold; every other hold gets a count-in.
/**
 * @param {Plan} plan
 * @param {string[]} steps
 * @param {{pace?: (text: string) => number}} [options]
 * @returns {Phase[]}
 */
export function phases(plan, steps, { pace = readingPause } = {}) {
  const list = [];
  const sides = SIDES[plan.sides].length ? SIDES[plan.sides] : [null];
  const total = holdsPlanned(plan);
  let count = 0;
  const cue = (phase) => list.push({ ...phase, ms: pace(cueWords(phase)) });
  sides.forEach((side, s) => {
    if (s > 0) cue({ kind: "switch", side });
    for (let hold = 1; hold <= plan.holds; hold++) {
      const where = { hold, holds: plan.holds, side };
      cue({ kind: "announce", ...where });
      if (hold === 1 && steps.length) {
        steps.forEach((text, i) => cue({ kind: "step", step: i + 1, steps: steps.length, text, ...where }));
      } else list.push({ kind: "countin", ms: COUNT_IN * 1000, ...where });
      list.push({ kind: "hold", ms: plan.seconds * 1000, gated: true, ...where });
      count += 1;
      if (plan.rest && count < total) list.push({ kind: "rest", ms: plan.rest * 1000, ...where });
    }
  });
  list.push({ kind: "done" });
  return list;
}

// What is said as a phase begins (and shown while a cue phase lasts). A
// side is the leg the reader stands on, and is said so.
/** @param {Phase} phase @returns {string} */
export function cueWords(phase) {
  switch (phase.kind) {
    case "announce":
      return t(phase.side === "left" ? "plan.announce.left" : phase.side === "right" ? "plan.announce.right" : "plan.announce", phase);
    case "step":
      return t("plan.step", phase);
    case "switch":
      return t("plan.switch");
    case "countin":
      return t("plan.number", { n: COUNT_IN });
    case "hold":
      return t("plan.hold");
    case "rest":
      return t("plan.rest");
    case "done":
      return t("plan.done");
    default:
      return "";
  }
}

// The sound as a phase begins: start of a hold, end of a hold, switch, done.
/**
 * @param {Phase} phase
 * @param {Phase | null} [previous]
 * @returns {string | null} a tone's name (lib/tones.js)
 */
export function cueTone(phase, previous) {
  if (phase.kind === "hold") return "start";
  if (phase.kind === "switch") return "switch";
  if (phase.kind === "done") return "done";
  if (phase.kind === "rest" || (previous && previous.kind === "hold")) return "end";
  return null;
}

/* The runner */

// start(list, now, {waitForCue, waitForReader}): with waitForCue a cue
// phase lasts until its words have been spoken (cueDone) plus AFTER_SPEECH;
// without, its own ms, except that with waitForReader a step lasts until
// the reader moves on (advance). advance() ends any cue phase at once.
/**
 * @param {Phase[]} list
 * @param {number} now
 * @param {{waitForCue?: boolean, waitForReader?: boolean}} [options]
 * @returns {Step}
 */
export function start(list, now, { waitForCue = false, waitForReader = false } = {}) {
  const state = {
    list, index: -1, waitForCue, waitForReader, paused: false, gate: true, holdsDone: 0, ended: null, startedAt: now,
  };
  const effects = [];
  return { state: enter(state, 0, now, effects), effects };
}

/** @type {(state: RunState) => Phase} */
const phaseOf = (state) => state.list[state.index];
/** @type {(state: RunState) => boolean} */
const counting = (state) => !state.paused && !state.ended && (phaseOf(state).kind !== "hold" || state.gate);

/**
 * @param {RunState} state
 * @param {number} index
 * @param {number} now
 * @param {Effect[]} effects
 * @returns {RunState}
 */
function enter(state, index, now, effects, again = false) {
  const phase = state.list[index];
  const next = {
    ...state,
    index,
    since: now, // when the phase's clock last started counting (null: stopped)
    counted: 0, // ms counted before `since`
    cueAt: null, // when a cue phase's words ended
    advancedAt: null, // when the reader moved on from a cue phase
    said: COUNTED + 1, // the lowest number counted so far in this phase
  };
  if (!counting(next)) next.since = null;
  effects.push({ type: "phase", phase, index, previous: again ? null : state.list[index - 1] || null, at: now, again });
  if (phase.kind === "done") {
    next.ended = "finished";
    effects.push({ type: "end", how: "finished", holdsDone: next.holdsDone, at: now });
  }
  if (phase.kind === "countin") next.said = COUNT_IN; // its first number is its cue
  return next;
}

// ms the current timed phase has counted by `now`.
/** @param {RunState} state @param {number} now */
function elapsed(state, now) {
  return state.counted + (state.since === null ? 0 : now - state.since);
}

// When the current phase ends, as a timestamp; Infinity while it cannot.
/** @param {RunState} state @returns {number} */
function endsAt(state) {
  const phase = phaseOf(state);
  if (state.ended || state.paused) return Infinity;
  if (TIMED.has(phase.kind)) return state.since === null ? Infinity : state.since + phase.ms - state.counted;
  if (CUE.has(phase.kind)) {
    if (state.advancedAt !== null) return state.advancedAt;
    if (!state.waitForCue) return phase.kind === "step" && state.waitForReader ? Infinity : state.since + phase.ms;
    // Waiting for the words; if an engine never reports their end, move on after a long while.
    return state.cueAt === null ? state.since + 3 * phase.ms + 10000 : state.cueAt + AFTER_SPEECH;
  }
  return Infinity;
}

// The numbers due in the current hold or count-in by `until`.
/** @param {RunState} state @param {number} until @param {Effect[]} effects @returns {RunState} */
function count(state, until, effects) {
  const phase = phaseOf(state);
  if (phase.kind !== "hold" && phase.kind !== "countin") return state;
  let said = state.said;
  const left = phase.ms - elapsed(state, until);
  // A number is due when `left` reaches n seconds; never the one a phase starts on.
  for (let n = said - 1; n >= 1 && left <= n * 1000; n--) {
    said = n;
    if (n * 1000 >= phase.ms) continue;
    effects.push({ type: "count", n, phase, at: Math.min(until, until - (n * 1000 - left)) });
  }
  return said === state.said ? state : { ...state, said };
}

/** @param {RunState} state @param {number} now @returns {Step} */
export function tick(state, now) {
  const effects = [];
  let s = state;
  // Catch up through every phase that ended by `now`, each starting when the last one ended.
  for (let guard = 0; guard < s.list.length + 1 && !s.ended; guard++) {
    const end = endsAt(s);
    if (end > now) break;
    s = count(s, end, effects);
    if (phaseOf(s).kind === "hold") s = { ...s, holdsDone: s.holdsDone + 1 };
    s = enter(s, s.index + 1, end, effects);
  }
  if (!s.ended) s = count(s, now, effects);
  return { state: s, effects };
}

// The words of cue phase `index` have been spoken (or failed): it ends AFTER_SPEECH later.
/** @param {RunState} state @param {number} index @param {number} now @returns {Step} */
export function cueDone(state, index, now) {
  if (state.ended || state.paused || index !== state.index || !CUE.has(phaseOf(state).kind) || state.cueAt !== null) {
    return tick(state, now);
  }
  return tick({ ...state, cueAt: now }, now);
}

// The reader moved on (Next): the cue phase showing ends now.
/** @param {RunState} state @param {number} now @returns {Step} */
export function advance(state, now) {
  if (state.ended || state.paused || !CUE.has(phaseOf(state).kind)) return tick(state, now);
  return tick({ ...state, advancedAt: now }, now);
}

// Speech stopped working mid-run: short cues go back to their reading pace,
// and steps wait for the reader, from now.
/** @param {RunState} state @param {number} now @returns {Step} */
export function stopWaitingForCues(state, now) {
  const since = CUE.has(phaseOf(state).kind) ? now : state.since;
  return tick({ ...state, waitForCue: false, waitForReader: true, since }, now);
}

/** @param {RunState} state @param {number} now @returns {RunState} */
function fold(state, now) {
  return state.since === null ? state : { ...state, counted: elapsed(state, now), since: null };
}

/** @param {RunState} state @param {number} now @returns {Step} */
export function pause(state, now) {
  const first = tick(state, now);
  if (first.state.ended || first.state.paused) return first;
  const s = { ...fold(first.state, now), paused: true };
  return { state: s, effects: [...first.effects, { type: "paused", at: now }] };
}

// A cue phase starts again on resume (its words are said again); a timed one carries on.
/** @param {RunState} state @param {number} now @returns {Step} */
export function resume(state, now) {
  if (!state.paused || state.ended) return { state, effects: [] };
  const effects = [{ type: "resumed", at: now }];
  let s = { ...state, paused: false };
  if (CUE.has(phaseOf(s).kind)) s = enter(s, s.index, now, effects, true);
  else if (counting(s)) s = { ...s, since: now };
  return { state: s, effects };
}

// Open or close the hold clock's gate (the meter: "count only while level").
/** @param {RunState} state @param {boolean} open @param {number} now @returns {Step} */
export function gate(state, open, now) {
  const first = tick(state, now);
  let s = first.state;
  if (s.ended || s.gate === open) return first;
  const effects = [...first.effects, { type: "gate", open, at: now }];
  if (!TIMED.has(phaseOf(s).kind)) return { state: { ...s, gate: open }, effects };
  s = { ...fold(s, now), gate: open };
  if (counting(s)) s = { ...s, since: now };
  return { state: s, effects };
}

/** @param {RunState} state @param {number} now @returns {Step} */
export function stop(state, now) {
  const first = tick(state, now);
  if (first.state.ended) return first;
  const s = { ...fold(first.state, now), ended: "stopped" };
  return { state: s, effects: [...first.effects, { type: "end", how: "stopped", holdsDone: s.holdsDone, at: now }] };
}

/** @type {Record<string, import("./i18n.js").MessageKey>} */
const WORDS = { countin: "plan.word.countin", hold: "plan.word.hold", rest: "plan.word.rest" };

// What the next phase is, in a few words, for the small print.
/** @param {Phase[]} list @param {number} index @returns {string} */
export function nextWords(list, index) {
  const next = list[index + 1];
  if (!next) return "";
  switch (next.kind) {
    case "step":
      return t("plan.next.step", next);
    case "announce":
      return cueWords(next);
    case "switch":
      return cueWords(next);
    case "countin":
      return t("plan.next.countin");
    case "hold":
      return t("plan.next.hold");
    case "rest":
      return t("plan.next.rest");
    case "done":
      return t("plan.next.done");
    default:
      return "";
  }
}

// What the view shows at `now`.
/** @param {RunState} state @param {number} now */
export function display(state, now) {
  const phase = phaseOf(state);
  const timed = TIMED.has(phase.kind);
  const left = timed ? Math.max(0, phase.ms - elapsed(state, Math.min(now, endsAt(state)))) : null;
  return {
    kind: phase.kind,
    word: WORDS[phase.kind] ? t(WORDS[phase.kind]) : "",
    seconds: left === null ? null : Math.ceil(left / 1000),
    hold: phase.hold ?? null,
    holds: phase.holds ?? null,
    side: phase.side ?? null,
    text: phase.kind === "step" ? phase.text : CUE.has(phase.kind) ? cueWords(phase) : "",
    step: phase.step ?? null,
    steps: phase.steps ?? null,
    next: nextWords(state.list, state.index),
    paused: state.paused,
    waiting: phase.kind === "hold" && !state.gate,
    // A cue phase ends when the reader moves on, not by itself.
    forReader: phase.kind === "step" && !state.waitForCue && state.waitForReader && !state.paused,
    lastStep: phase.kind === "step" && phase.step === phase.steps,
    ended: state.ended,
    holdsDone: state.holdsDone,
  };
}

/** @type {Record<string, import("./i18n.js").MessageKey>} */
const SIDE_WORDS = { left: "plan.describe.left", right: "plan.describe.right", both: "plan.describe.both" };

// "2 holds per leg × 30 s, rest 10 s, standing on your left leg, then your right": a plan in a line.
/** @param {Plan} plan @returns {string} */
export function describePlan(plan) {
  const holds = t(SIDES[plan.sides].length > 1 ? "plan.describe.holdsPerSide" : "plan.describe.holds", {
    count: plan.holds, seconds: plan.seconds,
  });
  const rest = plan.rest ? t("plan.describe.rest", { seconds: plan.rest }) : t("plan.describe.noRest");
  const sides = plan.sides ? t(SIDE_WORDS[plan.sides]) : "";
  return [holds, rest, sides].filter(Boolean).join(", ");
}
