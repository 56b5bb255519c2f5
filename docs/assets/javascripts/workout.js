// Workout mode: a full-screen, one-step-at-a-time view of the step list that
// is showing, with an optional hold timer and the screen kept on. Only
// JavaScript adds the "Start workout" button, so without it the page is the
// plain numbered list. Re-run on every page through Material's document$.
(() => {
  const STORE = "hip-workout"; // localStorage: the reader's own timer settings
  const COUNT_IN = 3; // seconds of "get ready" before a hold; not an exercise time

  const settings = (() => {
    try {
      return JSON.parse(localStorage.getItem(STORE)) || {};
    } catch {
      return {};
    }
  })();
  const remember = (key, value) => {
    settings[key] = value;
    try {
      localStorage.setItem(STORE, JSON.stringify(settings));
    } catch {
      // Private mode: settings last for this page only.
    }
  };

  // Step text without the buttons another component puts inside a step.
  function stepText(li) {
    const copy = li.cloneNode(true);
    copy.querySelectorAll("button").forEach((b) => b.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // The tab that is showing, if it holds steps; else the first tab that does.
  function currentList(set) {
    const blocks = [...set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")];
    const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")];
    const inputs = [...set.querySelectorAll(":scope > input")];
    const showing = inputs.findIndex((input) => input.checked);
    const order = [showing, ...blocks.keys()].filter((i) => i >= 0 && blocks[i].querySelector(":scope > ol"));
    if (!order.length) return null;
    const i = order[0];
    return { list: blocks[i].querySelector(":scope > ol"), label: labels[i] ? labels[i].textContent.trim() : "" };
  }

  const VIEW = `
    <div class="hip-workout__bar">
      <h2 class="hip-workout__title" id="hip-workout-title"></h2>
      <button type="button" class="hip-workout__close" data-hip="close">Close</button>
    </div>
    <div class="hip-workout__step" data-hip="swipe">
      <p class="hip-workout__count" data-hip="count"></p>
      <p class="hip-workout__text" data-hip="text"></p>
    </div>
    <p class="hip-workout__live" aria-live="polite" data-hip="live"></p>
    <div class="hip-workout__nav">
      <button type="button" data-hip="prev">Previous</button>
      <button type="button" data-hip="next">Next</button>
    </div>
    <section class="hip-workout__timer" aria-labelledby="hip-workout-timer">
      <h3 id="hip-workout-timer">Hold timer <span>(optional)</span></h3>
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

  function build(set, title) {
    const dialog = document.createElement("dialog");
    dialog.className = "hip-workout";
    dialog.setAttribute("aria-labelledby", "hip-workout-title");
    dialog.innerHTML = VIEW;
    const $ = (name) => dialog.querySelector(`[data-hip="${name}"]`);
    let steps = [];
    let index = 0;
    let lock = null;
    let returnTo = 0;

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
      if (event.target.matches("input")) return;
      if (event.key === "ArrowRight") show(index + 1);
      else if (event.key === "ArrowLeft") show(index - 1);
      else return;
      event.preventDefault();
    });
    // Swipe: left for the next step, right for the previous one.
    let start = null;
    const area = $("swipe");
    area.addEventListener("pointerdown", (event) => {
      start = { x: event.clientX, y: event.clientY };
    });
    area.addEventListener("pointerup", (event) => {
      if (!start) return;
      const dx = event.clientX - start.x;
      const dy = event.clientY - start.y;
      start = null;
      if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) show(index + (dx < 0 ? 1 : -1));
    });
    area.addEventListener("pointercancel", () => {
      start = null;
    });

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
    document.addEventListener("visibilitychange", () => {
      if (dialog.open && document.visibilityState === "visible") keepAwake();
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

    function open() {
      const found = currentList(set);
      if (!found) return;
      steps = [...found.list.querySelectorAll(":scope > li")].map(stepText);
      dialog.querySelector(".hip-workout__title").textContent = found.label ? `${title}: ${found.label}` : title;
      returnTo = window.scrollY;
      reset();
      show(0, false);
      dialog.showModal();
      $("next").focus();
      $("live").textContent = `Step 1 of ${steps.length}: ${steps[0]}`;
      keepAwake();
    }
    $("close").addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      reset();
      if (lock) lock.release().catch(() => {});
      lock = null;
      window.scrollTo({ top: returnTo, behavior: "instant" });
    });

    return { dialog, open };
  }

  function enhance() {
    const article = document.querySelector(".md-content article");
    if (!article || typeof HTMLDialogElement !== "function") return;
    const heading = article.querySelector("h1");
    const title = heading ? heading.textContent.replace(/¶$/, "").trim() : document.title;
    article.querySelectorAll(".tabbed-set").forEach((set) => {
      if (!set.querySelector(".tabbed-block > ol") || set.previousElementSibling?.classList.contains("hip-start")) return;
      const { dialog, open } = build(set, title);
      const start = document.createElement("div");
      start.className = "hip-start";
      start.innerHTML =
        '<button type="button" class="md-button md-button--primary">Start workout</button>' +
        "<p>One step at a time, in large text, with the screen kept on.</p>";
      start.querySelector("button").addEventListener("click", open);
      set.before(start);
      start.append(dialog);
    });
  }

  if (window.document$) window.document$.subscribe(enhance);
  else document.addEventListener("DOMContentLoaded", enhance);
})();
