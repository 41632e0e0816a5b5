import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_BACKENDS } from '../support/hub';
import { runChaos, SCALES } from './run';

/**
 * The fault-injection suite of issue 7. `npm test` runs the short form with a fixed seed; `npm run
 * test:chaos` runs the full form (CHAOS_SCALE=full) with a new seed each time. Replay a run with
 * CHAOS_SEED=<seed> and CHAOS_SCALE=<short|full>. The last line printed is the count line.
 */
const scale = process.env.CHAOS_SCALE === 'full' ? SCALES.full : SCALES.short;
const seed = process.env.CHAOS_SEED !== undefined ? Number(process.env.CHAOS_SEED) : scale === SCALES.full ? Math.floor(Math.random() * 1e6) : 1;
const TIMEOUT_MS = scale === SCALES.full ? 60 * 60_000 : 10 * 60_000;

const warnings = new Map<string, number>();
beforeAll(() => {
  // The consoles say what they ride out (cache writes after a reload, rejected payloads); counted, not shown.
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    const key = String(args[0]).replace(/\d+/g, 'N').slice(0, 120);
    warnings.set(key, (warnings.get(key) ?? 0) + 1);
  });
});
afterAll(() => vi.restoreAllMocks());

describe(`the fault-injection suite (${scale.name})`, () => {
  it.each(TEST_BACKENDS.map((backend) => [backend.name, backend] as const))(
    'given a real hub on %s and consoles under a schedule of faults, then every console and cache ends with the hub\'s picture and every command is applied once or refused with a reason',
    async (_name, backend) => {
      if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`CHAOS_SEED must be a non-negative integer, not ${process.env.CHAOS_SEED}`);
      const started = Date.now();
      console.log(`chaos: seed ${seed}, scale ${scale.name}, ${backend.name} (replay with CHAOS_SEED=${seed} CHAOS_SCALE=${scale.name})`);
      warnings.clear();
      const report = await runChaos(scale, seed, backend, (line) => console.log(line));
      const kinds = Object.entries(report.faultsByKind).map(([kind, count]) => `${count} ${kind}`).join(', ');
      console.log(`chaos: faults: ${kinds}; ${report.races} races between officers; ${report.resentDuplicates} commands answered duplicate: true`);
      console.log(`chaos: refusals by code: ${JSON.stringify(report.refusalsByCode)}; ${Math.round((Date.now() - started) / 1000)} s on ${backend.name}`);
      for (const [warning, count] of warnings) console.log(`chaos: console warned ${count}x: ${warning}`);
      for (const problem of report.problems) console.log(`chaos: PROBLEM ${problem}`);
      console.log(report.line);

      expect(report.problems).toEqual([]);
      expect(report.lost).toBe(0);
      expect(report.duplicated).toBe(0);
      expect(report.applied + report.refused).toBe(report.commands);
    },
    TIMEOUT_MS,
  );
});
