// The front camera for the coach's mirror: asked for only from the reader's
// tap, stopped when the page is hidden or the view's scope closes, and its
// errors said in every browser's names (WebKit says OverconstrainedError
// when there is no front camera).

import { t } from "../lib/i18n.js";

/** @type {Record<string, import("../lib/i18n.js").MessageKey>} */
const ERRORS = {
  NotAllowedError: "coach.camera.blocked",
  SecurityError: "coach.camera.blocked",
  NotFoundError: "coach.camera.none",
  OverconstrainedError: "coach.camera.noFront",
  NotReadableError: "coach.camera.busy",
  AbortError: "coach.camera.aborted",
};

/**
 * @param {object} options
 * @param {import("../lib/scope.js").Scope} options.scope  the camera stops when it closes
 * @param {HTMLVideoElement} options.video
 * @param {(text: string) => void} options.onmessage  the camera's state, in plain words ("" when it runs)
 * @param {() => void} options.onstart
 */
export function createCamera({ scope, video, onmessage, onstart }) {
  /** @type {MediaStream | null} */
  let stream = null;
  let asking = false;

  async function start() {
    if (stream || asking || scope.isClosed()) return;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return onmessage(t(ERRORS.NotFoundError));
    onmessage(t("coach.camera.starting"));
    asking = true;
    try {
      const got = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "user", width: { ideal: 640 }, height: { ideal: 480 } },
        audio: false,
      });
      // Closed or hidden while the browser was asking: let the camera go at once.
      if (scope.isClosed() || document.visibilityState === "hidden") {
        got.getTracks().forEach((track) => track.stop());
        return;
      }
      stream = got;
      video.srcObject = stream;
      await video.play().catch(() => {});
      onmessage("");
      onstart();
    } catch (error) {
      const name = error instanceof Error ? error.name : "";
      onmessage(ERRORS[name] ? t(ERRORS[name]) : t("coach.camera.unknown", { name: name ? ` (${name})` : "" }));
    } finally {
      asking = false;
    }
  }

  function stop() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
  }

  scope.on(document, "visibilitychange", () => (document.visibilityState === "hidden" ? stop() : start()));
  scope.add(stop);
  return { start, isOn: () => stream !== null };
}
