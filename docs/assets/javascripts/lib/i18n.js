// The tools' words, from one message catalog per language
// (messages/<lang>.js; English, messages/en.js, is the reference and the
// fallback for a key a catalog lacks). A message is a string with {name}
// slots, or an object of plural forms ({one, other}, chosen with
// Intl.PluralRules by the slot "count"). Numbers in slots go through
// Intl.NumberFormat, so each language writes them its own way.
//
//   await useLanguage(document.documentElement.lang);   // before a view is built
//   t("plan.holdOf", { hold: 2, holds: 5 })              // "Hold 2 of 5"
//   new Intl.DateTimeFormat(regionalLocales(), { dateStyle: "medium" })   // dates and times

import en from "../messages/en.js";

/** @typedef {keyof typeof en} MessageKey */
/** @typedef {string | Partial<Record<Intl.LDMLPluralRule, string>>} Message */

/** @type {Record<string, () => Promise<Record<string, Message>>>} */
const CATALOGS = {
  en: async () => en,
  es: () => import("../messages/es.js").then((catalog) => catalog.default),
};

/** @type {Record<string, Message>} */
let messages = en;
let locale = "en";

/** The page's language, as its <html lang> says: "en", "es"... */
export const pageLanguage = () => (document.documentElement.lang || "en").toLowerCase().split(/[-_]/)[0];

/**
 * Loads the catalog for lang (the page's language by default); English where there is none.
 * @param {string} [lang]
 */
export async function useLanguage(lang = pageLanguage()) {
  const load = CATALOGS[lang] || CATALOGS.en;
  messages = await load();
  locale = CATALOGS[lang] ? lang : "en";
}

/** The language the words come in now. */
export const currentLocale = () => locale;

/**
 * The locales for Intl's dates, times and lists: the reader's own form of
 * the words' language first, where their browser asks for one (a British
 * browser on an English page reads "2 Nov", an American one "Nov 2"), then
 * that language itself (an English browser on a Spanish page reads Spanish).
 * @returns {string[]}
 */
export function regionalLocales() {
  const asked = globalThis.navigator?.languages ?? [];
  return [...asked.filter((tag) => tag.toLowerCase().split(/[-_]/)[0] === locale), locale];
}

/**
 * @param {MessageKey} key
 * @param {Record<string, unknown>} [slots]  strings and numbers fill slots; other fields are ignored
 * @returns {string}
 */
export function t(key, slots = {}) {
  /** @type {Message | undefined} */
  let message = messages[key] ?? en[key];
  if (message === undefined) throw new Error(`no message "${key}" in messages/en.js`);
  if (typeof message !== "string") {
    const form = new Intl.PluralRules(locale).select(Number(slots.count));
    message = message[form] ?? message.other ?? "";
  }
  return message.replace(/\{(\w+)\}/g, (_, name) => {
    const value = slots[name];
    return typeof value === "number" ? new Intl.NumberFormat(locale).format(value) : value == null ? "" : String(value);
  });
}
