// My log at a glance: sessions per week (bars) and the pain ratings before
// and after each session (two lines, 0 to 10) over the same weeks, as one
// SVG with a title and a text summary for screen readers. Pure: entries in,
// markup and words out, so it is drawn at the width it is shown (crisp text
// at 320 px and on a desktop) and tested under node. Its words come from the
// message catalog ("chart.*"); dates through Intl in the page's language, in
// the reader's regional form (locale: regionalLocales() unless given).
//
//   const {svg, title, summary} = chart(entries, {now, width, font, locale, id});
//
// The weeks: Monday to Sunday in the phone's time zone, from the week of
// the first session (at most SPAN weeks back) to this week, empty weeks
// included. Colours are CSS classes (log.css: the theme's custom properties,
// black on paper); before and after differ by mark and line too (hollow
// circles on a dashed line, filled squares on a solid one), not by colour
// alone. The words state what the log holds and judge nothing.

import { currentLocale, regionalLocales, t } from "../lib/i18n.js";

export const SPAN = 12; // weeks at most: a column stays wide enough to tap-read at 320 px

const DAY = 86400000;
const escape = (text) => String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const round = (n) => Math.round(n * 10) / 10;
/** @param {string | string[]} locale */
const dayOf = (locale) => {
  const format = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" });
  return (/** @type {Date} */ d) => format.format(d);
};
const number = (/** @type {number} */ n) => new Intl.NumberFormat(currentLocale()).format(n);

export function weekStart(date) {
  const d = new Date(date);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
}
const plusWeeks = (monday, n) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7 * n);

// The weeks shown and the sessions in them: {weeks: [{start, count}], from, to, points: [{time, before, after}]}.
export function weeks(entries, now, span = SPAN) {
  const last = weekStart(now);
  const first = entries.length ? weekStart(entries.reduce((a, e) => (e.date < a ? e.date : a), entries[0].date)) : last;
  const n = Math.max(1, Math.min(span, Math.round((last.getTime() - first.getTime()) / (7 * DAY)) + 1));
  const list = Array.from({ length: n }, (_, i) => ({ start: plusWeeks(last, i - n + 1), count: 0 }));
  const from = list[0].start;
  const to = plusWeeks(last, 1);
  const points = [];
  for (const entry of entries) {
    const time = new Date(entry.date);
    if (time < from || time >= to) continue;
    list[Math.floor(Math.round((weekStart(time).getTime() - from.getTime()) / DAY) / 7)].count += 1;
    if (entry.painBefore != null || entry.painAfter != null) points.push({ time, before: entry.painBefore ?? null, after: entry.painAfter ?? null });
  }
  points.sort((a, b) => a.time - b.time);
  return { weeks: list, from, to, points };
}

// What a series of ratings did, in words.
function ratings(name, points, key, day) {
  const rated = points.filter((p) => p[key] !== null);
  if (!rated.length) return t("chart.ratings.none", { name });
  const first = rated[0];
  if (rated.length === 1) return t("chart.ratings.single", { name, value: first[key], day: day(first.time) });
  const values = rated.map((p) => p[key]);
  const last = rated[rated.length - 1];
  return t("chart.ratings.many", {
    name, count: rated.length, first: first[key], firstDay: day(first.time), last: last[key], lastDay: day(last.time),
    lowest: Math.min(...values), highest: Math.max(...values),
  });
}

/**
 * @param {ReturnType<typeof weeks>} data
 * @param {string | string[]} [locale]  for the dates and lists
 */
export function describe(data, locale = regionalLocales()) {
  const day = dayOf(locale);
  const n = data.weeks.length;
  const counts = new Intl.ListFormat(locale, { type: "unit", style: "short" }).format(data.weeks.map((w) => number(w.count)));
  const total = data.weeks.reduce((sum, w) => sum + w.count, 0);
  const title = n === 1 ? t("chart.title.thisWeek") : t("chart.title.weeks", { count: n });
  const summary = [
    n === 1
      ? t("chart.summary.week", { from: day(data.from), counts, total })
      : t("chart.summary.weeks", { from: day(data.from), to: day(data.weeks[n - 1].start), counts, total }),
    data.points.length ? t("chart.summary.pain") : t("chart.summary.noPain"),
    ...(data.points.length ? [ratings(t("chart.before"), data.points, "before", day), ratings(t("chart.after"), data.points, "after", day)] : []),
  ].join(" ");
  return { title, summary };
}

// How wide a label is (they are bold), in em of its font size: measured in
// the page, in the font it is drawn in (my-log.js), or else about 0.6 em a
// character.
/** @typedef {(text: string) => number} Measure */
/** @type {Measure} */
const estimate = (text) => text.length * 0.6;

// Where the legend's second mark starts, and its width, in em: "○ before ■
// after", each mark on its line (1.6 em, its word 2 em from its start).
function legendLayout(measure) {
  const after = 2.9 + measure(t("chart.legend.before"));
  return { after, width: after + 2 + measure(t("chart.legend.after")) };
}

// The geometry, in px of the drawn width; f is the text size. The legend
// goes beside the pain panel's label where it fits, else under it: both are
// as wide as their words in the page's language.
function frame(n, width, f, measure) {
  const left = 2 * f;
  const plot = width - left - f / 2;
  const bars = { top: 2.6 * f, height: 5 * f };
  const axis = bars.top + bars.height + 1.3 * f;
  const key = legendLayout(measure);
  const at = measure(t("chart.label.pain")) + 0.6;
  const beside = (at + key.width) * f <= width;
  const title = axis + 2 * f;
  const legend = beside ? { x: at * f, y: title, key } : { x: 0, y: title + 1.4 * f, key };
  const pain = { title, legend, top: legend.y + f, height: 8 * f };
  return { left, plot, slot: plot / n, bars, axis, pain, height: pain.top + pain.height + 0.7 * f };
}

function barsPanel(data, g, f, day) {
  const most = Math.max(1, ...data.weeks.map((w) => w.count));
  const parts = [`<text class="hip-chart__label" x="0" y="${round(f)}">${escape(t("chart.label.sessions"))}</text>`];
  const every = Math.max(1, Math.ceil((3.6 * f) / g.slot)); // a date label needs about 3.6 em
  const n = data.weeks.length;
  data.weeks.forEach((week, i) => {
    const x = g.left + i * g.slot;
    const h = (week.count / most) * g.bars.height;
    const bottom = g.bars.top + g.bars.height;
    if (week.count) {
      const w = Math.min(g.slot * 0.7, 3 * f);
      parts.push(`<rect class="hip-chart__bar" x="${round(x + (g.slot - w) / 2)}" y="${round(bottom - h)}" width="${round(w)}" height="${round(h)}"/>`);
      parts.push(`<text class="hip-chart__value" x="${round(x + g.slot / 2)}" y="${round(bottom - h - 0.3 * f)}" text-anchor="middle">${number(week.count)}</text>`);
    }
    if ((n - 1 - i) % every === 0) {
      const centre = Math.min(Math.max(x + g.slot / 2, g.left + 1.8 * f), g.left + g.plot - 1.8 * f + f / 2);
      parts.push(`<text class="hip-chart__tick" x="${round(centre)}" y="${round(g.axis)}" text-anchor="middle">${escape(day(week.start))}</text>`);
    }
  });
  parts.push(`<line class="hip-chart__axis" x1="${round(g.left)}" x2="${round(g.left + g.plot)}" y1="${round(g.bars.top + g.bars.height)}" y2="${round(g.bars.top + g.bars.height)}"/>`);
  return parts;
}

function painPanel(data, g, f) {
  const x = (time) => g.left + ((time - data.from) / (data.to - data.from)) * g.plot;
  const y = (value) => g.pain.top + g.pain.height - (value / 10) * g.pain.height;
  const parts = [
    `<text class="hip-chart__label" x="0" y="${round(g.pain.title)}">${escape(t("chart.label.pain"))}</text>`,
    ...legend(g, f),
  ];
  for (const value of [0, 5, 10]) {
    parts.push(`<line class="hip-chart__grid" x1="${round(g.left)}" x2="${round(g.left + g.plot)}" y1="${round(y(value))}" y2="${round(y(value))}"/>`);
    parts.push(`<text class="hip-chart__tick" x="${round(g.left - 0.4 * f)}" y="${round(y(value) + 0.35 * f)}" text-anchor="end">${number(value)}</text>`);
  }
  for (const key of ["before", "after"]) {
    const rated = data.points.filter((p) => p[key] !== null);
    if (rated.length > 1) parts.push(`<polyline class="hip-chart__${key}-line" points="${rated.map((p) => `${round(x(p.time))},${round(y(p[key]))}`).join(" ")}"/>`);
    for (const p of rated) parts.push(mark(key, x(p.time), y(p[key]), f));
  }
  return parts;
}

function mark(key, cx, cy, f) {
  if (key === "before") return `<circle class="hip-chart__before" cx="${round(cx)}" cy="${round(cy)}" r="${round(0.38 * f)}"/>`;
  const s = 0.5 * f;
  return `<rect class="hip-chart__after" x="${round(cx - s / 2)}" y="${round(cy - s / 2)}" width="${round(s)}" height="${round(s)}"/>`;
}

// "○ before ■ after": each mark on its line, then its word.
function legend(g, f) {
  const { x: at, y: base, key } = g.pain.legend;
  const y = base - 0.35 * f;
  return [
    `<line class="hip-chart__before-line" x1="${round(at)}" x2="${round(at + 1.6 * f)}" y1="${round(y)}" y2="${round(y)}"/>`,
    mark("before", at + 0.8 * f, y, f),
    `<text class="hip-chart__label" x="${round(at + 2 * f)}" y="${round(base)}">${escape(t("chart.legend.before"))}</text>`,
    `<line class="hip-chart__after-line" x1="${round(at + key.after * f)}" x2="${round(at + (key.after + 1.6) * f)}" y1="${round(y)}" y2="${round(y)}"/>`,
    mark("after", at + (key.after + 0.8) * f, y, f),
    `<text class="hip-chart__label" x="${round(at + (key.after + 2) * f)}" y="${round(base)}">${escape(t("chart.legend.after"))}</text>`,
  ];
}

// The width, in em, its widest line of words takes ("Sessions each week", the
// pain label or the legend, about 12 em in English): a text size the width
// cannot hold (200% text on a small phone) is drawn smaller, so nothing runs
// off the edge; the summary keeps every number.
/** @param {Measure} measure */
export const widest = (measure) => Math.max(measure(t("chart.label.sessions")), measure(t("chart.label.pain")),
  legendLayout(measure).width) + 0.5;

/**
 * @param {any[]} entries
 * @param {{now?: Date, width?: number, font?: number, locale?: string | string[], id?: string, measure?: Measure}} [options]
 */
export function chart(entries, { now = new Date(), width = 320, font: asked = 14, locale = regionalLocales(), id = "hip-chart",
  measure = estimate } = {}) {
  const font = Math.min(asked, width / widest(measure));
  const data = weeks(entries, now);
  const day = dayOf(locale);
  const { title, summary } = describe(data, locale);
  const g = frame(data.weeks.length, width, font, measure);
  const svg = [
    `<svg class="hip-chart__svg" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${round(width)} ${round(g.height)}" width="${round(width)}" height="${round(g.height)}" font-size="${round(font)}" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escape(title)}</title>`,
    `<desc id="${id}-desc">${escape(summary)}</desc>`,
    ...barsPanel(data, g, font, day),
    ...painPanel(data, g, font),
    "</svg>",
  ].join("");
  return { svg, title, summary, data };
}
