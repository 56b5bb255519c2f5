// What a hands-free session says and plays, the same in every tool: words
// through an on-device voice (lib/voice.js), sounds made in code
// (lib/tones.js), a vibration and a flash of the screen. Each is on only
// if the reader ticked it and the phone can do it; the notes say, in
// plain words, what will not work and why, and mention only what was ticked.
//
//   const out = createHandsFree({ scope, lang, flash: element, onproblem });
//   out.prime({ speak: true, sound: false, vibrate: false, flash: false });  // in the tap
//   out.say("Step 1 of 5. …", () => next());
//   out.cue("start");    // a phase's sound, vibration and flash
//   out.count(3);        // a number said, or a tick
//   out.notes(choices)   // ["This browser cannot play sounds.", …]

import { t } from "./i18n.js";
import { createTones } from "./tones.js";
import { createVoice, voiceNote } from "./voice.js";

/** @typedef {{speak: boolean, sound: boolean, vibrate: boolean, flash: boolean}} Outputs */

// Felt as well as heard: each cue's vibration pattern (ms on, off, on...).
/** @type {Record<string, number[]>} */
export const VIBRATE = { start: [200], end: [100, 80, 100], switch: [300, 150, 300], done: [600] };

const SETTLE = 3000; // ms for voices to arrive (some browsers never say there are none)
export const canVibrate = () => typeof navigator.vibrate === "function";
const reducedMotion = () => matchMedia("(prefers-reduced-motion: reduce)").matches;

/**
 * @param {object} options
 * @param {import("./scope.js").Scope} options.scope  speech and sound stop when it closes
 * @param {string} options.lang  the words' language
 * @param {HTMLElement} [options.flash]  the layer that flashes (class hip-flash)
 * @param {(status: import("./voice.js").VoiceStatus) => void} [options.onproblem]  speech broke mid-run
 * @param {() => void} [options.onvoices]  the list of voices changed
 */
export function createHandsFree({ scope, lang, flash, onproblem = () => {}, onvoices = () => {} }) {
  const voice = createVoice({ lang, onproblem });
  const tones = createTones();
  /** @type {Outputs} */
  let on = { speak: false, sound: false, vibrate: false, flash: false };
  scope.add(() => {
    voice.cancel();
    tones.close();
  });
  const synth = globalThis.speechSynthesis;
  if (synth && typeof synth.addEventListener === "function") {
    scope.on(synth, "voiceschanged", () => {
      voice.refresh();
      onvoices();
    });
  }
  if (flash) scope.on(flash, "animationend", () => flash.classList.remove("hip-flash--on"));
  // Voices get a few seconds to arrive before "looking for a voice" becomes "none".
  const settling = scope.timer();
  let settled = false;

  return {
    voice,
    tones,
    get on() {
      return on;
    },
    /**
     * In the tap that starts a session (iOS starts speech and sound only there).
     * @param {Outputs} choice  what the reader ticked
     * @returns {Outputs} what will really work
     */
    prime(choice) {
      on = {
        speak: choice.speak && voice.prime(),
        sound: choice.sound && tones.prime(),
        vibrate: choice.vibrate && canVibrate(),
        flash: choice.flash && Boolean(flash),
      };
      if (choice.speak && !on.speak && voice.status === "loading") voice.settle();
      return on;
    },
    /** Speech broke (or the reader turned it off): the run goes on without it. */
    mute() {
      on = { ...on, speak: false };
    },
    /**
     * Says the words if speech is on; done() runs when they end, or at once without speech.
     * @param {string} text
     * @param {() => void} [done]
     */
    say(text, done = () => {}) {
      if (!on.speak) {
        done();
        return false;
      }
      return voice.say(text, done);
    },
    silence: () => voice.cancel(),
    /** @param {string | null} kind  a phase's cue: start, end, switch, done */
    cue(kind) {
      if (!kind) return;
      if (on.sound) tones.play(kind);
      if (on.vibrate) navigator.vibrate(VIBRATE[kind] || 0);
      if (on.flash && flash) {
        flash.classList.remove("hip-flash--on");
        void flash.offsetWidth; // restart the animation
        flash.classList.add("hip-flash--on");
      }
    },
    /** @param {number} n  a number counted: said, or a tick */
    count(n) {
      if (on.speak) voice.say(t("plan.number", { n }));
      else if (on.sound) tones.play("tick");
    },
    /**
     * What will not work, for the choices ticked now, in plain words.
     * @param {Outputs} choice
     */
    notes(choice) {
      if (choice.speak && voice.status === "loading" && !settled) {
        settled = true;
        settling.start(() => {
          voice.settle();
          onvoices();
        }, SETTLE);
      }
      const notes = [];
      if (choice.speak && voice.status !== "ready") notes.push(voiceNote(voice.status, lang));
      if (choice.sound && !tones.supported) notes.push(t("handsFree.noSound"));
      if (choice.vibrate && !canVibrate()) notes.push(t("handsFree.noVibrate"));
      if (choice.flash && reducedMotion()) notes.push(t("handsFree.stillFrame"));
      const fallback = choice.speak && voice.status !== "ready" && voice.status !== "loading";
      if (fallback && choice.sound && tones.supported) notes.push(t("handsFree.soundsStillWork"));
      if (fallback && choice.vibrate && canVibrate()) notes.push(t("handsFree.vibrationStillWorks"));
      return notes;
    },
  };
}
