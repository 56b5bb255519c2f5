// The plan form: holds per side, seconds per hold, rest and the leg the
// reader stands on, every field empty until the reader fills it (this
// guide sets no dose). The reader's own plan is kept per sequence page
// when started; the hands-free choices (Speak, Sounds, Vibrate, Flash)
// once for the site. Both in localStorage, on this phone only.

import { readPain } from "../lib/done.js";
import { canVibrate } from "../lib/hands-free.js";
import { t } from "../lib/i18n.js";
import * as log from "../lib/log.js";
import * as plans from "../lib/plan.js";

const SETTINGS = "hip-workout"; // localStorage: speak, beep, vibrate, flash (the reader's choices)
const PLANS = "hip-plans"; // localStorage: the reader's plan per sequence page
const FIELDS = ["holds", "seconds", "rest", "sides"];
// The choices' parts and the names they are kept under (kept as they were first saved).
const OUTPUTS = { speak: "speak", sound: "beep", vibrate: "vibrate", "flash-choice": "flash" };

/** @param {string} key */
function load(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || "null") || {};
  } catch {
    return {};
  }
}

/** @param {string} key @param {unknown} value */
function save(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode: the choices last for this page only.
  }
}

/**
 * @param {object} options
 * @param {import("../lib/scope.js").Scope} options.scope
 * @param {Record<string, HTMLElement>} options.part
 * @param {ReturnType<typeof import("../lib/hands-free.js").createHandsFree>} options.out
 */
export function createPlanForm({ scope, part, out }) {
  const input = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (part[name]);
  const planKey = location.pathname;
  const settings = load(SETTINGS);

  for (const name of FIELDS) input(name).value = load(PLANS)[planKey]?.[name] ?? "";
  for (const [name, key] of Object.entries(OUTPUTS)) {
    input(name).checked = Boolean(settings[key]);
    scope.on(input(name), "change", () => {
      settings[key] = input(name).checked;
      save(SETTINGS, settings);
      if (name === "speak") out.voice.refresh();
      notes();
    });
  }
  if (!canVibrate()) {
    input("vibrate").disabled = true;
    input("vibrate").parentElement?.lastChild?.replaceWith(t("handsFree.vibrateUnsupported"));
  }

  const choices = () => ({
    speak: input("speak").checked,
    sound: input("sound").checked,
    vibrate: input("vibrate").checked,
    flash: input("flash-choice").checked,
  });

  // What this phone cannot do for what is ticked, and how the steps are paced, in plain words.
  function notes() {
    const chosen = choices();
    const list = out.notes(chosen);
    if (!log.available()) list.push(t("workout.noLog"));
    part.support.textContent = list.join(" ");
    part.pacing.textContent = t(chosen.speak && out.voice.status === "ready" ? "workout.pacing.spoken" : "workout.pacing.reader");
  }

  scope.on(part.clear, "click", () => {
    const all = load(PLANS);
    delete all[planKey];
    save(PLANS, all);
    for (const name of FIELDS) {
      input(name).value = "";
      input(name).removeAttribute("aria-invalid");
    }
    part.message.textContent = t("workout.plan.cleared");
    input("holds").focus();
  });

  return {
    notes,
    choices,
    // The reader's plan and pain rating, or the problems, said and focused.
    read() {
      const values = Object.fromEntries(FIELDS.map((name) => [name, input(name).value]));
      const { plan, errors } = plans.readPlan(values);
      const pain = readPain(input("pain-before").value);
      for (const name of FIELDS) input(name).toggleAttribute("aria-invalid", Boolean(errors[name]));
      input("pain-before").toggleAttribute("aria-invalid", "error" in pain);
      if (!plan || "error" in pain) {
        part.message.textContent = [...Object.values(errors), "error" in pain ? pain.error : ""].filter(Boolean).join(" ");
        input([...FIELDS.filter((name) => errors[name]), "pain-before"][0]).focus();
        return null;
      }
      const all = load(PLANS);
      all[planKey] = values;
      save(PLANS, all);
      part.message.textContent = "";
      return { plan, painBefore: "value" in pain ? pain.value : null };
    },
    reset() {
      input("pain-before").value = "";
      part.message.textContent = "";
    },
  };
}
