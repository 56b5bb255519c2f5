// A reminder the reader sets (<!-- hip:reminder -->, hipmd/tools.py; on My
// log and the sequence pages): days of the week and a time in, a calendar
// file (.ics, lib/ics.js) out, for the phone's calendar to remind them. It
// starts empty and suggests nothing: the guide sets no schedule. Nothing is
// sent or kept by the site: the file is made here, on the phone, and the
// reminder then lives in the reader's calendar. main.js loads this only on
// a page that holds the panel. Its words come from the message catalog
// ("reminder.*"); the days' names, the time and lists through Intl, in the
// page's language.

import { h } from "./lib/dom.js";
import { regionalLocales, t, useLanguage } from "./lib/i18n.js";
import { DAYS, readReminder, weeklyReminder } from "./lib/ics.js";
import { stylesheet } from "./lib/page.js";

let serial = 0;

/**
 * A day's name in the page's language: "Monday", or "Mon" (1 January 2024 was a Monday).
 * @param {string} code  "MO"
 * @param {"long" | "short"} [weekday]
 */
const dayName = (code, weekday = "long") =>
  new Intl.DateTimeFormat(regionalLocales(), { weekday }).format(new Date(2024, 0, 1 + DAYS.indexOf(code)));

// "It reminds you on Mondays and Thursdays": each day as a list of them names it.
/** @type {Record<string, import("./lib/i18n.js").MessageKey>} */
const ON = {
  MO: "reminder.on.MO", TU: "reminder.on.TU", WE: "reminder.on.WE", TH: "reminder.on.TH",
  FR: "reminder.on.FR", SA: "reminder.on.SA", SU: "reminder.on.SU",
};

/** @param {string} id */
function markup(id) {
  return [
    h("h2", { id: `${id}-heading` }, t("reminder.heading")),
    h("p", {}, t("reminder.intro")),
    h("form", { class: "hip-reminder__form", novalidate: true, "data-reminder": "form" },
      h("fieldset", { class: "hip-reminder__days", "aria-describedby": `${id}-status` },
        h("legend", {}, t("reminder.days")),
        DAYS.map((code) => h("label", { class: "hip-reminder__day" },
          h("input", { type: "checkbox", name: "day", value: code, "aria-label": dayName(code) }),
          h("span", { "aria-hidden": "true" }, dayName(code, "short"))))),
      h("div", { class: "hip-reminder__time" },
        h("label", { for: `${id}-time` }, t("reminder.time")),
        h("input", { type: "time", id: `${id}-time`, name: "time", "aria-describedby": `${id}-status`, "data-reminder": "time" })),
      h("button", { type: "submit", class: "md-button" }, t("reminder.get")),
      h("p", { class: "hip-reminder__status", id: `${id}-status`, role: "status", tabindex: -1, "data-reminder": "status" })),
  ];
}

// "07:30" as the reader's clock reads it: "07:30", "7:30 AM".
function clock(time) {
  const [hours, minutes] = time.split(":").map(Number);
  return new Intl.DateTimeFormat(regionalLocales(), { timeStyle: "short" }).format(new Date(2024, 0, 1, hours, minutes));
}

// The page's public address (og:url from the post-build), else where it is served.
function address() {
  return meta("og:url") || new URL(location.pathname, location.href).href;
}

function meta(property) {
  return /** @type {HTMLMetaElement | null} */ (document.querySelector(`meta[property='${property}']`))?.content;
}

function title() {
  const heading = document.querySelector(".md-content h1");
  return heading ? heading.textContent.replace(/¶$/, "").trim() : document.title;
}

function download(text, name, parent) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
  const link = h("a", { href: url, download: name, hidden: true });
  parent.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

export async function enhance(root) {
  const panel = root.querySelector("[data-hip-panel='reminder']");
  if (!panel) return;
  await Promise.all([stylesheet("reminder.css"), useLanguage()]);
  const id = `hip-reminder-${++serial}`;
  panel.setAttribute("aria-labelledby", `${id}-heading`);
  panel.setAttribute("role", "region");
  panel.replaceChildren(...markup(id));
  const $ = (name) => panel.querySelector(`[data-reminder="${name}"]`);
  const form = $("form");
  const status = $("status");

  // What the reader still had to choose goes as soon as they choose it.
  form.addEventListener("input", () => {
    if ($("time").value) $("time").removeAttribute("aria-invalid");
    if (status.dataset.asked) status.textContent = "";
    delete status.dataset.asked;
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const days = [...form.elements.day].filter((box) => box.checked).map((box) => box.value);
    const time = $("time").value;
    const errors = readReminder(days, time);
    $("time").toggleAttribute("aria-invalid", Boolean(errors.time));
    if (errors.days || errors.time) {
      status.textContent = [errors.days, errors.time].filter(Boolean).join(" ");
      status.dataset.asked = "yes";
      (errors.days ? form.elements.day[0] : $("time")).focus();
      return;
    }
    const url = address();
    const slug = new URL(url).pathname.split("/").filter(Boolean).pop() || "home";
    const site = meta("og:site_name") || undefined; // the site's name in the page's language; else weeklyReminder's own
    download(weeklyReminder({ days, time, title: title(), url, site, now: new Date() }), t("reminder.file", { page: slug }), panel);
    const names = DAYS.filter((code) => days.includes(code)).map((code) => t(ON[code]));
    status.textContent = t("reminder.ready", { days: new Intl.ListFormat(regionalLocales(), { type: "conjunction" }).format(names), time: clock(time) });
    status.focus();
  });
}
