// Unit tests of on-device speech (lib/voice.js) and the Web Audio tones
// (lib/tones.js) with stand-ins for the browser's objects. Run by
// tests/test_coach.py through `node --test`.
import assert from "node:assert/strict";
import test from "node:test";
import { TONES, createTones } from "../../docs/assets/javascripts/lib/tones.js";
import { createVoice, pickVoice, voiceNote } from "../../docs/assets/javascripts/lib/voice.js";

const voice = (name, lang, localService, isDefault = false) => ({ name, lang, localService, default: isDefault });

// A stand-in speechSynthesis that records what it is asked to say.
function fakeSpeech(voices) {
  const spoken = [];
  // Object.assign, not `=`: the stand-ins have only what voice.js uses, not all the DOM types ask for.
  Object.assign(globalThis, {
    SpeechSynthesisUtterance: class extends EventTarget {
      constructor(text) {
        super();
        this.text = text;
      }
    },
    speechSynthesis: {
      paused: false,
      getVoices: () => voices,
      speak: (u) => spoken.push(u),
      cancel: () => spoken.push("cancel"),
      resume() {},
    },
  });
  return spoken;
}

const error = (name) => Object.assign(new Event("error"), { error: name });

test("only a voice on the device is picked, in the page's language, the default first", () => {
  const remote = voice("Cloud English", "en-US", false, true);
  const british = voice("Local British", "en-GB", true);
  const american = voice("Local American", "en-US", true);
  const german = voice("Lokal", "de-DE", true, true);
  assert.equal(pickVoice([remote, german], "en"), null);
  assert.equal(pickVoice([remote, british, american], "en-US"), american);
  const systemDefault = voice("Local default", "en-US", true, true);
  assert.equal(pickVoice([remote, british, systemDefault], "en-GB"), systemDefault);
  assert.equal(pickVoice([remote, voice("Underscore", "en_AU", true)], "en").name, "Underscore");
});

test("no local voice: nothing is spoken, and the reason is plain", () => {
  const spoken = fakeSpeech([voice("Cloud", "en-US", false, true)]);
  const v = createVoice({ lang: "en" });
  assert.equal(v.status, "no-local-voice");
  assert.equal(v.prime(), false);
  let ended = false;
  assert.equal(v.say("Step 1 of 5.", () => (ended = true)), false);
  assert.ok(ended, "the caller goes on without speech");
  assert.deepEqual(spoken, []);
  assert.equal(voiceNote("no-local-voice", "en"),
    "This phone has no English voice that works offline, so nothing is spoken (other voices would send the words away).");
  assert.match(voiceNote("no-local-voice", "es"), /no Spanish voice that works offline/);
  assert.equal(voiceNote("ready", "en"), "");
});

test("voices that arrive later are picked up on refresh; every utterance names the local voice", () => {
  const list = [];
  const spoken = fakeSpeech(list);
  const v = createVoice({ lang: "en" });
  assert.equal(v.status, "loading");
  list.push(voice("Local", "en-GB", true));
  assert.equal(v.refresh(), "ready");
  assert.equal(v.prime(), true);
  let ended = 0;
  v.say("Hold 1 of 2.", () => ended++);
  const utterance = spoken.at(-1);
  assert.equal(utterance.voice.name, "Local");
  assert.equal(utterance.lang, "en-GB");
  utterance.dispatchEvent(new Event("end"));
  utterance.dispatchEvent(error("interrupted"));
  assert.equal(ended, 1, "the callback runs once");
});

test("a browser that never sends voices: after settle(), none means no voices at all, and later voices still count", () => {
  const list = [];
  fakeSpeech(list);
  const v = createVoice({ lang: "en" });
  assert.equal(v.status, "loading");
  assert.equal(v.settle(), "no-voices");
  assert.match(voiceNote("no-voices", "en"), /has no voices to speak with/);
  list.push(voice("Late", "en-US", true));
  assert.equal(v.refresh(), "ready");
});

test("WebKit's error names: a cancel is normal, not-allowed blocks until the next tap, others stop speech", () => {
  fakeSpeech([voice("Local", "en-US", true)]);
  const problems = [];
  const v = createVoice({ lang: "en", onproblem: (status) => problems.push(status) });
  v.say("One");
  globalThis.speechSynthesis.speak = (u) => u.dispatchEvent(error("canceled"));
  v.say("Two");
  assert.equal(v.status, "ready");
  globalThis.speechSynthesis.speak = (u) => u.dispatchEvent(error("not-allowed"));
  v.say("Three");
  assert.equal(v.status, "blocked");
  assert.equal(v.say("Four"), false);
  assert.equal(v.prime(), true, "a new tap may try again");
  globalThis.speechSynthesis.speak = (u) => u.dispatchEvent(error("synthesis-failed"));
  v.say("Five");
  assert.equal(v.status, "failed");
  assert.deepEqual(problems, ["blocked", "failed"]);
});

test("no speechSynthesis at all: unsupported, and saying is a no-op", () => {
  delete globalThis.speechSynthesis;
  delete globalThis.SpeechSynthesisUtterance;
  const v = createVoice();
  assert.equal(v.status, "unsupported");
  assert.equal(v.prime(), false);
  v.cancel();
});

test("the tones are told apart by their notes: start rises, end falls, switch alternates, done climbs", () => {
  const signature = (kind) => JSON.stringify(TONES[kind].notes.map(([hertz]) => hertz));
  const kinds = ["start", "end", "switch", "done", "tick"];
  assert.equal(new Set(kinds.map(signature)).size, kinds.length);
  const pitches = (kind) => TONES[kind].notes.map(([hertz]) => hertz);
  assert.ok(pitches("start")[1] > pitches("start")[0]);
  assert.ok(pitches("end")[1] < pitches("end")[0]);
  assert.ok(pitches("done").every((p, i, all) => i === 0 || p > all[i - 1]));
  for (const kind of kinds) assert.ok(TONES[kind].notes.at(-1)[1] + TONES[kind].notes.at(-1)[2] <= 1, `${kind} is short`);
});

test("no Web Audio: tones say so and play nothing", () => {
  delete globalThis.AudioContext;
  const tones = createTones();
  assert.equal(tones.supported, false);
  assert.equal(tones.prime(), false);
  assert.equal(tones.play("start"), false);
});
