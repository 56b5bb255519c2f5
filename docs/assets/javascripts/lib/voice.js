// Spoken guidance with the browser's own speechSynthesis, using only voices
// that run on the device (localService), so no text ever leaves the phone.
// Where there is no such voice, nothing is spoken and `status` says why.
//
// iOS speaks only if the first utterance is made inside a tap: call
// prime() and then say() synchronously in the click handler that starts
// speech (no await before them). Voices arrive asynchronously: call
// refresh() on the synthesizer's "voiceschanged" (attach and detach it with
// the view that speaks).
//
//   const voice = createVoice({lang: "en", onproblem: (status) => ...});
//   voice.status  // "ready" | "loading" | "no-voices" | "no-local-voice" | "unsupported" | "blocked" | "failed"
//   voice.settle();  // a few seconds on: no voices by now means none
//   voice.say("Step 1 of 5.", () => next());  // the callback runs when the words end or fail
//   voice.cancel();
//   voiceNote(voice.status, "en")  // why nothing is spoken, in plain words

import { currentLocale, t } from "./i18n.js";

/** @typedef {"ready" | "loading" | "no-voices" | "no-local-voice" | "unsupported" | "blocked" | "failed"} VoiceStatus */

/** @type {Record<VoiceStatus, import("./i18n.js").MessageKey | null>} */
const NOTES = {
  ready: null,
  loading: "voice.loading",
  "no-voices": "voice.noVoices",
  "no-local-voice": "voice.noLocalVoice",
  unsupported: "voice.unsupported",
  blocked: "voice.blocked",
  failed: "voice.failed",
};

/**
 * Why speech is off, in plain words ("" when it works), in the catalog's language.
 * @param {VoiceStatus} status
 * @param {string} lang  the language the words would be in (a voice for it is what is missing)
 */
export function voiceNote(status, lang) {
  const key = NOTES[status];
  if (!key) return "";
  let language = lang;
  try {
    language = new Intl.DisplayNames([currentLocale()], { type: "language" }).of(base(lang)) || lang;
  } catch {
    // An unknown code: say it as it is.
  }
  return t(key, { language });
}

// "en_GB" (Android) and "en-GB" alike.
/** @param {string} lang */
const language = (lang) => String(lang || "").toLowerCase().replace("_", "-");
/** @param {string} lang */
const base = (lang) => language(lang).split("-")[0];

// The voice to use: on the device, in the page's language, the system's
// default among those first. voices: speechSynthesis.getVoices().
export function pickVoice(voices, lang = "en") {
  const want = language(lang);
  const local = [...voices].filter((v) => v.localService && base(v.lang) === base(want));
  return local.find((v) => v.default) || local.find((v) => language(v.lang) === want) || local[0] || null;
}

/**
 * @param {object} [options]
 * @param {string} [options.lang]  the words' language
 * @param {(status: VoiceStatus) => void} [options.onproblem]  speech broke: "blocked" or "failed"
 */
export function createVoice({ lang = "en", onproblem = () => {} } = {}) {
  const synth = globalThis.speechSynthesis;
  const Utterance = globalThis.SpeechSynthesisUtterance;
  const speaking = new Set(); // Chrome drops events of utterances it garbage-collects: hold them
  let voice = null;
  /** @type {VoiceStatus} */
  let status = synth && Utterance ? "loading" : "unsupported";
  let waited = false; // after settle(), an empty list means no voice, not "still loading"

  function refresh() {
    if (status === "unsupported" || status === "blocked" || status === "failed") return status;
    const voices = synth.getVoices();
    voice = pickVoice(voices, lang);
    status = voice ? "ready" : voices.length ? "no-local-voice" : waited ? "no-voices" : "loading";
    return status;
  }
  refresh();

  function problem(next) {
    status = next;
    speaking.clear();
    onproblem(next);
  }

  return {
    get status() {
      return status;
    },
    get voice() {
      return voice;
    },
    refresh,
    // Voices have had time to arrive: if there are still none, say so rather
    // than "looking" (some browsers never send voiceschanged when they have none).
    settle() {
      waited = true;
      return refresh();
    },
    // In the tap that starts speaking: clear anything stuck from before (a
    // known Chrome problem after a reload) and wake a paused engine (Safari).
    // Speech is allowed again after a "blocked" error only from a new tap.
    prime() {
      if (status === "blocked") status = "loading";
      if (refresh() !== "ready") return false;
      synth.cancel();
      if (synth.paused) synth.resume();
      return true;
    },
    say(text, done = () => {}) {
      if (status !== "ready") {
        done();
        return false;
      }
      const utterance = new Utterance(text);
      utterance.voice = voice; // always set: the default voice may be a network one
      utterance.lang = voice.lang;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        speaking.delete(utterance);
        done();
      };
      utterance.addEventListener("end", finish);
      utterance.addEventListener("error", (event) => {
        // Our own cancel() (pause, stop) interrupts; anything else ends speech for this run.
        if (event.error === "not-allowed") problem("blocked");
        else if (event.error !== "interrupted" && event.error !== "canceled") problem("failed");
        finish();
      });
      speaking.add(utterance);
      synth.speak(utterance);
      return true;
    },
    cancel() {
      if (status === "unsupported") return;
      speaking.clear();
      synth.cancel();
    },
  };
}
