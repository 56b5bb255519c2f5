// The pose model (Human with MoveNet Lightning), loaded once per visit on
// the first "Measure my hips". The post-build copies the model and its
// runtime into assets/coach/ with a manifest naming them (package.json
// "poseModel"); the service worker caches them on first use.

import { siteUrl } from "../lib/page.js";

// Shared by every language, at the site's root: assets/coach/, beside our
// stylesheet, which every language's pages link there (siteUrl is the
// language's own root: es/assets/coach/ would not be found).
const css = /** @type {HTMLLinkElement | null} */ (document.querySelector("link[rel=stylesheet][href*='stylesheets/site.css']"));
const MODEL_BASE = new URL("../coach/", css ? css.href : siteUrl("assets/stylesheets/"));

/** @type {Promise<any> | null} */
let loading = null;

/** Resolves to the loaded model (one load per visit; a failed one is tried again next time). */
export function loadModel() {
  loading ||= load().catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}

async function load() {
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
  document.dispatchEvent(
    new CustomEvent("hip-coach:ready", { detail: { ms: performance.now() - started, backend: model.tf.getBackend() } }),
  );
  return model;
}

/**
 * The two hip landmarks the model found in a frame: {leftHip, rightHip} as {x, y, score}, or fewer.
 * @param {any} model
 * @param {HTMLVideoElement} video
 */
export async function findHips(model, video) {
  const result = await model.detect(video);
  /** @type {Record<string, {x: number, y: number, score: number}>} */
  const points = {};
  const body = result.body && result.body[0];
  for (const point of body ? body.keypoints : []) {
    if (point.part === "leftHip" || point.part === "rightHip") {
      points[point.part] = { x: point.positionRaw[0], y: point.positionRaw[1], score: point.score };
    }
  }
  return points;
}
