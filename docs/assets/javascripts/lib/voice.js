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
//   const voice = createVoice({onproblem: (message) => ...});
//   voice.status  // "ready" | "loading" | "no-local-voice" | "unsupported" | "blocked" | "failed"
//   voice.settle();  // a few seconds on: no voices by now means none
//   voice.say("Step 1 of 5.", () => next());  // the callback runs when the words end or fail
//   voice.cancel();

// Why speech is off, in plain words (shown in the view).
export const VOICE_STATUS = {
  ready: "",
  loading: "Looking for a voice on this phone…",
  "no-local-voice":
    "This phone has no voice that works offline, so nothing is spoken (other voices would send the words away). The sounds still work.",
  unsupported: "This browser cannot speak. The sounds still work.",
  blocked: "The browser blocked speech. Press Start again to allow it; the sounds still work.",
  failed: "Speech stopped working on this phone. The sounds still work.",
};

const language = (lang) => String(lang || "").toLowerCase().replace("_", "-");

// The voice to use: on the device, in the page's language, the system's
// default among those first. voices: speechSynthesis.getVoices().
export function pickVoice(voices, lang = "en") {
  const want = language(lang);
  const base = want.split("-")[0];
  const local = [...voices].filter((v) => v.localService && language(v.lang).split("-")[0] === base);
  return local.find((v) => v.default) || local.find((v) => language(v.lang) === want) || local[0] || null;
}

export function createVoice({ lang = "en", onproblem = () => {} } = {}) {
  const synth = globalThis.speechSynthesis;
  const Utterance = globalThis.SpeechSynthesisUtterance;
  const speaking = new Set(); // Chrome drops events of utterances it garbage-collects: hold them
  let voice = null;
  let status = synth && Utterance ? "loading" : "unsupported";
  let waited = false; // after settle(), an empty list means no voice, not "still loading"

  function refresh() {
    if (status === "unsupported" || status === "blocked" || status === "failed") return status;
    const voices = synth.getVoices();
    voice = pickVoice(voices, lang);
    status = voice ? "ready" : voices.length || waited ? "no-local-voice" : "loading";
    return status;
  }
  refresh();

  function problem(next) {
    status = next;
    speaking.clear();
    onproblem(VOICE_STATUS[next], next);
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
