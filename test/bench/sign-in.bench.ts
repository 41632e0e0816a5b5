import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withBenchHub } from './bench-hub';
import { percentile, type Bench, type Measurement } from './report';
import type { GuessMessage, GuessPlan, GuessResult } from './sign-in-load';

/**
 * Sign-in resists guessing without slowing anyone else: another officer's sign-in latency on the bench hub
 * (demo officers) unloaded, then while an attacker in a child process sends 50 wrong passwords a
 * second at one account from another address, side by side in one run. Each sign-in is a full HTTP round
 * trip with its password hashing.
 */
const GUESSES_PER_SECOND = 50;
const SIGN_INS = 20;
const WARM_UP_MS = 3_000;

async function signInTimes(url: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'lead', password: 'lead' }) });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`the officer's sign-in answered ${response.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

function startGuessing(plan: GuessPlan): Promise<{ stop: () => Promise<GuessResult> }> {
  const child = fork(fileURLToPath(new URL('./sign-in-load.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  let finished!: (result: GuessResult) => void;
  let failed!: (error: Error) => void;
  const result = new Promise<GuessResult>((resolve, reject) => ((finished = resolve), (failed = reject)));
  return new Promise((resolve, reject) => {
    child.on('message', (message: GuessMessage) => {
      if ('guessing' in message) resolve({ stop: () => (child.send({ stop: true }), result) });
      else if (message.ok) finished(message.result);
      else failed(new Error(message.error));
    });
    child.once('exit', (code) => code !== 0 && (reject(new Error(`guesser exited with ${code}`)), failed(new Error(`guesser exited with ${code}`))));
    child.send(plan);
  });
}

export const bench: Bench = {
  name: `sign-in: another officer's sign-in unloaded vs during ${GUESSES_PER_SECOND} wrong passwords/s at one account`,
  async run() {
    const { unloaded, loaded, guesses } = await withBenchHub('sign-in', async (hub) => {
      const unloaded = await signInTimes(hub.url, SIGN_INS);
      const guesser = await startGuessing({ url: hub.url, username: 'duty', perSecond: GUESSES_PER_SECOND });
      // Past the free failures, so the officer signs in while the account is being guessed at, throttled.
      await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
      const loaded = await signInTimes(hub.url, SIGN_INS);
      return { unloaded, loaded, guesses: await guesser.stop() };
    });
    const unloadedP95 = percentile(unloaded, 95);
    const loadedP95 = percentile(loaded, 95);
    const hashed = guesses.byStatus['401'] ?? 0;
    const measurements: Measurement[] = [
      { label: 'officer sign-in, unloaded: p50', value: percentile(unloaded, 50), unit: 'ms' },
      { label: 'officer sign-in, unloaded: p95', value: unloadedP95, unit: 'ms' },
      { label: 'officer sign-in, during the guessing: p50', value: percentile(loaded, 50), unit: 'ms' },
      { label: 'officer sign-in, during the guessing: p95', value: loadedP95, unit: 'ms' },
      { label: 'guesses sent per s', value: guesses.sent / guesses.seconds, unit: 'guesses/s' },
      { label: 'guesses checked (hashed, answered 401)', value: hashed, unit: 'guesses' },
      { label: 'guesses turned away unhashed (429)', value: guesses.byStatus['429'] ?? 0, unit: 'guesses' },
      { label: 'guesses unanswered at the end, or failed', value: guesses.sent - hashed - (guesses.byStatus['429'] ?? 0), unit: 'guesses' },
    ];
    return {
      name: bench.name,
      measurements,
      verdicts: [
        {
          target: "another officer's sign-in p95 during the guessing < 2x its unloaded p95",
          measured: `${loadedP95.toFixed(0)} ms vs ${unloadedP95.toFixed(0)} ms (${(loadedP95 / unloadedP95).toFixed(2)}x)`,
          pass: loadedP95 < 2 * unloadedP95,
        },
      ],
    };
  },
};
