// The screen kept on (Screen Wake Lock API) while a view needs it. The
// browser drops the lock when the page is hidden; it is asked for again on
// return. Released when the scope closes, whichever way the view goes.
//
//   const awake = keepScreenOn(view.scope, (status) => ...);  // "on" | "off" | "unsupported" | "failed"
//   awake.release();   // before the scope closes (the meter: when measuring stops)

/** @typedef {"on" | "off" | "unsupported" | "failed"} WakeStatus */

/**
 * @param {import("./scope.js").Scope} scope
 * @param {(status: WakeStatus) => void} [onchange]
 */
export function keepScreenOn(scope, onchange = () => {}) {
  /** @type {WakeLockSentinel | null} */
  let lock = null;
  let wanted = true;

  async function request() {
    if (!("wakeLock" in navigator)) return onchange("unsupported");
    if (!wanted || (lock && !lock.released)) return;
    try {
      const got = await navigator.wakeLock.request("screen");
      if (!wanted || scope.isClosed()) {
        got.release().catch(() => {});
        return;
      }
      lock = got;
      onchange("on");
      got.addEventListener("release", () => {
        if (wanted && !scope.isClosed()) onchange("off");
      });
    } catch {
      onchange("failed");
    }
  }

  function release() {
    wanted = false;
    if (lock) lock.release().catch(() => {});
    lock = null;
  }

  scope.on(document, "visibilitychange", () => {
    if (document.visibilityState === "visible") request();
  });
  scope.add(release);
  request();
  return { release };
}
