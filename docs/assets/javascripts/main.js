// The page scripts' one entry point (an ES module, from overrides/main.html).
// A page loads only the code its content uses:
// - the tools behind `data-hip-open` buttons (workout mode, the coach, the
//   pelvis meter) on the first tap of one of them;
// - the step buttons where a chaptered clip is, the video facade where a
//   hosted video is, the log where the "My log" panel is;
// - the offline client after the first paint, and the "Save for offline"
//   buttons then where a clip is.
// The buttons are plain HTML from the build (hipmd/); a script in the page's
// head marks the document `hip-js` so they show only where this runs.

import { afterFirstPaint, onPage } from "./lib/page.js";

const TOOLS = {
  workout: () => import("./workout.js"),
  coach: () => import("./coach.js"),
  meter: () => import("./meter.js"),
};

const COMPONENTS = [
  ["figure.hip-video track[kind=chapters]", () => import("./steps-video.js")],
  ["a[data-hip-embed]", () => import("./video.js")],
  ["[data-hip-panel='log']", () => import("./my-log.js")],
  ["[data-hip-panel='reminder']", () => import("./reminder.js")],
];

const toolFor = (event) => {
  const button = event.target.closest && event.target.closest("button[data-hip-open]");
  return button && TOOLS[button.dataset.hipOpen] ? button : null;
};

// Start fetching on the finger's touch; open on the tap.
document.addEventListener("pointerdown", (event) => {
  const button = toolFor(event);
  if (button) TOOLS[button.dataset.hipOpen]();
}, { passive: true });

document.addEventListener("click", async (event) => {
  const button = toolFor(event);
  if (!button) return;
  const tool = await TOOLS[button.dataset.hipOpen]();
  tool.open(button);
});

onPage((root, signal) => {
  for (const [selector, load] of COMPONENTS) {
    if (root.querySelector(selector)) load().then((component) => component.enhance(root, signal));
  }
});

afterFirstPaint(async () => {
  const offline = await import("./offline.js");
  offline.start();
  onPage((root) => {
    if (root.querySelector("video")) import("./save-clip.js").then((clips) => clips.enhance(root));
  });
});
