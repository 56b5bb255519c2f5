// Workout mode: a full-screen, one-step-at-a-time view of the step list
// that is showing, with an optional hold timer and the screen kept on.
// Loaded on the first tap of a "Start workout" button (main.js); the build
// puts that button right before its tab set (hipmd/steps.py).

import { showingList } from "./lib/steps.js";
import { fullScreenView } from "./lib/view.js";

const STORE = "hip-workout"; // localStorage: the reader's own timer settings
const COUNT_IN = 3; // seconds of "get ready" before a hold; not an exercise time
const SWIPE = 40; // px sideways before a drag counts as a swipe
const FORM_CONTROL = "input, select, textarea, label, [contenteditable]";

const BODY = `
  <div class="hip-workout__step">
    <p class="hip-workout__count" data-hip="count"></p>
    <p class="hip-workout__text" data-hip="text"></p>
  </div>
  <p class="hip-visually-hidden" aria-live="polite" data-hip="live"></p>
  <div class="hip-workout__nav">
    <button type="button" data-hip="prev">Previous</button>
    <button type="button" data-hip="next">Next</button>
  </div>
  <div class="hip-workout__tools" data-hip="tools"></div>
  <section class="hip-workout__timer" aria-label="Hold timer">
    <h3>Hold timer <span>(optional)</span></h3>
    <div class="hip-workout__row">
      <label>Seconds <input type="number" inputmode="numeric" min="1" max="3600" step="1" data-hip="seconds"></label>
      <button type="button" data-hip="start">Start</button>
      <button type="button" data-hip="reset">Reset</button>
    </div>
    <p class="hip-workout__clock" data-hip="clock"></p>
    <p class="hip-workout__phase" aria-live="polite" data-hip="phase"></p>
    <div class="hip-workout__row">
      <span class="hip-workout__sides" role="group" aria-label="Side">
        <button type="button" aria-pressed="false" data-hip="side" data-side="Left">Left</button>
        <button type="button" aria-pressed="false" data-hip="side" data-side="Right">Right</button>
      </span>
      <label><input type="checkbox" data-hip="beep"> Beep</label>
      <label data-hip="vibrate-label"><input type="checkbox" data-hip="vibrate"> Vibrate</label>
    </div>
  </section>
  <p class="hip-workout__lock" data-hip="lock"></p>`;

const settings = (() => {
  try {
    return JSON.parse(localStorage.getItem(STORE)) || {};
  } catch {
    return {};
  }
})();

function remember(key, value) {
  settings[key] = value;
  try {
    localStorage.setItem(STORE, JSON.stringify(settings));
  } catch {
    // Private mode: settings last for this page only.
  }
}

const views = new WeakMap(); // the page's start button block -> its workout view

// Opens workout mode for the tab set that follows the tapped button's block.
export function open(button) {
  const host = button.closest(".hip-tool");
  const tabSet = host && host.nextElementSibling;
  if (!tabSet || !tabSet.matches(".tabbed-set")) return;
  if (!views.has(host)) views.set(host, build(host));
  views.get(host).open(button, tabSet);
}

function build(host) {
  const view = fullScreenView("workout", BODY);
  const { dialog } = view;
  const $ = (name) => dialog.querySelector(`[data-hip="${name}"]`);
  let steps = [];
  let index = 0;
  let lock = null;

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

  $("prev").addEventListener("click", () => show(index - 1));
  $("next").addEventListener("click", () => show(index + 1));
  dialog.addEventListener("keydown", (event) => {
    if (event.target.matches(FORM_CONTROL) || $("text").closest("[hidden]")) return;
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
    if (Math.abs(dx) > SWIPE && Math.abs(dx) > Math.abs(dy) && !$("text").closest("[hidden]")) {
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

  // The browser drops the lock when the page is hidden: ask again on return.
  view.whileOpen(document, "visibilitychange", () => {
    if (document.visibilityState === "visible") keepAwake();
  });

  /* Hold timer */

  const seconds = $("seconds");
  if (settings.seconds) seconds.value = settings.seconds; // the reader's last value, never a default
  $("beep").checked = Boolean(settings.beep);
  $("vibrate").checked = Boolean(settings.vibrate);
  if (!("vibrate" in navigator)) $("vibrate-label").hidden = true;
  const sideButtons = dialog.querySelectorAll('[data-hip="side"]');
  const pickSide = (side) => {
    sideButtons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.side === side)));
  };
  sideButtons.forEach((b) =>
    b.addEventListener("click", () => pickSide(b.getAttribute("aria-pressed") === "true" ? "" : b.dataset.side)),
  );
  seconds.addEventListener("change", () => remember("seconds", seconds.value));
  $("beep").addEventListener("change", () => remember("beep", $("beep").checked));
  $("vibrate").addEventListener("change", () => remember("vibrate", $("vibrate").checked));

  let timer = null; // {phase: "ready"|"hold", left (ms), until (ms timestamp) or null when paused}
  let tick = null;
  let audio = null;

  const fmt = (ms) => {
    const s = Math.ceil(ms / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };
  function side() {
    const pressed = dialog.querySelector('[data-hip="side"][aria-pressed="true"]');
    return pressed ? ` ${pressed.dataset.side} side.` : "";
  }
  function render() {
    const left = timer ? (timer.until ? timer.until - Date.now() : timer.left) : 0;
    if (!timer) {
      $("clock").textContent = seconds.value ? fmt(seconds.value * 1000) : "";
      $("start").textContent = "Start";
    } else {
      $("clock").textContent = timer.phase === "ready" ? String(Math.ceil(left / 1000)) : fmt(left);
      $("start").textContent = timer.until ? "Pause" : "Resume";
    }
    dialog.classList.toggle("hip-workout--running", Boolean(timer && timer.until));
    return left;
  }
  function stopTicking() {
    clearInterval(tick);
    tick = null;
  }
  function run() {
    stopTicking();
    tick = setInterval(() => {
      if (render() > 0) return;
      if (timer.phase === "ready") {
        timer = { phase: "hold", until: Date.now() + seconds.value * 1000 };
        $("phase").textContent = `Go.${side()}`;
        render();
        return;
      }
      stopTicking();
      timer = null;
      render();
      $("clock").textContent = "0:00";
      $("phase").textContent = `Time is up.${side()}`;
      dialog.classList.add("hip-workout--ended");
      if ($("beep").checked) beep();
      if ($("vibrate").checked && navigator.vibrate) navigator.vibrate([200, 100, 200]);
    }, 200);
  }
  function beep() {
    if (!audio) return;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.3, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.6);
  }
  $("start").addEventListener("click", () => {
    dialog.classList.remove("hip-workout--ended");
    if (timer && timer.until) {
      timer = { ...timer, left: timer.until - Date.now(), until: null }; // pause
      stopTicking();
      $("phase").textContent = "Paused.";
    } else if (timer) {
      timer = { ...timer, until: Date.now() + timer.left }; // resume
      $("phase").textContent = "";
      run();
    } else {
      const value = Number(seconds.value);
      if (!(value >= 1)) {
        $("phase").textContent = "Type how many seconds you want to hold, then press Start.";
        seconds.focus();
        return;
      }
      remember("seconds", seconds.value);
      // Sound can only start after a tap, so make the audio context now.
      if ($("beep").checked && !audio && window.AudioContext) audio = new AudioContext();
      timer = { phase: "ready", until: Date.now() + COUNT_IN * 1000 };
      $("phase").textContent = `Get ready.${side()}`;
      run();
    }
    render();
  });
  function reset() {
    stopTicking();
    timer = null;
    $("phase").textContent = "";
    dialog.classList.remove("hip-workout--ended");
    render();
  }
  $("reset").addEventListener("click", reset);
  seconds.addEventListener("input", () => timer || render());

  /* Open and close */

  view.onClose(() => {
    reset();
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
      const title = heading ? heading.textContent.replace(/¶$/, "").trim() : document.title;
      view.setTitle(found.label ? `${title}: ${found.label}` : title);
      offerTools();
      reset();
      show(0, false);
      view.open(button, '[data-hip="next"]');
      $("live").textContent = `Step 1 of ${steps.length}: ${steps[0]}`;
      keepAwake();
    },
  };
}
