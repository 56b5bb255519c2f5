// A weekly reminder the reader sets, as an iCalendar file (RFC 5545) that a
// phone's calendar imports: no account, no server, no notification
// permission. Pure, for the unit tests.
//
//   weeklyReminder({days: ["MO", "TH"], time: "07:30", title, url, now: new Date()}) -> the .ics text
//
// One VEVENT repeating weekly (RRULE FREQ=WEEKLY;BYDAY=...) from the first
// chosen day at or after now, with an alarm at its time and the page's link
// (URL, and in the description for calendars that do not show URL).
// - The time is floating (no TZID, no Z): 07:30 wherever the phone is, as a
//   routine the reader keeps; a TZID would also need a VTIMEZONE with the
//   zone's rules, which a browser cannot give.
// - The event has no length (no DTEND or DURATION): the guide sets no
//   session time. TRANSP:TRANSPARENT, so it never shows the reader as busy.
// - UID: from the page's address, the same each time, so a calendar can
//   tell a new file for the same page from another event.
// - Its words (the description, what the reader still has to choose) come
//   from the message catalog ("ics.*", "reminder.*"); the title is the page's.

import { t } from "./i18n.js";

// The week's days, Monday first, as RFC 5545 names them (reminder.js names them in the page's language).
export const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const JS_DAY = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };

const two = (n) => String(n).padStart(2, "0");
const localStamp = (d) => `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}T${two(d.getHours())}${two(d.getMinutes())}00`;
const utcStamp = (d) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");

// TEXT values: backslash, semicolon, comma and line breaks escaped.
export const escapeText = (text) => String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

// Lines of at most 75 octets, continued on lines that start with a space;
// never inside a UTF-8 character.
export function fold(line) {
  const encoder = new TextEncoder();
  const out = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

// The first chosen day, at the chosen time, at or after now (local time).
export function firstTime(days, time, now) {
  const [hours, minutes] = time.split(":").map(Number);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + ahead, hours, minutes);
    if (days.some((day) => JS_DAY[day] === d.getDay()) && d >= now) return d;
  }
  throw new Error("no day chosen");
}

// Which days and time, or what the reader still has to choose.
export function readReminder(days, time) {
  const errors = {};
  if (!days.length) errors.days = t("reminder.error.days");
  if (!/^\d\d:\d\d/.test(time || "")) errors.time = t("reminder.error.time");
  return errors;
}

export function uidFor(url) {
  const { host, pathname } = new URL(url);
  const slug = pathname.replace(/^\/+|\/+$/g, "").replace(/[^\w-]+/g, "-") || "home";
  return `reminder-${slug}@${host}`;
}

export function weeklyReminder({ days, time, title, url, site = "Side Hip Strength", now = new Date() }) {
  const ordered = DAYS.filter((code) => days.includes(code));
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:-//${site}//Reminder//EN`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${uidFor(url)}`,
    `DTSTAMP:${utcStamp(now)}`,
    `DTSTART:${localStamp(firstTime(ordered, time, now))}`,
    `RRULE:FREQ=WEEKLY;BYDAY=${ordered.join(",")}`,
    `SUMMARY:${escapeText(title)}`,
    `DESCRIPTION:${escapeText(t("ics.description", { site, url }))}`,
    `URL:${url}`,
    "TRANSP:TRANSPARENT",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    `DESCRIPTION:${escapeText(title)}`,
    "TRIGGER:PT0M",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
