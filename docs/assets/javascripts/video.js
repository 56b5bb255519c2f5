// Click-to-load facade for YouTube/Vimeo: the other host hears nothing until
// the reader taps play. Without JavaScript the link opens the player instead.
// Loaded by main.js only on pages that have a hosted video.

/**
 * @param {HTMLElement} root the page's content
 * @param {AbortSignal} signal aborts when the next page comes
 */
export function enhance(root, signal) {
  root.addEventListener("click", (event) => {
    const facade = /** @type {Element} */ (event.target).closest("a[data-hip-embed]");
    if (!facade || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    const frame = document.createElement("iframe");
    frame.src = facade.dataset.hipEmbed;
    frame.title = facade.dataset.hipTitle;
    frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    facade.replaceWith(frame);
    frame.focus();
  }, { signal });
}
