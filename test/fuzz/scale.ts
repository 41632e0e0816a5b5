/**
 * How long the fuzz suite runs and from which seed. `npm test` runs the short scale with a fixed seed;
 * `npm run test:fuzz` runs the full scale with a fresh seed. Replay any run with FUZZ_SEED=<seed> and
 * FUZZ_SCALE=<short|full>: every property gets the same seed, so the same inputs come in the same order.
 */
export interface FuzzScale {
  readonly name: 'short' | 'full';
  /** Runs per property, by door. */
  readonly runs: {
    readonly ingest: number;
    readonly command: number;
    readonly history: number;
    readonly details: number;
    readonly presence: number;
    readonly handshake: number;
    readonly ipc: number;
    readonly cacheRows: number;
    readonly cacheSessions: number;
  };
  /** Per test, in ms. */
  readonly timeoutMs: number;
}

const SCALES: Readonly<Record<'short' | 'full', FuzzScale>> = {
  short: {
    name: 'short',
    runs: { ingest: 400, command: 400, history: 120, details: 120, presence: 120, handshake: 40, ipc: 400, cacheRows: 30, cacheSessions: 2 },
    timeoutMs: 60_000,
  },
  full: {
    name: 'full',
    runs: { ingest: 4000, command: 4000, history: 1000, details: 1000, presence: 1000, handshake: 400, ipc: 4000, cacheRows: 300, cacheSessions: 12 },
    timeoutMs: 20 * 60_000,
  },
};

export interface FuzzRun {
  readonly scale: FuzzScale;
  readonly seed: number;
  /** What to give `fc.assert` for a property of this door: the run's seed and its number of runs. */
  params(door: keyof FuzzScale['runs']): { readonly seed: number; readonly numRuns: number };
  /** How to run this again, for the first line and every failure. */
  readonly replay: string;
}

export function fuzzRun(env: NodeJS.ProcessEnv = process.env): FuzzRun {
  const scale = env.FUZZ_SCALE === 'full' ? SCALES.full : SCALES.short;
  const given = env.FUZZ_SEED;
  const seed = given !== undefined ? Number(given) : scale === SCALES.full ? Math.floor(Math.random() * 2 ** 31) : 1;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new Error(`FUZZ_SEED must be an integer in [0, 2^32), not ${given}`);
  return {
    scale,
    seed,
    params: (door) => ({ seed, numRuns: scale.runs[door] }),
    replay: `FUZZ_SEED=${seed} FUZZ_SCALE=${scale.name} npx vitest run test/fuzz`,
  };
}
