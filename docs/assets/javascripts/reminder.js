// A reminder the reader sets (<!-- hip:reminder -->, hipmd/tools.py; on My
// log and the sequence pages): days of the week and a time in, a calendar
// file (.ics, lib/ics.js) out, for the phone's calendar to remind them. It
// starts empty and suggests nothing: the guide sets no schedule. Nothing is
// sent or kept by the site: the file is made here, on the phone, and the
// reminder then lives in the reader's calendar. main.js loads this only on
// a page that holds the panel.

import { DAYS, readReminder, weeklyReminder } from "./lib/ics.js";
import { stylesheet } from "./lib/page.js";

let serial = 0;

const FORM = (id) => `
  <h2 id="${id}-heading">A reminder in your calendar</h2>
  <p>If you want a reminder, choose days and a time, and get a calendar file. Open it, and your phone's calendar
    reminds you on those days. The guide sets no days for you. Nothing is sent anywhere: the reminder lives in
    your calendar, and you delete it there.</p>
  <form class="hip-reminder__form" novalidate data-reminder="form">
    <fieldset class="hip-reminder__days" aria-describedby="${id}-status">
      <legend>Days</legend>
      ${DAYS.map(([code, name]) => `<label class="hip-reminder__day"><input type="checkbox" name="day" value="${code}"
        aria-label="${name}"><span aria-hidden="true">${name.slice(0, 3)}</span></label>`).join("")}
    </fieldset>
    <div class="hip-reminder__time">
      <label for="${id}-time">Time</label>
      <input type="time" id="${id}-time" name="time" aria-describedby="${id}-status" data-reminder="time">
    </div>
    <button type="submit" class="md-button">Get the calendar file</button>
    <p class="hip-reminder__status" id="${id}-status" role="status" tabindex="-1" data-reminder="status"></p>
  </form>`;

const list = (names) => (names.length < 3 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

// The page's public address (og:url from the post-build), else where it is served.
function address() {
  const meta = /** @type {HTMLMetaElement | null} */ (document.querySelector("meta[property='og:url']"));
  return meta ? meta.content : new URL(location.pathname, location.href).href;
}

function title() {
  const heading = document.querySelector(".md-content h1");
  return heading ? heading.textContent.replace(/¶$/, "").trim() : document.title;
}

function download(text, name, parent) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name, hidden: true });
  parent.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

export async function enhance(root) {
  const panel = root.querySelector("[data-hip-panel='reminder']");
  if (!panel) return;
  await stylesheet("reminder.css");
  const id = `hip-reminder-${++serial}`;
  panel.setAttribute("aria-labelledby", `${id}-heading`);
  panel.setAttribute("role", "region");
  panel.innerHTML = FORM(id);
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
    download(weeklyReminder({ days, time, title: title(), url, now: new Date() }), `reminder-${slug}.ics`, panel);
    const names = DAYS.filter(([code]) => days.includes(code)).map(([, name]) => `${name}s`);
    status.textContent = `Your calendar file is ready: open it (it is with your downloads) to add it to your calendar. ` +
      `It reminds you on ${list(names)} at ${time}, with a link to this page. To stop it, delete the event in your calendar.`;
    status.focus();
  });
}
