// One hands-free session, the same in workout mode and the meter: a plan
// (lib/plan.js) run on the clock, each phase it enters said and played
// through the hands-free outputs (lib/hands-free.js), its last seconds
// counted, and the session's log entry at the end. What differs between
// the tools comes in as options: whether a step waits for its words
// (waitForCue) or for the reader (waitForReader), and the gate the meter
// holds shut while the pelvis is not level.
//
// When a throttled tab catches up several phases at once, only the phase
// it is in now is said, and counts that are already past are not.
//
//   const session = runPlan({ scope, out, list, waitForCue: true, onchange, onend });
//   session.pause(); session.resume(); session.advance(); session.stop();
//   session.gate(open); session.speechFailed();
//   session.display()  // what to show now (plan.display)

import * as plans from "./plan.js";

export const TICK = 250; // ms between redraws (time itself comes from Date.now())
const STALE = 1500; // ms: a count older than this is not said
const CUE_KINDS = new Set(["announce", "step", "switch"]);

/** @typedef {ReturnType<typeof plans.display>} Display */
/** @typedef {{type: "end", how: "finished" | "stopped", holdsDone: number, at: number}} End */

/**
 * @param {object} options
 * @param {import("./scope.js").Scope} options.scope  the session's own scope (a child of the view's)
 * @param {ReturnType<typeof import("./hands-free.js").createHandsFree>} options.out
 * @param {any[]} options.list  plan.phases(...)
 * @param {boolean} [options.waitForCue]  a cue lasts until its words are spoken
 * @param {boolean} [options.waitForReader]  without speech, a step lasts until the reader moves on
 * @param {(phase: any, words: string) => void} [options.oncue]  a phase began (for the live region)
 * @param {(display: Display) => void} [options.onchange]  after every change and tick
 * @param {(end: End) => void} [options.onend]
 */
export function runPlan({ scope, out, list, waitForCue = false, waitForReader = false, oncue, onchange, onend }) {
  const now = Date.now();
  let cueSerial = 0; // the words of which cue may end it (a cancelled one may not)
  const first = plans.start(list, now, { waitForCue, waitForReader });
  let state = first.state;

  /** @param {(state: any, ...rest: any[]) => {state: any, effects: any[]}} action */
  function dispatch(action, ...args) {
    if (!state || scope.isClosed()) return;
    const at = Date.now();
    const result = action(state, ...args, at);
    state = result.state;
    apply(result.effects, at);
    if (!scope.isClosed()) onchange?.(plans.display(state, at));
  }

  /** @param {any[]} effects @param {number} at */
  function apply(effects, at) {
    const entered = effects.filter((effect) => effect.type === "phase");
    const current = entered[entered.length - 1];
    const after = current ? effects.indexOf(current) : -1;
    effects.forEach((effect, i) => {
      if (effect === current) cue(effect);
      else if (effect.type === "count" && i > after && at - effect.at < STALE) out.count(effect.n);
      else if (effect.type === "end") end(effect);
    });
  }

  function cue({ phase, index, previous, again }) {
    const token = ++cueSerial;
    const words = plans.cueWords(phase);
    oncue?.(phase, words);
    if (!again) out.cue(plans.cueTone(phase, previous));
    if (phase.kind === "countin" && !out.on.speak) {
      out.count(plans.COUNT_IN); // its first number, as a tick
      return;
    }
    const waits = CUE_KINDS.has(phase.kind) && state.waitForCue;
    out.say(words, () => {
      if (waits && token === cueSerial && !state.ended) dispatch(plans.cueDone, index);
    });
  }

  /** @param {End} effect */
  function end(effect) {
    scope.close(); // the ticking and the visibility listener
    if (effect.how === "stopped") out.silence();
    onend?.(effect);
  }

  // Back from the background: up to the time at once (the timers were throttled).
  scope.on(document, "visibilitychange", () => {
    if (document.visibilityState === "visible") dispatch(plans.tick);
  });
  scope.every(() => dispatch(plans.tick), TICK);
  apply(first.effects, now); // the first words are said here, inside the tap
  if (!scope.isClosed()) onchange?.(plans.display(state, now));

  const interrupt = () => {
    cueSerial++;
    out.silence();
  };
  return {
    get state() {
      return state;
    },
    display: () => plans.display(state, Date.now()),
    pause() {
      if (state.ended || state.paused) return;
      interrupt();
      dispatch(plans.pause);
    },
    // A tap: speech may start again.
    resume() {
      if (state.ended || !state.paused) return;
      if (out.on.speak) out.voice.prime();
      dispatch(plans.resume);
    },
    advance() {
      if (state.ended) return;
      interrupt();
      dispatch(plans.advance);
    },
    stop() {
      if (state.ended) return;
      interrupt();
      dispatch(plans.stop);
    },
    /** @param {boolean} open */
    gate: (open) => dispatch(plans.gate, open),
    tick: () => dispatch(plans.tick),
    // Speech broke mid-run: the plan goes on at the reader's pace.
    speechFailed() {
      out.mute();
      if (!state.ended && state.waitForCue) dispatch(plans.stopWaitingForCues);
    },
  };
}

/**
 * A session as My log keeps it (lib/log.js documents the fields).
 * @param {object} session
 * @param {Date} session.started
 * @param {"finished" | "stopped"} session.how
 * @param {string} session.variant
 * @param {any} session.plan
 * @param {number} session.holdsDone
 * @param {number | null} [session.painBefore]
 * @param {Record<string, unknown>} [extra]  the meter's readings
 */
export function logEntry({ started, how, variant, plan, holdsDone, painBefore = null }, extra = {}) {
  return {
    date: started.toISOString(),
    ended: new Date().toISOString(),
    how,
    sequence: pageTitle(),
    page: location.pathname,
    variant,
    plan,
    holdsDone,
    holdsPlanned: plan ? plans.holdsPlanned(plan) : 0,
    painBefore,
    painAfter: null,
    ...extra,
  };
}

/** The page's title as its heading shows it. */
export function pageTitle() {
  const heading = document.querySelector(".md-content h1");
  return heading ? (heading.textContent || "").replace(/¶$/, "").trim() : document.title;
}
