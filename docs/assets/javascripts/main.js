// The page scripts' one entry point (an ES module, from overrides/main.html).
// A page loads only the code its content uses:
// - the tools behind `data-hip-open` buttons (workout mode, the coach, the
//   pelvis meter) on the first tap of one of them;
// - the step buttons where a chaptered clip is, the video facade where a
//   hosted video is, the log where the "My log" panel is;
// - the offline client after the first paint (bundled in), and the "Save for
//   offline" buttons then where a clip is.
// The buttons are plain HTML from the build (hipmd/); a script in the page's
// head marks the document `hip-js` so they show only where this runs.

import { afterFirstPaint, onPage } from "./lib/page.js";
import { start as startOffline } from "./offline.js";

const TOOLS = {
  workout: () => import("./workout/index.js"),
  coach: () => import("./coach/index.js"),
  meter: () => import("./meter/index.js"),
};

/** @type {[string, () => Promise<any>][]} */
const COMPONENTS = [
  ["figure.hip-video track[kind=chapters]", () => import("./steps-video.js")],
  ["a[data-hip-embed]", () => import("./video.js")],
  ["[data-hip-panel='log']", () => import("./my-log.js")],
  ["[data-hip-panel='reminder']", () => import("./reminder.js")],
];

// One import per tool, shared by the finger's touch and the tap: WebKit can
// hand a second import() of a module that is still loading back too early
// (WebKit bug 242740). A failed load is forgotten, so the next tap tries again.
/** @type {Map<string, Promise<{open: (button: HTMLElement, page: AbortSignal) => void}>>} */
const loading = new Map();
/** @param {keyof typeof TOOLS} name */
function load(name) {
  if (!loading.has(name)) {
    loading.set(name, TOOLS[name]().catch((error) => {
      loading.delete(name);
      throw error;
    }));
  }
  return /** @type {Promise<any>} */ (loading.get(name));
}

/** @param {EventTarget | null | undefined} target */
const toolButton = (target) => {
  const button = target instanceof Element ? target.closest("button[data-hip-open]") : null;
  return button instanceof HTMLElement && button.dataset.hipOpen && button.dataset.hipOpen in TOOLS ? button : null;
};

// What happened, in place, next to the button; gone on the next tap. The
// words come with the button, in the page's language (hipmd/tools.py): the
// tool's own words are in the code that could not load.
/**
 * @param {HTMLElement} button
 * @param {string} [text]
 */
function loadProblem(button, text) {
  const host = button.parentElement;
  host?.querySelector(":scope > .hip-tool__problem")?.remove();
  if (!text || !host) return;
  const note = document.createElement("p");
  note.className = "hip-tool__problem";
  note.setAttribute("role", "alert");
  note.textContent = text;
  button.after(note);
}

let page = new AbortController().signal; // the page showing; aborts when the next one comes

// Start fetching on the finger's touch; open on the tap.
document.addEventListener("pointerdown", (event) => {
  const button = toolButton(event.target);
  if (button) load(/** @type {keyof typeof TOOLS} */ (button.dataset.hipOpen)).catch(() => {});
}, { passive: true });

/** @param {HTMLElement} button */
function openTool(button) {
  const name = /** @type {keyof typeof TOOLS} */ (button.dataset.hipOpen);
  const signal = page;
  loadProblem(button);
  load(name).then(
    (tool) => {
      if (!signal.aborted && button.isConnected) tool.open(button, signal);
    },
    () => loadProblem(button, button.dataset.hipProblem),
  );
}

document.addEventListener("click", (event) => {
  const button = toolButton(event.target);
  if (button) openTool(button);
});

// A tap that came before this module ran, kept by the head's script
// (overrides/main.html); from now on the listener above takes every tap.
const early = /** @type {{hipEarlyTap?: Element | null}} */ (/** @type {unknown} */ (window));
const tapped = toolButton(early.hipEarlyTap);
early.hipEarlyTap = undefined;
if (tapped?.isConnected) openTool(tapped);

// The header's language menu links to this page in each language (the
// post-build writes them). Instant navigation swaps the content, not the
// header: from the second page on, languages.js carries the links over.
const start = location.href;
let shown = 0;

onPage((root, signal) => {
  page = signal;
  if (shown++) import("./languages.js").then((languages) => languages.follow(start));
  for (const [selector, load] of COMPONENTS) {
    if (root.querySelector(selector)) load().then((component) => component.enhance(root, signal));
  }
});

// In this file's bundle (a module: it never holds up the first paint), so a
// first visit makes one request fewer; it starts after the first paint.
afterFirstPaint(() => {
  startOffline();
  onPage((root) => {
    if (root.querySelector("video")) import("./save-clip.js").then((clips) => clips.enhance(root));
  });
});
