/**
 * The alarm's sound, made with WebAudio (nothing to download): three rising two-tone pips, unlike any
 * system sound. Browsers let a page make sound only after the officer has interacted with it; signing in
 * is such an interaction, and until one happens the sound is skipped (the title, the announcement and the
 * notification still tell).
 */
let context: AudioContext | undefined;

const PIP_S = 0.14;
const GAP_S = 0.06;
const TONES_HZ = [660, 990] as const;
const REPEATS = 3;

export function playCriticalAlarm(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const start = context.currentTime + 0.02;
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      TONES_HZ.forEach((hz, index) => pip(context!, hz, start + (repeat * TONES_HZ.length + index) * (PIP_S + GAP_S) + repeat * 0.2));
    }
  } catch {
    // No audio device or no WebAudio: the other signals still tell.
  }
}

function pip(audio: AudioContext, hz: number, at: number): void {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = 'triangle';
  oscillator.frequency.setValueAtTime(hz, at);
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.25, at + 0.015);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + PIP_S);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(at);
  oscillator.stop(at + PIP_S + 0.02);
}
