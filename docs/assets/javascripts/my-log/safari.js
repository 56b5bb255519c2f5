// Is this Safari on an iPhone or iPad, in a tab rather than opened from the
// Home Screen? There, WebKit deletes a site's storage (the log included)
// after 7 days of Safari use without a visit; a Home Screen app is exempt.
// Other browsers on iOS name themselves in the user agent. iPadOS asks for
// desktop pages as a Mac, which has no touch screen. Pure, for the unit tests.

const OTHERS = /CriOS|FxiOS|EdgiOS|OPiOS|OPT\/|GSA\/|DuckDuckGo|YaBrowser|Brave|FBAN|FBAV|Instagram/;

export function safariTab({ userAgent = "", maxTouchPoints = 0, standalone = false } = {}) {
  const ios = /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
  const safari = /Version\/[\d.]+ .*Safari\//.test(userAgent) && !OTHERS.test(userAgent);
  return ios && safari && !standalone;
}
