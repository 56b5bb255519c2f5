// The full-screen view shared by workout mode and the coach: a modal
// <dialog> with a title bar, the stop rule always in sight, the page's full
// stop rules one tap away (shown inside the view, in place of its body),
// and focus and scroll put back where they were on close. setRunning(true)
// hides the title bar while a plan runs; the stop rule stays.

import { stylesheet } from "./page.js";

// The views' styles are on no page's first screen: they load with this code,
// on the first tap, and the module is ready once they apply.
await stylesheet("views.css");

const SAFETY = "<strong>Stop if it hurts.</strong> On one leg, hold a wall, a counter or the back of a chair.";
let views = 0;

// name: a class suffix ("workout"); body: the view's own markup.
export function fullScreenView(name, body) {
  const id = `hip-view-${++views}`;
  const dialog = document.createElement("dialog");
  dialog.className = `hip-view hip-${name}`;
  dialog.setAttribute("aria-labelledby", `${id}-title`);
  dialog.innerHTML = `
    <div class="hip-view__bar">
      <h2 class="hip-view__title" id="${id}-title"></h2>
      <button type="button" class="hip-view__close">Close</button>
    </div>
    <div class="hip-view__safety">
      <p>${SAFETY}</p>
      <button type="button" class="hip-view__rules-toggle" aria-expanded="false" aria-controls="${id}-rules">Stop rules</button>
    </div>
    <div class="hip-view__rules" id="${id}-rules" tabindex="-1" hidden>
      <div class="hip-view__rules-text"></div>
      <button type="button" class="hip-view__rules-back">Back to the view</button>
    </div>
    <div class="hip-view__body">${body}</div>`;
  const part = (selector) => dialog.querySelector(selector);
  const toggle = part(".hip-view__rules-toggle");
  const rules = part(".hip-view__rules");
  const closing = [];
  const whileOpen = [];
  let opener = null;
  let scrollY = 0;

  // The page's own stop rules (includes/stop-rules.md), else the way to the disclaimer.
  function fillRules() {
    const page = document.querySelector(".md-content .hip-stop");
    const notice = document.querySelector(".hip-notice a");
    const text = part(".hip-view__rules-text");
    text.replaceChildren();
    // Its words, not its title (the toggle says "Stop rules") or its box.
    if (page) text.append(...[...page.children].filter((c) => !c.matches(".admonition-title")).map((c) => c.cloneNode(true)));
    else if (notice) text.append(notice.cloneNode(true));
  }

  function showRules(show, focus = true) {
    rules.hidden = !show;
    part(".hip-view__body").hidden = show;
    toggle.setAttribute("aria-expanded", String(show));
    if (focus) (show ? rules : toggle).focus();
  }

  // Whatever gets focus or is scrolled to stays clear of the sticky stop rule (WCAG 2.4.11).
  new ResizeObserver(([entry]) => {
    dialog.style.scrollPaddingTop = `${entry.target.offsetHeight}px`;
  }).observe(part(".hip-view__safety"));

  toggle.addEventListener("click", () => showRules(rules.hidden));
  part(".hip-view__rules-back").addEventListener("click", () => showRules(false));
  part(".hip-view__close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    for (const [target, type, handler] of whileOpen) target.removeEventListener(type, handler);
    showRules(false, false);
    closing.forEach((fn) => fn());
    window.scrollTo({ top: scrollY, behavior: "instant" });
    if (opener && opener.isConnected) opener.focus();
  });

  return {
    dialog,
    part,
    setTitle(text) {
      part(".hip-view__title").textContent = text;
    },
    // A compact state while something runs hands-free (a plan, a meter): the
    // title bar gives its room to the running display; the stop rule, its
    // Stop rules button and the view's own controls stay, and the dialog
    // keeps its name (aria-labelledby reads the hidden title).
    setRunning(on) {
      dialog.classList.toggle("hip-view--running", on);
    },
    // Opens the view from `from` (the button tapped), focusing `focus` inside it.
    open(from, focus) {
      if (dialog.open) return; // a second tap while the first was loading
      opener = from;
      scrollY = window.scrollY;
      fillRules();
      showRules(false, false);
      for (const [target, type, handler] of whileOpen) target.addEventListener(type, handler);
      dialog.showModal();
      // Without scrolling: the view opens at its top, title bar and stop rule in sight.
      (focus ? part(focus) : part(".hip-view__close")).focus({ preventScroll: true });
    },
    close: () => dialog.close(),
    onClose: (fn) => closing.push(fn),
    // A listener on something outside the view (the document), attached only while it is open.
    whileOpen: (target, type, handler) => whileOpen.push([target, type, handler]),
  };
}
