// The full-screen view every tool opens in: a modal <dialog> with a title
// bar, the stop rule always in sight, the page's full stop rules one tap
// away, and one lifecycle. Opening it adds a history entry, so Back (the
// browser's button, a swipe, Android's gesture) closes the view and stays
// on the page; Close and Escape take that entry away again, so history
// stays as it was. However the view goes away (Close, Escape, Back,
// instant navigation to another page, the page being left for the
// back/forward cache), its closing hooks and then its scope's cleanups run
// exactly once: nothing it started (speech, sound, camera, sensors, the
// wake lock, timers, observers) outlives it.
//
//   const view = openView({ name: "workout", title, body, opener, page: signal });
//   view.scope.on(...); view.scope.every(...)   // owned by the view
//   view.onClose((reason) => ...)               // before the scope's cleanups
//   view.close("close")                          // resolves once history is back where it was

import { h, parts } from "./dom.js";
import { t, useLanguage } from "./i18n.js";
import { stylesheet } from "./page.js";
import { createScope } from "./scope.js";

/** @typedef {"close" | "escape" | "back" | "navigate" | "pagehide" | "link"} CloseReason */

/**
 * A tool's open(button, page), as main.js calls it: the views' styles and the
 * page's words load first (on the first tap only), a second tap meanwhile does
 * nothing, and mount(button, page) builds the view unless the page has gone.
 * @param {(button: HTMLElement, page: AbortSignal) => void} mount
 */
export function toolOpener(mount) {
  let opening = false;
  /** @param {HTMLElement} button @param {AbortSignal} page */
  return async function open(button, page) {
    if (opening) return;
    opening = true;
    try {
      await Promise.all([stylesheet("views.css"), useLanguage()]);
    } finally {
      opening = false;
    }
    if (!page.aborted && button.isConnected) mount(button, page);
  };
}

/**
 * @typedef {object} View
 * @property {HTMLDialogElement} dialog
 * @property {import("./scope.js").Scope} scope  closed with the view
 * @property {string} path  the page it opened on
 * @property {(text: string) => void} setTitle
 * @property {(on: boolean) => void} setRunning  the compact state while something runs hands-free
 * @property {(modes: Record<string, HTMLElement>, mode: string) => void} showMode  shows one of the
 *   tool's parts (its "run" part in the compact running state), hides the others
 * @property {(hook: (reason: CloseReason) => void) => void} onClose
 * @property {(reason?: CloseReason) => Promise<void>} close
 */

/** @type {{close: (reason: CloseReason) => Promise<void>, path: string}[]} */
const stack = []; // the views open now, the top one last, with the page each opened on
let ownPops = 0; // our own history.back() calls whose popstate has not come yet
/** @type {(() => void)[]} */
let popped = []; // waiting for those popstates
let staleEntry = false; // the page was left with a view's entry current
let serial = 0;

// A history step between a view's entry and its page's is ours alone:
// Material's instant navigation also listens to popstate and, on a page it
// has not navigated from yet, would fetch and swap the page in again. The
// page's head (overrides/main.html) listens before Material does and asks
// this, so those steps go no further. true: the step was ours.
/** @param {PopStateEvent} event */
function onPopState(event) {
  if (ownPops > 0) {
    ownPops--;
    if (ownPops === 0) popped.splice(0).forEach((resolve) => resolve());
  } else if (stack.length && location.pathname !== stack[0].path) {
    // A jump further back (a long press on Back): the views go, and the page changes as usual.
    [...stack].reverse().forEach((view) => view.close("navigate"));
    return false;
  } else if (stack.length) {
    stack[stack.length - 1].close("back");
  } else if (event.state && event.state.hipView) {
    // Forward onto the entry of a view that has closed: it stays closed, and the entry is skipped.
    back();
  } else return false;
  return true;
}
const win = /** @type {{hipPopState?: ((event: PopStateEvent) => boolean) | null}} */ (/** @type {unknown} */ (window));
if (win.hipPopState === null) win.hipPopState = onPopState;
else addEventListener("popstate", (event) => onPopState(event) && event.stopImmediatePropagation()); // a bare page
addEventListener("pagehide", () => {
  if (!stack.length) return;
  staleEntry = true;
  [...stack].reverse().forEach((view) => view.close("pagehide"));
});
// Back from the back/forward cache onto a dead view's entry: step off it quietly.
addEventListener("pageshow", (event) => {
  if (!staleEntry) return;
  staleEntry = false;
  if (event.persisted) back();
});

/** Goes back one history entry of ours; resolves when the browser is there. */
function back() {
  ownPops++;
  const done = new Promise((resolve) => popped.push(() => resolve(undefined)));
  history.back();
  return done;
}

/** @param {string} id */
function markup(id) {
  return h("dialog", { class: "hip-view", "aria-labelledby": `${id}-title` },
    h("div", { class: "hip-view__bar" },
      h("h2", { class: "hip-view__title", id: `${id}-title`, "data-part": "title" }),
      h("button", { type: "button", class: "hip-view__close", "data-part": "close" }, t("view.close"))),
    h("div", { class: "hip-view__safety" },
      h("p", {}, h("strong", {}, t("view.stopIfItHurts")), " ", t("view.support")),
      h("button", { type: "button", class: "hip-view__rules-toggle", "data-part": "rules-toggle",
        "aria-expanded": "false", "aria-controls": `${id}-rules` }, t("view.stopRules"))),
    h("div", { class: "hip-view__rules", id: `${id}-rules`, tabindex: "-1", hidden: true, "data-part": "rules" },
      h("div", { class: "hip-view__rules-text", "data-part": "rules-text" }),
      h("button", { type: "button", class: "hip-view__rules-back", "data-part": "rules-back" }, t("view.backToView"))),
    h("div", { class: "hip-view__body", "data-part": "view-body" }));
}

// The page's own stop rules (includes/stop-rules.md), else the way to the disclaimer.
function pageRules() {
  const rules = document.querySelector(".md-content .hip-stop");
  if (rules) return [...rules.children].filter((c) => !c.matches(".admonition-title")).map((c) => c.cloneNode(true));
  const notice = document.querySelector(".hip-notice a");
  return notice ? [notice.cloneNode(true)] : [];
}

/**
 * @param {object} options
 * @param {string} options.name  the tool: its class is hip-NAME
 * @param {string} options.title
 * @param {Node} options.body
 * @param {HTMLElement} options.opener  the button tapped: focus goes back to it
 * @param {AbortSignal} options.page  aborts when instant navigation replaces the page
 * @param {HTMLElement} [options.focus]  what gets focus inside the view (else Close)
 * @returns {View}
 */
export function openView({ name, title, body, opener, page, focus }) {
  const id = `hip-view-${++serial}`;
  const dialog = /** @type {HTMLDialogElement} */ (markup(id));
  dialog.classList.add(`hip-${name}`);
  const part = parts(dialog);
  part["view-body"].append(body);
  part.title.textContent = title;
  const scope = createScope();
  /** @type {((reason: CloseReason) => void)[]} */
  const hooks = [];
  const scrollY = window.scrollY;
  /** @type {Promise<void> | null} */
  let closing = null;

  function showRules(show, focus = true) {
    part.rules.hidden = !show;
    part["view-body"].hidden = show;
    part["rules-toggle"].setAttribute("aria-expanded", String(show));
    if (focus) (show ? part.rules : part["rules-toggle"]).focus();
  }
  part["rules-text"].append(...pageRules());
  scope.on(part["rules-toggle"], "click", () => showRules(part.rules.hidden));
  scope.on(part["rules-back"], "click", () => showRules(false));
  scope.on(part.close, "click", () => view.close("close"));
  // Escape, and Android's back gesture where the browser routes it to the dialog.
  scope.on(dialog, "cancel", (event) => {
    event.preventDefault();
    view.close("escape");
  });
  // A link inside the view (My log, the disclaimer): close first, then follow it.
  scope.on(dialog, "click", (event) => {
    const link = /** @type {Element} */ (event.target).closest("a[href]");
    if (!link || event.defaultPrevented || /** @type {MouseEvent} */ (event).button) return;
    event.preventDefault();
    event.stopPropagation(); // Material's instant navigation, on the body, would follow it at once
    view.close("link").then(() => follow(/** @type {HTMLAnchorElement} */ (link).href));
  });
  // Whatever gets focus or is scrolled to stays clear of the sticky stop rule (WCAG 2.4.11).
  const safety = /** @type {HTMLElement} */ (dialog.querySelector(".hip-view__safety"));
  const padding = new ResizeObserver(() => (dialog.style.scrollPaddingTop = `${safety.offsetHeight}px`));
  padding.observe(safety);
  scope.observe(padding);
  scope.on(page, "abort", () => view.close("navigate"));

  /** @type {View & {close: (reason?: CloseReason) => Promise<void>}} */
  const view = {
    dialog,
    scope,
    path: location.pathname,
    setTitle: (text) => (part.title.textContent = text),
    setRunning: (on) => dialog.classList.toggle("hip-view--running", on),
    showMode(modes, mode) {
      for (const [name, element] of Object.entries(modes)) element.hidden = name !== mode;
      view.setRunning(mode === "run");
    },
    onClose: (hook) => hooks.push(hook),
    close(reason = "close") {
      if (closing) return closing;
      const at = stack.indexOf(view);
      if (at >= 0) stack.splice(at, 1);
      for (const hook of hooks) {
        try {
          hook(reason);
        } catch (error) {
          reportError(error);
        }
      }
      scope.close();
      if (dialog.open) dialog.close();
      dialog.remove();
      const leaving = reason === "navigate" || reason === "pagehide" || reason === "link";
      if (!leaving) {
        window.scrollTo({ top: scrollY, behavior: "instant" });
        if (opener.isConnected) opener.focus({ preventScroll: true });
      }
      // Back already took the entry away; instant navigation and pagehide have moved on from it.
      closing = reason === "close" || reason === "escape" || reason === "link" ? back() : Promise.resolve();
      return closing;
    },
  };

  const host = opener.closest(".hip-view")?.parentElement || opener.closest(".hip-tool") || document.body;
  host.append(dialog);
  if (page.aborted) {
    view.close("navigate");
    return view;
  }
  // The page's entry keeps its place by our hand (close puts the scroll back), not the
  // browser's, which would restore where it was when the entry was left; Material does the same.
  history.scrollRestoration = "manual";
  history.pushState({ hipView: id }, "");
  stack.push(view);
  dialog.showModal();
  // Without scrolling: the view opens at its top, title bar and stop rule in sight.
  (focus || part.close).focus({ preventScroll: true });
  return view;
}

// Follows a link the way a link on the page would be: through Material's
// instant navigation when it manages the address, else a page load.
/** @param {string} href */
function follow(href) {
  const link = h("a", { href, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}
