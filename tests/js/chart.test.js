// Unit tests of My log's chart (my-log/chart.js): the weeks it counts, the
// words that stand for it, and the SVG it draws. Run by tests/test_coach.py
// through `node --test`; tests/test_log.py looks at it in Chromium.
import assert from "node:assert/strict";
import test from "node:test";
import { SPAN, chart, weekStart, weeks, widest } from "../../docs/assets/javascripts/my-log/chart.js";

process.env.TZ = "Europe/Berlin";

// How wide a label is in em, as the page measures it: here within about 0.3 em of DejaVu Sans Bold,
// the fonts the browser tests pin: 0.66 em a letter, 0.35 for a space, a stop or a thin letter.
const estimate = (text) => [...text].reduce((sum, c) => sum + (/[\s,.:;'il|!]/.test(c) ? 0.35 : 0.66), 0);
const at = (local, painBefore = null, painAfter = null) => ({ date: new Date(local).toISOString(), painBefore, painAfter });
// 9 sessions over the 4 weeks from Monday 2 November 2026, and "now" on Saturday 28 November.
const NOW = new Date("2026-11-28T10:00");
const NINE = [
  at("2026-11-02T08:30", 4, 3), at("2026-11-04T19:00", 4, 2),
  at("2026-11-09T08:45", 3, 3), at("2026-11-11T08:30", 3, null), at("2026-11-13T20:10", null, 2),
  at("2026-11-17T08:30", 2, 2), at("2026-11-18T08:40", 3, 1),
  at("2026-11-23T09:00", 2, 1), at("2026-11-26T08:30", 1, 1),
];

test("weeks run Monday to Sunday in the phone's time zone, across a clock change", () => {
  assert.equal(weekStart(new Date("2026-11-01T23:30")).getDate(), 26); // a Sunday: the week of Monday 26 October
  assert.equal(weekStart(new Date("2026-11-02T00:10")).getDate(), 2);
  const { weeks: list } = weeks([at("2026-10-20T09:00"), at("2026-10-26T09:00")], new Date("2026-11-03T09:00"));
  assert.deepEqual(list.map((w) => [w.start.getDate(), w.count]), [[19, 1], [26, 1], [2, 0]]); // summer time ended on 25 October
});

test("nine sessions over four weeks: the count per week and each pain rating", () => {
  const data = weeks(NINE, NOW);
  assert.deepEqual(data.weeks.map((w) => w.count), [2, 3, 2, 2]);
  assert.equal(data.points.length, 9);
  assert.deepEqual(data.points.map((p) => p.before), [4, 4, 3, 3, null, 2, 3, 2, 1]);
});

test("empty weeks count, and the chart keeps to the last weeks", () => {
  assert.deepEqual(weeks([at("2026-11-02T08:30")], NOW).weeks.map((w) => w.count), [1, 0, 0, 0]);
  const long = weeks([at("2025-01-06T08:00"), ...NINE], NOW);
  assert.equal(long.weeks.length, SPAN);
  assert.equal(long.weeks.reduce((sum, w) => sum + w.count, 0), 9); // the session before the span is left out
});

test("the words say what the chart shows, and judge nothing", () => {
  const { title, summary } = chart(NINE, { now: NOW, locale: "en-GB" });
  assert.equal(title, "Sessions per week and pain ratings, last 4 weeks");
  assert.equal(summary,
    "Sessions each week, from the week of 2 Nov to the week of 23 Nov: 2, 3, 2, 2 (9 in all). Pain ratings, 0 to 10. " +
    "Before a session: 8 ratings; first 4 (2 Nov), last 1 (26 Nov), lowest 1, highest 4. " +
    "After: 8 ratings; first 3 (2 Nov), last 1 (26 Nov), lowest 1, highest 3.");
  assert.doesNotMatch(summary, /better|worse|improv|should|goal|target/i);
  assert.equal(chart([at("2026-11-26T08:30")], { now: NOW, locale: "en-GB" }).summary,
    "Sessions each week, the week of 23 Nov: 1 (1 in all). No pain ratings in these weeks.");
});

test("the SVG has its title and summary, a bar per week with sessions, and a mark per rating", () => {
  const { svg, title, summary } = chart(NINE, { now: NOW, width: 288, font: 14, locale: "en-GB", id: "c", measure: estimate });
  assert.match(svg, /^<svg [^>]*role="img"[^>]*aria-labelledby="c-title c-desc"/);
  assert.ok(svg.includes(`<title id="c-title">${title}</title><desc id="c-desc">${summary}</desc>`));
  assert.equal(svg.match(/class="hip-chart__bar"/g).length, 4);
  assert.equal(svg.match(/class="hip-chart__before"/g).length, 8 + 1); // and one in the legend
  assert.equal(svg.match(/class="hip-chart__after"/g).length, 8 + 1);
  assert.match(svg, /viewBox="0 0 288 [\d.]+" width="288"/);
  // Nothing drawn past the width at 320 px (288 px of column).
  for (const [, x] of svg.matchAll(/ (?:x|x2|cx)="([\d.]+)"/g)) assert.ok(Number(x) <= 288, x);
});

test("at a large text size the legend moves under the pain label instead of running off", () => {
  const wide = chart(NINE, { now: NOW, width: 288, font: 14, locale: "en-GB", measure: estimate }).svg;
  const big = chart(NINE, { now: NOW, width: 288, font: 28, locale: "en-GB", measure: estimate }).svg;
  const legendY = (svg) => Number(svg.match(/>before<\/text>/) && svg.match(/y="([\d.]+)">before</)[1]);
  const labelY = (svg) => Number(svg.match(/y="([\d.]+)">Pain, 0 to 10:</)[1]);
  assert.equal(legendY(wide), labelY(wide));
  assert.ok(legendY(big) > labelY(big));
  // 200% text on a 320 px phone (256 px of column): drawn at a size whose words fit.
  const size = Number(chart(NINE, { now: NOW, width: 256, font: 28, measure: estimate }).svg.match(/font-size="([\d.]+)"/)[1]);
  assert.ok(size < 28 && size * widest(estimate) <= 256.1, String(size));
});

test("each language's labels and legend are placed for its own words: none overlaps another or runs off", async () => {
  const { useLanguage } = await import("../../docs/assets/javascripts/lib/i18n.js");
  // The words' boxes, from the drawing: [x, width] on the baseline y, by the same estimate the chart used.
  const boxes = (svg) => [...svg.matchAll(/<text class="hip-chart__label" x="([\d.]+)" y="([\d.]+)">([^<]+)</g)]
    .map(([, x, y, text]) => ({ text, x: Number(x), y: Number(y), end: Number(x) + estimate(text) * size(svg) }));
  const size = (svg) => Number(svg.match(/font-size="([\d.]+)"/)[1]);
  // The legend's marks, which a word must not cover.
  const marks = (svg) => [...svg.matchAll(/<line class="hip-chart__(?:before|after)-line" x1="([\d.]+)" x2="([\d.]+)" y1="([\d.]+)"/g)]
    .map(([, x1, x2, y]) => ({ x: Number(x1), end: Number(x2), y: Number(y) }));
  try {
    for (const lang of ["en", "es"]) {
      await useLanguage(lang);
      for (const [width, font] of [[288, 14], [328, 14], [256, 28], [1200, 16]]) {
        const { svg } = chart(NINE, { now: NOW, width, font, locale: lang, measure: estimate });
        const words = boxes(svg);
        for (const word of words) assert.ok(word.end <= width + 0.5, `${lang} ${width}: "${word.text}" runs off (${word.end})`);
        for (const [i, a] of words.entries()) {
          for (const b of words.slice(i + 1)) {
            if (a.y === b.y) assert.ok(a.end <= b.x || b.end <= a.x, `${lang} ${width}: "${a.text}" overlaps "${b.text}"`);
          }
          for (const m of marks(svg)) {
            if (Math.abs(m.y - a.y) < size(svg)) assert.ok(a.end <= m.x || m.end <= a.x, `${lang} ${width}: "${a.text}" covers a mark`);
          }
        }
      }
    }
  } finally {
    await useLanguage("en");
  }
});
