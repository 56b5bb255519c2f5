// A scope owns what a view started (listeners, timers, observers, speech,
// sound, camera, sensors, the wake lock) and stops all of it once, newest
// first, when it closes, whichever way the view goes away.
//
//   const scope = createScope();
//   scope.on(document, "visibilitychange", handler);   // removed on close
//   const later = scope.timer();  later.start(fn, 8000);  later.stop();
//   const stop = scope.every(fn, 250);
//   scope.add(() => stream.getTracks().forEach((t) => t.stop()));
//   const run = scope.child();  // one run's listeners and timers: run.close() ends them early
//   scope.close();  // runs every cleanup once; later calls do nothing

/**
 * @typedef {object} Timer
 * @property {(fn: () => void, ms: number) => void} start  (re)starts it: one pending call at a time
 * @property {() => void} stop
 */

/**
 * @typedef {object} Scope
 * @property {AbortSignal} signal  aborts on close (for fetch, addEventListener)
 * @property {() => boolean} isClosed
 * @property {(cleanup: () => void) => void} add  runs cleanup on close (at once if closed already)
 * @property {(target: EventTarget, type: string, handler: (event: any) => void, options?: AddEventListenerOptions) => void} on
 * @property {() => Timer} timer
 * @property {(fn: () => void, ms: number) => () => void} every  an interval; returns its stop
 * @property {(observer: {disconnect(): void}) => void} observe  disconnects it on close
 * @property {() => Scope} child  a scope for one run inside this one: closed with it, or on its own
 * @property {() => void} close
 */

/** @returns {Scope} */
export function createScope() {
  const controller = new AbortController();
  /** @type {(() => void)[]} */
  const cleanups = [];
  let closed = false;

  /** @type {Scope} */
  const scope = {
    signal: controller.signal,
    isClosed: () => closed,
    add(cleanup) {
      if (closed) cleanup();
      else cleanups.push(cleanup);
    },
    on(target, type, handler, options = {}) {
      if (!closed) target.addEventListener(type, handler, { ...options, signal: controller.signal });
    },
    timer() {
      /** @type {ReturnType<typeof setTimeout> | undefined} */
      let id;
      const stop = () => clearTimeout(id);
      scope.add(stop);
      return {
        start(fn, ms) {
          stop();
          if (!closed) id = setTimeout(fn, ms);
        },
        stop,
      };
    },
    every(fn, ms) {
      const id = closed ? undefined : setInterval(fn, ms);
      const stop = () => clearInterval(id);
      scope.add(stop);
      return stop;
    },
    observe(observer) {
      scope.add(() => observer.disconnect());
    },
    child() {
      const inner = createScope();
      scope.add(inner.close);
      return inner;
    },
    close() {
      if (closed) return;
      closed = true;
      controller.abort();
      // Every cleanup runs even if one throws: a camera must stop whatever the speech engine did.
      for (const cleanup of cleanups.splice(0).reverse()) {
        try {
          cleanup();
        } catch (error) {
          reportError(error);
        }
      }
    },
  };
  return scope;
}
