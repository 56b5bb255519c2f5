// Offline support: registers the service worker that tools/build-sw.mjs
// writes after the build and offers "Update available — Reload" when a new
// deploy is waiting (saving a clip for offline use is save-clip.js).
// Without JavaScript or service workers the site simply stays online-only.
// main.js starts it after the first paint: nothing here is needed to read.

// The worker of the page's language: each language is a site of its own
// (English at the root, Spanish in es/) with its own sw.js at its root, which
// the theme's head script resolves as __md_scope at the first load. Its scope
// is that folder, so it precaches only the language being read. (Without the
// theme: this file lives at assets/javascripts/, two levels below the root.)
const languageRoot = () => /** @type {any} */ (globalThis).__md_scope ?? new URL("../../", import.meta.url);

/* The service worker and the update flow */

/** @type {ServiceWorkerRegistration | null} */
let registration = null;
let reloading = false;

// The bar is update.js, loaded when a new deploy waits: that never happens on
// a first visit (no worker controls the page yet), and its code and words then
// come from the worker's offline copy.
/** @param {ServiceWorker} worker the new deploy's worker, installed and waiting */
function offerUpdate(worker) {
  import("./update.js").then((update) => update.offer(() => {
    reloading = true;
    worker.postMessage({ type: "SKIP_WAITING" });
  }));
}

// Once per visit, not per page.
export function start() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading) location.reload();
  });
  navigator.serviceWorker
    .register(new URL("sw.js", languageRoot()))
    .then((reg) => {
      registration = reg;
      if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
      reg.addEventListener("updatefound", () => {
        const worker = reg.installing;
        worker.addEventListener("statechange", () => {
          // With a controller, an installed worker is an update, not the first install.
          if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
        });
      });
    })
    // `mkdocs serve` has no sw.js; the site then works online only.
    .catch(() => {});
  // Instant navigation makes no real page loads, so look for a new deploy
  // whenever the reader comes back to the tab.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && registration) registration.update().catch(() => {});
  });
}
