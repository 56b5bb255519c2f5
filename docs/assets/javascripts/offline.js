// Offline support: registers the service worker that tools/build-sw.mjs
// writes after the build, offers "Update available — reload" when a new
// deploy is waiting, and lets a reader save a clip for offline use.
// Without JavaScript or service workers the site simply stays online-only.
// main.js loads this after the first paint: nothing here is needed to read.

// This file lives at assets/javascripts/, two levels below the site root.
const root = new URL("../../", import.meta.url);
const MEDIA_CACHE = "hip-media"; // the service worker serves clips from here

/* The service worker and the update flow */

let registration = null;
let reloading = false;

function offerUpdate(worker) {
  if (document.querySelector(".hip-update")) return;
  const bar = document.createElement("div");
  bar.className = "hip-update";
  bar.setAttribute("role", "status");
  bar.innerHTML = '<span>Update available</span><button type="button" class="hip-update__reload">Reload</button>';
  bar.querySelector("button").addEventListener("click", () => {
    reloading = true;
    worker.postMessage({ type: "SKIP_WAITING" });
  });
  document.body.append(bar);
}

// Once per visit, not per page.
export function start() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading) location.reload();
  });
  navigator.serviceWorker
    .register(new URL("sw.js", root))
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

/* Save a clip for offline */

function formatSize(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

// The one file of this clip that this browser plays, or null.
function playableSource(video) {
  let best = null;
  let bestRank = 0;
  for (const source of video.querySelectorAll("source[src]")) {
    const url = new URL(source.getAttribute("src"), location.href);
    if (url.origin !== location.origin || !url.pathname.includes("/assets/media/")) continue;
    const rank = { probably: 2, maybe: 1 }[video.canPlayType(source.type || "")] || 0;
    if (rank > bestRank) [best, bestRank] = [url.href, rank];
  }
  return best;
}

async function isSaved(url) {
  return Boolean(await (await caches.open(MEDIA_CACHE)).match(url));
}

async function save(url) {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok || response.status !== 200) throw new Error(`HTTP ${response.status}`);
  await (await caches.open(MEDIA_CACHE)).put(url, response);
}

function setUp(video) {
  const url = playableSource(video);
  if (!url || video.dataset.hipOffline) return;
  video.dataset.hipOffline = url;
  const box = document.createElement("div");
  box.className = "hip-offline";
  // The button shows once it knows what it does (saved or not), never as an
  // empty, nameless button; it keeps its room meanwhile, so nothing moves.
  box.innerHTML =
    '<button type="button" class="hip-offline__button hip-offline__button--pending"></button><span class="hip-offline__status" role="status"></span>';
  (video.closest("figure") || video).after(box);
  const button = box.querySelector("button");
  const status = box.querySelector("span");

  async function show() {
    const saved = await isSaved(url);
    button.classList.remove("hip-offline__button--pending");
    if (saved) {
      button.textContent = "Remove offline copy";
      status.textContent = "Saved for offline";
      return;
    }
    button.textContent = "Save for offline";
    status.textContent = "";
    // Say how big the download is before the reader commits to it.
    try {
      const head = await fetch(url, { method: "HEAD", cache: "no-store" });
      const length = Number(head.headers.get("Content-Length"));
      if (head.ok && length) button.textContent = `Save for offline (${formatSize(length)})`;
    } catch {
      // Offline: the label without a size is still right.
    }
  }

  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      if (await isSaved(url)) {
        await (await caches.open(MEDIA_CACHE)).delete(url);
      } else {
        status.textContent = "Saving…";
        await save(url);
      }
    } catch {
      status.textContent = "Could not save: check your connection and try again";
      button.disabled = false;
      return;
    }
    button.disabled = false;
    await show();
  });
  // A clip someone has played is worth keeping: save it in the background.
  video.addEventListener("play", async () => {
    if (await isSaved(url)) return;
    save(url).then(show, () => {});
  });
  show();
}

export function enhance(root) {
  if (!("caches" in window)) return; // only over HTTPS or on localhost
  root.querySelectorAll("video").forEach(setUp);
}

