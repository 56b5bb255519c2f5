// "Update available — Reload": the bar offline.js shows when a new deploy's
// worker is installed and waiting, in the page's language (the message
// catalog). Reload asks that worker to take over; offline.js reloads then.

import { h } from "./lib/dom.js";
import { t, useLanguage } from "./lib/i18n.js";

/** @param {() => void} reload */
export async function offer(reload) {
  await useLanguage();
  if (document.querySelector(".hip-update")) return;
  const button = h("button", { type: "button", class: "hip-update__reload" }, t("offline.reload"));
  button.addEventListener("click", reload);
  document.body.append(h("div", { class: "hip-update", role: "status" }, h("span", {}, t("offline.update")), button));
}
