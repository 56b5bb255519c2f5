// Hip-level coach: the front camera as a mirror, with a midline and a level
// line the reader drags to hip height; on request, a pose model measures the
// tilt of the hips. Everything runs on the phone: the picture is never sent
// or stored. Loaded on the first tap of a "Check my hips" button (main.js),
// which the build puts on pages that ask for it (<!-- hip:coach -->).

import { Announcer, Smoother, describe, readHips } from "./hip-geometry.js";
import { fullScreenView } from "./lib/view.js";

// The post-build copies the pose model and its runtime here, with a
// manifest naming them (package.json "poseModel"); the service worker caches
// them on first use.
const MODEL_BASE = new URL("../coach/", import.meta.url);
const ANNOUNCE_EVERY = 4000; // ms: a calm pace for screen readers

const BODY = `
  <div class="hip-coach__stage" data-coach="stage">
    <video class="hip-coach__video" data-coach="video" playsinline muted></video>
    <div class="hip-coach__midline" aria-hidden="true"></div>
    <svg class="hip-coach__hips" data-coach="hips" aria-hidden="true"><line/><circle r="6"/><circle r="6"/></svg>
    <div class="hip-coach__level" data-coach="level" role="slider" tabindex="0" aria-label="Level line"
      aria-orientation="vertical" aria-valuemin="0" aria-valuemax="100"><span></span></div>
    <p class="hip-coach__message" data-coach="message" role="status"></p>
  </div>
  <div class="hip-coach__panel">
    <label class="hip-coach__switch">
      <input type="checkbox" role="switch" data-coach="measure"> Measure my hips
    </label>
    <div class="hip-coach__gauge" data-coach="gauge" hidden>
      <div class="hip-coach__dial" aria-hidden="true">
        <span class="hip-coach__needle" data-coach="needle"><b>L</b><b>R</b></span>
      </div>
      <p class="hip-coach__reading" data-coach="reading"></p>
    </div>
    <p class="hip-visually-hidden" aria-live="polite" data-coach="live"></p>
    <p class="hip-coach__note">The picture stays on this phone: nothing is sent or saved.</p>
  </div>`;

// What each getUserMedia error means for the reader, in every browser's names
// (WebKit says OverconstrainedError when there is no front camera).
const CAMERA_ERRORS = {
  NotAllowedError: "Camera access is blocked. To use the mirror, allow the camera for this site in your browser's settings, then try again.",
  SecurityError: "Camera access is blocked. To use the mirror, allow the camera for this site in your browser's settings, then try again.",
  NotFoundError: "No camera was found on this device.",
  OverconstrainedError: "No front camera was found on this device. The mirror needs the camera on the screen's side.",
  NotReadableError: "The camera is busy in another app. Close that app, then try again.",
  AbortError: "The camera stopped before it started. Close this view and try again.",
};
const UNKNOWN_CAMERA_ERROR = (name) =>
  `The camera could not start${name ? ` (${name})` : ""}. Close other apps that may use it, then close this view and try again. The steps on the page work without it.`;

let human = null; // the pose model, loaded once per page on the first "Measure"

async function loadModel() {
  if (human) return human;
  const started = performance.now();
  const manifest = await (await fetch(new URL("pose-model.json", MODEL_BASE))).json();
  const { Human } = await import(new URL(manifest.runtime, MODEL_BASE).href);
  const canvas = document.createElement("canvas");
  const webgl = Boolean(canvas.getContext("webgl2") || canvas.getContext("webgl"));
  const model = new Human({
    backend: webgl ? "humangl" : "cpu",
    modelBasePath: MODEL_BASE.href,
    cacheModels: false, // the service worker keeps the files; no second copy in IndexedDB
    validateModels: false,
    warmup: "none",
    debug: false,
    cacheSensitivity: 0, // a reader holding still still gets fresh readings
    filter: { enabled: false },
    face: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
    body: { enabled: true, modelPath: manifest.model, maxDetected: 1, minConfidence: 0.1, skipFrames: 0 },
  });
  await model.load();
  await model.warmup();
  human = model;
  document.dispatchEvent(
    new CustomEvent("hip-coach:ready", { detail: { ms: performance.now() - started, backend: model.tf.getBackend() } }),
  );
  return human;
}

const views = new WeakMap(); // the page's coach block -> its view

// Opens the coach (from the page's button, or from inside workout mode).
export function open(button) {
  const host = document.querySelector(".md-content [data-hip-tool='coach']");
  if (!host || typeof HTMLDialogElement !== "function") return;
  if (!views.has(host)) views.set(host, build(host));
  views.get(host).open(button);
}

function build(host) {
  const view = fullScreenView("coach", BODY);
  const { dialog } = view;
  const $ = (name) => dialog.querySelector(`[data-coach="${name}"]`);
  const video = $("video");
  let stream = null;
  let measuring = false;
  let looping = false;
  const smoother = new Smoother(10);
  const announcer = new Announcer(ANNOUNCE_EVERY);
  view.setTitle("Check my hips");

  const say = (text) => {
    $("message").textContent = text;
  };

  /* Camera */

  async function startCamera() {
    if (stream) return;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say(CAMERA_ERRORS.NotFoundError);
      return;
    }
    say("Starting the camera…");
    try {
      const got = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "user", width: { ideal: 640 }, height: { ideal: 480 } },
        audio: false,
      });
      // Closed or hidden while the browser was asking: let the camera go at once.
      if (!dialog.open || document.visibilityState === "hidden") {
        got.getTracks().forEach((track) => track.stop());
        return;
      }
      stream = got;
      video.srcObject = stream;
      await video.play().catch(() => {});
      say("");
      if (measuring) measure();
    } catch (error) {
      const name = error && error.name;
      say(CAMERA_ERRORS[name] || UNKNOWN_CAMERA_ERROR(name));
    }
  }

  function stopCamera() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
  }

  view.whileOpen(document, "visibilitychange", () => {
    if (document.visibilityState === "hidden") stopCamera();
    else startCamera();
  });

  /* The level line: drag it, or use the arrow keys */

  const level = $("level");
  function setLevel(percent) {
    const value = Math.round(Math.max(5, Math.min(95, percent)));
    level.style.top = `${value}%`;
    level.setAttribute("aria-valuenow", String(value));
    level.setAttribute("aria-valuetext", `${value}% down the picture`);
  }
  setLevel(55);
  level.addEventListener("pointerdown", (event) => {
    level.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  level.addEventListener("pointermove", (event) => {
    if (!level.hasPointerCapture(event.pointerId)) return;
    const box = $("stage").getBoundingClientRect();
    setLevel(((event.clientY - box.top) / box.height) * 100);
  });
  level.addEventListener("keydown", (event) => {
    const now = Number(level.getAttribute("aria-valuenow"));
    const step = { ArrowUp: -1, ArrowDown: 1, PageUp: -10, PageDown: 10 }[event.key];
    if (step) setLevel(now + step);
    else if (event.key === "Home") setLevel(5);
    else if (event.key === "End") setLevel(95);
    else return;
    event.preventDefault();
  });

  /* Measuring */

  // Hip points from frame pixels to the stage, which shows the whole video
  // mirrored and letterboxed (object-fit: contain).
  function drawHips(reading) {
    const svg = $("hips");
    svg.classList.toggle("hip-coach__hips--on", reading.state === "ok");
    if (reading.state !== "ok") return;
    const box = $("stage").getBoundingClientRect();
    const scale = Math.min(box.width / video.videoWidth, box.height / video.videoHeight);
    const dx = (box.width - video.videoWidth * scale) / 2;
    const dy = (box.height - video.videoHeight * scale) / 2;
    const [line, a, b] = svg.children;
    const points = [reading.screen.left, reading.screen.right].map((p) => [dx + p.x * scale, dy + p.y * scale]);
    line.setAttribute("x1", points[0][0]);
    line.setAttribute("y1", points[0][1]);
    line.setAttribute("x2", points[1][0]);
    line.setAttribute("y2", points[1][1]);
    [a, b].forEach((circle, i) => {
      circle.setAttribute("cx", points[i][0]);
      circle.setAttribute("cy", points[i][1]);
    });
  }

  function show(reading, ms) {
    const frame = { width: video.videoWidth, height: video.videoHeight, mirrored: true };
    const hips = readHips(reading.leftHip, reading.rightHip, frame);
    if (hips.state === "ok") smoother.push(hips.tilt);
    else smoother.reset();
    const tilt = smoother.value();
    const text = describe(hips.state === "ok" ? { ...hips, tilt } : hips);
    $("reading").textContent = text.text;
    $("gauge").dataset.state = text.key;
    // The bar tilts as the hips do in the mirror: the lower hip's end goes down.
    const angle = tilt === null ? 0 : Math.max(-25, Math.min(25, -tilt));
    $("needle").style.transform = `rotate(${angle}deg)`;
    drawHips(hips);
    const spoken = announcer.next(text, performance.now());
    if (spoken) $("live").textContent = spoken;
    dialog.dispatchEvent(new CustomEvent("hip-coach:frame", {
      detail: { state: hips.state, tilt: hips.tilt ?? null, smoothed: tilt, needle: angle, text: text.text, ms },
    }));
  }

  async function measure() {
    if (looping) return;
    looping = true;
    while (measuring && stream && dialog.open) {
      if (video.readyState < 2 || !video.videoWidth) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        continue;
      }
      const started = performance.now();
      const result = await human.detect(video);
      const ms = performance.now() - started;
      if (!measuring || !stream) break;
      const points = {};
      const body = result.body && result.body[0];
      for (const point of body ? body.keypoints : []) {
        if (point.part === "leftHip" || point.part === "rightHip") {
          points[point.part] = { x: point.positionRaw[0], y: point.positionRaw[1], score: point.score };
        }
      }
      show(points, ms);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    looping = false;
  }

  $("measure").addEventListener("change", async () => {
    measuring = $("measure").checked;
    $("gauge").hidden = !measuring;
    $("hips").classList.remove("hip-coach__hips--on");
    smoother.reset();
    announcer.reset();
    if (!measuring) {
      $("live").textContent = "Measuring off.";
      return;
    }
    if (!human) {
      $("reading").textContent = "Loading the measuring model (about 5 MB, the first time only)…";
      try {
        await loadModel();
      } catch {
        $("reading").textContent = "The measuring model could not load. The mirror still works.";
        $("measure").checked = measuring = false;
        return;
      }
    }
    if (measuring) {
      $("reading").textContent = "Looking for your hips…";
      measure();
    }
  });

  /* Open and close */

  view.onClose(() => {
    stopCamera();
    smoother.reset();
    announcer.reset();
  });
  host.append(dialog);

  return {
    open(button) {
      say("");
      view.open(button);
      startCamera(); // permission is asked only now, on the reader's tap
    },
  };
}
