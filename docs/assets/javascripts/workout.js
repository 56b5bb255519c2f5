// Workout mode: a full-screen, one-step-at-a-time view of the step list
// that is showing, with the screen kept on, and an optional plan the reader
// sets (holds per side, seconds per hold, rest, sides) that the view then
// runs hands-free: it shows and speaks each step, counts each hold in
// digits readable across the room, switches sides and logs the session on
// the phone. Loaded on the first tap of a "Start workout" button (main.js);
// the build puts that button right before its tab set (hipmd/steps.py).
//
// The parts the pelvis meter reuses live in lib/: plan.js (the pure plan
// runner), voice.js (on-device speech), tones.js (Web Audio sounds),
// log.js (the IndexedDB log).

import * as log from "./lib/log.js";
import * as plans from "./lib/plan.js";
import { showingList } from "./lib/steps.js";
import { createTones } from "./lib/tones.js";
import { fullScreenView } from "./lib/view.js";
import { VOICE_STATUS, createVoice } from "./lib/voice.js";

const SETTINGS = "hip-workout"; // localStorage: speak, sounds, vibrate, flash (the reader's choices)
const PLANS = "hip-plans"; // localStorage: the reader's plan per sequence page
const SWIPE = 40; // px sideways before a drag counts as a swipe
const FORM_CONTROL = "input, select, textarea, label, [contenteditable]";
const TICK = 250; // ms between redraws while a plan runs (time itself comes from Date.now())
const STALE = 1500; // ms: a count older than this (a throttled tab catching up) is not said
const VIBRATE = { start: [200], end: [100, 80, 100], switch: [300, 150, 300], done: [600] };
const LOG_PAGE = new URL("../../log/", import.meta.url).href; // this file is at assets/javascripts/
// Why nothing is spoken, in a line short enough for the running display (the form says more).
const RUN_NOTES = {
  loading: "Nothing is spoken: no voice on this phone works offline.",
  "no-local-voice": "Nothing is spoken: no voice on this phone works offline.",
  unsupported: "Nothing is spoken: this browser cannot speak.",
  blocked: "Speech blocked by the browser. The sounds carry on.",
  failed: "Speech stopped working. The sounds carry on.",
};

const body = (id) => `
  <div class="hip-workout__manual" data-hip="manual">
    <div class="hip-workout__step">
      <p class="hip-workout__count" data-hip="count"></p>
      <p class="hip-workout__text" data-hip="text"></p>
    </div>
    <div class="hip-workout__nav">
      <button type="button" data-hip="prev">Previous</button>
      <button type="button" data-hip="next">Next</button>
    </div>
    <div class="hip-workout__tools" data-hip="tools"></div>
    <section class="hip-workout__plan" aria-labelledby="${id}-plan">
      <h3 id="${id}-plan">Your plan <span>(optional)</span></h3>
      <p class="hip-workout__note" id="${id}-dose">This guide sets no number of holds, seconds or rest. Set your
        own, or ask a professional who has assessed you to set them. With a plan, this view reads out
        each step, times each hold and switches sides for you.</p>
      <div class="hip-workout__fields">
        <label>Holds per side <input type="number" inputmode="numeric" min="1" max="99" step="1"
          data-hip="holds" aria-describedby="${id}-dose"></label>
        <label>Seconds per hold <input type="number" inputmode="numeric" min="1" max="3600" step="1"
          data-hip="seconds"></label>
        <label>Rest between holds, seconds <input type="number" inputmode="numeric" min="0" max="3600" step="1"
          data-hip="rest"></label>
        <div><label for="${id}-side-choice">Sides</label> <select id="${id}-side-choice" data-hip="sides"
          aria-describedby="${id}-sides">
          <option value="">None (both feet)</option>
          <option value="left">Left</option>
          <option value="right">Right</option>
          <option value="both">Both: left, then right</option>
        </select></div>
      </div>
      <p class="hip-workout__note" id="${id}-sides">A side is the side you work: on one leg, the leg you stand on.</p>
      <fieldset class="hip-workout__outputs">
        <legend>Hands-free</legend>
        <label><input type="checkbox" data-hip="speak"> Speak</label>
        <label><input type="checkbox" data-hip="beep"> Sounds</label>
        <label><input type="checkbox" data-hip="vibrate"> Vibrate</label>
        <label><input type="checkbox" data-hip="flash"> Flash the screen</label>
      </fieldset>
      <p class="hip-workout__support" data-hip="support" aria-live="polite"></p>
      <div class="hip-workout__pain">
        <label>Pain before, 0 to 10 (optional) <input type="number" inputmode="numeric" min="0" max="10" step="1"
          data-hip="pain-before" aria-describedby="${id}-pain-rule"></label>
        <p id="${id}-pain-rule">A record for you, not advice. <strong>Stop if it hurts.</strong></p>
      </div>
      <div class="hip-workout__row">
        <button type="button" class="hip-workout__go" data-hip="start">Start plan</button>
        <button type="button" data-hip="clear">Clear plan</button>
      </div>
      <p class="hip-workout__message" data-hip="message" aria-live="polite"></p>
    </section>
    <p class="hip-workout__lock" data-hip="lock"></p>
  </div>
  <div class="hip-workout__run" data-hip="run" hidden>
    <p class="hip-workout__where" data-hip="where"></p>
    <p class="hip-workout__side" data-hip="side"></p>
    <div class="hip-workout__stage" data-hip="stage">
      <p class="hip-workout__word" data-hip="word"></p>
      <p class="hip-workout__digits" data-hip="digits"></p>
      <p class="hip-workout__cue" data-hip="cue"></p>
    </div>
    <p class="hip-workout__next" data-hip="next-up"></p>
    <p class="hip-workout__run-note" data-hip="run-note" hidden></p>
    <div class="hip-workout__controls">
      <button type="button" data-hip="pause">Pause</button>
      <button type="button" data-hip="stop">Stop</button>
    </div>
  </div>
  <div class="hip-workout__done" data-hip="done" hidden>
    <h3 tabindex="-1" data-hip="done-title"></h3>
    <p data-hip="done-summary"></p>
    <p data-hip="saved" aria-live="polite"></p>
    <div class="hip-workout__pain">
      <label>Pain after, 0 to 10 (optional) <input type="number" inputmode="numeric" min="0" max="10" step="1"
        data-hip="pain-after" aria-describedby="${id}-pain-after-rule"></label>
      <p id="${id}-pain-after-rule">A record for you, not advice. <strong>Stop if it hurts.</strong></p>
    </div>
    <div class="hip-workout__row">
      <button type="button" data-hip="again">Back to the steps</button>
      <a class="hip-workout__log-link" href="${LOG_PAGE}" data-hip="log-link">Open My log</a>
    </div>
  </div>
  <p class="hip-visually-hidden" aria-live="polite" data-hip="live"></p>
  <div class="hip-workout__flash" data-hip="flash-layer" aria-hidden="true"></div>`;

function load(key) {
  try {
    return JSON.parse(localStorage.getItem(key)) || {};
  } catch {
    return {};
  }
}

function save(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode: settings last for this page only.
  }
}

const settings = load(SETTINGS);
function remember(key, value) {
  settings[key] = value;
  save(SETTINGS, settings);
}

const canVibrate = typeof navigator.vibrate === "function";
const reducedMotion = () => matchMedia("(prefers-reduced-motion: reduce)").matches;

const views = new WeakMap(); // the page's start button block -> its workout view
let serial = 0;

// Opens workout mode for the tab set that follows the tapped button's block.
export function open(button) {
  const host = button.closest(".hip-tool");
  const tabSet = host && host.nextElementSibling;
  if (!tabSet || !tabSet.matches(".tabbed-set")) return;
  if (!views.has(host)) views.set(host, build(host));
  views.get(host).open(button, tabSet);
}

function build(host) {
  const view = fullScreenView("workout", body(`hip-workout-${++serial}`));
  const { dialog } = view;
  const $ = (name) => dialog.querySelector(`[data-hip="${name}"]`);
  let steps = [];
  let index = 0;
  let lock = null;
  let title = "";
  let variant = "";

  /* Steps */

  function show(i, announce = true) {
    index = Math.max(0, Math.min(steps.length - 1, i));
    $("count").textContent = `Step ${index + 1} of ${steps.length}`;
    $("text").textContent = steps[index];
    // aria-disabled, not disabled: the focused button must keep focus at either end.
    $("prev").setAttribute("aria-disabled", String(index === 0));
    $("next").setAttribute("aria-disabled", String(index === steps.length - 1));
    const step = $("text").parentElement;
    step.classList.remove("hip-workout__step--in");
    void step.offsetWidth; // restart the (motion-safe) entrance animation
    step.classList.add("hip-workout__step--in");
    if (announce) $("live").textContent = `Step ${index + 1} of ${steps.length}: ${steps[index]}`;
  }

  const stepping = () => !$("text").closest("[hidden]");
  $("prev").addEventListener("click", () => show(index - 1));
  $("next").addEventListener("click", () => show(index + 1));
  dialog.addEventListener("keydown", (event) => {
    if (event.target.matches(FORM_CONTROL) || !stepping()) return;
    if (event.key === "ArrowRight") show(index + 1);
    else if (event.key === "ArrowLeft") show(index - 1);
    else return;
    event.preventDefault();
  });

  // Swipe anywhere on the view (left: next, right: previous), except on a
  // form control, where a sideways drag means something else. A swipe that
  // ends on a button must not also press it.
  let start = null;
  let swiped = false; // the click that may follow a swipe's pointerup is not a press
  dialog.addEventListener("pointerdown", (event) => {
    swiped = false;
    start = event.isPrimary && !event.target.closest(FORM_CONTROL) ? { x: event.clientX, y: event.clientY } : null;
  });
  dialog.addEventListener("keydown", () => {
    swiped = false;
  }, true);
  dialog.addEventListener("pointerup", (event) => {
    if (!start) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    start = null;
    if (Math.abs(dx) > SWIPE && Math.abs(dx) > Math.abs(dy) && stepping()) {
      swiped = true;
      show(index + (dx < 0 ? 1 : -1));
    }
  });
  dialog.addEventListener("pointercancel", () => {
    start = null;
  });
  dialog.addEventListener("click", (event) => {
    if (!swiped) return;
    swiped = false;
    event.stopPropagation();
    event.preventDefault();
  }, true);

  /* The page's other tools (the coach...): the same buttons, so main.js opens them */

  function offerTools() {
    const tools = document.querySelectorAll(".md-content [data-hip-tool]:not([data-hip-tool='workout']) [data-hip-open]");
    $("tools").replaceChildren(...[...tools].map((tool) => {
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.hipOpen = tool.dataset.hipOpen;
      b.textContent = tool.textContent;
      return b;
    }));
  }

  /* Screen Wake Lock */

  function lockStatus(text, on) {
    $("lock").textContent = text;
    $("lock").classList.toggle("hip-workout__lock--on", on);
  }

  async function keepAwake() {
    if (!("wakeLock" in navigator)) {
      lockStatus("This browser cannot keep the screen on. Tap the screen now and then so it does not go dark.", false);
      return;
    }
    if (lock && !lock.released) return;
    try {
      lock = await navigator.wakeLock.request("screen");
      lockStatus("Screen stays on while this view is open.", true);
      lock.addEventListener("release", () => {
        if (dialog.open) lockStatus("Screen may turn off (it comes back on when you return).", false);
      });
    } catch {
      lockStatus("The screen could not be kept on (battery saver may block it).", false);
    }
  }

  // The browser drops the lock when the page is hidden: ask again on return,
  // and bring a running plan up to the time at once.
  view.whileOpen(document, "visibilitychange", () => {
    if (document.visibilityState !== "visible") return;
    keepAwake();
    if (run && !run.ended) dispatch(plans.tick);
  });

  /* The plan form: every field starts empty; the reader's own values are kept per sequence */

  const FIELDS = ["holds", "seconds", "rest", "sides"];
  const planKey = () => location.pathname;
  const voice = createVoice({ lang: document.documentElement.lang || "en", onproblem: speechProblem });
  const tones = createTones();

  function fillPlan() {
    const saved = load(PLANS)[planKey()] || {};
    for (const name of FIELDS) $(name).value = saved[name] ?? "";
    for (const name of FIELDS) $(name).removeAttribute("aria-invalid");
    $("pain-before").value = "";
    $("message").textContent = "";
  }

  function savePlan(values) {
    const all = load(PLANS);
    if (values) all[planKey()] = values;
    else delete all[planKey()];
    save(PLANS, all);
  }

  for (const name of ["speak", "beep", "vibrate", "flash"]) {
    $(name).checked = Boolean(settings[name]);
    $(name).addEventListener("change", () => {
      remember(name, $(name).checked);
      if (name === "speak") voice.refresh();
      supportNotes();
    });
  }
  if (!canVibrate) $("vibrate").disabled = true;
  if (typeof speechSynthesis !== "undefined" && speechSynthesis && speechSynthesis.addEventListener) {
    view.whileOpen(speechSynthesis, "voiceschanged", () => {
      voice.refresh();
      supportNotes();
    });
  }

  // What this phone cannot do, in plain words, next to the choices. Voices
  // get a few seconds to arrive before "looking" becomes "none".
  let settling = null;
  function supportNotes() {
    if ($("speak").checked && voice.status === "loading" && !settling) {
      settling = setTimeout(() => {
        voice.settle();
        supportNotes();
      }, 3000);
    }
    const notes = [];
    if ($("speak").checked && voice.status !== "ready") notes.push(VOICE_STATUS[voice.status]);
    if ($("beep").checked && !tones.supported) notes.push("This browser cannot play sounds.");
    if (!canVibrate) notes.push("This browser cannot vibrate the phone.");
    if ($("flash").checked && reducedMotion()) {
      notes.push("Your phone asks for less motion, so the screen shows a still frame instead of a flash.");
    }
    if (!log.available()) notes.push("This browser cannot keep a log (private browsing can block it). The plan still runs.");
    $("support").textContent = notes.join(" ");
  }

  function readPain(input) {
    const raw = input.value.trim();
    if (raw === "") return { value: null };
    const value = Number(raw);
    return Number.isInteger(value) && value >= 0 && value <= 10 ? { value } : { error: "A pain rating is a whole number from 0 to 10, or leave it empty." };
  }

  $("clear").addEventListener("click", () => {
    savePlan(null);
    fillPlan();
    $("message").textContent = "Plan cleared.";
    $("holds").focus();
  });

  /* Running a plan */

  let run = null; // the plan runner's state (lib/plan.js)
  let session = null; // what this run logs
  let ticking = null;
  let cueSerial = 0; // the words of which cue phase may end it (a cancelled one may not)

  function dispatch(action, ...args) {
    if (!run) return;
    const now = Date.now();
    const result = action(run, ...args, now);
    run = result.state;
    apply(result.effects, now);
    if (run) draw(now);
  }

  // A short note in the running display, for a few seconds in place of the
  // next step's small print (a small screen at 200% text has no room for
  // both); the form's note under Speak keeps the full reason.
  function runNote(status) {
    const note = $("run-note");
    clearTimeout(note.timer);
    note.textContent = RUN_NOTES[status] || "";
    note.hidden = !RUN_NOTES[status];
    $("next-up").hidden = !note.hidden;
    fit(); // the stage just grew or shrank: refit now, not a frame later with the words spilling
    if (!note.hidden) {
      $("live").textContent = note.textContent;
      note.timer = setTimeout(() => runNote(""), 8000);
    }
  }

  function speechProblem(message, status) {
    supportNotes();
    if (!run || run.ended) return;
    session.speak = false;
    runNote(status);
    if (run.waitForCue) dispatch(plans.stopWaitingForCues);
  }

  function signal(kind) {
    if (!kind) return;
    if (session.sound) tones.play(kind);
    if (session.vibrate) navigator.vibrate(VIBRATE[kind] || 0);
    if (session.flash) {
      const layer = $("flash-layer");
      layer.classList.remove("hip-workout__flash--on");
      void layer.offsetWidth; // restart the animation
      layer.classList.add("hip-workout__flash--on");
      clearTimeout(layer.timer);
      layer.timer = setTimeout(() => layer.classList.remove("hip-workout__flash--on"), 700);
    }
  }

  // Effects from the runner -> words, sounds, vibration, flash. When a
  // throttled tab catches up several phases at once, only the one it is in
  // now is said, and counts that are already past are not.
  function apply(effects, now) {
    const entered = effects.filter((e) => e.type === "phase");
    const current = entered[entered.length - 1];
    const after = current ? effects.indexOf(current) : -1;
    effects.forEach((effect, i) => {
      if (effect.type === "phase" && effect === current) cue(effect);
      else if (effect.type === "count" && i > after && now - effect.at < STALE) {
        if (session.speak) voice.say(String(effect.n));
        else if (session.sound) tones.play("tick");
      } else if (effect.type === "end") finish(effect);
    });
  }

  function cue({ phase, index: at, previous, again }) {
    const words = plans.cueWords(phase);
    const token = ++cueSerial;
    $("live").textContent = phase.kind === "countin" ? "Get ready." : words;
    if (!again) signal(plans.cueTone(phase, previous));
    if (!session.speak) {
      if (phase.kind === "countin" && session.sound) tones.play("tick"); // its first number, said as a tick
      return;
    }
    const waits = ["announce", "step", "switch"].includes(phase.kind);
    voice.say(words, () => {
      if (waits && token === cueSerial && run && !run.ended) dispatch(plans.cueDone, at);
    });
  }

  const SHOWN = { announce: "cue", step: "cue", switch: "cue" };

  function draw(now) {
    if (!run || run.ended) return;
    const d = plans.display(run, now);
    const stage = $("stage");
    stage.dataset.phase = SHOWN[d.kind] || d.kind;
    stage.classList.toggle("hip-workout__stage--paused", d.paused);
    $("where").textContent = d.hold ? `Hold ${d.hold} of ${d.holds}` : "";
    $("side").textContent = d.side ? `${d.side} side` : "";
    $("side").hidden = !d.side;
    $("word").textContent = d.paused ? "Paused" : d.kind === "step" ? `Step ${d.step} of ${d.steps}` : d.word;
    const digits = d.seconds === null ? "" : d.seconds < 100 ? String(d.seconds) : `${Math.floor(d.seconds / 60)}:${String(d.seconds % 60).padStart(2, "0")}`;
    $("digits").textContent = digits;
    $("digits").style.setProperty("--hip-chars", Math.max(2, digits.length));
    if ($("cue").textContent !== d.text) {
      $("cue").textContent = d.text;
      fit();
    }
    $("next-up").textContent = d.next ? `Next: ${d.next}` : "";
    $("pause").textContent = d.paused ? "Resume" : "Pause";
  }

  // The step's words as large as the stage allows (it never scrolls while running).
  function fit() {
    const cue = $("cue");
    if (!cue.textContent || $("run").hidden) return;
    const stage = $("stage");
    const fits = () => stage.scrollHeight <= stage.clientHeight + 1 && cue.scrollWidth <= cue.clientWidth + 1;
    let low = 12;
    let high = Math.max(low, Math.min(stage.clientWidth / 5, parseFloat(getComputedStyle(document.documentElement).fontSize) * 2.6));
    cue.style.fontSize = `${high}px`;
    if (fits()) return;
    while (high - low > 1) {
      const mid = (low + high) / 2;
      cue.style.fontSize = `${mid}px`;
      if (fits()) low = mid;
      else high = mid;
    }
    cue.style.fontSize = `${low}px`;
  }
  new ResizeObserver(() => fit()).observe($("stage"));

  function showPart(name) {
    for (const part of ["manual", "run", "done"]) $(part).hidden = part !== name;
    view.setRunning(name === "run");
  }

  $("start").addEventListener("click", () => {
    // All of this runs inside the tap: iOS lets speech and sound start only here.
    const values = Object.fromEntries(FIELDS.map((name) => [name, $(name).value]));
    const { plan, errors } = plans.readPlan(values);
    const pain = readPain($("pain-before"));
    for (const name of FIELDS) $(name).toggleAttribute("aria-invalid", Boolean(errors[name]));
    $("pain-before").toggleAttribute("aria-invalid", Boolean(pain.error));
    if (!plan || pain.error) {
      $("message").textContent = [...Object.values(errors), pain.error].filter(Boolean).join(" ");
      $([...FIELDS.filter((name) => errors[name]), "pain-before"][0]).focus();
      return;
    }
    savePlan(values);
    $("message").textContent = "";
    const speak = $("speak").checked && voice.prime();
    if ($("speak").checked && !speak && voice.status === "loading") voice.settle();
    const sound = $("beep").checked && tones.prime();
    supportNotes();
    session = {
      plan,
      speak,
      sound,
      vibrate: $("vibrate").checked && canVibrate,
      flash: $("flash").checked,
      painBefore: pain.value,
      started: new Date(),
      saved: null,
    };
    runNote($("speak").checked && !speak ? voice.status : "");
    showPart("run");
    const now = Date.now();
    const result = plans.start(plans.phases(plan, steps), now, { waitForCue: speak });
    run = result.state;
    apply(result.effects, now); // the first words are said here, inside the tap
    draw(now);
    fit();
    clearInterval(ticking);
    ticking = setInterval(() => dispatch(plans.tick), TICK);
    $("pause").focus();
  });

  $("pause").addEventListener("click", () => {
    if (!run || run.ended) return;
    if (run.paused) {
      if (session.speak) voice.prime(); // a tap: speech may start again
      dispatch(plans.resume);
    } else {
      cueSerial++;
      voice.cancel();
      dispatch(plans.pause);
    }
  });

  $("stop").addEventListener("click", () => {
    if (!run || run.ended) return;
    cueSerial++;
    voice.cancel();
    dispatch(plans.stop);
  });

  // The session ended (finished or stopped): show it, and keep it in the log.
  function finish({ how, holdsDone }) {
    clearInterval(ticking);
    ticking = null;
    if (how === "stopped") voice.cancel();
    const planned = plans.holdsPlanned(session.plan);
    const entry = {
      date: session.started.toISOString(),
      ended: new Date().toISOString(),
      how,
      sequence: title,
      page: location.pathname,
      variant,
      plan: session.plan,
      holdsDone,
      holdsPlanned: planned,
      painBefore: session.painBefore,
      painAfter: null,
    };
    $("done-title").textContent = how === "finished" ? "Done" : "Stopped";
    $("done-summary").textContent = `${holdsDone} of ${planned} ${planned === 1 ? "hold" : "holds"} completed. Plan: ${plans.describePlan(session.plan)}.`;
    $("pain-after").value = "";
    $("pain-after").removeAttribute("aria-invalid");
    if (!dialog.open) {
      keep(entry);
      return;
    }
    showPart("done");
    $("done-title").focus();
    keep(entry);
  }

  function keep(entry) {
    const current = session;
    current.saved = log.keep(entry, (text) => {
      if (session === current) $("saved").textContent = text;
    });
  }

  $("pain-after").addEventListener("change", () => {
    const pain = readPain($("pain-after"));
    $("pain-after").toggleAttribute("aria-invalid", Boolean(pain.error));
    if (pain.error) {
      $("saved").textContent = pain.error;
      return;
    }
    const current = session;
    if (!current || !current.saved) return;
    current.saved.then((id) => id !== null && log.update(id, { painAfter: pain.value })).then(
      () => {
        if (session === current) $("saved").textContent = "Saved in My log, on this phone only.";
      },
      () => {
        if (session === current) $("saved").textContent = "The rating could not be saved.";
      },
    );
  });

  $("again").addEventListener("click", () => {
    run = null;
    showPart("manual");
    $("start").focus();
  });
  // The log page is another page: close this view first, so it lets go of the screen and its listeners.
  $("log-link").addEventListener("click", () => view.close());

  function reset() {
    if (run && !run.ended) {
      cueSerial++;
      voice.cancel();
      dispatch(plans.stop); // closed mid-plan: the session counts as stopped, and is logged
    }
    clearInterval(ticking);
    ticking = null;
    run = null;
    showPart("manual");
  }

  /* Open and close */

  view.onClose(() => {
    reset();
    voice.cancel();
    if (lock) lock.release().catch(() => {});
    lock = null;
  });
  host.append(dialog);

  return {
    open(button, tabSet) {
      const found = showingList(tabSet);
      if (!found) return;
      steps = found.texts;
      const heading = document.querySelector(".md-content h1");
      title = heading ? heading.textContent.replace(/¶$/, "").trim() : document.title;
      variant = found.label || "";
      view.setTitle(found.label ? `${title}: ${found.label}` : title);
      offerTools();
      reset();
      fillPlan();
      voice.refresh();
      supportNotes();
      show(0, false);
      view.open(button, '[data-hip="next"]');
      $("live").textContent = `Step 1 of ${steps.length}: ${steps[0]}`;
      keepAwake();
    },
  };
}
