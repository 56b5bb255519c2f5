// The one start-up helper. `onPage(setup)` runs setup(root, signal) for
// every page Material shows: the first load and each page its instant
// navigation swaps in (through the theme's document$). `signal` aborts when
// the next page comes, so listeners added with { signal } never pile up.
// Without Material (a bare page), setup runs once when the document is ready.

export function onPage(setup) {
  let controller = null;
  const run = () => {
    controller?.abort();
    controller = new AbortController();
    setup(document.querySelector(".md-content") || document.body, controller.signal);
  };
  if (typeof document$ !== "undefined") document$.subscribe(run);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run, { once: true });
  else run();
}

// Runs fn once the page has painted and loaded: work no first screen needs.
export function afterFirstPaint(fn) {
  const later = () => requestAnimationFrame(() => setTimeout(fn, 0));
  if (document.readyState === "complete") later();
  else addEventListener("load", later, { once: true });
}

// Loads one of our stylesheets that no first screen needs (views.css,
// my-log.css), next to site.css, once; resolves when it applies (or fails:
// unstyled beats nothing), so a module can await it before it shows anything.
const sheets = new Map();
export function stylesheet(name) {
  if (!sheets.has(name)) {
    sheets.set(name, new Promise(/** @param {(value?: unknown) => void} resolve */ (resolve) => {
      const site = /** @type {HTMLLinkElement | null} */ (document.querySelector("link[rel=stylesheet][href*='stylesheets/site.css']"));
      if (!site) return resolve();
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL(name, site.href).href;
      link.addEventListener("load", resolve, { once: true });
      link.addEventListener("error", resolve, { once: true });
      site.after(link);
    }));
  }
  return sheets.get(name);
}

// An address in the language's own site (a page's path from its root: "log/"),
// whichever page is showing. Material resolves the site's root once, at the
// first load (__md_scope); the manifest's link in the head is the fallback.
/** @param {string} path */
export function siteUrl(path) {
  const scope = /** @type {any} */ (globalThis).__md_scope;
  const manifest = /** @type {HTMLLinkElement | null} */ (document.querySelector("link[rel=manifest]"));
  const root = scope instanceof URL ? scope.href : manifest ? new URL(".", manifest.href).href : location.href;
  return new URL(path, root).href;
}
