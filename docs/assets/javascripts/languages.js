// The header's language menu after an instant navigation. The post-build
// points each language's link at this page in that language; instant
// navigation swaps the content, not the header, so main.js calls follow()
// on each page after the first. Every language has the same pages at the
// same paths under its own root (the theme resolves this language's as
// __md_scope at the first load): a language's root is its link on the first
// page less that page's path (where the link is not that page's, as on the
// 404 page, it is the root itself), and its link now is that root and this
// page's path.

/** @type {{link: HTMLAnchorElement, first: string, root: string}[] | null} */
let languages = null;

/** @param {string} url  a page's address, less the root of its language */
const path = (url) => url.split(/[?#]/)[0].slice(String(/** @type {any} */ (globalThis).__md_scope).length);

/** @param {string} start  the address of the page first loaded */
export function follow(start) {
  const first = path(start);
  languages ??= [...document.querySelectorAll("a.md-select__link[hreflang]")].map((element) => {
    const link = /** @type {HTMLAnchorElement} */ (element);
    return { link, first: link.href, root: link.href.endsWith(`/${first}`) ? link.href.slice(0, link.href.length - first.length) : link.href };
  });
  const now = path(location.href);
  for (const { link, first: href, root } of languages) link.href = now === first ? href : root + now;
}
