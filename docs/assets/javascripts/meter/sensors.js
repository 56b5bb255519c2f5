// The phone's motion sensors, for the meter: access asked for inside the
// tap where the browser has a way to ask (iOS), and the samples each event
// brings, collected until the meter reads them. Listening stops when the
// run's scope closes.

import { upFromMotion, upFromOrientation } from "../lib/tilt.js";

/** Whether this browser gives motion readings at all. */
export const hasMotionApi = () => typeof DeviceMotionEvent !== "undefined" || typeof DeviceOrientationEvent !== "undefined";

/**
 * iOS asks for motion access only from a tap, through these; other browsers have no such call.
 * Call it synchronously in the tap. Resolves "granted", "denied", or rejects with the browser's error.
 * @returns {Promise<"granted" | "denied"> | null}  null where nothing needs asking
 */
export function askForMotion() {
  const asks = [globalThis.DeviceMotionEvent, globalThis.DeviceOrientationEvent]
    .filter((Event) => Event && typeof (/** @type {any} */ (Event)).requestPermission === "function")
    .map((Event) => /** @type {any} */ (Event).requestPermission());
  if (!asks.length) return null;
  return Promise.all(asks).then((answers) => (answers.every((answer) => answer === "granted") ? "granted" : "denied"));
}

/**
 * Listens to both events while scope is open; take() hands over what came since the last take().
 * @param {import("../lib/scope.js").Scope} scope
 */
export function listen(scope) {
  /** @type {{up: any, rotation: number | null, fromMotion: boolean}[]} */
  let samples = [];
  scope.on(window, "devicemotion", (/** @type {DeviceMotionEvent} */ event) => {
    const r = event.rotationRate;
    const rates = r ? [r.alpha, r.beta, r.gamma] : [];
    const rotation = rates.length && rates.every(Number.isFinite) ? Math.hypot(...(/** @type {number[]} */ (rates))) : null;
    samples.push({ up: upFromMotion(event.accelerationIncludingGravity), rotation, fromMotion: true });
  });
  scope.on(window, "deviceorientation", (/** @type {DeviceOrientationEvent} */ event) => {
    samples.push({ up: upFromOrientation(event.beta, event.gamma), rotation: null, fromMotion: false });
  });
  return {
    take() {
      const taken = samples;
      samples = [];
      return taken;
    },
  };
}
