// Save a clip for offline: a button under each local clip (with its size),
// and a clip someone plays is saved too; the service worker then serves it
// from this cache with byte ranges. main.js loads this after the first
// paint, only on pages with a clip. Its words are on the clip's figure, in
// the page's language (hipmd/video.py, from extra.hip.words).

const MEDIA_CACHE = "hip-media"; // the service worker serves clips from here

/** @param {number} bytes  "1.2 MB", "284 kB", in the page's language's way with numbers */
function formatSize(bytes) {
  const [value, unit] = bytes >= 1e6 ? [bytes / 1e6, "megabyte"] : [Math.max(1, Math.round(bytes / 1e3)), "kilobyte"];
  return new Intl.NumberFormat(document.documentElement.lang || "en", { style: "unit", unit, maximumFractionDigits: 1 })
    .format(value);
}

/**
 * The one file of this clip that this browser plays, or null.
 * @param {HTMLVideoElement} video
 * @returns {HTMLSourceElement | null}
 */
function playableSource(video) {
  let best = null;
  let bestRank = 0;
  /** @type {NodeListOf<HTMLSourceElement>} */
  const sources = video.querySelectorAll("source[src]");
  for (const source of sources) {
    const url = new URL(source.getAttribute("src"), location.href);
    if (url.origin !== location.origin || !url.pathname.includes("/assets/media/")) continue;
    const rank = { probably: 2, maybe: 1 }[video.canPlayType(source.type || "")] || 0;
    if (rank > bestRank) [best, bestRank] = [source, rank];
  }
  return best;
}

/** @param {string} url */
async function isSaved(url) {
  return Boolean(await (await caches.open(MEDIA_CACHE)).match(url));
}

/** @param {string} url */
async function save(url) {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok || response.status !== 200) throw new Error(`HTTP ${response.status}`);
  await (await caches.open(MEDIA_CACHE)).put(url, response);
}

/** @param {HTMLVideoElement} video */
function setUp(video) {
  const source = playableSource(video);
  if (!source || video.dataset.hipOffline) return;
  const url = new URL(source.getAttribute("src"), location.href).href;
  const bytes = Number(source.dataset.hipBytes);
  const said = /** @type {HTMLElement} */ (video.closest("figure") || video).dataset;
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
      button.textContent = said.hipRemove || "";
      status.textContent = said.hipSaved || "";
      return;
    }
    // Say how big the download is before the reader commits to it: the build
    // wrote the file's size on its <source> (hipmd/video.py), so no request.
    button.textContent = bytes ? `${said.hipSave} (${formatSize(bytes)})` : said.hipSave || "";
    status.textContent = "";
  }

  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      if (await isSaved(url)) {
        await (await caches.open(MEDIA_CACHE)).delete(url);
      } else {
        status.textContent = said.hipSaving || "";
        await save(url);
      }
    } catch {
      status.textContent = said.hipFailed || "";
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

/** @param {HTMLElement} root the page's content */
export function enhance(root) {
  if (!("caches" in window)) return; // only over HTTPS or on localhost
  root.querySelectorAll("video").forEach(setUp);
}

