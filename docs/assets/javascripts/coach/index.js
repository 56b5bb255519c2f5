// The camera coach: the front camera as a mirror, with a midline and a
// level line the reader drags to hip height; on request, a pose model
// reads the tilt of the hip line, with its limits in sight (a rough guide:
// a camera's reading of this tilt can be off by several degrees).
// Everything runs on the phone: the picture is never sent or stored.
// Loaded on the first tap of a "Check my hips" button (main.js), which the
// build puts on pages that ask for it (<!-- hip:coach -->).
//
// Parts: view.js (markup), camera.js (the front camera), model.js (the
// pose model); the geometry is lib/hips.js.

import { HipAnnouncer, HipAverage, describeHips, readHips } from "../lib/hips.js";
import { t } from "../lib/i18n.js";
import { openView, toolOpener } from "../lib/view.js";
import { createCamera } from "./camera.js";
import { findHips, loadModel } from "./model.js";
import { coachView } from "./view.js";

const ANNOUNCE_EVERY = 4000; // ms: a calm pace for screen readers
/** Opens the coach (from the page's button, or from inside workout mode). */
export const open = toolOpener(mount);

/** @param {HTMLElement} button @param {AbortSignal} page */
function mount(button, page) {
  const { element, part } = coachView();
  const view = openView({ name: "coach", title: t("coach.title"), body: element, opener: button, page });
  const { scope } = view;
  const video = /** @type {HTMLVideoElement} */ (part.video);
  const average = new HipAverage(10);
  const announcer = new HipAnnouncer(ANNOUNCE_EVERY);
  let measuring = false;
  let looping = false;
  const camera = createCamera({ scope, video, onmessage: (text) => (part.message.textContent = text), onstart: () => measure() });
  levelLine(scope, part);

  // Hip points from frame pixels to the stage, which shows the whole video
  // mirrored and letterboxed (object-fit: contain).
  /** @param {any} hips */
  function drawHips(hips) {
    part.hips.classList.toggle("hip-coach__hips--on", hips.state === "ok");
    if (hips.state !== "ok") return;
    const box = part.stage.getBoundingClientRect();
    const scale = Math.min(box.width / video.videoWidth, box.height / video.videoHeight);
    const dx = (box.width - video.videoWidth * scale) / 2;
    const dy = (box.height - video.videoHeight * scale) / 2;
    const [line, a, b] = part.hips.children;
    const points = [hips.screen.left, hips.screen.right].map((p) => [dx + p.x * scale, dy + p.y * scale]);
    line.setAttribute("x1", points[0][0]);
    line.setAttribute("y1", points[0][1]);
    line.setAttribute("x2", points[1][0]);
    line.setAttribute("y2", points[1][1]);
    [a, b].forEach((circle, i) => {
      circle.setAttribute("cx", points[i][0]);
      circle.setAttribute("cy", points[i][1]);
    });
  }

  /** @param {any} points @param {number} ms */
  function show(points, ms) {
    const hips = readHips(points.leftHip, points.rightHip, { width: video.videoWidth, height: video.videoHeight, mirrored: true });
    if (hips.state === "ok") average.push(hips.tilt);
    else average.reset();
    const tilt = average.value;
    const text = describeHips(hips.state === "ok" ? { ...hips, tilt } : hips);
    part.reading.textContent = text.text;
    part.gauge.dataset.state = text.key;
    // The bar tilts as the hips do in the mirror: the lower hip's end goes down.
    const angle = tilt === null ? 0 : Math.max(-25, Math.min(25, -tilt));
    part.needle.style.transform = `rotate(${angle}deg)`;
    drawHips(hips);
    const spoken = announcer.next(text, performance.now());
    if (spoken) part.live.textContent = spoken;
    view.dialog.dispatchEvent(new CustomEvent("hip-coach:frame", {
      detail: { state: hips.state, tilt: hips.tilt ?? null, smoothed: tilt, needle: angle, text: text.text, ms },
    }));
  }

  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  async function measure() {
    if (looping || !measuring || !camera.isOn()) return;
    looping = true;
    const model = await loadModel().catch(() => null);
    while (model && measuring && camera.isOn() && !scope.isClosed()) {
      if (video.readyState < 2 || !video.videoWidth) {
        await frame();
        continue;
      }
      const started = performance.now();
      const points = await findHips(model, video);
      if (!measuring || !camera.isOn() || scope.isClosed()) break;
      show(points, performance.now() - started);
      await frame();
    }
    looping = false;
  }

  scope.on(part.measure, "change", async () => {
    measuring = part.measure.checked;
    part.gauge.hidden = !measuring;
    part.hips.classList.remove("hip-coach__hips--on");
    average.reset();
    announcer.reset();
    if (!measuring) {
      part.live.textContent = t("coach.measuringOff");
      return;
    }
    part.reading.textContent = t("coach.loading");
    try {
      await loadModel();
    } catch {
      part.reading.textContent = t("coach.modelFailed");
      part.measure.checked = measuring = false;
      return;
    }
    if (!measuring || scope.isClosed()) return;
    part.reading.textContent = t("coach.looking");
    measure();
  });

  camera.start(); // permission is asked only now, on the reader's tap
}

// The level line: drag it, or use the arrow keys.
/** @param {import("../lib/scope.js").Scope} scope @param {Record<string, any>} part */
function levelLine(scope, part) {
  const { level, stage } = part;
  /** @param {number} percent */
  function set(percent) {
    const value = Math.round(Math.max(5, Math.min(95, percent)));
    level.style.top = `${value}%`;
    level.setAttribute("aria-valuenow", String(value));
    level.setAttribute("aria-valuetext", t("coach.levelAt", { value }));
  }
  set(55);
  scope.on(level, "pointerdown", (event) => {
    level.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  scope.on(level, "pointermove", (event) => {
    if (!level.hasPointerCapture(event.pointerId)) return;
    const box = stage.getBoundingClientRect();
    set(((event.clientY - box.top) / box.height) * 100);
  });
  scope.on(level, "keydown", (event) => {
    const now = Number(level.getAttribute("aria-valuenow"));
    const step = { ArrowUp: -1, ArrowDown: 1, PageUp: -10, PageDown: 10 }[/** @type {string} */ (event.key)];
    if (step) set(now + step);
    else if (event.key === "Home") set(5);
    else if (event.key === "End") set(95);
    else return;
    event.preventDefault();
  });
}
