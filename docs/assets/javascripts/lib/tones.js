// Short sounds made in code with Web Audio (no audio files): a different
// one for the start of a hold, its end, a switch of sides and the end of a
// session, and a tick for counting. Square and triangle waves carry over
// music better than a pure tone.
//
// Browsers start sound only from a tap (iOS most strictly): call prime()
// synchronously in the click handler that starts a session.
//
//   const tones = createTones();
//   tones.prime();          // in the tap
//   tones.play("start");    // later, any time
//   tones.beep(523.3);      // one short beep at a pitch (the pelvis meter's tilt tone)

// kind -> {wave, notes: [[hertz, start s, length s], ...]}
export const TONES = {
  start: { wave: "square", notes: [[660, 0, 0.12], [990, 0.15, 0.22]] }, // up: go
  end: { wave: "square", notes: [[990, 0, 0.12], [660, 0.15, 0.28]] }, // down: let go
  switch: { wave: "triangle", notes: [[784, 0, 0.1], [523, 0.13, 0.1], [784, 0.26, 0.1], [523, 0.39, 0.14]] },
  done: { wave: "triangle", notes: [[523, 0, 0.14], [659, 0.15, 0.14], [784, 0.3, 0.14], [1047, 0.45, 0.45]] },
  tick: { wave: "sine", notes: [[1200, 0, 0.07]] },
};

export function createTones({ volume = 0.35 } = {}) {
  const Context = globalThis.AudioContext || globalThis.webkitAudioContext;
  let context = null;

  return {
    supported: Boolean(Context),
    // In the tap: make (or wake) the audio context and play a silent sample,
    // which unlocks sound on iOS. Returns false where there is no Web Audio.
    prime() {
      if (!Context) return false;
      try {
        context ||= new Context();
        if (context.state !== "running") context.resume().catch(() => {});
        const silence = context.createBufferSource();
        silence.buffer = context.createBuffer(1, 1, 22050);
        silence.connect(context.destination);
        silence.start(0);
        return true;
      } catch {
        context = null;
        return false;
      }
    },
    play(kind) {
      return sound(TONES[kind]);
    },
    beep(hertz, length = 0.09) {
      return sound({ wave: "triangle", notes: [[hertz, 0, length]] });
    },
    close() {
      if (context) context.close().catch(() => {});
      context = null;
    },
  };

  // One sound: its notes, each with a short fade in and out (no clicks).
  function sound(tone) {
    if (!context || !tone) return false;
    // iOS suspends ("interrupted") the context after a call or a lock; try to wake it.
    if (context.state !== "running") context.resume().catch(() => {});
    const t0 = context.currentTime + 0.01;
    for (const [hertz, at, length] of tone.notes) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = tone.wave;
      oscillator.frequency.setValueAtTime(hertz, t0 + at);
      gain.gain.setValueAtTime(0.0001, t0 + at);
      gain.gain.exponentialRampToValueAtTime(volume, t0 + at + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + at + length);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(t0 + at);
      oscillator.stop(t0 + at + length + 0.02);
    }
    return true;
  }
}
