// Step <-> clip: a "play this step" button in each step that seeks the clip
// to that step's chapter, and aria-current="step" on the step the clip is
// showing. Loaded by main.js only on pages with a chaptered clip; without
// JavaScript the list and the native video still work.

import { stepLists } from "./lib/steps.js";

const ICON = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">'
  + '<path d="M8 5v14l11-7z" fill="currentColor"/></svg>';

/**
 * The chapter cues, read through the TextTrack API ("hidden" loads them without showing them).
 * @param {HTMLVideoElement} video
 * @returns {Promise<TextTrackCueList | null>}
 */
function chapterCues(video) {
  /** @type {HTMLTrackElement | null} */
  const el = video.querySelector("track[kind=chapters]");
  if (!el) return Promise.resolve(null);
  el.track.mode = "hidden";
  if (el.readyState === 2 && el.track.cues) return Promise.resolve(el.track.cues);
  return new Promise((resolve) => {
    el.addEventListener("load", () => resolve(el.track.cues), { once: true });
    el.addEventListener("error", () => resolve(null), { once: true });
  });
}

/**
 * The step lists the clip belongs to: those of the tab set that follows it in its section.
 * @param {Element} figure
 */
function listsFor(figure) {
  for (let el = figure.nextElementSibling; el && !/^H[12]$/.test(el.tagName); el = el.nextElementSibling) {
    if (el.matches(".tabbed-set")) return stepLists(el);
  }
  return [];
}

/** @param {HTMLElement} figure */
async function enhanceClip(figure) {
  figure.dataset.hipSteps = "on";
  const video = figure.querySelector("video");
  const cues = [...((await chapterCues(video)) || [])];
  // The clip draws the first tab's steps (tools/render_media.py): only they get play buttons. A
  // Seated tab's "play" would show the standing clip.
  const lists = listsFor(figure).slice(0, 1).filter((list) => list.items.length === cues.length);
  if (!cues.length || !lists.length) return;
  let pending = false; // a step's seek waits for the clip's metadata
  for (const { items } of lists) {
    items.forEach((li, i) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "hip-step-play";
      // "Play step 2", in the page's language: the build wrote the words on the figure (hipmd/video.py).
      button.setAttribute("aria-label", (figure.dataset.hipPlayStep || "").replace("{n}", String(i + 1)));
      button.innerHTML = ICON;
      button.addEventListener("click", () => {
        // A seek before the metadata has loaded is lost, so wait for it if
        // needed (preload="none": nothing loads before the first play), and
        // mark no step until it is done; play() stays in the tap for iOS.
        const seek = () => { pending = false; video.currentTime = cues[i].startTime + 0.05; };
        if (video.readyState >= 1) seek();
        else {
          pending = true;
          video.addEventListener("loadedmetadata", seek, { once: true });
        }
        video.play().catch(() => {});
        video.scrollIntoView({ block: "nearest" });
      });
      li.append(button);
    });
  }
  const mark = () => {
    if (pending) return;
    const t = video.currentTime;
    const started = !video.ended && (t > 0 || !video.paused);
    const current = started ? cues.findIndex((c) => t >= c.startTime && t < c.endTime) : -1;
    for (const { items } of lists) {
      items.forEach((li, i) => {
        if (i === current) li.setAttribute("aria-current", "step");
        else li.removeAttribute("aria-current");
      });
    }
  };
  for (const type of ["timeupdate", "seeked", "play", "ended"]) video.addEventListener(type, mark);
}

/** @param {HTMLElement} root the page's content */
export function enhance(root) {
  root.querySelectorAll("figure.hip-video:not(.hip-video--hosted):not([data-hip-steps])").forEach(enhanceClip);
}
