// Pelvis-level meter: the phone worn flat on the low back reads the
// sideways tilt of the pelvis from its motion sensors and says, out loud,
// "Level" or which side is low and by how much, in the steps' words. It
// calibrates on both feet first; an optional hold timer (lib/plan.js) can
// count only while level. Everything runs on the phone: readings are never
// sent or stored; a session goes into the reader's own log (lib/log.js).
// Loaded on the first tap of a "Measure with the phone on my back" button
// (main.js), which the build puts where a page asks (<!-- hip:meter -->);
// workout mode offers the same button inside its view.

import * as log from "./lib/log.js";
import * as plans from "./lib/plan.js";
import { Announcer, Calibration, Smoother, TICK, describe, pitch, summarize, upFromMotion, upFromOrientation } from "./lib/tilt.js";
import { createTones } from "./lib/tones.js";
import { fullScreenView } from "./lib/view.js";
import { VOICE_STATUS, createVoice } from "./lib/voice.js";

const NO_READINGS = 3000; // ms without a usable reading before we say there is no sensor
const STILL_AFTER = 500; // ms of fast motion before "Hold still" is said
const BEEP_EVERY = 500; // ms between tilt tones
const LOG_PAGE = new URL("../../log/", import.meta.url).href; // this file is at assets/javascripts/

// The placement guide's picture: the low back from behind, the phone upright in the middle under a waistband.
const FIGURE = `
  <svg viewBox="0 0 200 150" role="img" aria-labelledby="ID-fig">
    <title id="ID-fig">The low back from behind: the phone upright and flat against the middle of the low back,
      held by the waistband, level with the top of the hips.</title>
    <path class="hip-meter__body" d="M52 0 C54 40 48 70 36 100 L30 150 H170 L164 100 C152 70 146 40 148 0 Z"/>
    <path class="hip-meter__spine" d="M100 4 V140"/>
    <path class="hip-meter__belt" d="M36 100 C80 108 120 108 164 100 L166 114 C120 122 80 122 34 114 Z"/>
    <rect class="hip-meter__phone" x="86" y="62" width="28" height="52" rx="5"/>
    <path class="hip-meter__level" d="M20 88 H180"/>
  </svg>`;

const body = (id) => `
  <div class="hip-meter__setup" data-meter="setup">
    <figure class="hip-meter__figure">${FIGURE.replaceAll("ID", id)}</figure>
    <ol class="hip-meter__guide">
      <li>Put the phone flat against your low back, in the middle, held by a waistband or a belt. Keep it upright: top up or top down.</li>
      <li>Press Start, then stand on both feet, next to a wall, a counter or the back of a chair, and hold still. The phone sets level.</li>
      <li>Stand on one leg. The phone says "Level", or which side is low and by how much.</li>
    </ol>
    <fieldset class="hip-meter__choices">
      <legend>The screen faces</legend>
      <label><input type="radio" name="${id}-screen" value="out" data-meter="screen-out" checked> Away from my back</label>
      <label><input type="radio" name="${id}-screen" value="in" data-meter="screen-in"> My back</label>
    </fieldset>
    <div class="hip-meter__field"><label for="${id}-standing">You stand on</label>
      <select id="${id}-standing" data-meter="standing" aria-describedby="${id}-standing-note">
        <option value="">Not set: name the low side left or right</option>
        <option value="left">Your left leg</option>
        <option value="right">Your right leg</option>
      </select>
      <p class="hip-meter__note" id="${id}-standing-note">With the leg set, the phone says "the lifted side" or "the standing side", as the steps do.</p>
    </div>
    <fieldset class="hip-meter__choices">
      <legend>Tell me by</legend>
      <label><input type="checkbox" data-meter="speak" checked> Speech</label>
      <label><input type="checkbox" data-meter="tones"> Tones: pitch falls as the lifted side drops</label>
    </fieldset>
    <fieldset class="hip-meter__timer">
      <legend>Hold timer <span>(optional)</span></legend>
      <p class="hip-meter__note" id="${id}-dose">This guide sets no number of holds or seconds. Set your own, or ask a
        professional who has assessed you. Leave both empty to just measure.</p>
      <div class="hip-meter__fields">
        <label>Holds <input type="number" inputmode="numeric" min="1" max="99" step="1" data-meter="holds"
          aria-describedby="${id}-dose"></label>
        <label>Seconds per hold <input type="number" inputmode="numeric" min="1" max="3600" step="1" data-meter="seconds"></label>
      </div>
      <label class="hip-meter__check"><input type="checkbox" data-meter="gate" checked> Count only while level</label>
    </fieldset>
    <p class="hip-meter__limits" data-meter="limits">A rough guide to help you feel the movement, not a medical
      measurement. This site sets no limit for how much drop is too much. Nothing is sent anywhere; only your own
      log is kept, on this phone.</p>
    <p class="hip-meter__support" data-meter="support"></p>
    <button type="button" class="hip-meter__go" data-meter="start">Start</button>
    <p class="hip-meter__message" data-meter="message" role="status"></p>
  </div>
  <div class="hip-meter__run" data-meter="run" hidden>
    <p class="hip-meter__phase" data-meter="phase"></p>
    <div class="hip-meter__stage" data-meter="stage">
      <p class="hip-meter__reading" data-meter="reading"></p>
      <div class="hip-meter__dial" aria-hidden="true"><span class="hip-meter__bar" data-meter="bar"><b>L</b><b>R</b></span></div>
      <p class="hip-meter__degrees" data-meter="degrees"></p>
    </div>
    <p class="hip-meter__clock" data-meter="clock"></p>
    <div class="hip-meter__controls">
      <button type="button" data-meter="stop">Stop</button>
      <button type="button" data-meter="recalibrate">Calibrate again</button>
    </div>
    <p class="hip-meter__note" data-meter="band"></p>
    <p class="hip-meter__note">A rough guide, not a medical measurement.</p>
  </div>
  <div class="hip-meter__done" data-meter="done" hidden>
    <h3 tabindex="-1" data-meter="done-title"></h3>
    <p data-meter="summary"></p>
    <p data-meter="saved" aria-live="polite"></p>
    <div class="hip-meter__controls">
      <button type="button" data-meter="again">Back to the guide</button>
      <a class="hip-meter__log-link" href="${LOG_PAGE}" data-meter="log-link">Open My log</a>
    </div>
  </div>
  <p class="hip-visually-hidden" aria-live="polite" data-meter="live"></p>`;

// What each way of failing to get motion readings means for the reader.
const NO_SENSOR = "No motion readings came from this phone or browser: it may have no motion sensor, or it is switched off. The steps and the camera coach work without it.";
const NO_API = "This browser gives no motion readings, so the meter cannot work here. The steps and the camera coach work without it.";
const REFUSED = "Motion access was refused. To use the meter, allow motion and orientation access for this site in your browser's settings, then press Start again.";
const PERMISSION_ERRORS = {
  NotAllowedError: "The browser asks for motion access only from a tap. Press Start again.",
};
const UNKNOWN_PERMISSION_ERROR = (name) => `Motion access could not be asked for${name ? ` (${name})` : ""}. Close this view and try again.`;
const SPOKEN = {
  calibrate: "Stand still on both feet.",
  still: "Hold still.",
  turn: "Turn the phone upright.",
};

const views = new WeakMap(); // the page's meter block -> its view
let serial = 0;

// Opens the meter (from the page's button, or from inside workout mode).
export function open(button) {
  const host = document.querySelector(".md-content [data-hip-tool='meter']");
  if (!host || typeof HTMLDialogElement !== "function") return;
  if (!views.has(host)) views.set(host, build(host));
  views.get(host).open(button);
}

function build(host) {
  const id = `hip-meter-${++serial}`;
  const view = fullScreenView("meter", body(id));
  const { dialog } = view;
  const $ = (name) => dialog.querySelector(`[data-meter="${name}"]`);
  const voice = createVoice({ lang: document.documentElement.lang || "en", onproblem: () => supportNotes() });
  const tones = createTones();
  const hasApi = typeof DeviceMotionEvent !== "undefined" || typeof DeviceOrientationEvent !== "undefined";
  let session = null;
  view.setTitle("Measure with the phone on my back");

  function supportNotes() {
    const notes = [];
    if (!hasApi) notes.push(NO_API);
    if ($("speak").checked && voice.status !== "ready" && voice.status !== "loading") notes.push(VOICE_STATUS[voice.status]);
    if ($("tones").checked && !tones.supported) notes.push("This browser cannot play sounds.");
    if (!log.available()) notes.push("This browser cannot keep a log (private browsing can block it). The meter still works.");
    $("support").textContent = notes.join(" ");
  }
  for (const name of ["speak", "tones"]) $(name).addEventListener("change", supportNotes);
  if (typeof speechSynthesis !== "undefined" && speechSynthesis && speechSynthesis.addEventListener) {
    view.whileOpen(speechSynthesis, "voiceschanged", () => {
      voice.refresh();
      supportNotes();
    });
  }

  function showPart(name) {
    for (const part of ["setup", "run", "done"]) $(part).hidden = part !== name;
    view.setRunning(name === "run");
  }

  /* Words, tones, and the screen */

  function say(text) {
    $("live").textContent = text;
    if (session && session.speak) voice.say(text);
  }

  /* Start: everything that needs the tap happens before the first await */

  $("start").addEventListener("click", () => {
    $("message").textContent = "";
    if (!hasApi) {
      $("message").textContent = NO_API;
      return;
    }
    const raw = { holds: $("holds").value, seconds: $("seconds").value, rest: "", sides: "" };
    let plan = null;
    if (raw.holds.trim() || raw.seconds.trim()) {
      const read = plans.readPlan(raw);
      for (const name of ["holds", "seconds"]) $(name).toggleAttribute("aria-invalid", Boolean(read.errors[name]));
      if (!read.plan) {
        $("message").textContent = Object.values(read.errors).join(" ");
        $(read.errors.holds ? "holds" : "seconds").focus();
        return;
      }
      plan = read.plan;
    }
    for (const name of ["holds", "seconds"]) $(name).removeAttribute("aria-invalid");
    const speak = $("speak").checked && voice.prime();
    const sound = $("tones").checked && tones.prime();
    supportNotes();
    // iOS asks for motion access only from a tap, through these; other browsers have no such call.
    const asks = [globalThis.DeviceMotionEvent, globalThis.DeviceOrientationEvent]
      .filter((Event) => Event && typeof Event.requestPermission === "function")
      .map((Event) => Event.requestPermission());
    session = {
      plan,
      speak,
      sound,
      screen: $("screen-in").checked ? "in" : "out",
      standing: $("standing").value,
      gateOnLevel: $("gate").checked,
      started: new Date(),
      controller: new AbortController(),
    };
    keepAwake();
    say(SPOKEN.calibrate); // the first words, inside the tap (iOS speaks only then)
    if (!asks.length) {
      begin(session);
      return;
    }
    $("message").textContent = "Asking for motion access…";
    const current = session;
    Promise.all(asks).then(
      (answers) => {
        if (session !== current) return;
        if (answers.every((answer) => answer === "granted")) begin(current);
        else fail(REFUSED);
      },
      (error) => {
        if (session !== current) return;
        const name = error && error.name;
        fail(PERMISSION_ERRORS[name] || UNKNOWN_PERMISSION_ERROR(name));
      },
    );
  });

  // No reading, refused or missing: back to the guide with the reason, nothing logged.
  function fail(message) {
    end(null);
    showPart("setup");
    $("message").textContent = message;
    $("start").focus();
  }

  /* Reading the sensors */

  function begin(s) {
    const { signal } = s.controller;
    Object.assign(s, {
      samples: [],
      usable: false, // a real reading has come
      previous: null, // the last still reading, for the tilt's rate of change
      last: null, // the last sample
      phase: "calibrate",
      calibration: new Calibration(),
      smoother: new Smoother(),
      announcer: new Announcer(),
      offset: 0,
      band: null,
      level: true,
      movingSince: null,
      saidStill: false,
      saidTurn: false,
      lastTick: Date.now(),
      lastBeep: 0,
      secondsLevel: 0,
      largest: null,
      run: null,
      begun: Date.now(),
    });
    addEventListener("devicemotion", (event) => {
      const up = upFromMotion(event.accelerationIncludingGravity);
      const r = event.rotationRate;
      const rotation = r && [r.alpha, r.beta, r.gamma].every(Number.isFinite) ? Math.hypot(r.alpha, r.beta, r.gamma) : null;
      s.samples.push({ up, rotation, fromMotion: true });
    }, { signal });
    addEventListener("deviceorientation", (event) => {
      s.samples.push({ up: upFromOrientation(event.beta, event.gamma), rotation: null, fromMotion: false });
    }, { signal });
    s.ticking = setInterval(() => tick(s), TICK);
    $("message").textContent = "";
    showPart("run");
    $("phase").textContent = "Calibrating: stand still on both feet";
    $("reading").textContent = "Hold still";
    $("degrees").textContent = "";
    $("band").textContent = "";
    $("clock").textContent = "";
    $("stage").dataset.state = "calibrating";
    // The view opens at its top (the reading under the stop rule), Stop focused.
    $("stop").focus({ preventScroll: true });
    dialog.scrollTop = 0;
  }

  function tick(s) {
    if (session !== s) return;
    const now = Date.now();
    const dt = now - s.lastTick;
    s.lastTick = now;
    // Gravity from DeviceMotion when it has any; else DeviceOrientation's angles,
    // which some browsers send only when they change: a still phone reads as its last.
    const motion = s.samples.filter((sample) => sample.fromMotion && sample.up);
    let samples = motion.length ? motion : s.samples.filter((sample) => sample.up);
    s.samples = [];
    if (samples.length) s.last = samples[samples.length - 1];
    else if (s.last && !s.last.fromMotion) samples = [s.last];
    if (!samples.length) {
      if (!s.usable && now - s.begun >= NO_READINGS) {
        say("No motion readings.");
        fail(NO_SENSOR);
      }
      return;
    }
    s.usable = true;
    const reading = summarize(samples, s.screen, s.previous, s.previous ? now - s.previous.at : dt);
    report(s, reading);
    if (reading.state !== "ok") {
      $("stage").dataset.state = "turn";
      $("reading").textContent = reading.state === "flat" ? "Stand the phone upright" : "Turn the phone upright";
      if (!s.saidTurn) say(SPOKEN.turn);
      s.saidTurn = true;
      setGate(s, false, now);
      return;
    }
    s.saidTurn = false;
    if (reading.moving) {
      s.movingSince ??= now;
      $("stage").dataset.state = "moving";
      $("reading").textContent = "Hold still";
      if (!s.saidStill && now - s.movingSince >= STILL_AFTER) {
        s.saidStill = true;
        say(SPOKEN.still);
      }
      if (s.phase === "calibrate") s.calibration.push(reading, now);
      setGate(s, false, now);
      advance(s, now);
      return;
    }
    s.movingSince = null;
    s.saidStill = false;
    s.previous = { ...reading, at: now };
    if (s.phase === "calibrate") calibrate(s, reading, now);
    else measure(s, reading, now, dt);
    advance(s, now);
  }

  function calibrate(s, reading, now) {
    $("stage").dataset.state = "calibrating";
    $("reading").textContent = "Hold still";
    const result = s.calibration.push(reading, now);
    if (!result) return;
    s.phase = "measure";
    s.offset = result.offset;
    s.band = result.band;
    s.smoother.reset();
    s.smoother.push(reading.tilt - s.offset, now);
    s.level = true;
    s.announcer.reset();
    s.announcer.next(describe(0, s.band, s.standing), now); // "Level" is what calibrating means: not said twice
    $("phase").textContent = s.standing ? `On one leg: your ${s.standing} leg` : "On one leg";
    $("band").textContent = `Level means within ${s.band}° either way: what this phone's readings wander by while you stand still.`;
    say(`Calibrated. Level is within ${s.band} degrees. Stand on one leg.`);
    if (s.plan) {
      const list = plans.phases(s.plan, [], { pace: () => 2500 });
      const started = plans.start(list, now, { waitForCue: false });
      s.run = started.state;
      apply(s, started.effects);
      setGate(s, true, now, true);
    }
    show(s, 0, describe(0, s.band, s.standing));
  }

  function measure(s, reading, now, dt) {
    const tilt = s.smoother.push(reading.tilt - s.offset, now);
    const described = describe(tilt, s.band, s.standing, s.level);
    s.level = described.key === "level";
    show(s, tilt, described);
    const counting = !s.run || plans.display(s.run, now).kind === "hold";
    if (s.level && counting) s.secondsLevel += dt / 1000;
    if (!s.level && (!s.largest || described.degrees > s.largest.degrees)) {
      const side = s.standing ? (described.side === s.standing ? "standing" : "lifted") : described.side;
      s.largest = { degrees: Math.round(Math.abs(tilt) * 10) / 10, side, rounded: described.degrees };
    }
    // Plan cues take the voice while they last; the reading waits its turn.
    const cueing = s.run && !s.run.ended && ["announce", "countin"].includes(plans.display(s.run, now).kind);
    const words = cueing ? null : s.announcer.next(described, now);
    if (words) say(words);
    if (s.sound && now - s.lastBeep >= BEEP_EVERY) {
      s.lastBeep = now;
      tones.beep(pitch(tilt, s.band, s.standing));
    }
    setGate(s, s.level, now);
  }

  // The reading on screen: words, a bar that tilts as the pelvis does (seen from behind), degrees.
  function show(s, tilt, described) {
    $("stage").dataset.state = described.key === "level" ? "level" : "low";
    $("reading").textContent = described.text;
    $("degrees").textContent = `${Math.abs(tilt).toFixed(1)}°${described.side ? ` ${described.side} side low` : ""}`;
    $("bar").style.transform = `rotate(${Math.max(-20, Math.min(20, -tilt)).toFixed(2)}deg)`;
  }

  function report(s, reading) {
    dialog.dispatchEvent(new CustomEvent("hip-meter:reading", {
      detail: {
        phase: s.phase, state: reading.state, moving: reading.moving, raw: reading.tilt,
        tilt: s.phase === "measure" ? s.smoother.value : null, text: $("reading").textContent, at: Date.now(),
      },
    }));
  }

  /* The hold timer (lib/plan.js), gated on level when the reader asks */

  function setGate(s, level, now, force = false) {
    if (!s.run || s.run.ended) return;
    const open = s.gateOnLevel ? level : true;
    if (!force && s.run.gate === open) return;
    const result = plans.gate(s.run, open, now);
    s.run = result.state;
    apply(s, result.effects);
  }

  function advance(s, now) {
    if (!s.run || s.run.ended) return;
    const result = plans.tick(s.run, now);
    s.run = result.state;
    apply(s, result.effects);
    if (!s.run || session !== s) return;
    const d = plans.display(s.run, now);
    if (s.run.ended) return;
    const where = `Hold ${d.hold} of ${d.holds}`;
    const clock = {
      announce: where,
      countin: `${where}: get ready, ${d.seconds}`,
      hold: `${where}: ${d.seconds} s left${d.waiting ? ", waiting for level" : ""}`,
    }[d.kind];
    $("clock").textContent = clock || "";
  }

  function apply(s, effects) {
    for (const effect of effects) {
      if (effect.type === "phase") {
        const words = plans.cueWords(effect.phase);
        if (words) say(words);
        const tone = plans.cueTone(effect.phase, effect.previous);
        if (tone && s.sound) tones.play(tone);
      } else if (effect.type === "count") {
        if (s.speak) voice.say(String(effect.n));
        else if (s.sound) tones.play("tick");
      } else if (effect.type === "end" && effect.how === "finished") {
        finish(s, "finished", effect.holdsDone);
      }
    }
  }

  /* The end: stop the sensors, show the summary, keep it in the log */

  function end(how) {
    const s = session;
    if (!s) return null;
    session = null;
    s.controller.abort();
    clearInterval(s.ticking);
    if (how === "stopped") voice.cancel();
    releaseLock();
    return s;
  }

  function finish(s, how, holdsDone) {
    if (session !== s) return;
    end(how);
    if (s.phase !== "measure") {
      showPart("setup");
      return;
    }
    const entry = {
      date: s.started.toISOString(),
      ended: new Date().toISOString(),
      how,
      sequence: pageTitle(),
      page: location.pathname,
      variant: "Pelvis meter",
      plan: s.plan ? { ...s.plan } : null,
      holdsDone: s.run ? holdsDone : 0,
      holdsPlanned: s.plan ? plans.holdsPlanned(s.plan) : 0,
      painBefore: null,
      painAfter: null,
      meter: true,
      secondsLevel: Math.round(s.secondsLevel),
      largestDrop: s.largest ? s.largest.degrees : 0,
      dropSide: s.largest ? s.largest.side : "",
    };
    const drop = s.largest ? `largest drop ${s.largest.degrees}°, ${s.largest.side} side low` : "no drop outside the level band";
    const holds = s.plan ? `${entry.holdsDone} of ${entry.holdsPlanned} ${entry.holdsPlanned === 1 ? "hold" : "holds"}; ` : "";
    $("done-title").textContent = how === "finished" ? "Done" : "Stopped";
    $("summary").textContent = `${holds}${entry.secondsLevel} s level; ${drop}.`;
    if (dialog.open) {
      showPart("done");
      $("done-title").focus();
    }
    log.keep(entry, (text) => ($("saved").textContent = text));
  }

  const pageTitle = () => {
    const heading = document.querySelector(".md-content h1");
    return heading ? heading.textContent.replace(/¶$/, "").trim() : document.title;
  };

  $("stop").addEventListener("click", () => {
    const s = session;
    if (!s) return;
    finish(s, s.plan ? "stopped" : "finished", s.run ? s.run.holdsDone : 0);
  });

  $("recalibrate").addEventListener("click", () => {
    const s = session;
    if (!s || !s.calibration) return;
    if (s.speak) voice.prime(); // a tap: speech may start again
    s.phase = "calibrate";
    s.calibration.restart(null);
    $("phase").textContent = "Calibrating: stand still on both feet";
    say(SPOKEN.calibrate);
  });

  $("again").addEventListener("click", () => {
    showPart("setup");
    $("start").focus();
  });
  $("log-link").addEventListener("click", () => view.close());

  /* The screen stays on, or the sensors stop when it locks */

  let lock = null;
  async function keepAwake() {
    if (!("wakeLock" in navigator) || (lock && !lock.released)) return;
    try {
      lock = await navigator.wakeLock.request("screen");
    } catch {
      lock = null;
    }
  }
  function releaseLock() {
    if (lock) lock.release().catch(() => {});
    lock = null;
  }
  view.whileOpen(document, "visibilitychange", () => {
    if (document.visibilityState === "visible" && session) keepAwake();
  });

  view.onClose(() => {
    const s = session;
    if (s) finish(s, s.plan && !(s.run && s.run.ended) ? "stopped" : "finished", s.run ? s.run.holdsDone : 0);
    voice.cancel();
    showPart("setup");
  });
  host.append(dialog);

  return {
    open(button) {
      showPart("setup");
      $("message").textContent = hasApi ? "" : NO_API;
      voice.refresh();
      supportNotes();
      view.open(button, '[data-meter="start"]');
    },
  };
}
