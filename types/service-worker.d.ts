// tools/build-sw.mjs's bundler replaces process.env.* in the service worker
// with strings; nothing named process exists when it runs.
declare const process: { env: { COACH_VERSION: string } };

// Workbox's injection point: build-sw.mjs writes the precache list where the
// worker says `self.__WB_MANIFEST`, so the worker must say it in those words.
interface WorkerGlobalScope {
  __WB_MANIFEST: Array<import("workbox-precaching").PrecacheEntry | string>;
}
