// Service worker source. tools/build-sw.mjs bundles it with the Workbox
// modules and injects the precache list (self.__WB_MANIFEST) after the build.
import { addRoute, cleanupOutdatedCaches, matchPrecache, precache } from "workbox-precaching";
import { registerRoute } from "workbox-routing";
import { CacheFirst, CacheOnly, NetworkFirst } from "workbox-strategies";
import { RangeRequestsPlugin } from "workbox-range-requests";

// Shared with the page (save-clip.js), which saves clips into this cache.
const MEDIA_CACHE = "hip-media";

// `self` as what it is here (lib.webworker types it as any worker's scope).
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

// build-sw.mjs writes the precache list where it finds these very words.
precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Pages first: network first, so a new deploy shows at once; with no or a
// weak signal, the copy from the last visit. Material's instant navigation
// fetches pages with fetch(), so match HTML by URL as well as navigations.
// A page is asked for with the ETag of the copy the worker holds (from an
// earlier visit, else the precache), so an unchanged page costs a 304, not
// the page again; the browser's HTTP cache cannot do this here, as it keys a
// navigation apart from the worker's fetch of it.
const PAGES_CACHE = "hip-pages";
const heldCopy = async (url) =>
  (await caches.match(url, { cacheName: PAGES_CACHE })) ||
  (await matchPrecache(new URL(url).pathname.endsWith("/") ? `${new URL(url).pathname}index.html` : url));
const revalidate = {
  requestWillFetch: async ({ request }) => {
    const etag = (await heldCopy(request.url))?.headers.get("ETag");
    if (!etag) return request;
    const headers = new Headers(request.headers);
    headers.set("If-None-Match", etag);
    return new Request(request.url, { headers, credentials: request.credentials });
  },
  fetchDidSucceed: async ({ request, response }) =>
    response.status === 304 ? (await heldCopy(request.url)) || response : response,
};
const pages = new NetworkFirst({ cacheName: PAGES_CACHE, networkTimeoutSeconds: 4, plugins: [revalidate] });
const isPage = ({ request, url }) =>
  url.origin === sw.location.origin &&
  (request.mode === "navigate" || url.pathname.endsWith("/") || url.pathname.endsWith(".html"));
registerRoute(isPage, async (options) => {
  try {
    return await pages.handle(options);
  } catch {
    const path = options.url.pathname.endsWith("/") ? `${options.url.pathname}index.html` : options.url.pathname;
    return (await matchPrecache(path)) || (await matchPrecache("404.html")) || Response.error();
  }
});

// Everything else in the precache (revisioned): cache first.
addRoute();

// Videos are never cached behind the reader's back: only the page saves a
// clip (when played, or on "Save for offline"). A saved clip is served from
// the cache with byte ranges, as a <video> asks for, so it plays offline;
// any other clip goes to the network untouched.
const savedMedia = new CacheOnly({ cacheName: MEDIA_CACHE, plugins: [new RangeRequestsPlugin()] });
registerRoute(
  ({ url }) => /\/assets\/media\/[^/]+\.(mp4|webm)$/i.test(url.pathname),
  async (options) => {
    try {
      return await savedMedia.handle(options);
    } catch {
      return fetch(options.request);
    }
  },
);

// The coach's pose model: fetched only when a reader turns measuring on,
// then kept, so measuring works offline. The cache is named after the pinned
// package version (filled in by build-sw.mjs), so a new version starts afresh.
const COACH_CACHE = `hip-coach-${process.env.COACH_VERSION}`;
registerRoute(
  ({ url }) => url.origin === sw.location.origin && url.pathname.includes("/assets/coach/"),
  new CacheFirst({ cacheName: COACH_CACHE }),
);

// The update flow: the page asks the waiting worker to take over.
sw.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") sw.skipWaiting();
});
// Take control of the open page as soon as this worker is active (on the
// first visit, so it works offline at once; after an update, once the reader
// chose Reload), and drop the pose model of an older version.
sw.addEventListener("activate", (event) =>
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith("hip-coach-") && n !== COACH_CACHE).map((n) => caches.delete(n))),
      )
      .then(() => sw.clients.claim()),
  ),
);
